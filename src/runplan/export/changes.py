"""What a check-in changes for the runner, in plain words: two plans of the same days,
made before and after it, compared one line per change.

The scheduler has already decided everything; this only reads the two plans and says
where they differ: red-flag advice first (seek care now or today), then each kind of
session that stops, starts or changes, with the back rules newly behind it, then the
other new advice, then the disclaimer (S4).  It is what ``runplan checkin`` prints
(docs/log.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from runplan._text import plural, terminal_line
from runplan.models import Advisory, AdvisoryKind, Plan, Session, SessionKind
from runplan.rules import RULES

__all__ = ["WINDOW_DAYS", "describe_changes"]

#: How far ahead the comparison looks from the check-in date.
WINDOW_DAYS = 14

#: The rules that stop, restrict or bring back running after a check-in
#: (docs/conditions.md), in catalog order: the "why" of a changed session line names
#: those the plan after cites and the plan before did not (R3 and R4, the ladder's own
#: bookkeeping, would only make every line longer).
_BACK_RULES = ("S1", "S2", "S3", "A7", "A8", "A9", "A10", "A11", "R1", "R2")

_HOME_CARE = frozenset({SessionKind.MOBILITY, SessionKind.WALK, SessionKind.RECOVERY})

#: (what the line calls the sessions, one of them, which sessions), in the order lines
#: are given.
_GROUPS: tuple[tuple[str, str, Callable[[Session], bool]], ...] = (
    ("runs", "run", lambda s: s.kind is SessionKind.RUN and s.ladder_step is None),
    ("walk-run ladder sessions", "session", lambda s: s.ladder_step is not None),
    ("bike and swim", "session", lambda s: s.kind in {SessionKind.BIKE, SessionKind.SWIM}),
    ("strength work", "session", lambda s: s.kind is SessionKind.STRENGTH),
    (
        "home care (mobility, walks, ice or heat)",
        "session",
        lambda s: s.kind in _HOME_CARE and s.ladder_step is None,
    ),
)

_Days = dict[date, tuple[int, int]]  # day -> (sessions, minutes)


def describe_changes(before: Plan, after: Plan, since: date) -> list[str]:
    """One plain line per change between ``before`` and ``after`` over the
    :data:`WINDOW_DAYS` days from ``since``; the disclaimer is the last line."""
    end = since + timedelta(days=WINDOW_DAYS - 1)
    known = {_key(a) for a in before.advisories}
    new = [a for a in after.advisories if since <= a.date <= end and _key(a) not in known]
    lines = [_advisory_line(a) for a in new if a.kind is AdvisoryKind.URGENT]
    lines += _session_lines(before, after, since, end)
    # P3's shortfall notes restate, week by week, what the session lines already say.
    lines += [_advisory_line(a) for a in new if a.kind is not AdvisoryKind.URGENT and not _p3(a)]
    if not lines:
        lines.append(f"From {since}: nothing changes in your plan for the next {WINDOW_DAYS} days.")
    lines.append(terminal_line(after.disclaimer))
    return lines


def _session_lines(before: Plan, after: Plan, since: date, end: date) -> list[str]:
    why = _new_rules(before, after, since, end)
    lines = []
    for noun, unit, chosen in _GROUPS:
        was, now = _days(before, chosen, since, end), _days(after, chosen, since, end)
        line = _group_line(noun, unit, was, now, why)
        if line:
            lines.append(line)
    return lines


def _key(advisory: Advisory) -> tuple[str, date, str, tuple[str, ...]]:
    return (advisory.kind.value, advisory.date, advisory.message, tuple(advisory.rules))


def _p3(advisory: Advisory) -> bool:
    return bool(advisory.rules) and advisory.rules[0] == "P3"


def _advisory_line(advisory: Advisory) -> str:
    what = {
        AdvisoryKind.URGENT: "urgent",
        AdvisoryKind.CONSULT: "see a specialist",
        AdvisoryKind.NOTE: "note",
    }[advisory.kind]
    rules = f" ({', '.join(advisory.rules)})" if advisory.rules else ""
    return terminal_line(f"From {advisory.date}, {what}{rules}: {advisory.message}")


def _days(plan: Plan, chosen: Callable[[Session], bool], since: date, end: date) -> _Days:
    out: _Days = {}
    for day, session in plan.sessions():
        if since <= day <= end and chosen(session):
            count, minutes = out.get(day, (0, 0))
            out[day] = (count + 1, minutes + session.duration_min)
    return out


def _group_line(noun: str, unit: str, before: _Days, after: _Days, why: str) -> str | None:
    """``From <first day that differs>: <noun> paused ...``; None when nothing differs."""
    if before == after:
        return None
    first = min(d for d in before.keys() | after.keys() if before.get(d) != after.get(d))
    was, now = _total(before.values(), unit), _total(after.values(), unit)
    head, days = f"From {first}: {noun}", f"the next {WINDOW_DAYS} days"
    if not after:
        return f"{head} paused{why}; {days} had {was}, now none."
    if not before:
        return f"{head} added{why}; {days} now have {now}, before none."
    if was == now:
        return f"{head} moved to other days{why}; {days} still have {now}."
    return f"{head} changed{why}; {days} now have {now}, before {was}."


def _total(days: Iterable[tuple[int, int]], unit: str) -> str:
    counts = list(days)
    sessions, minutes = sum(c for c, _ in counts), sum(m for _, m in counts)
    return f"{plural(sessions, unit)} ({minutes} min)"


def _new_rules(before: Plan, after: Plan, since: date, end: date) -> str:
    """`` (A9: leg pain)``: the back rules the plan after cites over the days and
    the plan before did not; empty when there are none."""
    new = _cited(after, since, end) - _cited(before, since, end)
    named = [f"{r}: {RULES[r].title}" for r in _BACK_RULES if r in new]
    return f" ({'; '.join(named)})" if named else ""


def _cited(plan: Plan, since: date, end: date) -> set[str]:
    rules = {r for a in plan.advisories if since <= a.date <= end for r in a.rules}
    return rules | {r for day, s in plan.sessions() if since <= day <= end for r in s.rules}
