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
    L6_MAX_RATIO,
    L6_MIN_RATIO,
    LONG_RUN_GROWTH,
    LOOKBACK_DAYS,
    RECOVERY_EVERY,
    RECOVERY_RATIO,
    SHORT_RUN_RUNNING,
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
    "recovery_long",
    "run_lengths",
    "usual_record",
    "week_target",
]

#: A long run is about 1.5 easy runs, before the L4 cap (a scheduling choice, not a rule).
LONG_RUN_SHARE = 1.5
#: A run shorter than this after its warm-up is not worth the trip (a scheduling choice,
#: also H1's short run).
MIN_RUNNING = SHORT_RUN_RUNNING


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
    grown: int = 0  # L2: weeks of growth logged just before the plan (H1)
    #: T1: the run minutes of the last growth week (no recovery, taper or away week, not
    #: restricted), the volume a taper eases off from.
    growth_ran: int | None = None

    def ran_on(self, day: date) -> bool:
        """The last run planned so far falls on ``day``."""
        return bool(self.runs) and self.runs[-1].day == day

    def add_runs(self, days: Iterable[Day], warm: int) -> None:
        """Record the runs of a written week (``warm``: the runner's warm-up minutes)."""
        for day in days:
            for s in day.sessions:
                if s.kind is SessionKind.RUN:
                    running = (  # a walk-run step runs only its jogging (R2)
                        sum(i.minutes for i in s.intervals if i.kind != "walk")
                        if s.ladder_step is not None and s.intervals is not None
                        else s.duration_min - warm
                    )
                    self.runs.append(RunRecord(day.date, s.duration_min, running))

    def close_week(self, value: int, *, reference: bool, ran: int | None = None) -> None:
        """A week ends: ``value`` is what it stands for; ``reference``: L1 measures on it;
        ``ran``: what it ran, when L2 must measure on that instead (an L7 week, whose
        unshrunk target L1 grows from)."""
        if reference:
            self.references.append(value)
        self.last_total = value if ran is None else ran


def week_target(
    runner: Runner, history: History, index: int, *, recovery_ok: bool = True
) -> WeekTarget:
    """Run minutes for week ``index`` (0-based): L2 in a recovery week, else L1 growth.
    ``recovery_ok`` False: R4 holds no recovery week while the ladder runs or in the two
    weeks after its last step."""
    if (index + 1 + history.grown) % RECOVERY_EVERY == 0 and recovery_ok:
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
    # The warm-ups of the runs the reference week could hold (a logged week of one run
    # holds one, H1), so the running part is not under-counted and can still grow.
    shortest = runner.warmup_minutes + MIN_RUNNING
    warmups = min(runner.run_days, max(1, ref // shortest)) * runner.warmup_minutes
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
    runner: Runner,
    plan_start: date,
    runs: Sequence[RunRecord],
    week_start: date,
    *,
    assumed: RunRecord | None = None,
) -> int | None:
    """L4: the longest run allowed all week, in running minutes (warm-up excluded).

    It holds for whole sessions and for their running part alike (a walk-run step runs
    only its jogging minutes).  Before the plan, the runner ran their usual run, or
    ``assumed`` (H2: with a log, whose runs are in ``runs``, one shortest run).
    """
    warm = runner.warmup_minutes
    first = week_start + timedelta(days=6 - LOOKBACK_DAYS)
    recent = [r for r in runs if first <= r.day < week_start]
    if first < plan_start:
        # L4/L6 before the plan: the profile's longest recent run, else the usual run.
        recent.append(assumed or usual_record(runner, plan_start))
    if not recent:
        return None
    longest = max(r.minutes for r in recent)
    most_running = max(r.running for r in recent)
    return min(floor(LONG_RUN_GROWTH * most_running), floor(LONG_RUN_GROWTH * longest) - warm)


def usual_record(runner: Runner, plan_start: date) -> RunRecord:
    """The run the days before the plan stand for (L4, L6): the profile's longest recent
    run, else the usual run, the day before the plan."""
    usual = runner.long_run_minutes or runner.weekly_run_minutes // runner.run_days
    return RunRecord(plan_start - timedelta(days=1), usual, usual - runner.warmup_minutes)


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
    *,
    easy_max: int | None = None,
) -> Lengths:
    """Split ``total`` over ``n_runs`` runs under the L4 ``cap`` and the window room.

    The long run (on ``long_day``) runs 1.25-1.5 times the easy runs (L6): when L4 or
    the windows cap it, the easy runs shorten instead; no run is longer than the windows
    that could hold it, and none longer than ``easy_max`` (L7, warm-up included) when
    fewer runs fit than wished.  ``free`` is the condition-free plan's week when back
    conditions apply (docs/conditions.md).
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
    if easy_max is not None:
        limit = min(limit, max(easy_max - warm, MIN_RUNNING))  # L7
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
    """A long run and ``n_runs - 1`` easy runs out of ``running`` minutes (L4 ``cap``),
    the long run 1.25-1.5 times the easy runs (L6) where it can stand out at all."""
    share = floor(LONG_RUN_SHARE * running / (n_runs + 0.5))
    capped = min(share, cap if cap is not None else share, long_room)
    if bounded:
        # Under back conditions every length must shrink when any input does (resting
        # never adds running), so easy runs do not take up what an L4- or window-capped
        # long run leaves: the week may then run a little less.
        easy = min(floor(running / (n_runs + 0.5)), limit)
        return _Split(*_l6(max(easy, capped), easy))
    long_part = capped if capped >= 1 else min(share, limit)
    easy = min(floor((running - long_part) / (n_runs - 1)), limit, long_part)
    return _Split(*_l6(long_part, easy))


def _l6(long_part: int, easy: int) -> tuple[int, int]:
    """L6: easy runs shorten to keep the long run at least 1.25 times them, and the long
    run at most 1.5 times them; below MIN_RUNNING it cannot stand out (P3 says so)."""
    shorter = floor(long_part / L6_MIN_RATIO)
    if shorter < MIN_RUNNING:
        return long_part, min(easy, long_part)
    easy = min(easy, shorter)
    return min(long_part, floor(L6_MAX_RATIO * easy)), easy


def recovery_long(lengths: Lengths, n_runs: int, warm: int, before: tuple[int, int]) -> Lengths:
    """L6: a recovery week cuts its long run by at least the week's cut.  ``before`` is
    the previous week's (long run's running minutes, run minutes)."""
    prev_long, prev_total = before
    if n_runs < 2 or prev_total <= 0:
        return lengths
    long_part, easy = lengths.long - warm, lengths.run - warm
    for _ in range(50):  # each round only shortens; it settles in a few
        total = long_part + (n_runs - 1) * easy + n_runs * warm
        allowed = floor(prev_long * total / prev_total)
        if long_part <= allowed:
            break
        long_part = max(1, allowed)
        easy = min(easy, max(1, floor(long_part / L6_MIN_RATIO)))
    return Lengths(long_part + warm, easy + warm, min(lengths.cross, easy + warm), lengths.strength)
