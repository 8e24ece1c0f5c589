"""iCalendar (RFC 5545) export of a :class:`~runplan.models.Plan`: :func:`to_ics`.

The exporter only reads the plan; it decides nothing.  What it guarantees:

* one VEVENT per session (DTSTART/DTEND with ``TZID`` = the plan's time zone) and one
  all-day VEVENT per advisory (``CATEGORIES:ADVISORY``);
* stable UIDs (runner, date, slot; :mod:`~runplan.export.ics.uids`) so that a re-issued
  file updates instead of duplicating; with ``previous`` the SEQUENCE of changed events
  goes up and events that left the plan are sent as ``STATUS:CANCELLED``
  (:mod:`~runplan.export.ics.reissue`);
* one VTIMEZONE per TZID used, built from the IANA data for the plan's date range only
  (:mod:`~runplan.export.ics.vtimezone`);
* byte-identical output for the same input: no wall clock, no hash-order dependence, no
  dependence on the machine's time zone;
* every DESCRIPTION ends with the disclaimer (rule S4).

icalendar quirks worked around here (icalendar 6/7):

* ``NAME``, ``X-WR-CALNAME`` and ``X-WR-CALDESC`` are not known text properties, so a
  plain ``str`` is written *unescaped* (a newline in a runner name would start a new
  property).  They are added as :class:`icalendar.vText`.
* A lone carriage return and other control characters pass through vText unescaped;
  :func:`runplan._text.ics_text` removes them before anything is added.
* ``REFRESH-INTERVAL`` is written without the ``VALUE=DURATION`` parameter that RFC 7986
  requires, and ``X-PUBLISHED-TTL`` from a timedelta is written as ``12:00:00``.  Both are
  added explicitly as :class:`icalendar.vDuration`, the former with its parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vDuration, vText

from runplan._text import ics_line, ics_text
from runplan.errors import ExportError
from runplan.export.formats import MAX_ALARM_MINUTES
from runplan.export.ics.reissue import (
    Prior,
    cancellable,
    cancelled_event,
    read_previous,
    set_sequence,
)
from runplan.export.ics.uids import advisory_uids, session_uid, uid_identity
from runplan.export.ics.vtimezone import timezones
from runplan.export.words import effort_text, exercise_text, intervals_text
from runplan.export.zone import load_zone
from runplan.models import (
    Advisory,
    AdvisoryKind,
    IntervalKind,
    Plan,
    Session,
    StepKind,
    WarmupStep,
)
from runplan.rules import RULES

__all__ = ["MAX_DESCRIPTION", "to_ics"]

#: A session event's DESCRIPTION stays within this many characters (DESIGN.md).
MAX_DESCRIPTION = 700
_EN_DASH = "\N{EN DASH}"
_ADVISORY_PREFIX: dict[AdvisoryKind, str] = {
    AdvisoryKind.URGENT: "URGENT",
    AdvisoryKind.CONSULT: "Consult",
    AdvisoryKind.NOTE: "Note",
}
_STEP_NAME: dict[StepKind, str] = {
    StepKind.WALK: "Easy walk",
    StepKind.BACK_STRETCH: "Gentle back stretches",
}


# ----------------------------------------------------------------------------- API


def to_ics(
    plan: Plan,
    *,
    alarm_minutes: int | None = None,
    refresh: timedelta | None = None,
    calendar_name: str | None = None,
    previous: bytes | str | None = None,
    show_away: bool = True,
) -> bytes:
    """Render ``plan`` as an iCalendar file (UTF-8 bytes, CRLF line ends, folded lines).

    ``alarm_minutes`` adds a display reminder that many minutes before each session.
    ``refresh`` adds the feed hints ``REFRESH-INTERVAL`` and ``X-PUBLISHED-TTL`` for a
    published (subscribed) calendar.  ``calendar_name`` overrides the default name
    "Training plan \N{EN DASH} <runner>".  ``previous`` is the file issued last time for the
    same runner: unchanged events keep their SEQUENCE, changed events get SEQUENCE + 1,
    and runplan events no longer in the plan are emitted as cancelled.  ``show_away``
    False leaves the days-away notes (D1) out of the file.

    Raises :class:`~runplan.errors.ExportError` for an unknown time zone, a bad option or
    an unreadable ``previous`` file.
    """
    zone = load_zone(plan.timezone)
    _check_alarm(alarm_minutes)
    _check_refresh(refresh)
    prior = read_previous(previous) if previous is not None else {}
    issue = _Issue(plan, zone, _dtstamp(plan), show_away)
    events = list(_events(issue, alarm_minutes))
    events += _cancellations(issue, prior, {str(e["UID"]) for e in events})
    for event in events:
        set_sequence(event, prior)
    cal = _calendar(plan, calendar_name, refresh)
    for timezone in timezones(events):
        cal.add_component(timezone)
    for event in events:
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def _check_alarm(alarm_minutes: int | None) -> None:
    if alarm_minutes is None:
        return
    if (
        isinstance(alarm_minutes, bool)
        or not isinstance(alarm_minutes, int)
        or not 0 <= alarm_minutes <= MAX_ALARM_MINUTES
    ):
        raise ExportError(
            f"alarm_minutes: {alarm_minutes!r} is not allowed; "
            f"allowed: a whole number of minutes from 0 to {MAX_ALARM_MINUTES}"
        )


def _check_refresh(refresh: timedelta | None) -> None:
    if refresh is None:
        return
    if (
        not isinstance(refresh, timedelta)
        or not timedelta(0) < refresh <= MAX_REFRESH
        or refresh.microseconds
    ):
        raise ExportError(
            f"refresh: {refresh!r} is not allowed; allowed: a positive duration in whole "
            f"seconds, at most {MAX_REFRESH.days} days"
        )


#: A feed refresh hint longer than a year means nothing to a calendar client.
MAX_REFRESH = timedelta(days=366)


class _Issue(NamedTuple):
    """What every event of one issued file shares."""

    plan: Plan
    zone: ZoneInfo
    stamp: datetime
    show_away: bool = True  # D1: days away as all-day, free-time events


def _calendar(plan: Plan, calendar_name: str | None, refresh: timedelta | None) -> Calendar:
    """The VCALENDAR with its own properties, before any component is added."""
    cal = Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", f"-//runplan//runplan {_version()}//EN")
    cal.add("CALSCALE", "GREGORIAN")
    runner = ics_line(plan.runner)
    default_name = f"Training plan {_EN_DASH} {runner}" if runner else "Training plan"
    name = ics_line(calendar_name) if calendar_name else default_name
    description = _calendar_description(plan)
    cal.add("NAME", vText(name))
    cal.add("X-WR-CALNAME", vText(name))
    cal.add("DESCRIPTION", vText(description))
    cal.add("X-WR-CALDESC", vText(description))
    cal.add("X-WR-TIMEZONE", vText(plan.timezone))
    if refresh is not None:
        cal.add("REFRESH-INTERVAL", vDuration(refresh), parameters={"VALUE": "DURATION"})
        cal.add("X-PUBLISHED-TTL", vDuration(refresh))
    return cal


def _calendar_description(plan: Plan) -> str:
    """What the plan is, what it says once for every session (a missed session is
    skipped, never stacked), then the disclaimer (S4)."""
    last = max((d.date for w in plan.weeks for d in w.days), default=plan.start)
    lines = [
        f"Cross-training plan for {ics_line(plan.runner)}, {plan.start.isoformat()} to "
        f"{last.isoformat()}; times in {plan.timezone}."
    ]
    lines += [ics_text(text) for text in plan.guidance]
    return "\n".join(lines) + f"\n\n{ics_text(plan.disclaimer)}"


# ------------------------------------------------------------------------ events


def _events(issue: _Issue, alarm_minutes: int | None) -> Iterator[Event]:
    """Every session of the plan, in date and slot order, then every advisory."""
    for week in issue.plan.weeks:
        for day in week.days:
            for slot, session in enumerate(day.sessions):
                yield _session_event(issue, day.date, slot, session, alarm_minutes)
    for uid, advisory in advisory_uids(issue.plan):
        if issue.show_away or advisory.rules != ["D1"]:
            yield _advisory_event(issue, uid, advisory)


def _cancellations(issue: _Issue, prior: dict[str, Prior], current: set[str]) -> list[Event]:
    """The previous file's events that left the plan, by UID."""
    return [
        cancelled_event(prior[uid].component, issue.zone, issue.stamp, issue.plan.disclaimer)
        for uid in sorted(prior)
        if uid not in current and cancellable(uid, issue.plan)
    ]


