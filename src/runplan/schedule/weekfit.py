"""L5 in the week loop: write a week, and when its load rises too fast, write it shorter.

The week is written as planned; if some day's acute load would exceed L5's cap, it is
written again under the gentlest :data:`~runplan.schedule.load.SHRINK_STEPS` step that
fits (a binary search: the steps only ever lighten the week).  Walk-run ladder sessions
are never shortened or left out (R4); if even the last step does not fit, the week
keeps only them and what the earlier weeks left in the 7 days.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import NamedTuple

from runplan.models import Day
from runplan.schedule.load import SHRINK_STEPS, LoadLog, Shrink, shrunk
from runplan.schedule.sessions import SessionWriter, WeekLayout

__all__ = ["Fitted", "fit_week"]


class Fitted(NamedTuple):
    """A written week, the layout it was written from, the writer after it, and the
    shrink step L5 needed (None: none)."""

    days: list[Day]
    layout: WeekLayout
    writer: SessionWriter
    step: Shrink | None
    planned: WeekLayout  # before L5 shortened it


def _write(writer: SessionWriter, layout: WeekLayout) -> tuple[list[Day], SessionWriter]:
    """Write ``layout`` with a copy of ``writer`` (its bike/swim turn and strength track
    must advance once per week, whichever attempt is kept)."""
    mine = copy.copy(writer)
    for f in fields(writer):  # its small state objects (the strength track) as well
        value = getattr(writer, f.name)
        if is_dataclass(value) and not isinstance(value, type):
            setattr(mine, f.name, copy.copy(value))
    return mine.days(layout), mine


def _shrunk(layout: WeekLayout, step: Shrink, warm: int) -> WeekLayout:
    placed, lengths, cross = shrunk(layout.placed, layout.lengths, layout.cross_minutes, step, warm)
    return replace(layout, placed=placed, lengths=lengths, cross_minutes=cross)


def fit_week(
    writer: SessionWriter, layout: WeekLayout, log: LoadLog, ahead: Mapping[date, float]
) -> Fitted:
    """The week of ``layout`` written so that L5 holds on each of its days and leaves
    room for the next week's ladder sessions (``ahead``: load by date, R4), if it can."""
    days, mine = _write(writer, layout)
    if log.worst(days, ahead) <= 0:
        return Fitted(days, layout, mine, None, layout)
    warm = writer.runner.warmup_minutes
    low, high = 0, len(SHRINK_STEPS) - 1
    best: Fitted | None = None
    lightest: Fitted | None = None  # the last step, kept when even it does not fit
    while low <= high:
        mid = (low + high) // 2
        tried = _shrunk(layout, SHRINK_STEPS[mid], warm)
        days, mine = _write(writer, tried)
        fitted = Fitted(days, tried, mine, SHRINK_STEPS[mid], layout)
        if log.worst(days, ahead) <= 0:
            best, high = fitted, mid - 1
        else:
            low = mid + 1
            if mid == len(SHRINK_STEPS) - 1:
                lightest = fitted
    if best is None:
        assert lightest is not None  # the search ends on the last step when none fits
        best = lightest
    return best
