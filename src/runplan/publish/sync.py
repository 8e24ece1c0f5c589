"""Publish a plan to a CalDAV calendar (``runplan publish``; docs/publish.md).

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
first), deletions last, every write conditional on the ETag the listing saw.

The server is reached through two small protocols (:class:`CalendarServer`,
:class:`RemoteCalendar`); :class:`CaldavServer` implements them with the optional
``caldav`` package (``pip install 'runplan[caldav]'``), tests use an in-memory fake.
Server, network and authentication failures raise :class:`PublishError` (exit status 3),
whose message says how far the sync got.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import socket
import ssl
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol, TextIO
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from icalendar import Calendar, Component

from runplan.errors import PublishError, RunplanError

__all__ = [
    "MARKER",
    "CaldavServer",
    "CalendarServer",
    "Change",
    "PublishError",
    "PublishReport",
    "RemoteCalendar",
    "RemoteObject",
    "add_publish_parser",
    "publish",
    "run_publish",
    "split_calendar",
]

#: The property that marks a calendar object as published by runplan for one runner.
MARKER = "X-RUNPLAN-RUNNER"
#: Seconds to wait for the server on each request.
DEFAULT_TIMEOUT = 30
INSTALL_HINT = "pip install 'runplan[caldav]'"

#: Properties that say nothing about the event itself (ignored when comparing).
_VOLATILE = frozenset({"DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "CREATED"})
_KEPT_CALENDAR_PROPS = ("VERSION", "PRODID", "CALSCALE")
_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]{0,127}$")
_DAV = "{DAV:}"
_CALDAV = "{urn:ietf:params:xml:ns:caldav}"
_LIST_QUERY = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    "<D:prop><D:getetag/><C:calendar-data/></D:prop>"
    '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/>'
    "</C:comp-filter></C:filter></C:calendar-query>"
)


# ------------------------------------------------------------------ server protocols


@dataclass(frozen=True)
class RemoteObject:
    """A calendar object as listed by the server."""

    href: str
    etag: str | None
    data: str


class RemoteCalendar(Protocol):
    """One calendar collection.  Every method raises :class:`PublishError` on failure."""

    @property
    def url(self) -> str: ...

    def objects(self) -> list[RemoteObject]:
        """Every calendar object holding a VEVENT."""
        ...

    def create(self, name: str, data: bytes) -> None:
        """Create the object ``name`` (a path segment); fail if it exists."""
        ...

    def update(self, obj: RemoteObject, data: bytes) -> None:
        """Replace ``obj``; fail if it changed since it was listed."""
        ...

    def delete(self, obj: RemoteObject) -> None:
        """Delete ``obj``; fail if it changed since it was listed."""
        ...


class CalendarServer(Protocol):
    """The calendars of one account.  Every method raises :class:`PublishError`."""

    @property
    def url(self) -> str: ...

    def find_calendar(self, name: str) -> RemoteCalendar | None:
        """The calendar whose display name is ``name``, if there is one."""
        ...

    def create_calendar(self, name: str) -> RemoteCalendar:
        """Create a calendar with display name ``name``."""
        ...


# ----------------------------------------------------------------- local objects


@dataclass(frozen=True)
class _Local:
    uid: str
    day: date
    summary: str
    event: Component
    timezones: tuple[Component, ...]
    header: tuple[tuple[str, Any], ...]


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
    from runplan.export.ics import session_uid

    probe = date(2000, 1, 2)
    uid = session_uid(runner, probe, 0)
    day_at = uid.index("-20000102-")
    slot_end = uid.index("-20000102-0") + len("-20000102-0")
    return _Owner(prefix=uid[: day_at + 1], suffix=uid[slot_end:])


def split_calendar(ics: bytes) -> list[Component]:
    """One VCALENDAR per VEVENT of ``ics``: VERSION, PRODID and CALSCALE of the
    original, the VTIMEZONEs the event refers to (by TZID), and the event."""
    return [_object_calendar(local, None, None) for local in _locals(ics, None)]


def _locals(ics: bytes, owner: _Owner | None) -> list[_Local]:
    cal = Calendar.from_ical(ics)
    header = tuple((name, cal[name]) for name in _KEPT_CALENDAR_PROPS if name in cal)
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
    fingerprint: tuple[object, ...]


def _read_remote(obj: RemoteObject, marker: str) -> _Remote | None:
    """The one-event view of ``obj``, or None when it is not a single plain event
    (several UIDs, recurrence overrides, unreadable data): such objects are never ours."""
    try:
        cal = Calendar.from_ical(obj.data)
        events = cal.walk("VEVENT")
        if len(events) != 1 or "RECURRENCE-ID" in events[0]:
            return None
        event = events[0]
        uid = str(event.get("UID", ""))
        try:
            sequence = max(0, int(event.get("SEQUENCE", 0)))
        except (TypeError, ValueError):
            sequence = 0
        marked = str(event.get(MARKER, "")) == marker
        return _Remote(obj, uid, sequence, marked, _fingerprint(event))
    except Exception:  # icalendar raises ValueError, KeyError, IndexError, ...
        return None


def _fingerprint(component: Component) -> tuple[object, ...]:
    """What an event says, independent of property order, folding and escaping style:
    its content lines re-serialised by icalendar, without the volatile properties and
    without other programs' ``X-`` properties; the same for each subcomponent."""
    own: list[str] = []
    for name, value in component.property_items(recursive=False, sorted=True):
        if name in {"BEGIN", "END"} or name in _VOLATILE:
            continue
        if name.startswith("X-") and not name.startswith("X-RUNPLAN-"):
            continue
        own.append(str(Component().content_line(name, value)))
    subs = sorted(repr(_fingerprint(sub)) for sub in component.subcomponents)
    return (tuple(sorted(own)), tuple(subs))


