"""Which calendar objects a publish creates, updates and deletes (no network here).

The sync is one pass over two sets of calendar objects, one per UID:

* the plan, rendered by :func:`runplan.export.ics.to_ics` and split into one VCALENDAR
  per VEVENT (VERSION, PRODID, CALSCALE, the VTIMEZONEs the event's TZIDs name, the
  event itself with an ``X-RUNPLAN-RUNNER`` marker);
* what the calendar holds now.

An object on the server is *ours* when its UID is a runplan UID of this runner (the
prefix :func:`~runplan.export.ics.session_uid` gives the runner) **and** it carries our
marker.  Plan UIDs missing on the server are created; plan UIDs on the server whose
content differs (DTSTAMP, SEQUENCE, LAST-MODIFIED, CREATED and other programs' ``X-``
properties ignored) are updated with the server's SEQUENCE + 1; ours dated on or after
the plan's first day that are no longer in the plan are deleted.  Nothing else is ever
written or deleted: foreign events, other runners' events and this runner's events
before the plan start are left alone.  Creates and updates go first (nearest date
first), deletions last.

Keeping this pure lets the rules above be tested without a server, and lets
``--dry-run`` show exactly what a real run would write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from icalendar import Calendar, Component

from runplan.errors import ConflictError, RunplanError
from runplan.export.ics import session_uid
from runplan.export.ics.reissue import Fingerprint, event_fingerprint
from runplan.publish.protocols import RemoteObject

__all__ = [
    "MARKER",
    "Change",
    "Diff",
    "LocalPlan",
    "PublishReport",
    "diff",
    "only_ours",
    "read_plan",
    "split_calendar",
]

#: The property that marks a calendar object as published by runplan for one runner.
MARKER = "X-RUNPLAN-RUNNER"

_KEPT_CALENDAR_PROPS = ("VERSION", "PRODID", "CALSCALE")


# ------------------------------------------------------------------ the result


@dataclass(frozen=True)
class Change:
    """One write the sync does (or, with ``dry_run``, would do)."""

    action: str  # "create", "update" or "delete"
    uid: str
    day: date
    summary: str
    data: bytes | None = None
    remote: RemoteObject | None = None

    def describe(self) -> str:
        when = self.day.isoformat() if self.day != date.min else "----------"
        summary = " ".join(self.summary.split()) or "(no summary)"
        return f"{self.action:<6} {when} {summary} [{self.uid}]"


@dataclass
class PublishReport:
    calendar_name: str
    calendar_url: str | None
    calendar_created: bool
    dry_run: bool
    changes: list[Change] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, "
            f"deleted {self.deleted}, unchanged {self.unchanged}"
        )


class Diff(NamedTuple):
    """The writes in the order they are made, and how many plan objects need none."""

    changes: list[Change]
    unchanged: int


# ----------------------------------------------------------------- local objects


class _Property(NamedTuple):
    """A VCALENDAR property copied onto every object (VERSION, PRODID, CALSCALE)."""

    name: str
    value: Any


@dataclass(frozen=True)
class _Local:
    uid: str
    day: date
    summary: str
    event: Component
    timezones: tuple[Component, ...]
    header: tuple[_Property, ...]


@dataclass(frozen=True)
class _Owner:
    """How this runner's runplan UIDs look: ``<prefix>YYYYMMDD-<slot><suffix>``."""

    prefix: str
    suffix: str

    @property
    def marker(self) -> str:
        return self.prefix.rstrip("-")

    def day(self, uid: str) -> date | None:
        """The plan day of one of our UIDs, or None when ``uid`` is not ours."""
        if not (uid.startswith(self.prefix) and uid.endswith(self.suffix)):
            return None
        middle = uid[len(self.prefix) : len(uid) - len(self.suffix)]
        match = re.fullmatch(r"(\d{8})-[A-Za-z0-9.-]+", middle)
        if match is None:
            return None
        try:
            return datetime.strptime(match.group(1), "%Y%m%d").date()
        except ValueError:
            return None


def _owner(runner: str) -> _Owner:
    probe = date(2000, 1, 2)
    uid = session_uid(runner, probe, 0)
    day_at = uid.index("-20000102-")
    slot_end = uid.index("-20000102-0") + len("-20000102-0")
    return _Owner(prefix=uid[: day_at + 1], suffix=uid[slot_end:])


@dataclass(frozen=True)
class LocalPlan:
    """The plan's objects and its runner's UID pattern, read before the server is asked
    so that a plan we could not recognise later fails before anything is written."""

    owner: _Owner
    objects: tuple[_Local, ...]
    #: This runner's UID pattern from before it had an id (keyed on its name): those
    #: objects in the window are deleted, as their UIDs left the plan.
    legacy: _Owner | None = None


