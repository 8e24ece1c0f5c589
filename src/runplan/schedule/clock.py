"""Local wall time in the runner's zone, made safe across daylight-saving changes.

Availability windows are wall-clock times.  On the day the clocks change some wall
minutes do not exist (spring forward) and some happen twice (fall back).  A session
must never start at such a minute, and must not straddle the change (its wall length
would then differ from its real length), so on change days each window is cut into
the runs of minutes that exist exactly once.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from runplan.models import Window

__all__ = ["Interval", "at_minute", "clock_changes_on", "minus", "usable_intervals"]

#: A half-open span of wall minutes ``[start, end)`` within one local day.
Interval = tuple[int, int]

_UTC = ZoneInfo("UTC")


def at_minute(day: date, minute: int, zone: ZoneInfo) -> datetime:
    """The aware local datetime at ``minute`` past local midnight of ``day``."""
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone)


@lru_cache(maxsize=4096)
def clock_changes_on(day: date, zone: ZoneInfo) -> bool:
    """True when the zone's UTC offset at the start of ``day`` differs from the next day's."""
    today = datetime.combine(day, time(0), tzinfo=zone).utcoffset()
    tomorrow = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).utcoffset()
    return today != tomorrow


def _clean(day: date, minute: int, zone: ZoneInfo) -> bool:
    """The wall minute exists (round-trips through UTC) and is not ambiguous."""
    local = at_minute(day, minute, zone)
    back = local.astimezone(_UTC).astimezone(zone)
    if back.replace(tzinfo=None) != local.replace(tzinfo=None):
        return False
    return local.utcoffset() == local.replace(fold=1).utcoffset()


@lru_cache(maxsize=4096)
def usable_intervals(
    day: date, windows: tuple[Window, ...], zone: ZoneInfo
) -> tuple[tuple[Interval, ...], bool]:
    """The wall intervals of ``windows`` on ``day`` in which sessions may be placed.

    Returns the intervals and whether a clock change cut any window.  On ordinary days
    this is just the windows.
    """
    plain = tuple((w.start_minute, w.end_minute) for w in windows)
    if not clock_changes_on(day, zone) and not clock_changes_on(day - timedelta(days=1), zone):
        return plain, False
    out: list[Interval] = []
    for start, end in plain:
        run_start: int | None = None
        for minute in range(start, end):
            if _clean(day, minute, zone):
                if run_start is None:
                    run_start = minute
            elif run_start is not None:
                out.append((run_start, minute))
                run_start = None
        if run_start is not None:
            out.append((run_start, end))
    cut = tuple(out)
    return cut, cut != plain


def minus(intervals: tuple[Interval, ...], taken: Interval) -> tuple[Interval, ...]:
    """``intervals`` without the span ``taken`` (what a placed session leaves of a day)."""
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