def _session_event(
    issue: _Issue, session_date: date, slot: int, session: Session, alarm_minutes: int | None
) -> Event:
    plan, zone = issue.plan, issue.zone
    start_utc = session.start.astimezone(UTC)
    start = start_utc.astimezone(zone)
    end = (start_utc + timedelta(minutes=session.duration_min)).astimezone(zone)
    event = Event()
    event.add("UID", session_uid(uid_identity(plan), session_date, slot))
    event.add("DTSTAMP", issue.stamp)
    event.add("DTSTART", start)
    event.add("DTEND", end)
    event.add("SEQUENCE", 0)
    event.add("SUMMARY", vText(ics_line(session.title)))
    event.add("CATEGORIES", [session.kind.value.upper()])
    event.add("DESCRIPTION", vText(_session_description(session, plan.disclaimer)))
    event.add("TRANSP", "OPAQUE")
    if alarm_minutes is not None:
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", vText(ics_line(session.title)))
        alarm.add("TRIGGER", vDuration(-timedelta(minutes=alarm_minutes)))
        event.add_component(alarm)
    return event


def _advisory_event(issue: _Issue, uid: str, advisory: Advisory) -> Event:
    event = Event()
    event.add("UID", uid)
    event.add("DTSTAMP", issue.stamp)
    event.add("DTSTART", advisory.date)
    # Days away (D1) span their days; every other advisory is a note on its first day.
    last = advisory.until if "D1" in advisory.rules and advisory.until else advisory.date
    event.add("DTEND", last + timedelta(days=1))
    event.add("SEQUENCE", 0)
    event.add("SUMMARY", vText(_advisory_summary(advisory)))
    event.add("CATEGORIES", ["ADVISORY"])
    lines = [ics_text(advisory.message)]
    lines += _why(advisory.rules)
    lines += ["", ics_text(issue.plan.disclaimer)]  # S4
    event.add("DESCRIPTION", vText("\n".join(lines)))
    event.add("TRANSP", "TRANSPARENT")
    return event


