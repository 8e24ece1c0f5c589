"""Step 4a: what each day of a week offers placement.

A day offers the wall-clock intervals of its availability windows (cut where the clocks
change, P1) and the kinds of session the back allows that day and the equipment makes
possible.  A day whose windows a clock change cut gets a note saying how they are used.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from runplan.models import Advisory, AdvisoryKind, Runner, Weekday, Window
from runplan.models.calendar import windows_on
from runplan.schedule.clock import Interval, usable_intervals
from runplan.schedule.placement import DayInput
from runplan.timeline import Allowance, RunMode

__all__ = ["WeekDays", "day_inputs", "long_run_offset"]


class WeekDays(NamedTuple):
    """The seven day inputs of a week, and the P1 notes on days the clocks change."""

    days: tuple[DayInput, ...]
    notes: tuple[Advisory, ...]


def day_inputs(runner: Runner, week_start: date, allowances: Sequence[Allowance]) -> WeekDays:
    """Day inputs for the week from ``week_start``; ``allowances[i]`` is day ``i``'s."""
    zone = runner.zone
    days: list[DayInput] = []
    notes: list[Advisory] = []
    for offset, allow in enumerate(allowances):
        day = week_start + timedelta(days=offset)
        weekday = Weekday.of(day)
        # The weekday's windows less a day away (D1) and the recurring exceptions (D2).
        windows = tuple(windows_on(runner, day))
        intervals, cut = usable_intervals(day, windows, zone)
        if cut:
            notes.append(_dst_note(runner, day, windows, intervals))
        swim_ok, bike_ok = runner.can_swim_on(weekday), runner.has_bike
        days.append(
            DayInput(
                intervals,
                allow.run is RunMode.FULL,
                allow.cross and (swim_ok or bike_ok),
                allow.strength,
                swim_ok=swim_ok,
                bike_ok=bike_ok,
            )
        )
    return WeekDays(tuple(days), tuple(notes))


def long_run_offset(runner: Runner, week_start: date) -> int | None:
    """The wished long-run day as an offset 0-6 in the week from ``week_start``."""
    if runner.long_run_day is None:
        return None
    return (runner.long_run_day.number - week_start.weekday()) % 7


def _dst_note(
    runner: Runner, day: date, windows: tuple[Window, ...], intervals: tuple[Interval, ...]
) -> Advisory:
    """P1: the windows of a clock-change day, as the plan uses them."""
    shown = ", ".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in intervals) or "nothing"
    return Advisory(
        kind=AdvisoryKind.NOTE,
        date=day,
        rules=["P1"],
        message=(
            f"The clocks change on {day.isoformat()} ({runner.timezone}). That day "
            f"the windows {', '.join(str(w) for w in windows)} are used as {shown}, so "
            "that no session starts at a time that is skipped or happens twice."
        ),
    )


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"
