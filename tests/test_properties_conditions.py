"""Properties under any injury history: resting always wins; safety outputs hold."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from runplan.models import Plan, RedFlag, Runner, SessionKind
from runplan.rules import DISCLAIMER
from runplan.schedule import plan
from strategies import HISTORY_START, checkins_near, conditions_near, runners

WEEKS = 8


def running_minutes(p: Plan) -> dict[date, int]:
    """Minutes actually run per day: the run less its warm-up, or a walk-run step's jogging
    (its ``intervals`` other than walking; step 0, the brisk walk, runs nothing).

    This is what "run minutes" means for the property.  Session length would not do: every
    R2 ladder step lasts 30 minutes after the warm-up while jogging from 6 to 30 of them, so
    a runner held back a step spends as long walking and jogging without running more.
    """
    out: dict[date, int] = defaultdict(int)
    for day, s in p.sessions():
        if s.kind is SessionKind.RUN:
            if s.ladder_step is not None:
                out[day] += sum(i.minutes for i in s.intervals or () if i.kind != "walk")
            else:
                out[day] += s.duration_min - (s.warmup.duration_min if s.warmup else 0)
    return out


def absorbs_painful_checkin(runner: Runner, condition: dict[str, Any]) -> bool:
    """A strain or back-pain condition whose A7 window holds a check-in with pain >= 3."""
    if condition["kind"] not in {"muscle_strain", "back_pain"}:
        return False
    onset = date.fromisoformat(condition["onset"])
    window = range(runner.strain_rest_days)
    return any(c.pain >= 3 and (c.date - onset).days in window for c in runner.checkins)


def with_profile(runner: Runner, **changes: Any) -> Runner:
    data = runner.model_dump(mode="json")
    data.update(changes)
    return Runner.model_validate(data)


def ladder_steps_by_day(p: Plan) -> dict[date, int]:
    """The highest ladder step of each day that holds one (step 0 is the brisk walk)."""
    out: dict[date, int] = {}
    for day, s in p.sessions():
        if s.ladder_step is not None:
            out[day] = max(out.get(day, 0), s.ladder_step)
    return out


def ladder_runs_per_week(p: Plan) -> dict[date, int]:
    """Running ladder steps per week (by the week's start)."""
    out: dict[date, int] = defaultdict(int)
    for week in p.weeks:
        for day in week.days:
            out[week.start] += sum(
                1 for s in day.sessions if s.ladder_step and s.kind is SessionKind.RUN
            )
    return out


def assert_no_more_running(base: Runner, worse: Runner) -> None:
    """Resting always wins (docs/conditions.md): with the worse history no ordinary run is
    longer and no day runs more than with the base one, except by a walk-run ladder step,
    which is judged by its step, not its minutes: R2 fixes its jogging (at most the usual
    run's running minutes; R outranks L), R4 forbids a lower step where a step does not
    fit and lets a step go on a day the base plan rests (a week never holds more running
    steps than run_days).  Such a day is fine when it is no higher a step than the base
    plan's ladder has that day (docs/coaching.md)."""
    before = plan(base, start=HISTORY_START, weeks=WEEKS)
    after = plan(worse, start=HISTORY_START, weeks=WEEKS)
    b, a = running_minutes(before), running_minutes(after)
    b_steps, a_steps = ladder_steps_by_day(before), ladder_steps_by_day(after)
    usual = worse.weekly_run_minutes // worse.run_days - worse.warmup_minutes
    more = {}
    for day, minutes in a.items():
        ran = b.get(day, 0)
        if minutes <= ran:
            continue
        step = a_steps.get(day)
        base_step = b_steps.get(day)
        if step is None or minutes > usual or (base_step is not None and step > base_step):
            more[day] = (ran, minutes)  # a longer run, beyond the usual, or a higher step
    crowded = {w: n for w, n in ladder_runs_per_week(after).items() if n > worse.run_days}
    assert not more, f"more running with the worse history: {more}"
    assert not crowded, f"more running ladder steps than run_days: {crowded}"


@given(runner=runners(with_conditions=True), extra=conditions_near(HISTORY_START))
def test_a_new_condition_never_adds_running(runner: Runner, extra: dict[str, Any]) -> None:
    # The one exception RULES.md makes (docs/conditions.md): a strain's own A7 window takes
    # in the painful check-ins inside it, so adding a strain can end their rest sooner.
    # tests/test_conditions.py pins that case down.
    assume(not absorbs_painful_checkin(runner, extra))
    conditions = runner.model_dump(mode="json")["conditions"]
    assert_no_more_running(runner, with_profile(runner, conditions=[*conditions, extra]))


@given(runner=runners(with_conditions=True), data=st.data())
def test_a_red_flag_never_adds_running(runner: Runner, data: st.DataObject) -> None:
    checkins = runner.model_dump(mode="json")["checkins"]
    flag = data.draw(st.sampled_from(list(RedFlag))).value
    taken = {c["date"] for c in checkins}
    new = data.draw(
        checkins_near(HISTORY_START, clinician=False).filter(lambda c: c["date"] not in taken)
    )
    new["red_flags"] = [flag]
    assert_no_more_running(runner, with_profile(runner, checkins=[*checkins, new]))


@given(runner=runners(with_conditions=True), data=st.data())
def test_a_worse_check_in_never_adds_running(runner: Runner, data: st.DataObject) -> None:
    checkins = runner.model_dump(mode="json")["checkins"]
    if not checkins:
        return
    index = data.draw(st.integers(min_value=0, max_value=len(checkins) - 1))
    worse = dict(checkins[index])
    change = data.draw(
        st.sampled_from(["radiating", "red_flag", "run_pain", "settled", "after_long_run", "pain"])
    )
    if change == "pain":  # a higher pain on the latest check-in (no later one to compare)
        index, worse = len(checkins) - 1, dict(checkins[-1])
        worse["pain"] = data.draw(st.integers(min_value=worse["pain"], max_value=10))
    elif change == "radiating":
        worse["radiating"] = True
    elif change == "red_flag":
        worse["red_flags"] = sorted({*worse.get("red_flags", []), "night_pain"})
    elif change == "run_pain":
        worse["run_pain"] = data.draw(
            st.integers(min_value=worse.get("run_pain") or 0, max_value=10)
        )
    elif change == "settled":
        worse["settled_by_morning"] = False
    else:
        worse["after_long_run"] = True
        worse["pain"] = max(worse["pain"], 1) if index == len(checkins) - 1 else worse["pain"]
    changed = [*checkins[:index], worse, *checkins[index + 1 :]]
    assert_no_more_running(runner, with_profile(runner, checkins=changed))


@given(runner=runners(with_conditions=True))
def test_disclaimer_and_emergency_outputs(runner: Runner) -> None:
    p = plan(runner, start=HISTORY_START, weeks=WEEKS)
    assert p.disclaimer == DISCLAIMER
    for advisory in p.advisories:
        if "S1" in advisory.rules:
            assert advisory.kind.value == "urgent"
            assert "emergency" in advisory.message.lower()
    flagged = [c.date for c in runner.checkins if c.red_flags]
    if flagged and min(flagged) <= HISTORY_START:
        first_day = p.weeks[0].days[0]
        cleared_at_start = any(
            c.clinician_cleared and not c.red_flags and min(flagged) < c.date <= HISTORY_START
            for c in runner.checkins
        )
        if not cleared_at_start:
            assert first_day.sessions == [], "a red flag before the plan blocks its first day"


@given(runner=runners(with_conditions=True), weeks=st.integers(min_value=1, max_value=WEEKS))
def test_every_injured_plan_passes_the_validator(runner: Runner, weeks: int) -> None:
    """The scheduler and the validator read docs/conditions.md independently; they agree."""
    from runplan.validation import validate

    p = plan(runner, start=HISTORY_START, weeks=weeks)
    assert validate(p, runner) == []
