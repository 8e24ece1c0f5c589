"""Step 4b: which days of a week hold walk-run ladder sessions on the way back (R2-R4).

Step 0, the brisk walk, may fall on any day whose windows hold it.  A running step
stands in for a run of the condition-free plan: it goes on that plan's run day (so the
ladder never runs on a day the runner would not have run), at that run's time when the
window holds it there, else at the first time that does.  Each running step is done
twice before the next (R2); pain on a session steps it back (R3).  R4: a run day whose
windows cannot hold the current step gets cross-training instead (the day stays open to
the normal placement), never a lower step; an A7 rest resumes the ladder one step below
the step reached and a clearance restarts it at step 0.  The days a session takes are
then closed to the rest of the week's placement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import NamedTuple

from runplan.models import Advisory, AdvisoryKind, Runner, Surface
from runplan.schedule.clock import minus
from runplan.schedule.free import FreeWeek
from runplan.schedule.placement import DayInput
from runplan.timeline import (
    Allowance,
    LadderState,
    RunMode,
    final_jog,
    ladder_steps,
    new_ladder,
)

__all__ = ["LadderPick", "LadderWeek", "ladder_week", "step_start"]


class LadderPick(NamedTuple):
    """A ladder session placed on a day: which step (0 the brisk walk), its start minute."""

    step: int  # 0-top (R2)
    start: int  # wall minute


@dataclass(frozen=True, slots=True)
class LadderWeek:
    """The week's ladder sessions and what they leave for the rest of the week."""

    steps: Mapping[int, LadderPick]  # by day offset 0-6
    days: tuple[DayInput, ...]  # with the ladder days taken
    returning: bool  # still on the way back: a session, or the ladder waiting
    state: LadderState | None  # the ladder after the week
    notes: tuple[Advisory, ...]

    @property
    def runs(self) -> int:
        """The running steps among them (step 0 is the brisk walk, not a run)."""
        return sum(1 for pick in self.steps.values() if pick.step > 0)


def step_start(day: DayInput, minutes: int, preferred: int | None) -> int | None:
    """The start of a ``minutes`` session on ``day``: ``preferred`` when a window holds it
    there, else the earliest start that fits; None when no window holds it (R4)."""
    if preferred is not None and any(
        lo <= preferred and preferred + minutes <= hi for lo, hi in day.intervals
    ):
        return preferred
    return next((lo for lo, hi in day.intervals if hi - lo >= minutes), None)


@dataclass(slots=True)
class _Walk:
    """The week's walk through the days: the ladder state and what it fixed so far."""

    runner: Runner
    state: LadderState | None
    days: list[DayInput]
    week_start: date
    run_days: dict[int, int | None] = field(default_factory=dict)  # offset -> preferred start
    steps: dict[int, LadderPick] = field(default_factory=dict)
    notes: list[Advisory] = field(default_factory=list)
    returning: bool = False

    def events(self, allow: Allowance) -> None:
        """R4: a clearance restarts the ladder at step 0; an A7 rest resumes it lower."""
        if allow.ladder_restart:
            self.state = new_ladder(self.runner)
        if allow.ladder_resume and self.state is not None and not self.state.complete:
            self.state = self.state.resumed()

    def minutes(self, step: int) -> int:
        """The whole session of ``step``, warm-up included."""
        rung = ladder_steps(final_jog(self.runner))[step]
        return self.runner.warmup_minutes + rung.minutes

    def take(self, offset: int, start: int, minutes: int) -> None:
        """Fix the session; its day holds no run or ride besides (P2; Choice: not even
        beside the brisk walk, which tests walking pain-free on its own)."""
        assert self.state is not None
        self.steps[offset] = LadderPick(self.state.step, start)
        if self.state.step > 0:
            self.state = replace(self.state, ran=self.week_start + timedelta(days=offset))
        day = self.days[offset]
        taken = (start, start + minutes)
        self.days[offset] = replace(
            day, fixed=True, cross_ok=False, intervals=minus(day.intervals, taken)
        )


def ladder_week(
    runner: Runner,
    state: LadderState | None,
    week_start: date,
    days: Sequence[DayInput],
    allowances: Sequence[Allowance],
    free: FreeWeek | None,
) -> LadderWeek:
    """Fix this week's ladder sessions (R2-R4).

    A day whose ladder is complete becomes an ordinary run day; under back conditions
    only the condition-free plan's run days stay run days.
    """
    walk = _Walk(runner, state, list(days), week_start)
    flat = any(x is not Surface.TRAIL for x in runner.surfaces)
    walk.run_days = _run_days(walk, allowances, free)
    for offset, allow in enumerate(allowances):
        walk.events(allow)
        if allow.run is not RunMode.LADDER or walk.state is None:
            continue
        walk.returning = walk.returning or not walk.state.complete
        if walk.state.complete:
            walk.days[offset] = replace(walk.days[offset], run_ok=True)
            continue
        day = week_start + timedelta(days=offset)
        done = _session_day(walk, offset, day, allow, free, flat=flat)
        if done:
            walk.state = walk.state.after(allow.step_back)
        elif allow.step_back:
            walk.state = walk.state.back()  # R3 on a day without a session
    for offset, pick in walk.steps.items():  # A4: no ordinary run next to a running step
        for near in (offset - 1, offset + 1):
            if pick.step > 0 and 0 <= near < len(walk.days):
                walk.days[near] = replace(walk.days[near], run_ok=False)
    out = _free_run_days_only(walk.days, free)
    return LadderWeek(walk.steps, out, walk.returning, walk.state, tuple(walk.notes))


