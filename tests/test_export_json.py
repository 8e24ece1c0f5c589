"""JSON export: the Plan contract, a lossless round trip, and readable errors."""

from __future__ import annotations

import json
from datetime import date

import pytest

from runplan.errors import PlanFormatError, RunplanError
from runplan.export import plan_from_json, to_ics, to_json, to_text
from runplan.rules import DISCLAIMER
from sample_plans import NASTY_NAME, all_plans, london_dst_plan

PLANS = all_plans()


@pytest.mark.parametrize("name", sorted(PLANS))
def test_round_trip(name: str) -> None:
    plan = PLANS[name]
    text = to_json(plan)
    again = plan_from_json(text)
    assert again == plan
    assert to_json(again) == text  # byte-identical re-serialisation
    assert plan_from_json(text.encode("utf-8")) == plan
    # the other exporters give the same result for the re-read plan
    assert to_ics(again) == to_ics(plan)
    assert to_text(again) == to_text(plan)


def test_layout() -> None:
    text = to_json(london_dst_plan())
    assert text.endswith("}\n")
    assert text.startswith('{\n  "runner": "Alex Doe",\n  "timezone": "Europe/London",\n')
    assert to_json(london_dst_plan()) == text


def test_contract_fields() -> None:
    data = json.loads(to_json(london_dst_plan()))
    assert list(data)[:6] == ["runner", "timezone", "start", "weeks", "advisories", "disclaimer"]
    assert data["disclaimer"] == DISCLAIMER
    assert data["start"] == "2026-03-23"
    run = data["weeks"][0]["days"][0]["sessions"][0]
    assert run["kind"] == "run"
    assert run["start"] == "2026-03-23T06:30:00+00:00"
    assert data["weeks"][0]["days"][6]["sessions"][0]["start"] == "2026-03-29T09:00:00+01:00"
    assert run["warmup"]["steps"][0]["kind"] == "walk"
    assert run["surface"] == "grass" and run["rules"][:2] == ["A1", "A2"]
    assert data["advisories"][0] == {
        "kind": "consult",
        "date": "2026-03-25",
        "message": london_dst_plan().advisories[0].message,
        "rules": ["A8"],
        "until": None,
    }
    assert data["revision"] == "2026-03-20T18:30:00+00:00"


def test_non_ascii_written_as_is() -> None:
    text = to_json(london_dst_plan(runner=NASTY_NAME))
    assert "Zoë" in text and "🏃" in text and "\\u" not in text
    assert "back\\\\slash\\nsecond line" in text  # JSON escapes, not lost


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{", "not valid JSON: Expecting property name enclosed in double quotes at line 1"),
        ("", "not valid JSON: Expecting value at line 1 column 1"),
        ("[]", "the top level is an array"),
        ("null", "the top level is null"),
        ('"plan"', "the top level is a string"),
        ("[" * 100000, "nests too deeply"),
    ],
)
def test_unreadable_json(text: str, expected: str) -> None:
    with pytest.raises(PlanFormatError) as info:
        plan_from_json(text, source="plan.json")
    message = str(info.value)
    assert message.startswith("plan.json: invalid plan: ")
    assert expected in message


def _bad(**change: object) -> str:
    data = json.loads(to_json(london_dst_plan()))
    for path, value in change.items():
        target = data
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if isinstance(target, list) else target[key]
        last = keys[-1]
        if value is _DELETE:
            del target[last]
        elif isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return json.dumps(data)


_DELETE = object()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"runner": _DELETE}, "runner: required field is missing"),
        ({"timezone": "Mars/Base"}, 'timezone: "Mars/Base" is not a known time zone'),
        ({"start": "2026-13-01"}, "start: "),
        (
            {"weeks__0__days__0__sessions__0__kind": "jog"},
            'weeks[0].days[0].sessions[0].kind: "jog" is not allowed',
        ),
        (
            {"weeks__0__days__0__sessions__0__duration_min": 0},
            "weeks[0].days[0].sessions[0].duration_min: 0 is too small",
        ),
        (
            {"weeks__0__days__0__sessions__0__start": "2026-03-23T06:30:00"},
            "weeks[0].days[0].sessions[0].start",
        ),
        ({"advisories__0__kind": "panic"}, 'advisories[0].kind: "panic" is not allowed'),
        ({"colour": "red"}, "colour: unknown field; allowed: runner, timezone"),
    ],
)
def test_invalid_plan_names_the_field(change: dict[str, object], expected: str) -> None:
    with pytest.raises(PlanFormatError) as info:
        plan_from_json(_bad(**change))
    assert expected in str(info.value)
    assert isinstance(info.value, RunplanError)
    assert info.value.problems
    assert "pydantic" not in str(info.value).lower()


def test_non_utf8_bytes() -> None:
    with pytest.raises(PlanFormatError, match="not UTF-8"):
        plan_from_json(b'{"runner": "\xff"}')


def test_dates_stay_dates() -> None:
    plan = plan_from_json(to_json(london_dst_plan()))
    assert plan.start == date(2026, 3, 23)
    assert type(plan.weeks[0].days[0].date) is date
