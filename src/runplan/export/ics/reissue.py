"""Re-issuing a calendar: what changed since the file issued last time.

Calendar clients replace an event only when its SEQUENCE goes up, and forget one only
when it comes back ``STATUS:CANCELLED``.  So :func:`~runplan.export.ics.to_ics` reads
the previous file (:func:`read_previous`), compares each event by its
:func:`event_fingerprint` (what it says, not how it was written), bumps the SEQUENCE of
the changed ones (:func:`set_sequence`) and sends the runplan events that left the plan
as cancelled (:func:`cancelled_event`).  ``runplan publish`` compares a server's copy
with the same fingerprint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, Event, vText

from runplan._text import ics_line, ics_text
from runplan.errors import ExportError
from runplan.export.ics.uids import OUR_UID, legacy_identity, runner_prefix, uid_identity
from runplan.rules.limits import DATE_MAX, DATE_MIN

if TYPE_CHECKING:
    from runplan.models import Plan

__all__ = [
    "VOLATILE",
    "Fingerprint",
    "Prior",
    "cancellable",
    "cancelled_event",
    "event_fingerprint",
    "read_previous",
    "set_sequence",
]

#: Properties that do not describe the event itself (ignored when comparing revisions).
VOLATILE = frozenset({"DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "CREATED"})


class Fingerprint(NamedTuple):
    """What a component says: its sorted content lines and the sorted fingerprints of
    its subcomponents (as text)."""

    lines: tuple[str, ...]
    parts: tuple[str, ...]


def event_fingerprint(component: Component, *, foreign_x: bool = True) -> Fingerprint:
    """What an event says, independent of property order, folding and escaping style:
    its content lines re-serialised by icalendar without the :data:`VOLATILE` ones;
    the same for each subcomponent.

    ``foreign_x=False`` also leaves out other programs' ``X-`` properties (any ``X-``
    but ``X-RUNPLAN-*``): a CalDAV server or client may add them to what ``runplan
    publish`` wrote.  A previous *file* is compared with them (``foreign_x=True``).
    """
    own: list[str] = []
    for name, value in component.property_items(recursive=False, sorted=True):
        if name in {"BEGIN", "END"} or name in VOLATILE:
            continue
        if not foreign_x and name.startswith("X-") and not name.startswith("X-RUNPLAN-"):
            continue
        own.append(str(Component().content_line(name, value)))
    parts = sorted(
        repr(event_fingerprint(sub, foreign_x=foreign_x)) for sub in component.subcomponents
    )
    return Fingerprint(tuple(sorted(own)), tuple(parts))


@dataclass(frozen=True)
class Prior:
    """A runplan event of the previous file."""

    sequence: int
    fingerprint: Fingerprint
    component: Component


def read_previous(previous: bytes | str) -> dict[str, Prior]:
    """UID -> the runplan events of ``previous`` (the highest SEQUENCE of each UID);
    recurrence overrides and other programs' events are skipped."""
    try:
        raw = previous.encode("utf-8") if isinstance(previous, str) else bytes(previous)
        raw = raw.removeprefix(b"\xef\xbb\xbf")  # a BOM some editors add
        calendars = Calendar.from_ical(raw, multiple=True)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError, ...
        raise ExportError(f"previous calendar: cannot be read as iCalendar ({exc})") from None
    if not calendars or any(c.name != "VCALENDAR" for c in calendars):
        raise ExportError("previous calendar: no VCALENDAR found")
    prior: dict[str, Prior] = {}
    try:
        for calendar in calendars:
            for event in calendar.walk("VEVENT"):
                uid = str(event.get("UID", ""))
                if not OUR_UID.match(uid) or "RECURRENCE-ID" in event:
                    continue
                found = _prior(event)
                if uid not in prior or found.sequence >= prior[uid].sequence:
                    prior[uid] = found
    except (ValueError, TypeError) as exc:
        raise ExportError(f"previous calendar: unreadable event ({exc})") from None
    return prior


def _prior(event: Component) -> Prior:
    sequence = int(event.get("SEQUENCE", 0))
    if sequence < 0:
        raise ValueError(f"negative SEQUENCE {sequence}")
    for name in ("DTSTART", "DTEND"):
        if name in event:
            _in_range(str(event["UID"]), name, event.decoded(name))
    return Prior(sequence, event_fingerprint(event), event)


def _in_range(uid: str, name: str, value: object) -> None:
    """A previous event is dated within the range runplan plans in: re-sending one from
    year 9000 as cancelled would make a time zone for seven thousand years (issue 13)."""
    day = value.date() if isinstance(value, datetime) else value
    if isinstance(day, date) and not DATE_MIN <= day <= DATE_MAX:
        raise ExportError(
            f"previous calendar: event {uid} has {name} {day.isoformat()}; allowed: dates "
            f"from {DATE_MIN.isoformat()} to {DATE_MAX.isoformat()}"
        )