def read_plan(ics: bytes, runner: str, legacy: str | None = None) -> LocalPlan:
    """The objects of ``ics`` (the :func:`~runplan.export.ics.to_ics` output for the
    identity ``runner``, :func:`~runplan.export.ics.uid_identity`; ``legacy``: the one
    its calendars were keyed on before); raises :class:`RunplanError` when a UID is not
    one of the runner's."""
    owner = _owner(runner)
    old = _owner(legacy) if legacy is not None and legacy != runner else None
    return LocalPlan(owner, tuple(_locals(ics, owner)), old)


def split_calendar(ics: bytes) -> list[Component]:
    """One VCALENDAR per VEVENT of ``ics``: VERSION, PRODID and CALSCALE of the
    original, the VTIMEZONEs the event refers to (by TZID), and the event."""
    return [_object_calendar(local, None, None) for local in _locals(ics, None)]


def _locals(ics: bytes, owner: _Owner | None) -> list[_Local]:
    cal = Calendar.from_ical(ics)
    header = tuple(_Property(name, cal[name]) for name in _KEPT_CALENDAR_PROPS if name in cal)
    zones = {str(tz["TZID"]): tz for tz in cal.walk("VTIMEZONE")}
    result: list[_Local] = []
    for event in cal.walk("VEVENT"):
        uid = str(event["UID"])
        day = owner.day(uid) if owner is not None else None
        if owner is not None and day is None:
            raise RunplanError(
                f"internal error: the UID {uid!r} does not look like a runplan UID of this "
                "runner, so a later publish could not recognise it; nothing was published"
            )
        used = sorted(_tzids(event))
        missing = [tzid for tzid in used if tzid not in zones]
        if missing:
            raise RunplanError(f"internal error: no VTIMEZONE for {', '.join(missing)}")
        result.append(
            _Local(
                uid=uid,
                day=day or date.min,
                summary=str(event.get("SUMMARY", "")),
                event=event,
                timezones=tuple(zones[tzid] for tzid in used),
                header=header,
            )
        )
    return result


def _tzids(component: Component) -> set[str]:
    found: set[str] = set()
    for _name, value in component.property_items(recursive=True, sorted=False):
        params = getattr(value, "params", None)
        if params is not None and "TZID" in params:
            found.add(str(params["TZID"]))
    return found


def _object_calendar(local: _Local, sequence: int | None, marker: str | None) -> Calendar:
    cal = Calendar()
    for name, value in local.header:
        cal.add(name, value)
    for tz in local.timezones:
        cal.add_component(tz)
    event = _event_of(b"BEGIN:VCALENDAR\r\n" + local.event.to_ical() + b"END:VCALENDAR\r\n")
    if sequence is not None:
        event.pop("SEQUENCE", None)
        event.add("SEQUENCE", sequence)
    if marker is not None:
        event.pop(MARKER, None)
        event.add(MARKER, marker)
    cal.add_component(event)
    return cal


# ----------------------------------------------------------------- remote objects


@dataclass(frozen=True)
class _Remote:
    obj: RemoteObject
    uid: str
    sequence: int
    marked: bool
    fingerprint: Fingerprint
    #: Another runner's marker: runplan published this object for someone else.
    foreign: bool = False


def _read_remote(obj: RemoteObject, marker: str) -> _Remote | None:
    """The one-UID view of ``obj``, or None when it holds several UIDs or cannot be
    read: such objects are never ours.  A recurring set (RRULE, RECURRENCE-ID) under
    one UID is read as one object, always different from the plan's event."""
    try:
        events = Calendar.from_ical(obj.data).walk("VEVENT")
        uids = {str(e.get("UID", "")) for e in events}
        if len(uids) != 1:
            return None
        master = next((e for e in events if "RECURRENCE-ID" not in e), events[0])
        sequence = max(_sequence(e) for e in events)
        found = str(master.get(MARKER, ""))
        marked, foreign = found == marker, found not in ("", marker)
        if len(events) > 1 or "RECURRENCE-ID" in master:
            # A recurring set under one of our UIDs (a client made our event repeat):
            # never the same as ours, so it is replaced, not created beside (HTTP 412).
            return _Remote(obj, uids.pop(), sequence, marked, _RECURRING, foreign)
        # A server or client may add its own X- properties to what we wrote: left out.
        fingerprint = event_fingerprint(master, foreign_x=False)
        return _Remote(obj, uids.pop(), sequence, marked, fingerprint, foreign)
    except Exception:  # icalendar raises ValueError, KeyError, IndexError, ...
        return None


#: The fingerprint of a recurring set: no plan event has it.
_RECURRING = Fingerprint(("recurring set",), ())


def _sequence(event: Component) -> int:
    try:
        return max(0, int(event.get("SEQUENCE", 0)))
    except (TypeError, ValueError):
        return 0


def _event_of(data: bytes) -> Component:
    event: Component = Calendar.from_ical(data).walk("VEVENT")[0]
    return event


