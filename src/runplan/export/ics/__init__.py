"""export/ics: see :mod:`runplan.export.ics.render`."""

from __future__ import annotations

from runplan.export.ics.render import (
    advisory_uid,
    session_uid,
    to_ics,
    vtimezone,
)

__all__ = [
    "advisory_uid",
    "session_uid",
    "to_ics",
    "vtimezone",
]
