"""The activity report as JSON (DESIGN.md "Activity report") and as a week-by-week text
view for a terminal (docs/log.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta

from runplan._text import plural, terminal_line
from runplan.adherence.matching import DONE_PERCENT
from runplan.models import ActivityKind, ActivityReport, ReportSession, ReportStatus, ReportWeek
from runplan.rules import DISCLAIMER

__all__ = ["report_json", "report_text"]

#: What the text view lists of each week, in this order (done sessions are counted only).
_LISTED: tuple[ReportStatus, ...] = ("missed", "partial", "extra")
_STATUSES: tuple[ReportStatus, ...] = ("done", "partial", "missed", "extra")
#: Day names in English whatever the locale (``%a`` follows LC_TIME).
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def report_json(report: ActivityReport) -> str:
    """The report as pretty-printed JSON (2-space indent, UTF-8 text, trailing newline),
    sessions sorted by date then kind: the same report always gives the same text."""
    data = report.model_dump(mode="json")
    data["sessions"] = [s.model_dump(mode="json") for s in _sorted(report.sessions)]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def report_text(report: ActivityReport) -> str:
    """Week by week: minutes planned and done by kind, the share done, the load ratio,
    then the missed, partial and extra sessions; then the skipped files, the counts and
    the disclaimer (S4).  Every text from a file or profile is made one terminal-safe
    line first."""
    lines = [
        f"Planned vs done: {terminal_line(report.runner)}, "
        f"{report.since.isoformat()} to {report.until.isoformat()}",
        f"(minutes planned / done; done: at least {DONE_PERCENT} % of the planned minutes)",
    ]
    sessions = _sorted(report.sessions)
    for week in report.weeks:
        lines.append("")
        lines.extend(_week_lines(week, [s for s in sessions if week.first <= s.date <= week.last]))
    if report.skipped:
        lines += ["", "Skipped files:"]
        lines += [f"  {terminal_line(s.file)}: {terminal_line(s.reason)}" for s in report.skipped]
    counts = ", ".join(f"{report.counts.get(status, 0)} {status}" for status in _STATUSES)
    lines += ["", f"Sessions: {counts}.", terminal_line(report.disclaimer or DISCLAIMER)]
    return "\n".join(lines) + "\n"


def _sorted(sessions: Iterable[ReportSession]) -> list[ReportSession]:
    return sorted(sessions, key=lambda s: (s.date, s.kind.value))


def _week_lines(week: ReportWeek, sessions: list[ReportSession]) -> list[str]:
    head = f"Week of {_day(week.start)}"
    if (week.first, week.last) != (week.start, week.start + timedelta(days=6)):
        head += f" ({week.first.isoformat()} to {week.last.isoformat()})"
    lines = [head]
    for kind in ActivityKind:
        if kind in week.planned_min or kind in week.done_min:
            planned = week.planned_min.get(kind, 0)
            done = week.done_min.get(kind, 0.0)
            lines.append(f"  {kind.value:<9}{planned:>5} planned {done:>7.1f} done")
    if not week.planned_min and not week.done_min:
        lines.append("  nothing planned, nothing logged")
    share = "-" if week.done_share is None else f"{week.done_share:.2f}"
    ratio = "- (log under 28 days)" if week.load_ratio is None else f"{week.load_ratio:.2f}"
    lines.append(
        f"  done {week.done} of {plural(week.planned, 'planned session')} "
        f"(share {share}); load ratio {ratio}"
    )
    lines.extend(f"  {_session_line(s)}" for s in sessions if s.status in _LISTED)
    return lines


def _session_line(session: ReportSession) -> str:
    when = f"{_day(session.date)} {session.kind.value}"
    if session.status == "missed":
        return f"missed: {when}, {session.planned_min} min"
    source = f" ({terminal_line(session.source)})" if session.source else ""
    if session.status == "partial":
        return f"partial: {when}, {session.done_min:.1f} of {session.planned_min} min{source}"
    return f"extra: {when}, {session.done_min:.1f} min{source}"


def _day(day: date) -> str:
    return f"{_DAY_NAMES[day.weekday()]} {day.isoformat()}"
