"""The two small interfaces a calendar server is reached through.

The sync (:mod:`runplan.publish.sync`) only speaks to these protocols, so it can run
against the CalDAV adapter (:mod:`runplan.publish.caldav`) or an in-memory fake in
tests without knowing which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

__all__ = ["CalendarServer", "RemoteCalendar", "RemoteObject", "ServerFactory"]


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

    def objects(self, uid_contains: str | None = None) -> list[RemoteObject]:
        """Every calendar object holding a VEVENT; with ``uid_contains``, at least those
        whose UID contains that text (a server may send more, never fewer)."""
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

    def remove(self) -> None:
        """Delete the calendar itself (only ever one that a racing publish made)."""
        ...


class CalendarServer(Protocol):
    """The calendars of one account.  Every method raises :class:`PublishError`."""

    @property
    def url(self) -> str: ...

    def find_calendars(self, name: str) -> list[RemoteCalendar]:
        """Every calendar whose display name is ``name`` (two publishes at once may have
        made two)."""
        ...

    def create_calendar(self, name: str) -> RemoteCalendar:
        """Create a calendar with display name ``name``."""
        ...


#: Builds the server from (url, user, password); tests replace the CalDAV one with a fake.
ServerFactory = Callable[[str, str | None, str | None], CalendarServer]
