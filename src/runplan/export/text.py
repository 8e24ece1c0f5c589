"""Human-readable week views of a :class:`~runplan.models.Plan`: plain text for a
terminal (:func:`to_text`) and Markdown (:func:`to_markdown`).

Both only read the plan.  Output is deterministic (no clock, no machine time zone):
times are shown in the plan's time zone.  Every view ends with the disclaimer (S4).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import NamedTuple

from runplan._text import PLAN_MARKDOWN_SPECIALS, markdown_escape, plural, terminal_line
from runplan.export.zone import load_zone
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
    return _Line(f"{local:%H:%M}", terminal_line(session.title), "; ".join(details))


def _day_label(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


class _Span(NamedTuple):
    first: date
    last: date


def _span(plan: Plan) -> _Span:
    dates = [d.date for w in plan.weeks for d in w.days]
    return _Span(min(dates, default=plan.start), max(dates, default=plan.start))


# ------------------------------------------------------------------------- text


def to_text(plan: Plan) -> str:
    """A week grid for a terminal: header, one block per week, advisories, disclaimer."""
    zone = load_zone(plan.timezone)
    first, last = _span(plan)
    out = [
        f"Training plan for {terminal_line(plan.runner)}",
        f"Time zone: {terminal_line(plan.timezone)} (all times are local)",
        f"{first.isoformat()} to {last.isoformat()}, {plural(len(plan.weeks), 'week')}",
    ]
    for week in _weeks(plan, zone):
        out += ["", week.heading]
        for day in week.days:
            out += _text_day(day)
    out += ["", "Advisories"]
    if plan.advisories:
        out += [line for advisory in _by_date(plan) for line in _text_advisory(advisory)]
    else:
        out.append(f"{_INDENT}none")
    out += ["", *textwrap.wrap(terminal_line(plan.disclaimer), width=WIDTH, break_on_hyphens=False)]
    return "\n".join(out) + "\n"


def _text_day(day: _DayView) -> list[str]:
    """A day's rows: the day label, then each session (wrapped under its title)."""
    first_col = f"{_INDENT}{day.label:<{_DAY_COL - 2}}  "
    pad = " " * (len(_INDENT) + _DAY_COL)
    rows = ["rest day"] if day.rest else []
    rows += [f"{line.time}  {line.title} ({line.details})" for line in day.lines]
    out: list[str] = []
    for index, row in enumerate(rows):
        out += textwrap.wrap(
            row,
            width=WIDTH,
            initial_indent=first_col if index == 0 else pad,
            subsequent_indent=pad + " " * 7,
            break_on_hyphens=False,
            break_long_words=False,
        )
    return out


def _text_advisory(advisory: Advisory) -> list[str]:
    rules = f" [{', '.join(terminal_line(r) for r in advisory.rules)}]" if advisory.rules else ""
    head = f"{_INDENT}{advisory.kind.value.upper():<8} {advisory.date.isoformat()}  "
    return textwrap.wrap(
        terminal_line(advisory.message) + rules,
        width=WIDTH,
        initial_indent=head,
        subsequent_indent=" " * len(head),
        break_on_hyphens=False,
    )


def _by_date(plan: Plan) -> list[Advisory]:
    """Advisories in date order (stable: the plan's order within a date)."""
    return sorted(plan.advisories, key=lambda a: a.date)


# --------------------------------------------------------------------- markdown


def to_markdown(plan: Plan) -> str:
    """The same view as :func:`to_text` as Markdown: one table per week."""
    zone = load_zone(plan.timezone)
    first, last = _span(plan)
    out = [
        f"# Training plan for {_md(plan.runner)}",
        "",
        f"Time zone: {_md(plan.timezone)} (all times are local). "
        f"{first.isoformat()} to {last.isoformat()}, {plural(len(plan.weeks), 'week')}.",
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
            out += _markdown_day(day)
    out += ["", "## Advisories", ""]
    out += [_markdown_advisory(a) for a in _by_date(plan)] or ["None."]
    out += ["", f"> {_md(plan.disclaimer)}"]
    return "\n".join(out) + "\n"


class _Row(NamedTuple):
    """One row of a week's Markdown table, the day cell left out."""

    time: str
    title: str
    details: str


def _markdown_day(day: _DayView) -> list[str]:
    """A day's table rows; only the first names the day."""
    rows = [_Row("", "rest day", "")] if day.rest else []
    rows += [_Row(line.time, _md(line.title), _md(line.details)) for line in day.lines]
    return [
        f"| {day.label if index == 0 else ''} | {row.time} | {row.title} | {row.details} |"
        for index, row in enumerate(rows)
    ]


def _markdown_advisory(advisory: Advisory) -> str:
    rules = f" ({', '.join(_md(r) for r in advisory.rules)})" if advisory.rules else ""
    return (
        f"- **{advisory.kind.value.upper()}** {advisory.date.isoformat()}: "
        f"{_md(advisory.message)}{rules}"
    )


def _md(text: str) -> str:
    """One line of plan text, escaped for Markdown."""
    return markdown_escape(terminal_line(text), PLAN_MARKDOWN_SPECIALS)
