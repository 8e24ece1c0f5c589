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
from runplan.export.words import exercise_text, intervals_text
from runplan.export.zone import load_zone
from runplan.models import (
    Advisory,
    DayStatus,
    IntervalKind,
    Plan,
    Session,
    SessionKind,
    StepKind,
    Week,
)

__all__ = ["to_markdown", "to_text"]

WIDTH = 100
#: Kinds that make a day a training day; a day without them is a rest day (L3).
TRAINING_KINDS = frozenset(
    {SessionKind.RUN, SessionKind.BIKE, SessionKind.SWIM, SessionKind.STRENGTH}
)
_STEP_WORD: dict[StepKind, str] = {StepKind.WALK: "walk", StepKind.BACK_STRETCH: "back stretches"}
_INDENT = "  "
#: How each day status reads (DESIGN.md "Plan contract additions").
STATUS_WORDS: dict[DayStatus, str] = {
    DayStatus.NO_TRAINING: "no training (red-flag block)",
    DayStatus.HOME_CARE: "home care only",
    DayStatus.NO_RUNNING: "no running",
    DayStatus.REST: "rest day",
    DayStatus.TRAINING: "training",
}
_DAY_COL = 16  # "Mon 2026-03-23" + two spaces


# ------------------------------------------------------------------------- model


@dataclass(frozen=True)
class _Line:
    time: str
    title: str
    details: str
    more: tuple[str, ...] = ()  # intervals, exercises (A14, R2)


@dataclass(frozen=True)
class _DayView:
    label: str
    rest: bool
    lines: tuple[_Line, ...]
    status: str | None = None  # the day's status in words; None: the plan states none


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
                status=STATUS_WORDS[day.status] if day.status is not None else None,
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
    if session.intervals and all(i.kind is IntervalKind.WALK for i in session.intervals):
        details.append(f"walk {sum(i.minutes for i in session.intervals)} min")
    if session.effort is not None:
        low, high = session.effort.rpe_low, session.effort.rpe_high
        details.append(f"effort RPE {low}-{high}" if low != high else f"effort RPE {low}")
    more = []
    if session.intervals and any(i.kind is not IntervalKind.WALK for i in session.intervals):
        more.append(f"intervals: {intervals_text(session.intervals)}")
    if session.exercises:
        more.append(f"exercises: {'; '.join(exercise_text(e) for e in session.exercises)}")
    return _Line(f"{local:%H:%M}", terminal_line(session.title), "; ".join(details), tuple(more))


def _guidance(plan: Plan) -> list[str]:
    """What the plan says once for all its sessions: its guidance (a missed session is
    skipped, never stacked), the stop rule of its runs and what each effort means (A13)."""
    out = list(plan.guidance)
    sessions = [s for _, s in plan.sessions()]
    stops = list(dict.fromkeys(s.stop_rule for s in sessions if s.stop_rule))
    if len(stops) == 1:
        out.append(f"On every run and walk-run: {stops[0]}")
    else:
        out += [f"Stop rule: {rule}" for rule in stops]
    cues: dict[tuple[int, int], str] = {}
    for e in sorted({s.effort for s in sessions if s.effort}, key=lambda e: (len(e.cue), e.cue)):
        cues.setdefault((e.rpe_low, e.rpe_high), e.cue)  # one talk test per band: the plainest
    if cues:
        said = "; ".join(f"{low}-{high} {cue}" for (low, high), cue in sorted(cues.items()))
        out.append(f"Effort is RPE on a 0-10 scale: {said}.")
    return out


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
    guidance = _guidance(plan)
    if guidance:
        out += ["", "How to follow this plan"]
        for line in guidance:
            out += textwrap.wrap(
                terminal_line(line),
                width=WIDTH,
                initial_indent=f"{_INDENT}- ",
                subsequent_indent=_INDENT * 2,
                break_on_hyphens=False,
            )
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
    fallback = ["rest day"] if day.rest else []
    rows = [day.status] if day.status is not None else fallback
    for line in day.lines:
        rows.append(f"{line.time}  {line.title} ({line.details})")
        rows += [f"{' ' * 7}{more}" for more in line.more]
    out: list[str] = []
    for index, row in enumerate(rows):
        extra = " " * (len(row) - len(row.lstrip(" ")))
        out += textwrap.wrap(
            row.lstrip(" "),
            width=WIDTH,
            initial_indent=(first_col if index == 0 else pad) + extra,
            subsequent_indent=pad + " " * 7 + extra,
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
    guidance = _guidance(plan)
    if guidance:
        out += ["", "## How to follow this plan", ""]
        out += [f"- {_md(line)}" for line in guidance]
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
    if day.status is not None:
        label = f"{day.label} ({day.status})"
        rows = [] if day.lines else [_Row("", "", "")]
    else:
        label = day.label
        rows = [_Row("", "rest day", "")] if day.rest else []
    rows += [
        _Row(line.time, _md(line.title), "<br>".join(_md(x) for x in (line.details, *line.more)))
        for line in day.lines
    ]
    return [
        f"| {label if index == 0 else ''} | {row.time} | {row.title} | {row.details} |"
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
