"""One activity exported twice (a watch's FIT and the GPX a website made of it) is
counted once: by sorting, never by comparing every pair, so a folder of 20,000 files
costs n log n.

Two file activities are one when their kinds match and their starts lie within
:data:`START_WINDOW` (exporters round the start differently); the richest source is
kept (FIT, which has the timer time, then TCX, then GPX), the other becomes a skipped
"duplicate of <file>".  A typed CSV row has no start time, so it duplicates a file
activity when the date and the kind match and the minutes are within
:data:`MINUTES_WINDOW`: the file is kept, since it measured what the row recalls.
Each file activity absorbs at most one row, so two runs typed on one day stay two.
An activity whose sport is unknown (``other``: a GPX without ``<type>``) that starts
within the window of one of a known kind is the same activity exported again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import PurePosixPath

from runplan.models import Activity, ActivityKind, SkippedFile

__all__ = ["MINUTES_WINDOW", "START_WINDOW", "dedupe"]

START_WINDOW = timedelta(minutes=2)
MINUTES_WINDOW = 1.0
#: The richer the source, the lower: FIT keeps timer time, laps and the device's sport.
_RICHNESS = {".fit": 0, ".tcx": 1, ".gpx": 2}

Result = tuple[list[Activity], list[SkippedFile]]


def dedupe(activities: Sequence[Activity]) -> Result:
    """The activities each counted once, and a skipped entry for every duplicate."""
    timed = [a for a in activities if a.start is not None]
    typed = [a for a in activities if a.start is None]
    kept, skipped = _files(timed)
    kept, unknown = _unknown_sport(kept)
    rows, more = _rows(typed, kept)
    return kept + rows, skipped + unknown + more


def _unknown_sport(kept: list[Activity]) -> Result:
    """An activity of kind ``other`` (an export without a sport, or with a label the
    table does not know) that starts within the window of one of a known kind is that
    activity exported again: the known one is kept.  One merge over both lists, sorted
    by start."""
    known = sorted((a for a in kept if a.kind is not ActivityKind.OTHER), key=_start)
    others = sorted((a for a in kept if a.kind is ActivityKind.OTHER), key=_start)
    dropped: list[SkippedFile] = []
    left: list[Activity] = []
    i = 0
    for other in others:
        while i < len(known) and _start(known[i]) < _start(other) - START_WINDOW:
            i += 1
        if i < len(known) and _start(known[i]) - _start(other) <= START_WINDOW:
            reason = f"duplicate of {known[i].source}"
            dropped.append(SkippedFile(file=other.source, reason=reason))
        else:
            left.append(other)
    return known + left, dropped


def _rank(activity: Activity) -> tuple[int, str]:
    suffix = PurePosixPath(activity.source).suffix.lower()
    return _RICHNESS.get(suffix, len(_RICHNESS)), activity.source


def _files(timed: list[Activity]) -> Result:
    """Runs of the same kind whose starts lie within the window of the run's first."""
    ordered = sorted(timed, key=lambda a: (a.kind, _start(a), a.source))
    kept: list[Activity] = []
    skipped: list[SkippedFile] = []
    group: list[Activity] = []
    for activity in [*ordered, None]:
        if activity is not None and group and _same(group[0], activity):
            group.append(activity)
            continue
        if group:
            best = min(group, key=_rank)
            for other in group:
                if other is best or other.source == best.source:
                    kept.append(other)
                else:
                    reason = f"duplicate of {best.source}"
                    skipped.append(SkippedFile(file=other.source, reason=reason))
        group = [] if activity is None else [activity]
    return kept, skipped


def _start(activity: Activity) -> datetime:
    if activity.start is None:  # pragma: no cover - only timed activities come here
        raise ValueError(f"{activity.source} has no start time")
    return activity.start


def _same(first: Activity, other: Activity) -> bool:
    return first.kind == other.kind and _start(other) - _start(first) <= START_WINDOW


def _rows(typed: list[Activity], files: list[Activity]) -> Result:
    """Match rows to file activities of the same day and kind, both sorted by minutes,
    in one merge-like pass per (day, kind)."""
    by_day: defaultdict[tuple[object, str], list[Activity]] = defaultdict(list)
    for activity in files:
        by_day[activity.date, activity.kind].append(activity)
    kept: list[Activity] = []
    skipped: list[SkippedFile] = []
    groups: defaultdict[tuple[object, str], list[Activity]] = defaultdict(list)
    for row in typed:
        groups[row.date, row.kind].append(row)
    for key, rows in groups.items():
        measured = sorted(by_day.get(key, []), key=lambda a: (a.minutes, a.source))
        i = 0
        for row in sorted(rows, key=lambda a: (a.minutes, a.source)):
            while i < len(measured) and measured[i].minutes < row.minutes - MINUTES_WINDOW:
                i += 1
            if i < len(measured) and measured[i].minutes <= row.minutes + MINUTES_WINDOW:
                reason = f"duplicate of {measured[i].source}"
                skipped.append(SkippedFile(file=row.source, reason=reason))
                i += 1
            else:
                kept.append(row)
    return kept, skipped
