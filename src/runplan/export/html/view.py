"""The page's view model: plain frozen dataclasses read off a :class:`~runplan.models.Plan`.

The templates only loop and print; every choice of wording, order and link target is
made here, in typed code, so that it is tested and shared with the text view
(:mod:`runplan.export.text`, :mod:`runplan.export.words`).  Nothing here schedules:
a day without a stated status reads as the text view reads it (rest without training).
Every text that can come from a profile goes through :func:`runplan._text.terminal_line`
(one line, no control character) before the template escapes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from runplan._text import plural
from runplan._text import terminal_line as _terminal_line
from runplan.export.text import STATUS_WORDS, TRAINING_KINDS
from runplan.export.words import effort_text, exercise_text, intervals_text
from runplan.export.zone import load_zone
from runplan.models import (
    Advisory,
    AdvisoryKind,
    Day,
    DayStatus,
    Effort,
    Plan,
    Session,
    SessionKind,
    Week,
)
from runplan.rules import RULES

__all__ = [
    "KINDS",
    "AdvisoryView",
    "DayView",
    "KindView",
    "PageView",
    "SessionView",
    "WeekView",
    "page_view",
]


def terminal_line(text: str) -> str:
    """:func:`runplan._text.terminal_line` with a fast path for text it would return
    unchanged: the shared function reads each character, a quarter of a 16-week page's
    cost before (docs/html.md, "Cost")."""
    if text.isprintable() and "  " not in text and text == text.strip():
        return text  # nothing to replace: no control, bidi or line-break character
    return _terminal_line(text)


@dataclass(frozen=True, slots=True)
class KindView:
    """A session kind as the legend and every chip show it: a word, a shape, a colour
    (CSS class ``kind-<value>``), so colour is never the only cue."""

    value: str
    label: str
    shape: str
    shape_name: str


#: Every kind in legend order, with its shape (a geometric character every system font
#: has; the word beside it carries the meaning for screen readers).
KINDS: dict[SessionKind, KindView] = {
    kind: KindView(kind.value, label, shape, shape_name)
    for kind, label, shape, shape_name in (
        (SessionKind.RUN, "Run", "\u25b2", "triangle"),
        (SessionKind.BIKE, "Bike", "\u25cf", "circle"),
        (SessionKind.SWIM, "Swim", "\u25c6", "diamond"),
        (SessionKind.STRENGTH, "Strength", "\u25a0", "square"),
        (SessionKind.MOBILITY, "Mobility", "\u271a", "cross"),
        (SessionKind.WALK, "Walk", "\u25bc", "down triangle"),
        (SessionKind.RECOVERY, "Recovery", "\u25cb", "ring"),
    )
}

_ADVISORY_LABEL: dict[AdvisoryKind, str] = {
    AdvisoryKind.URGENT: "Urgent",
    AdvisoryKind.CONSULT: "Consult",
    AdvisoryKind.NOTE: "Note",
}
_ALERT_ORDER = (AdvisoryKind.URGENT, AdvisoryKind.CONSULT)


@dataclass(frozen=True, slots=True)
class AdvisoryView:
    kind: str
    label: str
    message: str
    date: str
    until: str | None
    day: str  # the plan day it belongs to (the nearest one when dated outside the plan)
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SessionView:
    kind: KindView
    date: str
    start: str
    minutes: int
    title: str
    rpe: str | None
    effort: str | None
    surface: str | None
    warmup: tuple[str, ...]
    intervals: str | None
    exercises: tuple[str, ...]
    content: tuple[str, ...]
    stop_rule: str | None
    notes: tuple[str, ...]
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DayView:
    date: str
    weekday: str
    label: str
    status: str
    status_label: str
    advisories: tuple[AdvisoryView, ...]
    sessions: tuple[SessionView, ...]


@dataclass(frozen=True, slots=True)
class WeekView:
    number: int
    first: str
    last: str
    recovery: bool
    summary: str
    days: tuple[DayView, ...]


@dataclass(frozen=True, slots=True)
class PageView:
    runner: str
    timezone: str
    first: str
    last: str
    length: str
    disclaimer: str
    guidance: tuple[str, ...]
    alerts: tuple[AdvisoryView, ...]
    advisories: tuple[AdvisoryView, ...]
    weeks: tuple[WeekView, ...]
    legend: tuple[KindView, ...]


def page_view(plan: Plan) -> PageView:
    """Everything the page template prints, in the order it prints it."""
    zone = load_zone(plan.timezone)
    days = sorted(d.date for w in plan.weeks for d in w.days)
    advisories = tuple(_advisory(a, days) for a in sorted(plan.advisories, key=lambda a: a.date))
    first, last = (days[0], days[-1]) if days else (plan.start, plan.start)
    return PageView(
        runner=terminal_line(plan.runner),
        timezone=terminal_line(plan.timezone),
        first=first.isoformat(),
        last=last.isoformat(),
        length=plural(len(plan.weeks), "week"),
        disclaimer=terminal_line(plan.disclaimer),
        guidance=tuple(terminal_line(g) for g in plan.guidance),
        alerts=tuple(a for kind in _ALERT_ORDER for a in advisories if a.kind == kind.value),
        advisories=advisories,
        weeks=tuple(
            _week(number, week, zone, advisories) for number, week in enumerate(plan.weeks, 1)
        ),
        legend=tuple(KINDS.values()),
    )


def _advisory(advisory: Advisory, days: Sequence[date]) -> AdvisoryView:
    return AdvisoryView(
        kind=advisory.kind.value,
        label=_ADVISORY_LABEL[advisory.kind],
        message=terminal_line(advisory.message),
        date=advisory.date.isoformat(),
        until=advisory.until.isoformat() if advisory.until else None,
        day=_nearest(advisory.date, days).isoformat(),
        rules=_rules(advisory.rules),
    )


def _nearest(day: date, days: Sequence[date]) -> date:
    """The plan day an advisory links to: its own, else the nearest (the earlier of two
    equally near); the day itself when the plan has none."""
    return min(days, key=lambda d: (abs((d - day).days), d), default=day)


def _rules(ids: Sequence[str]) -> tuple[str, ...]:
    """``"A2 warm-up first"``: the id, then the catalog's short title when it has one."""
    out = []
    for rule_id in ids:
        rule = RULES.get(rule_id)
        text = f"{rule_id} {rule.title}" if rule is not None and rule.title else rule_id
        out.append(terminal_line(text))
    return tuple(out)


