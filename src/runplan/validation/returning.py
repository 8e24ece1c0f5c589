"""The walk-run ladder by which running returns (R2-R4), judged against the validator's
own replay (:mod:`runplan.validation.ladder`): which step each ladder session may be,
what it must hold, two sessions a ladder week and completion within 42 days.

"Where windows allow" is read from the profile alone (**Reading**): the pace checks apply
when every availability window is as long as the longest session of the runner's ladder
(warm-up included), so that whichever days the runner runs on hold the steps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from runplan.models import Session, SessionKind, StepKind, Surface, Weekday
from runplan.rules.limits import (
    LADDER_DAYS,
    LADDER_WEEKLY,
    R3_RUN_PAIN,
    SOFTNESS,
    WARMUP_RANGE,
)
from runplan.validation.context import Context
from runplan.validation.conventions import label, week_dates, week_label
from runplan.validation.ladder import LadderVisit, Mode, Stretch, runner_ladder
from runplan.validation.texts import spells_out_step
from runplan.validation.violation import Violation

__all__ = [
    "MIN_RUN_DAYS_FOR_42",
    "check_ladder",
    "check_ladder_completion",
    "check_ladder_weeks",
    "describe",
    "holding_days",
]

#: R4: the 42-day completion holds for runners with at least this many run days.
MIN_RUN_DAYS_FOR_42 = 3


def describe(stretches: Sequence[Stretch]) -> str:
    """A step in words, for messages: ``walk 4 / jog 1, walk 4 / jog 1, ...``."""
    return ", ".join(f"{kind} {minutes}" for kind, minutes in stretches)


def check_ladder(ctx: Context) -> Iterator[Violation]:
    """R2-R4: while running returns, only ladder sessions: step 0 first after a
    clearance, steps in order, each done as often as R2 asks before the next, down only
    after an R3 check-in, running steps never on consecutive days, the table's intervals
    after a 5-15 minute warm-up, on the softest flat surface."""
    derived = ctx.derivation
    for day, s in ctx.runs:
        yield from _ladder_mode(day, s, derived.day(day).mode)
    ladder = runner_ladder(ctx.runner)
    flat: list[Surface] = [x for x in ctx.runner.surfaces if x is not Surface.TRAIL]
    for visit in derived.ladder:
        yield from _ladder_order(visit)
        step = visit.session.ladder_step or 0
        if step >= len(ladder):
            yield Violation(
                "R2",
                f"{label(visit.day, visit.session)} is step {step}; the runner's ladder "
                f"ends at step {len(ladder) - 1}",
                visit.day,
            )
            continue
        yield from _ladder_session(visit.day, visit.session, ladder[step], flat)


def _ladder_mode(day: date, s: Session, mode: Mode) -> Iterator[Violation]:
    """R2: a ladder session exactly while the ladder is in progress."""
    if mode is Mode.LADDER and s.ladder_step is None:
        yield Violation(
            "R2",
            f"{label(day, s)} is an ordinary run, but running returns through the "
            "walk-run ladder and it is not complete (the final step twice)",
            day,
        )
    elif mode is Mode.FULL and s.ladder_step is not None:
        yield Violation(
            "R2",
            f"{label(day, s)} is ladder step {s.ladder_step}, but no walk-run ladder is "
            "in progress that day",
            day,
        )


def _ladder_order(visit: LadderVisit) -> Iterator[Violation]:
    """R2-R4: the step follows the ladder's position; running steps not back to back."""
    day, s = visit.day, visit.session
    where = label(day, s)
    step = s.ladder_step
    allowed = " or ".join(str(k) for k in visit.allowed)
    if step not in visit.allowed and visit.stepped_back is not None:
        yield Violation(
            "R3",
            f"{where} is step {step}; the check-in of {visit.stepped_back} (run pain above "
            f"{R3_RUN_PAIN}/10 or not settled by morning) stepped the ladder back, so the "
            f"next session is step {allowed}",
            day,
        )
    elif step is not None and step < visit.step:
        yield Violation(
            "R4",
            f"{where} is step {step}, below the step reached ({visit.step}); a step goes "
            "down only after an R3 check-in, and a day that cannot hold the step gets "
            "cross-training instead",
            day,
        )
    elif step not in visit.allowed:
        yield Violation(
            "R2",
            f"{where} is step {step}; the ladder is at step {visit.step} (done "
            f"{visit.done} time(s); step 0 once, each running step at least twice before "
            f"the next), so the next session is step {allowed}",
            day,
        )
    if step and visit.previous is not None and day - visit.previous == timedelta(days=1):
        yield Violation(
            "R2",
            f"{where} follows the ladder session of {visit.previous}; running ladder steps "
            "are never on consecutive days",
            day,
        )


def _ladder_session(
    day: date, s: Session, stretches: Sequence[Stretch], flat: Sequence[Surface]
) -> Iterator[Violation]:
    """R2: one ladder session's kind, warm-up, length, intervals, words, rules, surface."""
    where = label(day, s)
    step = s.ladder_step or 0
    kind = SessionKind.WALK if step == 0 else SessionKind.RUN
    if s.kind is not kind:
        yield Violation("R2", f"{where}: ladder step {step} is a {kind} session", day)
    yield from _ladder_length(where, day, s, sum(m for _, m in stretches))
    got = [(i.kind.value, i.minutes) for i in s.intervals or ()]
    if got != list(stretches):
        yield Violation(
            "R2",
            f"{where}: its intervals are ({describe(got) or 'none'}); step {step} is "
            f"({describe(stretches)})",
            day,
        )
    if not spells_out_step(stretches, s.content):
        yield Violation(
            "R2",
            f"{where}: its content does not spell out step {step} ({describe(stretches)})",
            day,
        )
    if "R2" not in s.rules:
        yield Violation("R2", f"{where} does not cite R2 among its rules", day)
    if step > 0:
        yield from _ladder_surface(where, day, s, flat)


