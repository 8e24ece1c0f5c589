"""Properties over any valid runner (strategies in tests/strategies.py)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from contract import hard_rule_problems
from runplan.export.jsonout import plan_from_json, to_json
from runplan.models import Runner
from runplan.schedule import plan
from runplan.validation import validate
from strategies import runners, start_dates


@given(runner=runners(), start=start_dates(), weeks=st.integers(min_value=1, max_value=10))
def test_every_generated_plan_passes_the_validator(runner: Runner, start: date, weeks: int) -> None:
    p = plan(runner, start=start, weeks=weeks)
    assert validate(p, runner) == []
    assert hard_rule_problems(p, runner) == []


@given(runner=runners(), start=start_dates())
def test_plan_json_round_trips(runner: Runner, start: date) -> None:
    p = plan(runner, start=start, weeks=3)
    text = to_json(p)
    again = plan_from_json(text)
    assert again == p
    assert to_json(again) == text
