"""The runner's dated exceptions at work: which windows a date offers.

:func:`windows_on` is the one answer to "which windows does this date offer": the
weekday's availability, none on a day away (D1), less what a matching ``unavailable``
rule (an RFC 5545 RRULE, read with python-dateutil) takes out (D2).  The scheduler
places in those windows and the validator checks against them (docs/races.md).
"""

from __future__ import annotations

from datetime import date, time

from runplan.models.codes import Weekday
from runplan.models.recurrence import rule_dates
from runplan.models.runner import Away, Runner, Unavailable, Window

__all__ = ["away_on", "day_off", "unavailable_on", "windows_on"]


def away_on(runner: Runner, day: date) -> Away | None:
    """The days-away entry that covers ``day``, if any (D1)."""
    return next((a for a in runner.away if a.from_ <= day <= a.to), None)


def day_off(runner: Runner, day: date) -> bool:
    """The whole day is taken: away (D1), or a recurring exception without windows (D2)."""
    if away_on(runner, day) is not None:
        return True
    return any(not u.windows and unavailable_on(u, day) for u in runner.unavailable)


def unavailable_on(exception: Unavailable, day: date) -> bool:
    """Whether ``day`` is one of the rule's dates from its ``from`` on (dates only: a
    clock change on the day moves nothing)."""
    if day < exception.from_:
        return False
    return day in rule_dates(exception.rule, exception.from_, day.year)


def windows_on(runner: Runner, day: date) -> list[Window]:
    """The windows ``day`` offers: its weekday's, none when away (D1), less what a
    matching ``unavailable`` rule takes out (D2)."""
    windows = list(runner.availability.on(Weekday.of(day)))
    if not windows or away_on(runner, day) is not None:
        return []
    for exception in runner.unavailable:
        if unavailable_on(exception, day):
            if not exception.windows:
                return []
            windows = _less(windows, exception.windows)
    return windows


def _less(windows: list[Window], taken: list[Window]) -> list[Window]:
    """``windows`` with the minutes of ``taken`` cut out (what is left of each)."""
    left: list[Window] = []
    for window in windows:
        pieces = [(window.start_minute, window.end_minute)]
        for cut in taken:
            pieces = [
                piece
                for a, b in pieces
                for piece in ((a, min(b, cut.start_minute)), (max(a, cut.end_minute), b))
                if piece[1] > piece[0]
            ]
        left += [Window(start=time(a // 60, a % 60), end_minute=b) for a, b in pieces]
    return left
