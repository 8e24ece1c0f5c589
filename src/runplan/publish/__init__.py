"""publish: put a plan into a CalDAV calendar and keep it in step.

:mod:`~runplan.publish.diff` decides what to write (pure), :mod:`~runplan.publish.sync`
writes it through the :mod:`~runplan.publish.protocols`, and
:mod:`~runplan.publish.caldav` is the adapter over the optional ``caldav`` package.
"""

from __future__ import annotations

from runplan.errors import ConflictError, PublishError
from runplan.publish.caldav import CaldavServer
from runplan.publish.diff import MARKER, Change, PublishReport, split_calendar
from runplan.publish.protocols import CalendarServer, RemoteCalendar, RemoteObject
from runplan.publish.sync import publish, publish_plan

__all__ = [
    "MARKER",
    "CaldavServer",
    "CalendarServer",
    "Change",
    "ConflictError",
    "PublishError",
    "PublishReport",
    "RemoteCalendar",
    "RemoteObject",
    "publish",
    "publish_plan",
    "split_calendar",
]
