"""The runner's pain log, read for the validator's derivation of docs/conditions.md.

The condition rules ask the same few questions of the check-ins again and again (when
is the next clinician clearance, what was the latest pain, which check-ins fall in a
window); answering them here, on one date-sorted copy, keeps the stop and ladder
readings short and the look-ups binary searches.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date

from runplan.models import CheckIn, Condition

__all__ = ["PainLog", "clearance", "earliest", "first_after"]


class PainLog:
    """The runner's check-ins in date order, with the look-ups the contract needs."""

    def __init__(self, checkins: Iterable[CheckIn]) -> None:
        self.checkins: list[CheckIn] = sorted(checkins, key=lambda c: c.date)
        self.dates: list[date] = [c.date for c in self.checkins]
        self.by_date: dict[date, CheckIn] = {c.date: c for c in self.checkins}
        self._clearances = [c.date for c in self.checkins if c.clinician_cleared]
        self._flag_free = [c.date for c in self.checkins if c.clinician_cleared and not c.red_flags]

    def clearance_after(self, day: date) -> date | None:
        """The first ``clinician_cleared`` check-in on or after ``day``: a clinician who
        cleared the runner that day saw that day's pain too (docs/conditions.md)."""
        i = bisect_left(self._clearances, day)
        return self._clearances[i] if i < len(self._clearances) else None

    def clearance_strictly_after(self, day: date) -> date | None:
        """The first ``clinician_cleared`` check-in after ``day`` (A9: leg pain reported
        at a clearance is not cleared by it)."""
        return first_after(self._clearances, day)

    def flag_free_clearance_after(self, day: date) -> date | None:
        """S1/S2: the first clinician clearance without red flags strictly after ``day``."""
        return first_after(self._flag_free, day)

    def between(self, first: date, last: date) -> list[CheckIn]:
        """Check-ins dated ``first`` .. ``last`` inclusive."""
        return self.checkins[bisect_left(self.dates, first) : bisect_right(self.dates, last)]

    def latest(self, day: date, since: date) -> CheckIn | None:
        """The latest check-in on or before ``day`` and on or after ``since``."""
        i = bisect_right(self.dates, day) - 1
        if i >= 0 and self.dates[i] >= since:
            return self.checkins[i]
        return None

    def pain_free(self, day: date, since: date) -> bool:
        """The latest check-in on or before ``day``, since ``since``, shows pain 0 and no
        radiating pain.  No such check-in: not known to be pain-free."""
        latest = self.latest(day, since)
        return latest is not None and latest.pain == 0 and not latest.radiating


def first_after(ordered: Sequence[date], day: date) -> date | None:
    """The first of the sorted ``ordered`` strictly after ``day``."""
    i = bisect_right(ordered, day)
    return ordered[i] if i < len(ordered) else None


def earliest(*days: date | None) -> date | None:
    """The earliest of the known ``days`` (None when none is known)."""
    known = [d for d in days if d is not None]
    return min(known) if known else None


def clearance(start: date, causes: Sequence[Condition | None], log: PainLog) -> date | None:
    """When a stop that began on ``start``, caused by ``causes``, is cleared: a clinician
    check-in strictly later, or the causing conditions' ``cleared`` dates (all of them;
    an undiagnosed cause, ``None``, has no such date)."""
    by_condition: date | None = None
    if causes and all(c is not None and c.cleared is not None for c in causes):
        by_condition = max(c.cleared for c in causes if c is not None and c.cleared is not None)
    return earliest(log.clearance_after(start), by_condition)
