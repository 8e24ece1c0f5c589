"""Matching a plan's sessions with the logged activities, one local day and kind at a
time (docs/log.md "Planned vs done")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType

from runplan.adherence.weeks import report_weeks, tenths
from runplan.errors import PlanRequestError
from runplan.models import (
    Activity,
    ActivityKind,
    ActivityReport,
    Plan,
    ReportSession,
    ReportStatus,
    SessionKind,
    TrainingLog,
)
from runplan.rules import DISCLAIMER

__all__ = ["COUNTED_KINDS", "DONE_PERCENT", "match"]

#: A planned session is done when at least this share of its minutes was logged; less is
#: partial (the report's convention, not a rule of the plan).
DONE_PERCENT = 80

#: The planned kinds a watch log is expected to hold, and the logged kind each matches (a
#: walk-run is a planned ``run``; the ladder's brisk-walk step a ``walk``).  Mobility and
#: recovery (stretches, ice, heat: home care) are not expected in a log: left out.
COUNTED_KINDS: Mapping[SessionKind, ActivityKind] = MappingProxyType(
    {
        SessionKind.RUN: ActivityKind.RUN,
        SessionKind.BIKE: ActivityKind.BIKE,
        SessionKind.SWIM: ActivityKind.SWIM,
        SessionKind.STRENGTH: ActivityKind.STRENGTH,
        SessionKind.WALK: ActivityKind.WALK,
    }
)

_Key = tuple[date, ActivityKind]


def match(plan: Plan, log: TrainingLog, *, since: date, until: date) -> ActivityReport:
    """Planned vs done from ``since`` to ``until`` (both included).

    Each logged activity meets the planned session of its kind on its local day; several
    activities of a kind on a day add up (a run saved in two parts), and fill that day's
    sessions of the kind in plan order.  Planned sessions and activities outside
    since..until are left out; so are planned mobility and recovery (home care).  Pure:
    the same plan, log and dates always give the same report.
    """
    if since > until:
        raise PlanRequestError(
            f"since: {since.isoformat()} is after until: {until.isoformat()}; "
            "allowed: a first day on or before the last"
        )
    planned = _planned(plan, since, until)
    logged = _logged(log.activities, since, until)
    rows: list[ReportSession] = []
    for day, kind in sorted(planned.keys() | logged.keys(), key=_order):
        key = (day, kind)
        rows.extend(_match_day(day, kind, planned.get(key, []), logged.get(key, [])))
    counts: dict[ReportStatus, int] = {"done": 0, "partial": 0, "missed": 0, "extra": 0}
    for row in rows:
        counts[row.status] += 1
    return ActivityReport(
        runner=plan.runner,
        since=since,
        until=until,
        sessions=rows,
        weeks=report_weeks(plan.start, since, until, rows, log.activities),
        skipped=list(log.skipped),
        counts=counts,
        disclaimer=DISCLAIMER,
    )


def _order(key: _Key) -> tuple[date, str]:
    """Sessions sort by date, then kind by name."""
    return key[0], key[1].value


def _planned(plan: Plan, since: date, until: date) -> dict[_Key, list[int]]:
    """The planned minutes of each counted session in since..until, by day and kind, in
    plan order."""
    out: dict[_Key, list[int]] = defaultdict(list)
    for day, session in plan.sessions():
        kind = COUNTED_KINDS.get(session.kind)
        if kind is not None and since <= day <= until:
            out[day, kind].append(session.duration_min)
    return out


def _logged(activities: Iterable[Activity], since: date, until: date) -> dict[_Key, list[Activity]]:
    """The activities in since..until by day and kind, in log order."""
    out: dict[_Key, list[Activity]] = defaultdict(list)
    for activity in activities:
        if since <= activity.date <= until:
            out[activity.date, activity.kind].append(activity)
    return out


def _match_day(
    day: date, kind: ActivityKind, planned: Sequence[int], activities: Sequence[Activity]
) -> list[ReportSession]:
    """One day's sessions of one kind: the activities fill the planned sessions in order
    (the next one once the current one is done), the last taking what is left over; with
    nothing planned they add up to one extra."""
    if not planned:
        return [_row(day, kind, None, activities)]
    buckets: list[list[Activity]] = [[] for _ in planned]
    current = 0
    for activity in activities:
        while current < len(planned) - 1 and _is_done(buckets[current], planned[current]):
            current += 1
        buckets[current].append(activity)
    pairs = zip(planned, buckets, strict=True)
    return [_row(day, kind, minutes, bucket) for minutes, bucket in pairs]


def _is_done(activities: Sequence[Activity], planned_min: int) -> bool:
    """At least :data:`DONE_PERCENT` % of ``planned_min``, on the minutes shown (to 0.1),
    in whole numbers so that no rounding of 0.8 x minutes decides a status."""
    return tenths(a.minutes for a in activities) * 100 >= planned_min * DONE_PERCENT * 10


def _row(
    day: date, kind: ActivityKind, planned_min: int | None, activities: Sequence[Activity]
) -> ReportSession:
    status: ReportStatus
    if planned_min is None:
        status = "extra"
    elif not activities:
        status = "missed"
    else:
        status = "done" if _is_done(activities, planned_min) else "partial"
    done = tenths(a.minutes for a in activities) / 10 if activities else None
    source = ", ".join(a.source for a in activities if a.source) if activities else None
    return ReportSession(
        date=day,
        kind=kind,
        planned_min=planned_min,
        done_min=done,
        status=status,
        source=source,
    )