def _ladder_length(where: str, day: date, s: Session, minutes: int) -> Iterator[Violation]:
    """R2: a 5-15 minute warm-up of walking and back stretches, then the step's minutes."""
    low, high = WARMUP_RANGE
    warmup = s.warmup
    if warmup is None or not low <= warmup.duration_min <= high:
        yield Violation(
            "R2", f"{where} needs a {low}-{high} minute warm-up before the ladder step", day
        )
    elif {StepKind.WALK, StepKind.BACK_STRETCH} - {w.kind for w in warmup.steps}:
        yield Violation("R2", f"{where}: the warm-up needs walking and back stretches", day)
    elif s.duration_min != warmup.duration_min + minutes:
        yield Violation(
            "R2",
            f"{where} lasts {s.duration_min} minutes; the step takes {minutes} after the "
            f"{warmup.duration_min}-minute warm-up = {warmup.duration_min + minutes}",
            day,
        )


def _ladder_surface(
    where: str, day: date, s: Session, flat: Sequence[Surface]
) -> Iterator[Violation]:
    """R2: on the softest flat, even surface the runner has (trail excluded)."""
    if not flat:
        yield Violation(
            "R2", f"{where}: the runner has no flat, even surface (trail only) for the ladder", day
        )
        return
    softest = min(SOFTNESS[x] for x in flat)
    best = ", ".join(str(x) for x in flat if SOFTNESS[x] == softest)
    if s.surface is None or s.surface not in flat or SOFTNESS[s.surface] != softest:
        yield Violation(
            "R2",
            f"{where} is on {s.surface or 'no surface'}; ladder sessions go on the softest "
            f"flat surface the runner has ({best}; trail excluded)",
            day,
        )


# ------------------------------------------------------------------ R4: pace


def holding_days(ctx: Context) -> frozenset[Weekday]:
    """Weekdays with a window that holds the longest session of the runner's ladder."""
    ladder = runner_ladder(ctx.runner)
    longest = ctx.runner.warmup_minutes + max(sum(m for _, m in s) for s in ladder)
    windows = ctx.runner.availability
    return frozenset(w for w in Weekday if any(x.minutes >= longest for x in windows.on(w)))


def _spread(days: Sequence[date]) -> int:
    """How many of ``days`` can be taken without two on consecutive days."""
    taken: list[date] = []
    for d in sorted(days):
        if not taken or (d - taken[-1]).days > 1:
            taken.append(d)
    return len(taken)


def _windows_hold(ctx: Context) -> bool:
    """R4's premise, read from the profile: flat ground, and every window of every listed
    weekday holds the longest ladder session (so whichever days the runner runs on hold
    the steps).  With shorter windows R4 asks for cross-training on the run days that
    cannot hold the step, and which days those are is the scheduler's choice."""
    runner = ctx.runner
    listed = {w for w in Weekday if runner.availability.on(w)}
    flat = any(x is not Surface.TRAIL for x in runner.surfaces)
    # Days away and recurring exceptions (D1, D2) take windows out: the premise fails.
    steady = not runner.away and not runner.unavailable
    return flat and steady and not listed - holding_days(ctx)


def check_ladder_weeks(ctx: Context) -> Iterator[Violation]:
    """R4: where the windows hold the steps, a week whose every day is on the ladder holds
    at least two ladder sessions (for a runner with at least two run days)."""
    derived = ctx.derivation
    if not derived.ladder_armed or ctx.runner.run_days < LADDER_WEEKLY:
        return
    if not _windows_hold(ctx):
        return
    holding = holding_days(ctx)
    for i, week in enumerate(ctx.plan.weeks):
        dates = week_dates(week)
        if any(derived.day(d).mode is not Mode.LADDER for d in dates):
            continue
        room = _spread([d for d in dates if Weekday.of(d) in holding])
        held = sum(1 for v in derived.ladder if v.day in dates)
        if held < LADDER_WEEKLY <= room:
            yield Violation(
                "R4",
                f"{week_label(i, week)} is a ladder week with {held} ladder session(s); it "
                f"needs at least {LADDER_WEEKLY} where the windows allow",
                week.start,
            )


def check_ladder_completion(ctx: Context) -> Iterator[Violation]:
    """R4: without pain check-ins, stops or A11 caps, the ladder started by a clearance
    inside the plan is complete within 42 days, for a runner with at least three run days
    whose every window holds the steps."""
    runner, derived = ctx.runner, ctx.derivation
    if runner.run_days < MIN_RUN_DAYS_FOR_42 or not _windows_hold(ctx):
        return
    last = ctx.plan.start + timedelta(days=7 * len(ctx.plan.weeks) - 1)
    for armed in derived.ladder_armed:
        deadline = armed + timedelta(days=LADDER_DAYS)
        if armed < ctx.plan.start or deadline > last or not _quiet(ctx, armed, deadline):
            continue
        if not any(armed <= d <= deadline for d in derived.ladder_completed):
            yield Violation(
                "R4",
                f"the ladder started by the clearance of {armed} is not complete by "
                f"{deadline} ({LADDER_DAYS} days), with no pain logged in between",
                armed,
            )


def _quiet(ctx: Context, first: date, last: date) -> bool:
    """No check-in after the clearance, no stop and no A11 cap from ``first`` to ``last``."""
    if any(first < c.date <= last for c in ctx.runner.checkins):
        return False
    days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
    return not any(ctx.derivation.day(d).stops or ctx.derivation.day(d).cap for d in days)
