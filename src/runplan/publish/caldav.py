"""The CalDAV adapter: :class:`CalendarServer` over the optional ``caldav`` package.

caldav is optional (``pip install 'runplan[caldav]'``), so it is imported on first use
and its absence is a readable error.  Every exception from caldav or the HTTP library
below it becomes a :class:`PublishError` (exit status 3) whose message says what was
being done and what went wrong, in words a runner can act on.
"""

from __future__ import annotations

import importlib
import socket
import ssl
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from runplan.errors import PublishError, RunplanError
from runplan.publish.protocols import CalendarServer, RemoteCalendar, RemoteObject

__all__ = ["DEFAULT_TIMEOUT", "INSTALL_HINT", "CaldavServer"]

#: Seconds to wait for the server on each request.
DEFAULT_TIMEOUT = 30
INSTALL_HINT = "pip install 'runplan[caldav]'"

_DAV = "{DAV:}"
_CALDAV = "{urn:ietf:params:xml:ns:caldav}"
_LIST_QUERY = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    "<D:prop><D:getetag/><C:calendar-data/></D:prop>"
    '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"{uid}'
    "</C:comp-filter></C:filter></C:calendar-query>"
)
#: RFC 4791 9.7.5: only the events whose UID contains the text (this runner's prefix),
#: so that a calendar of thousands of other events is not sent in full.
_UID_FILTER = (
    '><C:prop-filter name="UID"><C:text-match collation="i;octet">{text}</C:text-match>'
    "</C:prop-filter></C:comp-filter>"
)


#: Answers of a server that does not support a UID filter (it is then not used).
_NO_FILTER = frozenset({400, 403, 415, 422, 501})


def _list_query(uid_contains: str | None) -> str:
    uid = "/>" if uid_contains is None else _UID_FILTER.format(text=escape(uid_contains))
    return _LIST_QUERY.format(uid=uid)


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

    def find_calendars(self, name: str) -> list[RemoteCalendar]:
        principal = self._connect()
        with self._errors(f"cannot list the calendars at {self._url}"):
            found = [c for c in principal.calendars() if c.get_display_name() == name]
        return [_CaldavCalendar(self, c) for c in sorted(found, key=lambda c: str(c.url))]

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
        # No HTTP answer came back (an HTTP error status is checked apart, with its answer).
        raise PublishError(self._server.describe(exc, self._where), unanswered=True) from exc


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

    def remove(self) -> None:
        with self._server._errors(f"cannot delete the calendar {self._url}"):
            self._calendar.delete()

    def objects(self, uid_contains: str | None = None) -> list[RemoteObject]:
        response = self._report(uid_contains)
        if uid_contains is not None and int(getattr(response, "status", 0) or 0) in _NO_FILTER:
            response = self._report(None)  # a server without text-match: list everything
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

    def _report(self, uid_contains: str | None) -> Any:
        headers = {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
        return self._server.request(self._url, "REPORT", _list_query(uid_contains), headers)

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


def _caldav_server(url: str, user: str | None, password: str | None) -> CalendarServer:
    """The server factory the command uses; looked up on this module at call time,
    so tests can replace it with a fake."""
    return CaldavServer(url, user, password)
