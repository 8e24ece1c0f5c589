"""The report's week figures: planned and done minutes by kind, the share of planned
sessions done, and the actual L5 load ratio from the log (docs/log.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from runplan.models import Activity, ActivityKind, ReportSession, ReportWeek
from runplan.rules.limits import L5_ACUTE_DAYS, L5_CHRONIC_DAYS

__all__ = ["load_ratio", "report_weeks", "tenths"]


def tenths(minutes: Iterable[float]) -> int:
    """The sum of ``minutes`` in tenths of a minute, rounded: what the report shows."""
    return round(sum(minutes) * 10)


def load_ratio(daily: Mapping[date, float], day: date) -> float | None:
    """The acute:chronic ratio on ``day`` (L5): the load of the 7 days ending that day
    over the mean 7-day load of the 28 days ending that day; ``None`` when that mean is 0
    (no load in four weeks: no ratio to speak of) or when the log does not reach back
    over the 28 days (its first activity is later): days before a log began are unknown,
    not rest, and counting them as rest would show a spike that never happened."""
    if not daily or min(daily) > day - timedelta(days=L5_CHRONIC_DAYS - 1):
        return None
    acute = sum(daily.get(day - timedelta(days=i), 0.0) for i in range(L5_ACUTE_DAYS))
    whole = sum(daily.get(day - timedelta(days=i), 0.0) for i in range(L5_CHRONIC_DAYS))
    chronic = whole * L5_ACUTE_DAYS / L5_CHRONIC_DAYS
    if chronic <= 0:
        return None
    return round(acute / chronic, 2)


def report_weeks(
    plan_start: date,
    since: date,
    until: date,
    rows: Sequence[ReportSession],
    activities: Sequence[Activity],
) -> list[ReportWeek]:
    """One week per 7-day block of the plan (counted from ``plan_start``) that meets
    since..until, clipped to it; blocks beyond the plan's own weeks count as planned
    empty.  The load ratio reads the whole log up to each week's last day, the days
    before ``since`` included (the chronic window reaches back 28 days)."""
    daily: dict[date, float] = defaultdict(float)
    for activity in activities:
        if activity.date <= until:
            daily[activity.date] += activity.load
    first_block = (since - plan_start).days // 7
    last_block = (until - plan_start).days // 7
    weeks = []
    for block in range(first_block, last_block + 1):
        start = plan_start + timedelta(days=7 * block)
        first, last = max(start, since), min(start + timedelta(days=6), until)
        weeks.append(_week(start, first, last, rows, activities, daily))
    return weeks


def _week(
    start: date,
    first: date,
    last: date,
    rows: Sequence[ReportSession],
    activities: Sequence[Activity],
    daily: Mapping[date, float],
) -> ReportWeek:
    inside = [r for r in rows if first <= r.date <= last and r.planned_min is not None]
    planned: dict[ActivityKind, int] = defaultdict(int)
    for row in inside:
        planned[row.kind] += row.planned_min or 0
    statuses = [row.status for row in inside]
    done: dict[ActivityKind, list[float]] = defaultdict(list)
    for activity in activities:
        if first <= activity.date <= last:
            done[activity.kind].append(activity.minutes)
    share = round(statuses.count("done") / len(inside), 2) if inside else None
    return ReportWeek(
        start=start,
        planned_min={k: planned[k] for k in ActivityKind if k in planned},
        done_min={k: tenths(done[k]) / 10 for k in ActivityKind if k in done},
        done_share=share,
        load_ratio=load_ratio(daily, last),
        first=first,
        last=last,
        planned=len(inside),
        done=statuses.count("done"),
        missed=statuses.count("missed"),
    )
