"""The plan's advisories, few and true (P4): each P3 shortfall cause once per run of
consecutive weeks, with its range in ``until``, then all of them in date order.

A cause of a P3 note is the set of rules it cites (P3 and the rules that stood in the
way, :mod:`~runplan.schedule.shortfalls`).  The week loop gives one note per week and
cause; here consecutive weeks of one cause become one note dated on the first week (on
its first day outside a red-flag block: no note inside one) and naming the range.  The
stop advisories come from the timeline already one per stop and one consult a day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from runplan.models import Advisory, AdvisoryKind
from runplan.rules.limits import ADVISORY_MAX_CHARS
from runplan.schedule.shortfalls import named
from runplan.timeline import Timeline

__all__ = ["plan_advisories"]

_WEEK_PREFIX = re.compile(r"^Weeks? of \d{4}-\d{2}-\d{2}(?: to \d{4}-\d{2}-\d{2})?: ")
_NUMBER = re.compile(r"(\d+)")


def plan_advisories(advisories: Iterable[Advisory], timeline: Timeline) -> list[Advisory]:
    """P4: exact repeats dropped, P3 notes merged per cause over consecutive weeks, the
    rest as given; sorted by date, kind, rules and message."""
    unique = list({_key(a): a for a in advisories}.values())
    p3 = [a for a in unique if _is_p3(a)]
    rest = [a for a in unique if not _is_p3(a)]
    merged = [_merge(run, timeline) for run in _runs(p3, timeline.start)]
    return sorted([*rest, *merged], key=_key)


def _key(a: Advisory) -> tuple[date, str, tuple[str, ...], str, date]:
    return (a.date, a.kind.value, tuple(a.rules), a.message, a.until or date.min)


def _is_p3(a: Advisory) -> bool:
    return a.kind is AdvisoryKind.NOTE and "P3" in a.rules


def _week(day: date, start: date) -> int:
    return (day - start).days // 7


def _runs(p3: Sequence[Advisory], start: date) -> list[list[Advisory]]:
    """The P3 notes grouped by cause (their rules), each group split where a week
    without that cause breaks the run."""
    by_cause: dict[tuple[str, ...], list[Advisory]] = {}
    for a in sorted(p3, key=lambda a: a.date):
        by_cause.setdefault(tuple(sorted(a.rules)), []).append(a)
    runs: list[list[Advisory]] = []
    for notes in by_cause.values():
        current: list[Advisory] = []
        for a in notes:
            if current and _week(a.date, start) - _week(current[-1].date, start) > 1:
                runs.append(current)
                current = []
            current.append(a)
        runs.append(current)
    return runs


def _merge(run: Sequence[Advisory], timeline: Timeline) -> Advisory:
    """One note for a run of weeks: dated on the first week's first day outside a
    red-flag block, ``until`` the last week's last day, the range named in the text."""
    start = timeline.start
    first = start + timedelta(days=7 * _week(run[0].date, start))
    last = start + timedelta(days=7 * _week(run[-1].date, start))
    day = next(
        (d for d in (first + timedelta(days=k) for k in range(7)) if not _blocked(timeline, d)),
        first,
    )
    bodies = list(dict.fromkeys(_WEEK_PREFIX.sub("", a.message) for a in run))
    rules = list(run[0].rules)
    if last == first:
        prefix = f"Week of {first.isoformat()}: "
    else:
        prefix = f"Weeks of {first.isoformat()} to {last.isoformat()}: "
    message = prefix + (bodies[0] if len(bodies) == 1 else _generic(bodies, rules))
    if len(message) > ADVISORY_MAX_CHARS:
        message = prefix + _generic(bodies, rules)
    return Advisory(
        kind=AdvisoryKind.NOTE,
        date=day,
        rules=rules,
        message=message,
        until=last + timedelta(days=6),
    )


def _blocked(timeline: Timeline, day: date) -> bool:
    return timeline.on(day).blocked


def _generic(bodies: Sequence[str], rules: Sequence[str]) -> str:
    """A text true for every week of the run when the weeks' texts differ (or one is too
    long): what gave way, numbers that differ as ranges ("1-2 of 3 wished runs
    planned"), and the rules that stood in the way."""
    what = _what(bodies)
    if all(": " not in b for b in bodies) and what is not None:
        return what  # one sentence that names its rules already, numbers as ranges
    because = named([r for r in rules if r != "P3"]) or "the rules of the week"
    head = (what or "Some weeks are shorter or hold fewer sessions than wished").rstrip(".")
    return f"{head}: in these weeks it gave way to {because}."


def _what(bodies: Sequence[str]) -> str | None:
    """The part before the first colon, numbers that differ shown as ranges (None: the
    weeks' texts differ in more than their numbers)."""
    heads = [_NUMBER.split(b.split(": ", 1)[0]) for b in bodies]
    shape = [[p for i, p in enumerate(h) if i % 2 == 0] for h in heads]
    if any(s != shape[0] for s in shape):
        return None
    parts = []
    for i, part in enumerate(heads[0]):
        if i % 2 == 0:
            parts.append(part)
            continue
        values = sorted({int(h[i]) for h in heads})
        parts.append(str(values[0]) if len(values) == 1 else f"{values[0]}-{values[-1]}")
    return "".join(parts)
