"""H1-H3 as the validator reads them: the training log's days before the plan.

Read from RULES.md and docs/log.md, not from the scheduler:

* **Reading (coverage)**: a log with any activity dated before the plan covers the 7
  days before it, and from its first activity on when that is earlier; a covered day
  without an activity is a day without training.
* **Reading (H1)**: L1's references for the first weeks are the run minutes logged in
  the 7 days before the plan and, when covered, the 7 before those (else the last week
  again); each at least one short run (warm-up + 10 minutes).
* **Reading (H2)**: before the plan, L4 looks back at the logged runs, with their logged
  minutes, and one short run.
* **Reading (L2 with H1)**: the logged 7-day blocks just before the plan that grew (each
  covered, the log reaching into the block before it, and above 80 % of that block's run
  minutes) count
  toward the fourth week: after three, the plan's first week is the recovery week.
* **Reading (H3)**: a covered day's L5 load is the sum of its activities' RPE (logged, else
  :data:`~runplan.rules.limits.LOG_RPE` of the kind) times minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from math import floor

from runplan.models import ActivityKind, Runner, TrainingLog
from runplan.rules.limits import L5_CHRONIC_DAYS, LOG_GROWN_SHARE, RECOVERY_EVERY, SHORT_RUN_RUNNING

__all__ = ["Logged", "read_logged"]


@dataclass(frozen=True)
class Logged:
    """The log's days before one plan."""

    covered_from: date
    earlier: int  # H1: run minutes logged 14-8 days before the plan (the last when not covered)
    last: int  # H1: run minutes logged in the 7 days before the plan
    short_run: int  # one short run, warm-up included
    runs: tuple[tuple[date, float], ...]  # H2: every logged run before the plan
    loads: dict[date, float]  # H3: each covered day of L5's window
    grown: int = 0  # L2: logged growth weeks just before the plan (0-3)

    def ran_on(self, day: date) -> bool:
        return any(d == day for d, _ in self.runs)


def read_logged(log: TrainingLog | None, runner: Runner, start: date) -> Logged | None:
    """The log's days before ``start``; None when it holds none (the profile stands)."""
    before = [a for a in (log.activities if log is not None else ()) if a.date < start]
    if not before:
        return None
    covered_from = min([a.date for a in before] + [start - timedelta(days=7)])
    runs = tuple(sorted((a.date, a.minutes) for a in before if a.kind is ActivityKind.RUN))
    short_run = runner.warmup_minutes + SHORT_RUN_RUNNING

    def minutes(first: int, last: int) -> int:
        lo, hi = start - timedelta(days=first), start - timedelta(days=last)
        return floor(sum(m for d, m in runs if lo <= d <= hi))

    last = minutes(7, 1)
    earlier = minutes(14, 8) if covered_from <= start - timedelta(days=8) else last
    loads = {
        start - timedelta(days=k): 0.0
        for k in range(1, L5_CHRONIC_DAYS)
        if start - timedelta(days=k) >= covered_from
    }
    for a in before:
        if a.date in loads:
            loads[a.date] += a.load
    return Logged(
        covered_from,
        max(earlier, short_run),
        max(last, short_run),
        short_run,
        runs,
        loads,
        _grown(
            [minutes(7 * k, 7 * k - 6) for k in range(1, RECOVERY_EVERY + 1)], covered_from, start
        ),
    )


def _grown(blocks: list[int], covered_from: date, start: date) -> int:
    """Logged weeks of growth just before the plan: ``blocks[k]`` is the run minutes of
    the (k+1)-th 7-day block back; a block counts while it and the block before it are
    covered and it holds more than 80 % of that block."""
    grown = 0
    for k in range(RECOVERY_EVERY - 1):
        covered = covered_from <= start - timedelta(days=7 * (k + 1) + 1)  # reaches into it
        if not covered or blocks[k] <= LOG_GROWN_SHARE * blocks[k + 1]:
            break
        grown += 1
    return grown
