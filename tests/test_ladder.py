"""The R2 walk-run ladder and R4's integrity: the table for every final jog, the ladder
state's moves, and the validator's pace checks on real and hand-broken plans."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

import runplan
from runplan.models import Interval, IntervalKind, Plan, Runner
from runplan.rules.limits import (
    LADDER_DAYS,
    LADDER_FINAL_MAX,
    LADDER_GROWTH,
    LADDER_GROWTH_ADD,
    LadderStep,
)
from runplan.timeline import LadderState, ladder_steps
from runplan.validation import validate
from runplan.validation.ladder import longest_jog, runner_ladder

SCENARIOS = Path(__file__).parent / "data" / "scenarios"
FINALS = range(10, LADDER_FINAL_MAX + 1)  # the profile model guarantees a usual run >= warm-up + 10


def runner_for(final: int, warmup: int = 10) -> Runner:
    """A runner whose usual run has ``final`` running minutes (3 runs a week)."""
    return Runner.model_validate(
        {
            "name": "Ladder",
            "timezone": "UTC",
            "run_days": 3,
            "weekly_run_minutes": 3 * (final + warmup),
            "warmup_minutes": warmup,
            "equipment": [],
            "surfaces": ["grass"],
            "availability": {"mon": ["06:00-09:00"]},
        }
    )


@pytest.mark.parametrize("final", FINALS)
def test_every_step_at_most_doubles_or_adds_five(final: int) -> None:
    """R2: each running step at most doubles (or adds at most 5 minutes to) both the total
    jogging and the longest continuous jog of the step before."""
    steps = ladder_steps(final)[1:]
    for before, after in pairwise(steps):
        for a, b in ((before.jog, after.jog), (before.longest, after.longest)):
            assert b <= max(LADDER_GROWTH * a, a + LADDER_GROWTH_ADD), (final, before, after)


@pytest.mark.parametrize("final", FINALS)
def test_the_ladder_shape(final: int) -> None:
    """Step 0 the 30-minute brisk walk; at least six running steps from 1 minute of jogging
    per 5-minute block to ``final`` minutes of continuous jogging; no step jogs more in all
    than the final one (resting wins: never more than the usual run's running minutes)."""
    steps = ladder_steps(final)
    assert steps[0].stretches == (("walk", 30),)
    running = steps[1:]
    assert len(running) >= 6
    assert running[0].block == (("walk", 4), ("jog", 1))
    assert running[-1].stretches == (("jog", final),)
    assert all(s.jog <= final for s in running)
    assert all(s.longest < final for s in running[:-1])
    assert [s.longest for s in running] == sorted(s.longest for s in running)


@pytest.mark.parametrize("final", FINALS)
def test_the_validator_reads_the_same_ladder(final: int) -> None:
    """Two readings of R2 (scheduler and validator, written apart) agree on every step."""
    ours = [tuple(s.stretches) for s in ladder_steps(final)]
    assert list(runner_ladder(runner_for(final))) == ours
    assert [longest_jog(s) for s in ours] == [LadderStep(s).longest for s in ours]


def test_final_jog_caps_at_30() -> None:
    assert runner_ladder(runner_for(45))[-1] == (("jog", LADDER_FINAL_MAX),)
    assert len(runner_ladder(runner_for(45))) == 9  # the walk, 7 table steps, the final


# --------------------------------------------------------------------- the state


def test_the_state_walks_once_then_twice_per_step() -> None:
    state = LadderState(top=3)
    state = state.after(step_back=False)
    assert (state.step, state.done) == (1, 0)  # the walk once
    state = state.after(step_back=False)
    assert (state.step, state.done) == (1, 1)
    state = state.after(step_back=False)
    assert (state.step, state.done, state.last) == (2, 0, 1)


def test_r3_steps_back_one_rung_not_below_the_walk() -> None:
    assert LadderState(top=6, step=3, done=1).after(step_back=True).step == 2
    assert LadderState(top=6, step=1).after(step_back=True).step == 0
    assert LadderState(top=6, step=0).after(step_back=True).step == 0
    assert LadderState(top=6, step=4, last=3).back().step == 2  # below the step last done


def test_an_a7_rest_resumes_one_below_the_step_reached() -> None:
    assert LadderState(top=6, step=4, done=1).resumed().step == 3
    assert LadderState(top=6, step=1).resumed().step == 0
    assert LadderState(top=6, step=0).resumed().step == 0
    assert LadderState(top=6, step=7).complete


# --------------------------------------------------------------- R4 pace, end to end


def scenario(name: str) -> tuple[Plan, Runner, dict[str, Any]]:
    data = tomllib.loads((SCENARIOS / f"{name}.toml").read_text())
    runner = runplan.parse_profile(data["profile"])
    built = runplan.plan(runner, start=data["plan"]["start"], weeks=data["plan"]["weeks"])
    return built, runner, data


def r4_of(plan: Plan, runner: Runner) -> list[tuple[date | None, str]]:
    return [(v.date, v.message) for v in validate(plan, runner) if v.rule == "R4"]


def with_steps(plan: Plan, steps: dict[date, int], runner: Runner) -> Plan:
    """``plan`` with the ladder sessions of ``steps``' dates moved to those steps."""
    ladder = runner_ladder(runner)
    weeks = []
    for week in plan.weeks:
        days = []
        for day in week.days:
            sessions = []
            for s in day.sessions:
                if s.ladder_step and day.date in steps:
                    k = steps[day.date]
                    words = "jog 20 min, walk 2 min, jog 8 min" if k == 7 else s.content[1]
                    s = s.model_copy(
                        update={
                            "ladder_step": k,
                            "intervals": [
                                Interval(kind=IntervalKind(a), minutes=m) for a, m in ladder[k]
                            ],
                            "content": [s.content[0], words, *s.content[2:]],
                        }
                    )
                sessions.append(s)
            days.append(day.model_copy(update={"sessions": sessions}))
        weeks.append(week.model_copy(update={"days": days}))
    return plan.model_copy(update={"weeks": weeks})


def test_the_ladder_completes_within_42_days() -> None:
    plan, runner, _ = scenario("r4_ladder_complete_within_42_days")
    assert r4_of(plan, runner) == []
    cleared = date(2026, 5, 2)
    finals = [d for d, s in plan.sessions() if s.ladder_step == 8]
    assert len(finals) == 2 and finals[-1] - cleared <= timedelta(days=LADDER_DAYS)


def test_a_ladder_late_past_42_days_is_caught() -> None:
    """Step 7 three and four times instead of the final step: not complete by 06-13."""
    plan, runner, _ = scenario("r4_ladder_complete_within_42_days")
    finals = [d for d, s in plan.sessions() if s.ladder_step == 8]
    late = with_steps(plan, {d: 7 for d in finals}, runner)
    found = r4_of(late, runner)
    assert [d for d, m in found if "not complete" in m] == [date(2026, 5, 2)], found


def test_no_pace_check_after_pain_is_logged() -> None:
    """A check-in after the clearance (pain 1, run pain 1) lifts the 42-day check."""
    plan, runner, data = scenario("r4_ladder_complete_within_42_days")
    finals = [d for d, s in plan.sessions() if s.ladder_step == 8]
    late = with_steps(plan, {d: 7 for d in finals}, runner)
    logged = {**data["profile"], "checkins": [{"date": date(2026, 5, 20), "pain": 1}]}
    found = r4_of(late, runplan.parse_profile(logged))
    assert not [m for _, m in found if "not complete" in m], found
