"""Time zone names a plan may use: IANA names whose meaning does not depend on the host.

``zoneinfo`` also opens ``localtime`` (the host's own zone), ``Factory``, ``posixrules``
and the ``posix/`` and ``right/`` copies of the database, whose meaning changes with the
machine (or counts leap seconds); a plan made with them would differ from host to host,
so they are refused like unknown names (issue 13).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["HOST_DEPENDENT_ZONES", "portable_zone"]

#: Names zoneinfo accepts whose meaning depends on the host.
HOST_DEPENDENT_ZONES = frozenset({"localtime", "Factory", "posixrules"})
_HOST_PREFIXES = ("posix/", "right/")


def portable_zone(name: str) -> ZoneInfo | None:
    """The zone ``name`` if it is a portable IANA name known here, else None."""
    if name in HOST_DEPENDENT_ZONES or name.startswith(_HOST_PREFIXES):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
