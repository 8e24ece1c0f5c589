"""The plan's time zone, looked up once for every exporter.

A plan read from JSON may name a zone this machine does not have; every exporter says
so with the same :class:`~runplan.errors.ExportError` message.  Kept apart from the
calendar code so that the text views do not import icalendar.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from runplan.errors import ExportError
from runplan.models.zones import portable_zone

__all__ = ["UNKNOWN_ZONE", "load_zone"]

#: The message for a zone name that is not in the IANA data here.
UNKNOWN_ZONE = (
    'timezone: "{name}" is not a known time zone; allowed: an IANA name such as "Europe/London"'
)


def load_zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; :class:`~runplan.errors.ExportError` if there is none."""
    zone = portable_zone(name)
    if zone is None:
        raise ExportError(UNKNOWN_ZONE.format(name=name))
    return zone