def _event_of(data: bytes) -> Component:
    event: Component = Calendar.from_ical(data).walk("VEVENT")[0]
    return event


# --------------------------------------------------------------------------- sync


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


def publish(
    ics: bytes,
    runner: str,
    server: CalendarServer,
    *,
    calendar_name: str,
    window_start: date,
    dry_run: bool = False,
) -> PublishReport:
    """Make the calendar ``calendar_name`` on ``server`` hold the plan ``ics`` (the
    output of :func:`~runplan.export.ics.to_ics` for ``runner``); see the module
    docstring for the rules.  ``window_start`` is the plan's first day: our objects
    dated before it are kept.  With ``dry_run`` nothing is written.

    Raises :class:`PublishError` when the server fails; its message counts the writes
    done before the failure.
    """
    owner = _owner(runner)
    marker = owner.marker
    locals_ = _locals(ics, owner)
    report = PublishReport(calendar_name, None, False, dry_run)

    made = False
    try:
        calendar = server.find_calendar(calendar_name)
        remotes: list[RemoteObject] = []
        if calendar is None:
            report.calendar_created = True
            if not dry_run:
                calendar = server.create_calendar(calendar_name)
                made = True
        if calendar is not None:
            report.calendar_url = calendar.url
            remotes = calendar.objects()
    except PublishError as exc:
        created = f' (the calendar "{calendar_name}" was created, empty)' if made else ""
        raise PublishError(f"{exc}. Nothing was published{created}.") from None

    changes, report.unchanged = _changes(locals_, remotes, owner, marker, window_start)
    report.changes = changes
    if dry_run:
        for change in changes:
            _count(report, change.action)
        return report
    assert calendar is not None
    for change in changes:
        try:
            _apply(calendar, change)
        except PublishError as exc:
            raise PublishError(f"{exc}. {_stopped(report, changes, calendar)}") from None
        except KeyboardInterrupt:
            raise PublishError(f"Interrupted. {_stopped(report, changes, calendar)}") from None
        _count(report, change.action)
    return report


