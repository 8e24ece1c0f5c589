"""Step 3: how much a week runs, and how long each run is.

The weekly volume grows toward the runner's target no faster than L1 allows, every
fourth week eases off (L2), and no run outgrows the longest of the lookback (L4).  The
run lengths then split the volume over the wished runs within the windows.  Everything
here is a pure function of the runner and a :class:`History` of the weeks before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import floor
from typing import NamedTuple

from runplan.models import Day, Runner, SessionKind
from runplan.rules.limits import (
    LADDER,
    LONG_RUN_GROWTH,
    LOOKBACK_DAYS,
    RECOVERY_EVERY,
    RECOVERY_RATIO,
    TWO_WEEK_GROWTH,
    WEEKLY_GROWTH,
)
from runplan.schedule import content
from runplan.schedule.free import FreeWeek
from runplan.schedule.placement import DayInput

__all__ = [
    "LONG_RUN_SHARE",
    "MIN_RUNNING",
    "History",
    "Lengths",
    "RunRecord",
    "WeekTarget",
    "growth_target",
    "ladder_total",
    "long_cap",
    "run_lengths",
    "week_target",
]

#: A long run is about 1.5 easy runs, before the L4 cap (a scheduling choice, not a rule).
LONG_RUN_SHARE = 1.5
#: A run shorter than this after its warm-up is not worth the trip (a scheduling choice).
MIN_RUNNING = 10


class RunRecord(NamedTuple):
    """One planned run, as the load rules look back at it."""

    day: date
    minutes: int  # warm-up included
    running: int  # minutes actually run: without the warm-up; a walk-run step's jogging


class WeekTarget(NamedTuple):
    """A week's run minutes (warm-ups included) and whether it is an L2 recovery week."""

    total: int
    recovery: bool


@dataclass(frozen=True, slots=True)
class Lengths:
    """Session lengths of one week, in minutes (runs include the warm-up)."""

    long: int
    run: int
    cross: int
    strength: int


@dataclass(slots=True)
class History:
    """What links the weeks for the load rules: past runs (L4, and A4 across weeks) and
    the week totals that L1 and L2 measure against."""

    runs: list[RunRecord] = field(default_factory=list)
    references: list[int] = field(default_factory=list)  # L1: totals of non-recovery weeks
    last_total: int | None = None  # L2: the week before

    def ran_on(self, day: date) -> bool:
        """The last run planned so far falls on ``day``."""
        return bool(self.runs) and self.runs[-1].day == day

    def add_runs(self, days: Iterable[Day], warm: int) -> None:
        """Record the runs of a written week (``warm``: the runner's warm-up minutes)."""
        for day in days:
            for s in day.sessions:
                if s.kind is SessionKind.RUN:
                    running = (
                        LADDER[s.ladder_step - 1].jog
                        if s.ladder_step is not None
                        else s.duration_min - warm
                    )
                    self.runs.append(RunRecord(day.date, s.duration_min, running))

    def close_week(self, value: int, *, reference: bool) -> None:
        """A week ends: ``value`` is what it stands for; ``reference``: L1 measures on it."""
        if reference:
            self.references.append(value)
        self.last_total = value


def week_target(runner: Runner, history: History, index: int) -> WeekTarget:
    """Run minutes for week ``index`` (0-based): L2 in a recovery week, else L1 growth."""
    if (index + 1) % RECOVERY_EVERY == 0:
        previous = history.last_total
        if previous is None:
            previous = runner.weekly_run_minutes
        return WeekTarget(floor(RECOVERY_RATIO * previous), True)
    return WeekTarget(growth_target(runner, history.references), False)


def growth_target(runner: Runner, references: Sequence[int]) -> int:
    """L1: toward the target, at most 10 % on the last reference week, 30 % on two."""
    base = runner.weekly_run_minutes
    ref = references[-1] if references else base
    ref2 = references[-2] if len(references) > 1 else base
    goal = runner.target_run_minutes or runner.weekly_run_minutes
    warmups = runner.run_days * runner.warmup_minutes
    # Growth holds for the running part alone too, so it holds whichever way one counts.
    running_cap = floor(WEEKLY_GROWTH * max(ref - warmups, 0)) + warmups
    return min(goal, floor(WEEKLY_GROWTH * ref), floor(TWO_WEEK_GROWTH * ref2), running_cap)


