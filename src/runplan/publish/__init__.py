"""publish: see :mod:`runplan.publish.sync`."""

from __future__ import annotations

from runplan.publish.sync import (
    MARKER,
    CaldavServer,
    CalendarServer,
    Change,
    PublishError,
    PublishReport,
    RemoteCalendar,
    RemoteObject,
    add_publish_parser,
    publish,
    run_publish,
    split_calendar,
)

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