def _summary(data: str) -> str:
    try:
        return str(Calendar.from_ical(data).walk("VEVENT")[0].get("SUMMARY", ""))
    except Exception:  # already parsed once by _read_remote; be safe anyway
        return ""


# --------------------------------------------------------------------------- diff


def diff(plan: LocalPlan, remotes: list[RemoteObject], window_start: date) -> Diff:
    """The writes that make ``remotes`` (the calendar's listing) hold ``plan``; our
    objects dated before ``window_start`` (the plan's first day) are kept."""
    by_uid = _ours_by_uid(remotes, plan.owner)
    _refuse_foreign(by_uid, {local.uid for local in plan.objects})
    marker = plan.owner.marker
    writes: list[Change] = []
    deletes: list[Change] = []
    unchanged = 0
    for local in plan.objects:
        found = by_uid.get(local.uid, [])
        # Prefer an object we marked; an unmarked copy with our UID (the .ics file
        # imported by hand) is adopted, since the server allows one object per UID.
        found = sorted(found, key=lambda r: not r.marked)
        current = found[0] if found else None
        deletes += [_delete(local.uid, local.day, local.summary, x) for x in found[1:] if x.marked]
        write = _write(local, current, marker)
        if write is None:
            unchanged += 1
        else:
            writes.append(write)
    wanted = {local.uid for local in plan.objects}
    deletes += _left_the_plan(by_uid, wanted, plan.owner, window_start)
    if plan.legacy is not None:
        old = _ours_by_uid(remotes, plan.legacy)
        deletes += _left_the_plan(old, set(), plan.legacy, window_start)
    writes.sort(key=lambda c: (c.day, c.uid))
    deletes.sort(key=lambda c: (c.day, c.uid, c.remote.href if c.remote else ""))
    return Diff(writes + deletes, unchanged)


def _refuse_foreign(by_uid: dict[str, list[_Remote]], planned: set[str]) -> None:
    """Stop before anything is written when the plan needs a UID whose object on the
    server says runplan published it for another runner (its marker is not ours):
    writing the plan's event would overwrite that runner's.  Such objects under UIDs the
    plan does not need are left alone, like every object not marked ours."""
    foreign = sorted(
        uid for uid, found in by_uid.items() if uid in planned and any(r.foreign for r in found)
    )
    if foreign:
        raise ConflictError(
            f"the calendar holds {len(foreign)} event(s) under this runner's UIDs that "
            f"runplan published for another runner ({MARKER} differs; first: {foreign[0]}); "
            "nothing was written. Two profiles may share one id: give each runner its own "
            "id, or publish to another calendar with --calendar"
        )


def only_ours(remotes: list[RemoteObject], owner: _Owner) -> bool:
    """Every listed object is one of this runner's events that runplan wrote (marked):
    a calendar holding nothing else may be merged into another (a racing first
    publish made it)."""
    for obj in remotes:
        remote = _read_remote(obj, owner.marker)
        if remote is None or not remote.marked or owner.day(remote.uid) is None:
            return False
    return True


def _ours_by_uid(remotes: list[RemoteObject], owner: _Owner) -> dict[str, list[_Remote]]:
    """The listed objects with one of our UIDs (marked or not), by UID, in href order."""
    by_uid: dict[str, list[_Remote]] = {}
    for obj in sorted(remotes, key=lambda o: o.href):
        remote = _read_remote(obj, owner.marker)
        if remote is not None and owner.day(remote.uid) is not None:
            by_uid.setdefault(remote.uid, []).append(remote)
    return by_uid


def _write(local: _Local, current: _Remote | None, marker: str) -> Change | None:
    """Create ``local``, update ``current`` to it (SEQUENCE + 1), or None when the
    server already holds the same content."""
    if current is None:
        data = _object_calendar(local, None, marker).to_ical()
        return Change("create", local.uid, local.day, local.summary, data=data)
    same = _object_calendar(local, current.sequence, marker).to_ical()
    if event_fingerprint(_event_of(same), foreign_x=False) == current.fingerprint:
        return None
    data = _object_calendar(local, current.sequence + 1, marker).to_ical()
    return Change("update", local.uid, local.day, local.summary, data=data, remote=current.obj)


def _left_the_plan(
    by_uid: dict[str, list[_Remote]], wanted: set[str], owner: _Owner, window_start: date
) -> list[Change]:
    """Deletes for our marked objects dated in the plan's window that it no longer has."""
    deletes: list[Change] = []
    for uid, found in sorted(by_uid.items()):
        day = owner.day(uid)
        if uid in wanted or day is None or day < window_start:
            continue
        deletes += [_delete(uid, day, _summary(r.obj.data), r) for r in found if r.marked]
    return deletes


def _delete(uid: str, day: date, summary: str, remote: _Remote) -> Change:
    return Change("delete", uid, day, summary, remote=remote.obj)