def _week(number: int, week: Week, zone: tzinfo, advisories: Sequence[AdvisoryView]) -> WeekView:
    last = week.days[-1].date if week.days else week.start + timedelta(days=6)
    return WeekView(
        number=number,
        first=_label(week.start),
        last=_label(last),
        recovery=week.recovery_week,
        summary=_week_summary(week),
        days=tuple(_day(day, zone, advisories) for day in week.days),
    )


def _week_summary(week: Week) -> str:
    """The week's minutes by kind, as its sessions add up (its totals lump bike and swim
    together), and its load ratio when the plan states one."""
    minutes = dict.fromkeys(KINDS, 0)
    for day in week.days:
        for s in day.sessions:
            minutes[s.kind] += s.duration_min
    parts = [f"{KINDS[k].label.lower()} {total} min" for k, total in minutes.items() if total]
    if week.totals is not None and week.totals.acwr is not None:
        parts.append(f"load ratio {week.totals.acwr:.2f}")
    return ", ".join(parts) if parts else "no sessions"


def _day(day: Day, zone: tzinfo, advisories: Sequence[AdvisoryView]) -> DayView:
    status = day.status
    if status is None:  # a plan that states none: read as the text view reads it
        training = any(s.kind in TRAINING_KINDS for s in day.sessions)
        status = DayStatus.TRAINING if training else DayStatus.REST
    iso = day.date.isoformat()
    return DayView(
        date=iso,
        weekday=f"{day.date:%a}",
        label=_label(day.date),
        status=status.value,
        status_label=STATUS_WORDS[status],
        advisories=tuple(a for a in advisories if a.day == iso),
        sessions=tuple(_session(day.date, s, zone) for s in day.sessions),
    )


def _rpe(effort: Effort | None) -> str | None:
    """The chip's short effort, ``RPE 2-3/10``: the shared wording without its cue."""
    if effort is None:
        return None
    return effort_text(effort.model_copy(update={"cue": ""}))


def _label(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


def _session(day: date, session: Session, zone: tzinfo) -> SessionView:
    warmup = session.warmup.steps if session.warmup is not None else []
    return SessionView(
        kind=KINDS[session.kind],
        date=day.isoformat(),
        start=f"{session.start.astimezone(zone):%H:%M}",
        minutes=session.duration_min,
        title=terminal_line(session.title),
        rpe=_rpe(session.effort),
        effort=terminal_line(effort_text(session.effort)) if session.effort is not None else None,
        surface=session.surface.value if session.surface is not None else None,
        warmup=tuple(
            terminal_line(f"{s.kind.value.replace('_', ' ')} {s.minutes} min: {s.text}")
            for s in warmup
        ),
        intervals=intervals_text(session.intervals) if session.intervals else None,
        exercises=tuple(terminal_line(exercise_text(e)) for e in session.exercises or ()),
        content=tuple(terminal_line(c) for c in session.content),
        stop_rule=terminal_line(session.stop_rule) if session.stop_rule else None,
        notes=tuple(terminal_line(n) for n in session.notes),
        rules=_rules(session.rules),
    )
