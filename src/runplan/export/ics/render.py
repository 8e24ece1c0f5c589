"""iCalendar (RFC 5545) export of a :class:`~runplan.models.Plan`.

The exporter only reads the plan; it decides nothing.  What it guarantees:

* one VEVENT per session (DTSTART/DTEND with ``TZID`` = the plan's time zone) and one
  all-day VEVENT per advisory (``CATEGORIES:ADVISORY``);
* stable UIDs (runner, date, slot) so that a re-issued file updates instead of
  duplicating; with ``previous`` the SEQUENCE of changed events goes up and events that
  left the plan are sent as ``STATUS:CANCELLED``;
* one VTIMEZONE per TZID used, built here from the IANA data for the plan's date range
  only, with no COMMENT, and with RFC 5545 onsets (local time *before* each transition);
* byte-identical output for the same input: no wall clock, no hash-order dependence, no
  dependence on the machine's time zone;
* every DESCRIPTION ends with the disclaimer (rule S4).

icalendar quirks worked around here (icalendar 6/7):

* ``NAME``, ``X-WR-CALNAME`` and ``X-WR-CALDESC`` are not known text properties, so a
  plain ``str`` is written *unescaped* (a newline in a runner name would start a new
  property).  They are added as :class:`icalendar.vText`.
* A lone carriage return and other control characters pass through vText unescaped;
  :func:`_clean` removes them before anything is added.
* ``REFRESH-INTERVAL`` is written without the ``VALUE=DURATION`` parameter that RFC 7986
  requires, and ``X-PUBLISHED-TTL`` from a timedelta is written as ``12:00:00``.  Both are
  added explicitly as :class:`icalendar.vDuration`, the former with its parameter.
* ``Timezone.from_tzid`` adds a COMMENT, puts spring-forward onsets one gap too late
  (after the transition instead of before it), and ``Calendar.add_missing_timezones``
  iterates a set (order depends on the hash seed).  VTIMEZONEs are built here instead.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import (
    Alarm,
    Calendar,
    Component,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
    vText,
)

from runplan.errors import ExportError
from runplan.models import Advisory, AdvisoryKind, Plan, Session, StepKind
from runplan.rules import RULES

__all__ = ["advisory_uid", "session_uid", "to_ics", "vtimezone"]

#: Upper bound for ``alarm_minutes`` (one week).
MAX_ALARM_MINUTES = 7 * 24 * 60

_UID_DOMAIN = "runplan"
_EN_DASH = "\N{EN DASH}"
_OUR_UID = re.compile(r"^runplan-[0-9a-f]{16}-\d{8}-[A-Za-z0-9.-]+@runplan$")
_RULE_TOKEN = re.compile(r"^[A-Za-z0-9]{1,12}$")
#: Properties that do not describe the event itself (ignored when comparing revisions).
_VOLATILE = frozenset({"DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "CREATED"})

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
) -> bytes:
    """Render ``plan`` as an iCalendar file (UTF-8 bytes, CRLF line ends, folded lines).

    ``alarm_minutes`` adds a display reminder that many minutes before each session.
    ``refresh`` adds the feed hints ``REFRESH-INTERVAL`` and ``X-PUBLISHED-TTL`` for a
    published (subscribed) calendar.  ``calendar_name`` overrides the default name
    "Training plan \N{EN DASH} <runner>".  ``previous`` is the file issued last time for the
    same runner: unchanged events keep their SEQUENCE, changed events get SEQUENCE + 1,
    and runplan events no longer in the plan are emitted as cancelled.

    Raises :class:`~runplan.errors.ExportError` for an unknown time zone, a bad option or
    an unreadable ``previous`` file.
    """
    zone = _zone(plan.timezone)
    if alarm_minutes is not None and (
        isinstance(alarm_minutes, bool)
        or not isinstance(alarm_minutes, int)
        or not 0 <= alarm_minutes <= MAX_ALARM_MINUTES
    ):
        raise ExportError(
            f"alarm_minutes: {alarm_minutes!r} is not allowed; "
            f"allowed: a whole number of minutes from 0 to {MAX_ALARM_MINUTES}"
        )
    if refresh is not None and (
        not isinstance(refresh, timedelta) or refresh <= timedelta(0) or refresh.microseconds
    ):
        raise ExportError(
            f"refresh: {refresh!r} is not allowed; allowed: a positive duration in whole seconds"
        )
    prior = _read_previous(previous) if previous is not None else {}
    stamp = _dtstamp(plan)

    events: list[Event] = []
    for session_date, slot, session in _slots(plan):
        events.append(_session_event(plan, zone, session_date, slot, session, stamp, alarm_minutes))
    for uid, advisory in _advisory_uids(plan):
        events.append(_advisory_event(plan, uid, advisory, stamp))

    current = {str(e["UID"]) for e in events}
    for uid in sorted(prior):
        if uid not in current and _cancellable(uid, plan):
            events.append(_cancelled_event(prior[uid].component, zone, stamp, plan.disclaimer))

    for event in events:
        _set_sequence(event, prior)

    cal = Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", f"-//runplan//runplan {_version()}//EN")
    cal.add("CALSCALE", "GREGORIAN")
    runner = _one_line(plan.runner)
    default_name = f"Training plan {_EN_DASH} {runner}" if runner else "Training plan"
    name = _one_line(calendar_name) if calendar_name else default_name
    description = _calendar_description(plan)
    cal.add("NAME", vText(name))
    cal.add("X-WR-CALNAME", vText(name))
    cal.add("DESCRIPTION", vText(description))
    cal.add("X-WR-CALDESC", vText(description))
    cal.add("X-WR-TIMEZONE", vText(plan.timezone))
    if refresh is not None:
        cal.add("REFRESH-INTERVAL", vDuration(refresh), parameters={"VALUE": "DURATION"})
        cal.add("X-PUBLISHED-TTL", vDuration(refresh))
    for timezone in _timezones(events):
        cal.add_component(timezone)
    for event in events:
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def session_uid(runner: str, day: date, slot: int) -> str:
    """The stable UID of the ``slot``-th session (0-based) on ``day`` for ``runner``."""
    return f"runplan-{_runner_key(runner)}-{day:%Y%m%d}-{slot}@{_UID_DOMAIN}"


def advisory_uid(runner: str, advisory: Advisory, index: int = 0) -> str:
    """The stable UID of an advisory; ``index`` counts earlier advisories with the same
    date, kind and rules."""
    rules = list(advisory.rules)
    if not rules:
        token = "none"
    elif all(_RULE_TOKEN.match(r) for r in rules):
        token = ".".join(rules)
    else:
        token = "h" + hashlib.sha256("\x1f".join(rules).encode("utf-8")).hexdigest()[:12]
    return (
        f"runplan-{_runner_key(runner)}-{advisory.date:%Y%m%d}-"
        f"{advisory.kind.value}-{token}-{index}@{_UID_DOMAIN}"
    )


# ------------------------------------------------------------------------ events


def _slots(plan: Plan) -> Iterator[tuple[date, int, Session]]:
    for week in plan.weeks:
        for day in week.days:
            for slot, session in enumerate(day.sessions):
                yield day.date, slot, session


def _advisory_uids(plan: Plan) -> Iterator[tuple[str, Advisory]]:
    seen: dict[tuple[date, str, tuple[str, ...]], int] = {}
    for advisory in plan.advisories:
        key = (advisory.date, advisory.kind.value, tuple(advisory.rules))
        index = seen.get(key, 0)
        seen[key] = index + 1
        yield advisory_uid(plan.runner, advisory, index), advisory


def _session_event(
    plan: Plan,
    zone: ZoneInfo,
    session_date: date,
    slot: int,
    session: Session,
    stamp: datetime,
    alarm_minutes: int | None,
) -> Event:
    start_utc = session.start.astimezone(UTC)
    start = start_utc.astimezone(zone)
    end = (start_utc + timedelta(minutes=session.duration_min)).astimezone(zone)
    event = Event()
    event.add("UID", session_uid(plan.runner, session_date, slot))
    event.add("DTSTAMP", stamp)
    event.add("DTSTART", start)
    event.add("DTEND", end)
    event.add("SEQUENCE", 0)
    event.add("SUMMARY", vText(_one_line(session.title)))
    event.add("CATEGORIES", [session.kind.value.upper()])
    event.add("DESCRIPTION", vText(_session_description(session, plan.disclaimer)))
    event.add("TRANSP", "OPAQUE")
    if alarm_minutes is not None:
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", vText(_one_line(session.title)))
        alarm.add("TRIGGER", vDuration(-timedelta(minutes=alarm_minutes)))
        event.add_component(alarm)
    return event


def _advisory_event(plan: Plan, uid: str, advisory: Advisory, stamp: datetime) -> Event:
    event = Event()
    event.add("UID", uid)
    event.add("DTSTAMP", stamp)
    event.add("DTSTART", advisory.date)
    event.add("DTEND", advisory.date + timedelta(days=1))
    event.add("SEQUENCE", 0)
    event.add("SUMMARY", vText(_advisory_summary(advisory)))
    event.add("CATEGORIES", ["ADVISORY"])
    lines = [_clean(advisory.message), ""]
    lines += _why(advisory.rules)
    lines += ["", _clean(plan.disclaimer)]
    event.add("DESCRIPTION", vText("\n".join(lines)))
    event.add("TRANSP", "TRANSPARENT")
    return event


def _advisory_summary(advisory: Advisory) -> str:
    message = _one_line(advisory.message).strip()
    cut = message.find(". ")
    first = message[: cut + 1] if cut >= 0 else message
    if len(first) > 90:
        first = first[:87].rstrip() + "..."
    return f"{_ADVISORY_PREFIX[advisory.kind]}: {first}"


def _session_description(session: Session, disclaimer: str) -> str:
    lines: list[str] = []
    if session.warmup is not None and session.warmup.steps:
        lines.append(f"Warm-up ({session.warmup.duration_min} min):")
        for step in session.warmup.steps:
            text = _clean(step.text).strip()
            label = f"- {_STEP_NAME.get(step.kind, step.kind.value)}, {step.minutes} min"
            lines.append(f"{label}: {text}" if text else label)
        lines.append("")
    facts = [f"{session.duration_min} min", f"{session.intensity.value} effort"]
    if session.warmup is not None and session.warmup.duration_min:
        facts[0] += " including the warm-up"
    if session.surface is not None:
        facts.append(f"surface: {session.surface.value}")
    lines.append(f"{_one_line(session.title)} ({', '.join(facts)})")
    lines += [f"- {_clean(item)}" for item in session.content]
    if session.notes:
        lines += ["", "Notes:"]
        lines += [f"- {_clean(note)}" for note in session.notes]
    if session.rules:
        lines.append("")
        lines += _why(session.rules)
    lines += ["", _clean(disclaimer)]
    return "\n".join(lines)


def _why(rule_ids: Iterable[str]) -> list[str]:
    ids = list(rule_ids)
    if not ids:
        return []
    lines = ["Why:"]
    for rule_id in ids:
        rule = RULES.get(rule_id)
        clean_id = _one_line(rule_id)
        lines.append(f"- {clean_id}: {rule.text}" if rule else f"- {clean_id}")
    return lines


def _calendar_description(plan: Plan) -> str:
    last = max((d.date for w in plan.weeks for d in w.days), default=plan.start)
    return (
        f"Cross-training plan for {_one_line(plan.runner)}, {plan.start.isoformat()} to "
        f"{last.isoformat()}; times in {plan.timezone}.\n\n{_clean(plan.disclaimer)}"
    )


# ----------------------------------------------------------------- cancellations


@dataclass(frozen=True)
class _Prior:
    sequence: int
    fingerprint: tuple[object, ...]
    component: Component


def _read_previous(previous: bytes | str) -> dict[str, _Prior]:
    """UID -> SEQUENCE, content fingerprint and component of the runplan events in
    ``previous``."""
    try:
        raw = previous.encode("utf-8") if isinstance(previous, str) else bytes(previous)
        raw = raw.removeprefix(b"\xef\xbb\xbf")  # a BOM some editors add
        calendars = Calendar.from_ical(raw, multiple=True)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError, ...
        raise ExportError(f"previous calendar: cannot be read as iCalendar ({exc})") from None
    if not calendars or any(c.name != "VCALENDAR" for c in calendars):
        raise ExportError("previous calendar: no VCALENDAR found")
    prior: dict[str, _Prior] = {}
    try:
        for calendar in calendars:
            for event in calendar.walk("VEVENT"):
                uid = str(event.get("UID", ""))
                if not _OUR_UID.match(uid) or "RECURRENCE-ID" in event:
                    continue
                raw_seq = event.get("SEQUENCE", 0)
                sequence = int(raw_seq)
                if sequence < 0:
                    raise ValueError(f"negative SEQUENCE {sequence}")
                found = _Prior(sequence, _fingerprint(event), event)
                if uid not in prior or sequence >= prior[uid].sequence:
                    prior[uid] = found
    except (ValueError, TypeError) as exc:
        raise ExportError(f"previous calendar: unreadable event ({exc})") from None
    return prior


def _cancellable(uid: str, plan: Plan) -> bool:
    """Only this runner's events, dated from the plan's first day, are sent as cancelled:
    a plan rolled forward leaves past sessions alone, and another runner's file given as
    ``previous`` cancels nothing."""
    prefix = f"runplan-{_runner_key(plan.runner)}-"
    if not uid.startswith(prefix):
        return False
    stamp = uid[len(prefix) : len(prefix) + 8]
    return stamp.isdigit() and stamp >= f"{plan.start:%Y%m%d}"


def _fingerprint(component: Component) -> tuple[object, ...]:
    """What an event says, in a form independent of property order and of how the
    file was folded: sorted content lines without DTSTAMP/SEQUENCE, and the same for
    each subcomponent."""
    own: list[str] = []
    for name, value in component.property_items(recursive=False, sorted=True):
        if name in _VOLATILE or name in {"BEGIN", "END"}:
            continue
        own.append(str(Component().content_line(name, value)))
    subs = sorted(repr(_fingerprint(sub)) for sub in component.subcomponents)
    return (tuple(sorted(own)), tuple(subs))


def _normalized_fingerprint(event: Event) -> tuple[object, ...]:
    """The fingerprint of an event we built, after the same parse as a previous file."""
    parsed = Calendar.from_ical(
        b"BEGIN:VCALENDAR\r\n" + event.to_ical() + b"END:VCALENDAR\r\n"
    ).walk("VEVENT")[0]
    return _fingerprint(parsed)


def _set_sequence(event: Event, prior: dict[str, _Prior]) -> None:
    found = prior.get(str(event["UID"]))
    if found is None:
        return
    same = _normalized_fingerprint(event) == found.fingerprint
    event.pop("SEQUENCE", None)
    event.add("SEQUENCE", found.sequence if same else found.sequence + 1)


def _cancelled_event(
    previous: Component, zone: ZoneInfo, stamp: datetime, disclaimer: str
) -> Event:
    event = Event()
    event.add("UID", str(previous["UID"]))
    event.add("DTSTAMP", stamp)
    for name in ("DTSTART", "DTEND"):
        if name in previous:
            event.add(name, _in_zone(previous.decoded(name), zone))
    if "DURATION" in previous and "DTEND" not in previous:
        event.add("DURATION", previous.decoded("DURATION"))
    event.add("SEQUENCE", 0)
    summary = _one_line(str(previous.get("SUMMARY", ""))) or "Session"
    if not summary.startswith("Cancelled: "):
        summary = "Cancelled: " + summary
    event.add("SUMMARY", vText(summary))
    categories = previous.get("CATEGORIES")
    if categories is not None:
        cats = categories if isinstance(categories, list) else [categories]
        names = [_one_line(str(c)) for cat in cats for c in getattr(cat, "cats", [cat])]
        if names:
            event.add("CATEGORIES", names)
    event.add(
        "DESCRIPTION",
        vText("Cancelled: this is no longer part of the plan.\n\n" + _clean(disclaimer)),
    )
    event.add("STATUS", "CANCELLED")
    event.add("TRANSP", "TRANSPARENT")
    return event


def _in_zone(value: object, zone: ZoneInfo) -> date | datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is None else value.astimezone(zone)
    if isinstance(value, date):
        return value
    raise ExportError(f"previous calendar: unreadable date {value!r}")


# --------------------------------------------------------------------- timezones


def _timezones(events: Iterable[Event]) -> list[Timezone]:
    """One VTIMEZONE per TZID used by the events, sorted by TZID, each covering only
    the dates its events use (plus a day either side)."""
    spans: dict[str, tuple[date, date]] = {}
    for event in events:
        for name in ("DTSTART", "DTEND"):
            if name not in event:
                continue
            value = event.decoded(name)
            if isinstance(value, datetime) and isinstance(value.tzinfo, ZoneInfo):
                key = value.tzinfo.key
                lo, hi = spans.get(key, (value.date(), value.date()))
                spans[key] = (min(lo, value.date()), max(hi, value.date()))
    return [
        vtimezone(key, lo - timedelta(days=1), hi + timedelta(days=2))
        for key, (lo, hi) in sorted(spans.items())
    ]


def vtimezone(tzid: str, first: date, last: date) -> Timezone:
    """A VTIMEZONE for ``tzid`` valid from ``first`` to ``last`` (local midnights).

    One observance (STANDARD or DAYLIGHT) per transition, sorted by onset; each onset is
    the local time before the transition, as RFC 5545 requires.  No COMMENT, no RRULE,
    so strict parsers and old clients read it the same way.
    """
    timezone = Timezone()
    timezone.add("TZID", tzid)
    for onset, offset_from, (offset_to, name, daylight) in _observances(tzid, first, last):
        part: Component = TimezoneDaylight() if daylight else TimezoneStandard()
        part.add("DTSTART", onset)
        part.add("TZNAME", vText(name))
        part.add("TZOFFSETFROM", offset_from)
        part.add("TZOFFSETTO", offset_to)
        timezone.add_component(part)
    return timezone


_State = tuple[timedelta, str, bool]


@lru_cache(maxsize=256)
def _observances(
    tzid: str, first: date, last: date
) -> tuple[tuple[datetime, timedelta, _State], ...]:
    """(onset, offset from, (offset to, name, daylight)) of each observance, sorted;
    cached, since a roster asks for the same zone and dates again and again."""
    zone = _zone(tzid)
    begin = int(datetime.combine(first, time(), zone).timestamp())
    end = int(datetime.combine(last, time(), zone).timestamp())

    def state(ts: int) -> tuple[timedelta, str, bool]:
        local = datetime.fromtimestamp(ts, zone)
        offset = local.utcoffset() or timedelta(0)
        dst = local.dst() or timedelta(0)
        return offset, local.tzname() or _offset_text(offset), dst > timedelta(0)

    current = state(begin)
    observances = [(_local(begin, current[0]), current[0], current)]
    hour = 3600
    ts = begin
    while ts < end:
        nxt = ts + hour
        after = state(nxt)
        if after != current:
            lo, hi = ts, nxt  # state(lo) == current, state(hi) != current
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if state(mid) == current:
                    lo = mid
                else:
                    hi = mid
            new = state(hi)
            observances.append((_local(hi, current[0]), current[0], new))
            current = new
            ts = hi
            continue
        ts = nxt

    return tuple(sorted(observances, key=lambda o: (o[0], o[2][0], o[2][1])))


def _local(ts: int, offset: timedelta) -> datetime:
    """Local wall time (naive) of the POSIX time ``ts`` at a fixed ``offset``."""
    return datetime(1970, 1, 1) + timedelta(seconds=ts) + offset


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{mins:02d}"


# ----------------------------------------------------------------------- helpers


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ExportError(
            f'timezone: "{name}" is not a known time zone; allowed: an IANA name such as '
            '"Europe/London"'
        ) from None


def _dtstamp(plan: Plan) -> datetime:
    """DTSTAMP: the plan's revision in UTC, else the plan start at 00:00 UTC (never the
    wall clock, so the same plan gives the same bytes)."""
    if plan.revision is None:
        return datetime.combine(plan.start, time(), UTC)
    revision = plan.revision
    if revision.tzinfo is None or revision.utcoffset() is None:
        revision = revision.replace(tzinfo=UTC)
    return revision.astimezone(UTC).replace(microsecond=0)


def _runner_key(runner: str) -> str:
    return hashlib.sha256(runner.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _clean(text: str) -> str:
    """Text safe for an iCalendar TEXT value: line breaks normalised to ``\\n`` (which
    vText escapes), every other control character removed, unpaired surrogates
    replaced."""
    text = text.encode("utf-8", "replace").decode("utf-8")  # no surrogate (Cs) is left
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROL.sub("", text)


#: Every control character (category Cc: U+0000-U+001F, U+007F-U+009F) but tab and LF.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _one_line(text: str) -> str:
    """:func:`_clean` and then every line break and tab becomes one space."""
    return re.sub(r"[\n\t]+", " ", _clean(text)).strip()


def _version() -> str:
    from runplan._version import __version__

    return __version__