def _stopped(report: PublishReport, changes: list[Change], calendar: RemoteCalendar) -> str:
    done = report.created + report.updated + report.deleted
    where = f'calendar "{report.calendar_name}" ({calendar.url})'
    if done == 0:
        return (
            f"Publishing stopped before the first of {len(changes)} changes: {where} is as it was."
        )
    return (
        f"Publishing stopped after {done} of {len(changes)} changes (created "
        f"{report.created}, updated {report.updated}, deleted {report.deleted}): {where} is "
        "only partly updated; run the command again to finish."
    )


def _count(report: PublishReport, action: str) -> None:
    if action == "create":
        report.created += 1
    elif action == "update":
        report.updated += 1
    else:
        report.deleted += 1


def _apply(calendar: RemoteCalendar, change: Change) -> None:
    if change.action == "create":
        assert change.data is not None
        calendar.create(_resource_name(change.uid), change.data)
    elif change.action == "update":
        assert change.data is not None and change.remote is not None
        calendar.update(change.remote, change.data)
    else:
        assert change.remote is not None
        calendar.delete(change.remote)


def _resource_name(uid: str) -> str:
    """A path segment for a new object: the UID with anything but ``A-Za-z0-9._-``
    replaced (runplan UIDs only contain ``@`` besides those)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", uid) + ".ics"


def _changes(
    locals_: list[_Local],
    remotes: list[RemoteObject],
    owner: _Owner,
    marker: str,
    window_start: date,
) -> tuple[list[Change], int]:
    by_uid: dict[str, list[_Remote]] = {}
    for obj in sorted(remotes, key=lambda o: o.href):
        remote = _read_remote(obj, marker)
        if remote is not None and owner.day(remote.uid) is not None:
            by_uid.setdefault(remote.uid, []).append(remote)

    writes: list[Change] = []
    deletes: list[Change] = []
    unchanged = 0
    wanted = {local.uid for local in locals_}
    for local in locals_:
        found = by_uid.get(local.uid, [])
        # Prefer an object we marked; an unmarked copy with our UID (the .ics file
        # imported by hand) is adopted, since the server allows one object per UID.
        found.sort(key=lambda r: not r.marked)
        current = found[0] if found else None
        for extra in found[1:]:
            if extra.marked:
                deletes.append(
                    Change("delete", local.uid, local.day, local.summary, remote=extra.obj)
                )
        if current is None:
            data = _object_calendar(local, None, marker).to_ical()
            writes.append(Change("create", local.uid, local.day, local.summary, data=data))
            continue
        same = _object_calendar(local, current.sequence, marker).to_ical()
        if _fingerprint(_event_of(same)) == current.fingerprint:
            unchanged += 1
            continue
        data = _object_calendar(local, current.sequence + 1, marker).to_ical()
        writes.append(
            Change("update", local.uid, local.day, local.summary, data=data, remote=current.obj)
        )

    for uid, found in sorted(by_uid.items()):
        day = owner.day(uid)
        if uid in wanted or day is None or day < window_start:
            continue
        for remote in found:
            if remote.marked:
                summary = _summary(remote.obj.data)
                deletes.append(Change("delete", uid, day, summary, remote=remote.obj))

    writes.sort(key=lambda c: (c.day, c.uid))
    deletes.sort(key=lambda c: (c.day, c.uid, c.remote.href if c.remote else ""))
    return writes + deletes, unchanged


def _summary(data: str) -> str:
    try:
        return str(Calendar.from_ical(data).walk("VEVENT")[0].get("SUMMARY", ""))
    except Exception:  # already parsed once by _read_remote; be safe anyway
        return ""


# ---------------------------------------------------------------- caldav adapter


def _load_caldav() -> Any:
    try:
        return importlib.import_module("caldav")
    except ImportError:
        raise RunplanError(
            "publish needs the optional caldav package, which is not installed; "
            f"install it with: {INSTALL_HINT}"
        ) from None


class CaldavServer:
    """:class:`CalendarServer` over the ``caldav`` package.

    caldav does the HTTP session, the authentication handshake (Basic or Digest, as
    the server asks), principal and calendar-home discovery, calendar listing and
    MKCALENDAR.  Objects are listed, written and deleted with plain WebDAV requests
    through ``DAVClient.request`` so that SEQUENCE stays under our control (caldav's
    own save() bumps it) and every write can carry If-Match / If-None-Match.
    """

    def __init__(
        self,
        url: str,
        username: str | None = None,
        password: str | None = None,
        *,
        timeout: int = DEFAULT_TIMEOUT,
    ) -> None:
        self._caldav = _load_caldav()
        self._url = url
        self._timeout = timeout
        self._client: Any = None
        self._principal: Any = None
        self._username = username
        self._password = password

    @property
    def url(self) -> str:
        return self._url

    def _connect(self) -> Any:
        if self._principal is None:
            with self._errors(f"cannot connect to {self._url}"):
                self._client = self._caldav.DAVClient(
                    url=self._url,
                    username=self._username,
                    password=self._password,
                    timeout=self._timeout,
                )
                self._principal = self._client.principal()
        return self._principal

    def find_calendar(self, name: str) -> RemoteCalendar | None:
        principal = self._connect()
        with self._errors(f"cannot list the calendars at {self._url}"):
            found = [c for c in principal.calendars() if c.get_display_name() == name]
        if len(found) > 1:
            urls = ", ".join(str(c.url) for c in found)
            raise PublishError(
                f'{len(found)} calendars are named "{name}" at {self._url} ({urls}); '
                "rename one or choose another with --calendar"
            )
        return _CaldavCalendar(self, found[0]) if found else None

    def create_calendar(self, name: str) -> RemoteCalendar:
        principal = self._connect()
        with self._errors(f'cannot create the calendar "{name}" at {self._url}'):
            calendar = principal.make_calendar(name=name)
        return _CaldavCalendar(self, calendar)

    def request(self, url: str, method: str, body: str, headers: dict[str, str]) -> Any:
        with self._errors(f"{method} {url} failed"):
            return self._client.request(url, method, body, headers)

    def _errors(self, where: str) -> _Translate:
        return _Translate(self, where)

    def describe(self, exc: BaseException, where: str) -> str:
        """One readable sentence for an exception raised inside caldav or the HTTP
        library below it (which may be niquests or requests); ``where`` says what was
        being done."""
        error_mod = getattr(self._caldav, "error", None)
        auth_error = getattr(error_mod, "AuthorizationError", ())
        if isinstance(exc, auth_error):
            status = getattr(exc, "status", None)
            if status == 403:
                return f"{where}: access denied (HTTP 403): the account may not use this calendar"
            who = f'user "{self._username}"' if self._username else "no user name"
            return (
                f"{where}: authentication failed (HTTP 401) with {who}: check --user "
                "and the password in the environment variable named by --password-env"
            )
        if type(exc).__name__ == "NotFoundError":
            return f"{where}: not found (HTTP 404): is this the URL of a CalDAV server?"
        chain = list(_chain(exc))
        if any(isinstance(e, ConnectionRefusedError) for e in chain):
            return f"{where}: connection refused (is the server running?)"
        if any(isinstance(e, socket.gaierror) for e in chain):
            return f"{where}: the host name could not be resolved"
        if any(isinstance(e, ssl.SSLError) for e in chain):
            return f"{where}: TLS/SSL error ({_first_line(exc)})"
        if any(isinstance(e, TimeoutError) or "Timeout" in type(e).__name__ for e in chain):
            unit = "second" if self._timeout == 1 else "seconds"
            return f"{where}: no answer within {self._timeout} {unit}"
        if any(
            "ConnectionError" in type(e).__name__ or isinstance(e, ConnectionError) for e in chain
        ):
            return f"{where}: network error ({_first_line(exc)})"
        return f"{where}: {type(exc).__name__}: {_first_line(exc)}"


class _Translate:
    """Context manager: any exception from caldav or the network becomes a
    :class:`PublishError` with a readable message (a PublishError passes through)."""

    def __init__(self, server: CaldavServer, where: str) -> None:
        self._server = server
        self._where = where

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        if exc is None or isinstance(exc, PublishError) or not isinstance(exc, Exception):
            return
        raise PublishError(self._server.describe(exc, self._where)) from exc


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
        todo += [a for a in current.args if isinstance(a, BaseException)]
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            todo.append(reason)


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] + ("..." if len(text) > 300 else "")


class _CaldavCalendar:
    def __init__(self, server: CaldavServer, calendar: Any) -> None:
        self._server = server
        self._calendar = calendar
        self._url = str(calendar.url)

    @property
    def url(self) -> str:
        return self._url

    def objects(self) -> list[RemoteObject]:
        response = self._server.request(
            self._url,
            "REPORT",
            _LIST_QUERY,
            {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
        )
        self._check(response, "cannot list the events of", {207})
        try:
            root = ElementTree.fromstring(_body(response))
        except ElementTree.ParseError as exc:
            raise PublishError(
                f"cannot list the events of {self._url}: the server's answer is not "
                f"readable XML ({exc})"
            ) from None
        result: list[RemoteObject] = []
        for item in root.iter(f"{_DAV}response"):
            href = item.findtext(f"{_DAV}href")
            data = None
            etag = None
            for propstat in item.iter(f"{_DAV}propstat"):
                status = propstat.findtext(f"{_DAV}status") or ""
                if " 200 " not in f"{status} ":
                    continue
                data = propstat.findtext(f"{_DAV}prop/{_CALDAV}calendar-data") or data
                etag = propstat.findtext(f"{_DAV}prop/{_DAV}getetag") or etag
            if href and data:
                result.append(RemoteObject(urljoin(self._url, href.strip()), etag, data))
        return result

    def create(self, name: str, data: bytes) -> None:
        url = urljoin(self._url, name)
        response = self._server.request(
            url,
            "PUT",
            data.decode("utf-8"),
            {"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"},
        )
        self._check(response, "cannot create", {200, 201, 204}, url)

    def update(self, obj: RemoteObject, data: bytes) -> None:
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if obj.etag:
            headers["If-Match"] = obj.etag
        response = self._server.request(obj.href, "PUT", data.decode("utf-8"), headers)
        self._check(response, "cannot update", {200, 201, 204}, obj.href)

    def delete(self, obj: RemoteObject) -> None:
        headers = {"If-Match": obj.etag} if obj.etag else {}
        response = self._server.request(obj.href, "DELETE", "", headers)
        self._check(response, "cannot delete", {200, 204, 404}, obj.href)

    def _check(self, response: Any, doing: str, ok: set[int], url: str | None = None) -> None:
        status = int(getattr(response, "status", 0) or 0)
        if status in ok:
            return
        where = url or self._url
        reason = str(getattr(response, "reason", "") or "")
        if status == 412:
            raise PublishError(
                f"{doing} {where}: it changed on the server while publishing (HTTP 412)"
            )
        if status == 409 and "no-uid-conflict" in _text(response):
            raise PublishError(
                f"{doing} {where}: another object in the calendar has the same UID (HTTP 409)"
            )
        raise PublishError(f"{doing} {where}: the server answered HTTP {status} {reason}".rstrip())


def _body(response: Any) -> bytes:
    raw = getattr(response, "raw", b"")
    return raw.encode("utf-8") if isinstance(raw, str) else bytes(raw or b"")


def _text(response: Any) -> str:
    try:
        return _body(response).decode("utf-8", "replace")
    except Exception:
        return ""


# ---------------------------------------------------------------------- command


def add_publish_parser(
    sub: Any, date_type: Callable[[str], date], weeks_type: Callable[[str], int]
) -> None:
    """Add ``runplan publish`` to the sub-command parsers ``sub``."""
    p = sub.add_parser(
        "publish",
        allow_abbrev=False,
        help="publish the plan to a CalDAV calendar (needs runplan[caldav])",
        description=(
            "Create or update one calendar object per session and advisory on a CalDAV "
            "server; delete the ones runplan published for this runner that left the "
            "plan; never touch other events. Exit status 3 on a server, network or "
            "authentication error."
        ),
    )
    p.add_argument("profile", type=Path, help="runner profile (.toml or .json)")
    p.add_argument(
        "--url",
        required=True,
        type=_url,
        help="CalDAV server or principal URL (http:// or https://)",
    )
    p.add_argument(
        "--calendar",
        metavar="NAME",
        help='calendar display name (default "Training plan - <runner>"); created when missing',
    )
    p.add_argument("--user", metavar="U", help="user name for the server")
    p.add_argument(
        "--password-env",
        metavar="VAR",
        help="name of the environment variable that holds the password",
    )
    p.add_argument("--password", nargs="?", action=_RefusePassword, help=argparse.SUPPRESS)
    p.add_argument("--start", type=date_type, help="first day (default: the next week start)")
    p.add_argument("--weeks", type=weeks_type, default=4, help="number of weeks, 1-104 (default 4)")
    p.add_argument(
        "--dry-run", action="store_true", help="print what would change and change nothing"
    )


class _RefusePassword(argparse.Action):
    """``--password`` is refused without echoing its value."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        raise RunplanError(
            "--password is not accepted (a password on the command line is visible to "
            "other users and kept in shell history); put it in an environment variable "
            "and give its name with --password-env VAR"
        )