def _session_day(
    walk: _Walk, offset: int, day: date, allow: Allowance, free: FreeWeek | None, *, flat: bool
) -> bool:
    """Place today's ladder session if the day can hold it; True if it did."""
    assert walk.state is not None
    step = walk.state.step
    minutes = walk.minutes(step)
    run = free.runs.get(day) if free is not None else None
    if step == 0:  # the brisk walk may fall on any day whose windows hold it (R2, R4)
        start = step_start(walk.days[offset], minutes, run.start if run else None)
        if start is not None:
            walk.take(offset, start, minutes)
        return start is not None
    if offset not in walk.run_days:
        return run is not None and _cross_instead(walk, day, minutes, flat=flat)
    if walk.state.ran is not None and (day - walk.state.ran).days <= 1:
        return False  # R2: running steps never on consecutive days
    start = step_start(walk.days[offset], minutes, walk.run_days[offset]) if flat else None
    if allow.run_cap is not None and minutes > allow.run_cap:
        start = None  # A11 caps every run, ladder steps included
    if start is None:  # R4: cross-training instead, never a lower step
        return _cross_instead(walk, day, minutes, flat=flat)
    walk.take(offset, start, minutes)
    return True


def _cross_instead(walk: _Walk, day: date, minutes: int, *, flat: bool) -> bool:
    """R4: a run day that cannot hold the step keeps its other options (the normal
    placement may put cross-training there); said once a week.  Always False."""
    if not walk.notes:
        walk.notes.append(_waiting_note(day, minutes, flat=flat))
    return False


def _run_days(
    walk: _Walk, allowances: Sequence[Allowance], free: FreeWeek | None
) -> dict[int, int | None]:
    """The days that may hold a running step this week, with a preferred start: the
    condition-free plan's run days whose windows hold the ladder's longest session, then,
    while fewer than ``run_days`` less the run days that rest (R4: the ladder never stalls
    for want of a run day),
    other ladder days whose windows hold it, never next to a chosen day or to the last
    running step (R2, A4)."""
    runner = walk.runner
    steps = ladder_steps(final_jog(runner))
    longest = runner.warmup_minutes + max(s.minutes for s in steps[1:])
    ladder = [o for o, a in enumerate(allowances) if a.run is RunMode.LADDER]
    free_runs: dict[int, int] = {}
    if free is not None:
        free_runs = {(d - walk.week_start).days: run.start for d, run in free.runs.items()}
    chosen: dict[int, int | None] = {
        o: free_runs[o] for o in ladder if o in free_runs and walk.days[o].fits(longest)
    }
    near: set[int] = set()
    if walk.state is not None and walk.state.ran is not None:
        near.add((walk.state.ran - walk.week_start).days)
    # A run day that rests (a stop, an A7 window) is not made up on another day.
    target = runner.run_days - sum(1 for o in free_runs if o not in ladder)
    for o in ladder:
        if len(chosen) >= target:
            break
        taken = near | set(chosen)
        if o not in taken and walk.days[o].fits(longest) and all(abs(o - c) > 1 for c in taken):
            chosen[o] = None
    return chosen


def _free_run_days_only(days: Sequence[DayInput], free: FreeWeek | None) -> tuple[DayInput, ...]:
    """Under back conditions, runs go only on the condition-free plan's run days."""
    if free is None:
        return tuple(days)
    return tuple(
        day if free.start + timedelta(days=offset) in free.runs else replace(day, run_ok=False)
        for offset, day in enumerate(days)
    )


def _waiting_note(day: date, minutes: int, *, flat: bool) -> Advisory:
    """R4: a run day that cannot hold the current step gets cross-training instead
    (said once a week); the ladder goes on where a window holds the step."""
    why = (
        f"Some run days have no window for a {minutes}-minute walk-run step (warm-up "
        "included): they get cross-training instead, and the ladder goes on at the same "
        "step, never a lower one, on the days whose window holds it (R4)."
        if flat
        else "Walk-run steps need flat, even ground and your profile lists only "
        "trail: the return to running waits. Add grass, track, treadmill "
        "or road to the surfaces."
    )
    return Advisory(kind=AdvisoryKind.NOTE, date=day, rules=["R2", "R4"], message=why)
