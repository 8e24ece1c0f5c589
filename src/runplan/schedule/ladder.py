"""Step 4b: which days of a week hold walk-run steps on the way back to running (R2/R3).

A step stands in for a run of the condition-free plan: it goes on that plan's run day
and time, and only where it is no longer, and runs no more, than the run it replaces.
Each step is done at least twice before the next (R2); pain on a run steps it back
(R3).  The days a step takes are then closed to the rest of the week's placement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

from runplan.models import Advisory, AdvisoryKind, Runner, Surface
from runplan.rules.limits import LADDER
from runplan.schedule.clock import Interval
from runplan.schedule.free import FreeRun, FreeWeek
from runplan.schedule.placement import DayInput
from runplan.timeline import Allowance, LadderState, RunMode

__all__ = ["LadderPick", "LadderWeek", "fitting_step", "ladder_week"]


class LadderPick(NamedTuple):
    """A walk-run step placed on a day: which step, and its start minute."""

    step: int  # 1-4 (R2)
    start: int  # wall minute: that of the condition-free plan's run


@dataclass(frozen=True, slots=True)
class LadderWeek:
    """The week's walk-run steps and what they leave for the rest of the week."""

    steps: Mapping[int, LadderPick]  # by day offset 0-6
    days: tuple[DayInput, ...]  # with the step days taken
    returning: bool  # still on the way back: a step, or the ladder waiting
    state: LadderState | None  # the ladder after the week
    notes: tuple[Advisory, ...]


def fitting_step(state: LadderState, warm: int, room: int) -> int | None:
    """The current step, or the highest lower one that fits the day (a repeat, R2).

    A step fits when, warm-up (``warm``) included, it lasts no longer than ``room``
    minutes and jogs no longer than an ordinary run of that length would run.
    """
    for step in range(state.step, 0, -1):
        rung = LADDER[step - 1]
        if warm + rung.minutes <= room and rung.jog <= room - warm:
            return step
    return None


def ladder_week(
    runner: Runner,
    state: LadderState | None,
    week_start: date,
    days: Sequence[DayInput],
    allowances: Sequence[Allowance],
    free: FreeWeek | None,
    limits: Sequence[int],
) -> LadderWeek:
    """Fix this week's walk-run steps (R2) on the condition-free plan's run days.

    ``limits`` are this week's ordinary runs by day offset (the long run on the long-run
    day, an easy run elsewhere): a step never lasts longer than the one it replaces.  A
    day whose ladder is complete becomes an ordinary run day; under back conditions only
    the condition-free plan's run days stay run days.
    """
    steps: dict[int, LadderPick] = {}
    out = list(days)
    notes: list[Advisory] = []
    returning = False
    flat = any(x is not Surface.TRAIL for x in runner.surfaces)
    for offset, allow in enumerate(allowances):
        if allow.ladder_restart:
            state = LadderState()  # a clearance: the ladder starts again at step 1
        if allow.run is not RunMode.LADDER or state is None:
            continue
        returning = returning or not state.complete
        if state.complete:
            out[offset] = replace(out[offset], run_ok=True)
            continue
        day = week_start + timedelta(days=offset)
        run = free.runs.get(day) if free is not None else None
        if run is None:
            state = state.back() if allow.step_back else state  # R3 on a day without a run
            continue
        room = min(run.minutes, limits[offset])
        step = fitting_step(state, runner.warmup_minutes, room) if flat else None
        if step is None:
            state = state.back() if allow.step_back else state  # R3: no step done today
            if not notes:
                notes.append(_waiting_note(day, room, flat=flat))
            continue
        steps[offset] = LadderPick(step, run.start)
        state = state.after(allow.step_back, step)
        out[offset] = _take(out[offset], run, runner.warmup_minutes + LADDER[step - 1].minutes)
    return LadderWeek(steps, _free_run_days_only(out, free), returning, state, tuple(notes))


def _free_run_days_only(days: Sequence[DayInput], free: FreeWeek | None) -> tuple[DayInput, ...]:
    """Under back conditions, runs go only on the condition-free plan's run days."""
    if free is None:
        return tuple(days)
    return tuple(
        day if free.start + timedelta(days=offset) in free.runs else replace(day, run_ok=False)
        for offset, day in enumerate(days)
    )


def _take(day: DayInput, run: FreeRun, minutes: int) -> DayInput:
    """``day`` holding a walk-run step of ``minutes`` at ``run``'s start: nothing else
    runs or cross-trains there, and the step's time is no longer free."""
    taken = (run.start, run.start + minutes)
    return replace(day, fixed=True, cross_ok=False, intervals=_minus(day.intervals, taken))


def _minus(intervals: tuple[Interval, ...], taken: Interval) -> tuple[Interval, ...]:
    """``intervals`` without the span ``taken``."""
    out: list[Interval] = []
    for lo, hi in intervals:
        if taken[1] <= lo or hi <= taken[0]:
            out.append((lo, hi))
            continue
        if lo < taken[0]:
            out.append((lo, taken[0]))
        if taken[1] < hi:
            out.append((taken[1], hi))
    return tuple(out)


def _waiting_note(day: date, room: int, *, flat: bool) -> Advisory:
    """R2: no step fits this week, so the return to running waits (said once a week)."""
    why = (
        f"No walk-run step fits the runs of this week ({room} minutes or "
        "less): the return to running waits. It goes on when the runs are "
        "long enough again (after a recovery week, or with longer windows)."
        if flat
        else "Walk-run steps need flat, even ground and your profile lists only "
        "trail: the return to running waits. Add grass, track, treadmill "
        "or road to the surfaces."
    )
    return Advisory(kind=AdvisoryKind.NOTE, date=day, rules=["R2"], message=why)