def ladder_total(runner: Runner, references: Sequence[int], target: WeekTarget) -> int:
    """The weekly volume that sizes walk-run steps (R2): in an L2 recovery week, 75 % of a
    growth week rather than of the week before (which, after a stop, ran little or nothing)."""
    if not target.recovery:
        return target.total
    return max(target.total, floor(RECOVERY_RATIO * growth_target(runner, references)))


def long_cap(
    runner: Runner, plan_start: date, runs: Sequence[RunRecord], week_start: date
) -> int | None:
    """L4: the longest run allowed all week, in running minutes (warm-up excluded).

    It holds for whole sessions and for their running part alike (a walk-run step runs
    only its jogging minutes).  Before the plan, the runner ran their usual run.
    """
    warm = runner.warmup_minutes
    first = week_start + timedelta(days=6 - LOOKBACK_DAYS)
    recent = [r for r in runs if first <= r.day < week_start]
    if first < plan_start:
        usual = runner.weekly_run_minutes // runner.run_days
        recent.append(RunRecord(plan_start - timedelta(days=1), usual, usual - warm))
    if not recent:
        return None
    longest = max(r.minutes for r in recent)
    most_running = max(r.running for r in recent)
    return min(floor(LONG_RUN_GROWTH * most_running), floor(LONG_RUN_GROWTH * longest) - warm)


class _Split(NamedTuple):
    long: int  # running minutes of the long run
    easy: int  # running minutes of each easy run


def run_lengths(
    runner: Runner,
    total: int,
    n_runs: int,
    cap: int | None,
    days: Sequence[DayInput],
    long_day: int | None,
    free: FreeWeek | None,
) -> Lengths:
    """Split ``total`` over ``n_runs`` runs under the L4 ``cap`` and the window room.

    The long run (on ``long_day``) is about 1.5 easy runs and never shorter than them;
    no run is longer than the windows that could hold it.  ``free`` is the condition-free
    plan's week when back conditions apply (docs/conditions.md).
    """
    warm = runner.warmup_minutes
    running = max(total - n_runs * warm, n_runs)
    # The n-th roomiest run day bounds an easy run.  Under back conditions the run days
    # are those of the condition-free plan, so that restrictions never enlarge it.
    if free is not None:
        candidates = [days[i] for i in free.offsets]
    else:
        candidates = [d for d in days if d.run_ok]
    rooms = sorted((d.room for d in candidates), reverse=True)
    easy_room = rooms[min(n_runs, len(rooms)) - 1] - warm if rooms else running
    limit = min(cap if cap is not None else running, max(easy_room, MIN_RUNNING))
    if long_day is not None and n_runs >= 2:
        long_room = days[long_day].room - warm
        split = _split(running, n_runs, cap, limit, long_room, bounded=free is not None)
    else:
        easy = min(floor(running / max(n_runs, 1)), limit)
        split = _Split(easy, easy)
    easy, long_part = max(split.easy, 1), max(split.long, 1)
    return Lengths(long_part + warm, easy + warm, easy + warm, content.STRENGTH_MINUTES)


def _split(
    running: int, n_runs: int, cap: int | None, limit: int, long_room: int, *, bounded: bool
) -> _Split:
    """A long run and ``n_runs - 1`` easy runs out of ``running`` minutes (L4 ``cap``)."""
    share = floor(LONG_RUN_SHARE * running / (n_runs + 0.5))
    capped = min(share, cap if cap is not None else share, long_room)
    if bounded:
        # Under back conditions every length must shrink when any input does (resting
        # never adds running), so easy runs do not take up what an L4- or window-capped
        # long run leaves: the week may then run a little less.
        easy = min(floor(running / (n_runs + 0.5)), limit)
        return _Split(max(easy, capped), easy)
    long_part = capped if capped >= 1 else min(share, limit)
    easy = min(floor((running - long_part) / (n_runs - 1)), limit, long_part)
    return _Split(long_part, easy)
