"""The condition-free plan's runs: the bound a week under back conditions stays within.

Under back conditions the scheduler plans the same runner twice, with and without the
conditions, week by week.  The restricted plan may run only on the days and for as long
as the condition-free one does, so that resting the back never adds running
(docs/conditions.md).  This module turns one week of the condition-free plan into that
bound: a value handed to each step that needs it, instead of state shared between plans.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple
from zoneinfo import ZoneInfo

from runplan.models import SessionKind, Week

__all__ = ["FreeRun", "FreeWeek", "free_week"]


class FreeRun(NamedTuple):
    """One run of the condition-free plan: where a restricted run or walk-run step may go."""

    start: int  # wall minute past local midnight
    minutes: int  # warm-up included


@dataclass(frozen=True, slots=True)
class FreeWeek:
    """The runs of one week of the condition-free plan, by date."""

    start: date
    runs: Mapping[date, FreeRun]
    recovery: bool = False  # an L2 recovery week of the condition-free plan

    @property
    def offsets(self) -> tuple[int, ...]:
        """The week's run days as offsets 0-6 from ``start``, in order."""
        return tuple(sorted((day - self.start).days for day in self.runs))


def free_week(week: Week, zone: ZoneInfo) -> FreeWeek:
    """The runs of ``week``, a week of the condition-free plan, in ``zone``'s wall time."""
    runs: dict[date, FreeRun] = {}
    for day in week.days:
        for session in day.sessions:
            if session.kind is SessionKind.RUN:
                local = session.start.astimezone(zone)
                runs[day.date] = FreeRun(local.hour * 60 + local.minute, session.duration_min)
    return FreeWeek(start=week.start, runs=runs, recovery=week.recovery_week)