def _url(text: str) -> str:
    parts = urlsplit(text)
    if parts.username is not None or parts.password is not None:
        raise argparse.ArgumentTypeError(
            "must not contain a user name or password; use --user and --password-env"
        )
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a CalDAV URL; allowed: http:// or https:// with a host, "
            "e.g. https://cal.example.com/dav/"
        )
    return text if parts.path else text + "/"


def _password(args: argparse.Namespace, environ: Mapping[str, str]) -> str | None:
    var = args.password_env
    if var is None:
        if args.user is None:
            return None
        return ""
    if args.user is None:
        raise RunplanError("--password-env needs --user (the user name the password is for)")
    value = environ.get(var)
    if value is None:
        shown = f"{var!r} is" if _ENV_NAME.match(var) else "the variable named by it is"
        raise RunplanError(
            f"--password-env: {shown} not set in the environment; give the name of a "
            "variable that holds the password, not the password itself"
        )
    return value


#: Builds the server from (url, user, password); tests replace it with a fake.
ServerFactory = Callable[[str, str | None, str | None], CalendarServer]


def _caldav_server(url: str, user: str | None, password: str | None) -> CalendarServer:
    return CaldavServer(url, user, password)


def run_publish(
    args: argparse.Namespace,
    out: TextIO,
    today: Callable[[str], date],
    *,
    server_factory: ServerFactory | None = None,
    now: Callable[[], datetime] | None = None,
) -> int:
    """The ``runplan publish`` command (after argument parsing)."""
    from runplan.export.ics import to_ics
    from runplan.profile import load_profile
    from runplan.schedule import plan
    from runplan.schedule.request import next_week_start

    runner = load_profile(args.profile)
    factory = server_factory or _caldav_server
    password = _password(args, os.environ)
    start = args.start or next_week_start(today(runner.timezone), runner.week_start.number)
    revision = (now or (lambda: datetime.now(UTC)))().astimezone(UTC).replace(microsecond=0)
    the_plan = plan(runner, start=start, weeks=args.weeks, revision=revision)
    ics = to_ics(the_plan, calendar_name=args.calendar)
    name = args.calendar or str(Calendar.from_ical(ics).get("NAME", "Training plan"))
    server = factory(args.url, args.user, password)
    report = publish(
        ics,
        the_plan.runner,
        server,
        calendar_name=name,
        window_start=the_plan.start,
        dry_run=args.dry_run,
    )

    where = f'calendar "{name}"' + (f" ({report.calendar_url})" if report.calendar_url else "")
    if args.dry_run:
        if report.calendar_created:
            out.write(f'create calendar "{name}" at {args.url}\n')
        for change in report.changes:
            out.write(change.describe() + "\n")
        out.write(
            f"dry run, nothing was changed on {where}; publishing would give: {report.summary()}\n"
        )
        return 0
    if report.calendar_created:
        out.write(f"created {where}\n")
    out.write(report.summary() + "\n")
    return 0