def _advisory_summary(advisory: Advisory) -> str:
    message = ics_line(advisory.message)
    cut = message.find(". ")
    first = message[: cut + 1] if cut >= 0 else message
    if len(first) > 90:
        first = first[:87].rstrip() + "..."
    return f"{_ADVISORY_PREFIX[advisory.kind]}: {first}"


def _session_description(session: Session, disclaimer: str) -> str:
    """What to do first (warm-up, the session, intervals or exercises, effort, stop rule,
    notes), then one line of rule ids with their short titles, then the disclaimer (S4);
    at most :data:`MAX_DESCRIPTION` characters (:func:`_fit`)."""
    steps = [ics_text(item) for item in session.content if not _is_warmup_line(item)]
    how: list[str] = []
    if session.intervals and any(i.kind is not IntervalKind.WALK for i in session.intervals):
        how.append(f"Intervals: {intervals_text(session.intervals)}.")
    if session.exercises and not session.content:
        how.append(f"Exercises: {'; '.join(exercise_text(e) for e in session.exercises)}.")
    if session.effort is not None:
        how.append(f"{effort_text(session.effort)}.")
    if session.stop_rule:
        how.append(ics_text(session.stop_rule))
    tail = _why(session.rules)
    tail += ["", ics_text(disclaimer)]  # S4
    notes = [ics_text(note) for note in session.notes]
    return _fit(_Parts(session, steps, how, notes, tail))


class _Parts(NamedTuple):
    """A session event's description in parts, in the order they are written."""

    session: Session
    steps: list[str]  # the session's own steps (its content)
    how: list[str]  # intervals or exercises, effort, stop rule
    notes: list[str]
    tail: list[str]  # the rules line, a blank line, the disclaimer


def _fit(parts: _Parts) -> str:
    """The first layout within :data:`MAX_DESCRIPTION`: in full; the warm-up without its
    step texts; then fewer notes, the last dropped first; else the steps cut short (the
    effort, the stop rule, the rules line and the disclaimer always stay)."""
    session, steps, how, notes, tail = parts
    tries = [(True, len(notes))] + [(False, keep) for keep in range(len(notes), -1, -1)]
    for detailed, keep in tries:
        lines = [*_warmup_lines(session, detailed), *steps, *how, *notes[:keep], *tail]
        text = "\n".join(lines)
        if len(text) <= MAX_DESCRIPTION:
            return text
    fixed = "\n".join([*how, *tail])
    head = "\n".join([*_warmup_lines(session, False), *steps])
    room = max(0, MAX_DESCRIPTION - len(fixed) - 4)
    return f"{head[:room].rstrip()}...\n{fixed}"


def _is_warmup_line(item: str) -> bool:
    """A content line that only repeats the structured warm-up (shown above it)."""
    return item.startswith("Warm-up ")


def _warmup_lines(session: Session, detailed: bool = True) -> list[str]:
    """The warm-up (A2) as one line of steps (with their texts when ``detailed``)."""
    if session.warmup is None or not session.warmup.steps:
        return []
    if detailed:
        steps = "; ".join(
            f"{step.minutes} min {_lower_first(_step_text(step))}" for step in session.warmup.steps
        )
    else:
        steps = ", ".join(
            f"{_STEP_NAME.get(step.kind, step.kind.value).lower()} {step.minutes} min"
            for step in session.warmup.steps
        )
    return [f"Warm-up {session.warmup.duration_min} min: {steps}."]


def _step_text(step: WarmupStep) -> str:
    text = ics_line(step.text).rstrip(".")
    return text or _STEP_NAME.get(step.kind, step.kind.value)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _rules_line(rule_ids: Iterable[str]) -> str:
    """One line: each rule id with its short title (an unknown id alone)."""
    parts = []
    for rule_id in rule_ids:
        rule = RULES.get(rule_id)
        clean_id = ics_line(rule_id)
        parts.append(f"{clean_id} {rule.title}" if rule and rule.title else clean_id)
    return f"Rules: {', '.join(parts)}."


def _why(rule_ids: Iterable[str]) -> list[str]:
    ids = list(rule_ids)
    return [_rules_line(ids)] if ids else []


# ----------------------------------------------------------------------- helpers


def _dtstamp(plan: Plan) -> datetime:
    """DTSTAMP: the plan's revision in UTC, else the plan start at 00:00 UTC (never the
    wall clock, so the same plan gives the same bytes)."""
    if plan.revision is None:
        return datetime.combine(plan.start, time(), UTC)
    revision = plan.revision
    if revision.tzinfo is None or revision.utcoffset() is None:
        revision = revision.replace(tzinfo=UTC)
    return revision.astimezone(UTC).replace(microsecond=0)


def _version() -> str:
    from runplan._version import __version__

    return __version__
