"""Human-readable week views of a :class:`~runplan.models.Plan`: plain text for a
terminal (:func:`to_text`) and Markdown (:func:`to_markdown`).

Both only read the plan.  Output is deterministic (no clock, no machine time zone):
times are shown in the plan's time zone.  Every view ends with the disclaimer (S4).
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from runplan.errors import ExportError
from runplan.models import Advisory, Plan, Session, SessionKind, StepKind, Week

__all__ = ["to_markdown", "to_text"]

WIDTH = 100
#: Kinds that make a day a training day; a day without them is a rest day (L3).
TRAINING_KINDS = frozenset(
    {SessionKind.RUN, SessionKind.BIKE, SessionKind.SWIM, SessionKind.STRENGTH}
)
_STEP_WORD: dict[StepKind, str] = {StepKind.WALK: "walk", StepKind.BACK_STRETCH: "back stretches"}
_INDENT = "  "
_DAY_COL = 16  # "Mon 2026-03-23" + two spaces


# ------------------------------------------------------------------------- model


@dataclass(frozen=True)
class _Line:
    time: str
    title: str
    details: str


@dataclass(frozen=True)
class _DayView:
    label: str
    rest: bool
    lines: tuple[_Line, ...]


@dataclass(frozen=True)
class _WeekView:
    number: int
    heading: str
    days: tuple[_DayView, ...]


def _weeks(plan: Plan, zone: tzinfo) -> Iterator[_WeekView]:
    for number, week in enumerate(plan.weeks, start=1):
        days = tuple(
            _DayView(
                label=_day_label(day.date),
                rest=not any(s.kind in TRAINING_KINDS for s in day.sessions),
                lines=tuple(_session_line(s, zone) for s in day.sessions),
            )
            for day in week.days
        )
        yield _WeekView(number, _week_heading(number, week), days)


def _week_heading(number: int, week: Week) -> str:
    last = week.days[-1].date if week.days else week.start + timedelta(days=6)
    minutes = sum(
        s.duration_min for d in week.days for s in d.sessions if s.kind == SessionKind.RUN
    )
    heading = f"Week {number}: {_day_label(week.start)} to {_day_label(last)}, run {minutes} min"
    if week.recovery_week:
        heading += ", recovery week"
    return heading


def _session_line(session: Session, zone: tzinfo) -> _Line:
    local = session.start.astimezone(zone)
    details = [f"{session.duration_min} min"]
    if session.kind == SessionKind.RUN:
        if session.warmup is not None and session.warmup.steps:
            steps = ", ".join(
                f"{_STEP_WORD.get(step.kind, step.kind.value)} {step.minutes}"
                for step in session.warmup.steps
            )
            details.append(f"warm-up {session.warmup.duration_min} min: {steps}")
        if session.surface is not None:
            details.append(f"on {session.surface.value}")
    return _Line(f"{local:%H:%M}", _one_line(session.title), "; ".join(details))


def _day_label(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


def _zone(plan: Plan) -> tzinfo:
    try:
        return ZoneInfo(plan.timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ExportError(
            f'timezone: "{plan.timezone}" is not a known time zone; allowed: an IANA name '
            'such as "Europe/London"'
        ) from None


def _span(plan: Plan) -> tuple[date, date]:
    dates = [d.date for w in plan.weeks for d in w.days]
    return (min(dates, default=plan.start), max(dates, default=plan.start))


# ------------------------------------------------------------------------- text


def to_text(plan: Plan) -> str:
    """A week grid for a terminal: header, one block per week, advisories, disclaimer."""
    zone = _zone(plan)
    first, last = _span(plan)
    out = [
        f"Training plan for {_one_line(plan.runner)}",
        f"Time zone: {_one_line(plan.timezone)} (all times are local)",
        f"{first.isoformat()} to {last.isoformat()}, {_count(len(plan.weeks), 'week')}",
    ]
    pad = " " * (len(_INDENT) + _DAY_COL)
    for week in _weeks(plan, zone):
        out += ["", week.heading]
        for day in week.days:
            first_col = f"{_INDENT}{day.label:<{_DAY_COL - 2}}  "
            rows = ["rest day"] if day.rest else []
            rows += [f"{line.time}  {line.title} ({line.details})" for line in day.lines]
            for index, row in enumerate(rows):
                out += textwrap.wrap(
                    row,
                    width=WIDTH,
                    initial_indent=first_col if index == 0 else pad,
                    subsequent_indent=pad + " " * 7,
                    break_on_hyphens=False,
                    break_long_words=False,
                )
    out += ["", "Advisories"]
    if plan.advisories:
        for advisory in _by_date(plan):
            rules = (
                f" [{', '.join(_one_line(r) for r in advisory.rules)}]" if advisory.rules else ""
            )
            head = f"{_INDENT}{advisory.kind.value.upper():<8} {advisory.date.isoformat()}  "
            out += textwrap.wrap(
                _one_line(advisory.message) + rules,
                width=WIDTH,
                initial_indent=head,
                subsequent_indent=" " * len(head),
                break_on_hyphens=False,
            )
    else:
        out.append(f"{_INDENT}none")
    out += ["", *textwrap.wrap(_one_line(plan.disclaimer), width=WIDTH, break_on_hyphens=False)]
    return "\n".join(out) + "\n"


def _by_date(plan: Plan) -> list[Advisory]:
    """Advisories in date order (stable: the plan's order within a date)."""
    return sorted(plan.advisories, key=lambda a: a.date)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# --------------------------------------------------------------------- markdown


def to_markdown(plan: Plan) -> str:
    """The same view as :func:`to_text` as Markdown: one table per week."""
    zone = _zone(plan)
    first, last = _span(plan)
    out = [
        f"# Training plan for {_md(plan.runner)}",
        "",
        f"Time zone: {_md(plan.timezone)} (all times are local). "
        f"{first.isoformat()} to {last.isoformat()}, {_count(len(plan.weeks), 'week')}.",
    ]
    for week in _weeks(plan, zone):
        out += [
            "",
            f"## {week.heading}",
            "",
            "| Day | Time | Session | Details |",
            "| --- | --- | --- | --- |",
        ]
        for day in week.days:
            rows: list[tuple[str, str, str]] = [("", "rest day", "")] if day.rest else []
            rows += [(line.time, _md(line.title), _md(line.details)) for line in day.lines]
            for index, (time, title, details) in enumerate(rows):
                label = day.label if index == 0 else ""
                out.append(f"| {label} | {time} | {title} | {details} |")
    out += ["", "## Advisories", ""]
    if plan.advisories:
        for advisory in _by_date(plan):
            rules = f" ({', '.join(_md(r) for r in advisory.rules)})" if advisory.rules else ""
            out.append(
                f"- **{advisory.kind.value.upper()}** {advisory.date.isoformat()}: "
                f"{_md(advisory.message)}{rules}"
            )
    else:
        out.append("None.")
    out += ["", f"> {_md(plan.disclaimer)}"]
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _one_line(text))


# ----------------------------------------------------------------------- helpers


def _one_line(text: str) -> str:
    """One terminal-safe line: line breaks and tabs become spaces, other control
    characters (escape sequences included) become ``?``."""
    out: list[str] = []
    for ch in text:
        if ch in "\r\n\t\u2028\u2029":
            out.append(" ")
        elif unicodedata.category(ch) in {"Cc", "Cs"}:
            out.append("?")
        else:
            out.append(ch)
    return re.sub(r" {2,}", " ", "".join(out)).strip()