def cancellable(uid: str, plan: Plan) -> bool:
    """Only this runner's events, dated from the plan's first day, are sent as cancelled:
    a plan rolled forward leaves past sessions alone, and another runner's file given as
    ``previous`` cancels nothing.  This runner's events keyed on its name, from before
    it had an id, are cancelled too (their UIDs are not in the plan any more)."""
    for identity in (uid_identity(plan), legacy_identity(plan)):
        prefix = runner_prefix(identity) if identity is not None else None
        if prefix is not None and uid.startswith(prefix):
            stamp = uid[len(prefix) : len(prefix) + 8]
            return stamp.isdigit() and stamp >= f"{plan.start:%Y%m%d}"
    return False


def _normalized_fingerprint(event: Event) -> Fingerprint:
    """The fingerprint of an event we built, after the same parse as a previous file."""
    parsed = Calendar.from_ical(
        b"BEGIN:VCALENDAR\r\n" + event.to_ical() + b"END:VCALENDAR\r\n"
    ).walk("VEVENT")[0]
    return event_fingerprint(parsed)


def set_sequence(event: Event, prior: dict[str, Prior]) -> None:
    """The previous SEQUENCE if the event says the same as before, else one more."""
    found = prior.get(str(event["UID"]))
    if found is None:
        return
    same = _normalized_fingerprint(event) == found.fingerprint
    if not same and found.sequence >= MAX_SEQUENCE:
        raise ExportError(
            f"previous calendar: event {event['UID']} has SEQUENCE {found.sequence}, "
            f"the largest iCalendar allows, so a change to it cannot be sent as an update; "
            "allowed: a previous calendar with smaller SEQUENCE values (or start a new one)"
        )
    event.pop("SEQUENCE", None)
    event.add("SEQUENCE", found.sequence if same else found.sequence + 1)


#: RFC 5545's INTEGER is a signed 32-bit value.
MAX_SEQUENCE = 2**31 - 1


def cancelled_event(previous: Component, zone: ZoneInfo, stamp: datetime, disclaimer: str) -> Event:
    """``STATUS:CANCELLED`` for an event that left the plan (its times, summary and
    categories as last sent; the disclaimer, S4, still ends the description)."""
    event = Event()
    event.add("UID", str(previous["UID"]))
    event.add("DTSTAMP", stamp)
    if "DTSTART" not in previous:  # RFC 5545 needs one: the plan day the UID names
        event.add("DTSTART", _uid_day(str(previous["UID"])))
    else:
        for name in ("DTSTART", "DTEND"):
            if name in previous:
                event.add(name, _in_zone(previous.decoded(name), zone))
        if "DURATION" in previous and "DTEND" not in previous:
            event.add("DURATION", previous.decoded("DURATION"))
    event.add("SEQUENCE", 0)
    summary = ics_line(str(previous.get("SUMMARY", ""))) or "Session"
    if not summary.startswith("Cancelled: "):
        summary = "Cancelled: " + summary
    event.add("SUMMARY", vText(summary))
    names = _category_names(previous.get("CATEGORIES"))
    if names:
        event.add("CATEGORIES", names)
    event.add(
        "DESCRIPTION",
        vText("Cancelled: this is no longer part of the plan.\n\n" + ics_text(disclaimer)),
    )
    event.add("STATUS", "CANCELLED")
    event.add("TRANSP", "TRANSPARENT")
    return event


def _uid_day(uid: str) -> date:
    """The plan day in one of our UIDs (``runplan-<key>-YYYYMMDD-...``)."""
    match = re.search(r"-(\d{8})-", uid)
    if match is None:
        raise ExportError(f"previous calendar: event {uid} has no DTSTART and no date")
    try:
        return datetime.strptime(match.group(1), "%Y%m%d").date()
    except ValueError:
        raise ExportError(f"previous calendar: event {uid} has no DTSTART and no date") from None


def _category_names(categories: object) -> list[str]:
    """The category names of a parsed CATEGORIES value (one property or several)."""
    if categories is None:
        return []
    cats = categories if isinstance(categories, list) else [categories]
    return [ics_line(str(c)) for cat in cats for c in getattr(cat, "cats", [cat])]


def _in_zone(value: object, zone: ZoneInfo) -> date | datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is None else value.astimezone(zone)
    if isinstance(value, date):
        return value
    raise ExportError(f"previous calendar: unreadable date {value!r}")
