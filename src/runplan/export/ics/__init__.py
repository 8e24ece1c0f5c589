"""export/ics: the calendar file, one concern a module.

* :mod:`~runplan.export.ics.render` - :func:`to_ics`, the events and the VCALENDAR;
* :mod:`~runplan.export.ics.uids` - stable UIDs (:func:`session_uid`, :func:`advisory_uid`),
  keyed on the runner's identity (:func:`uid_identity`, :func:`legacy_identity`);
* :mod:`~runplan.export.ics.vtimezone` - VTIMEZONEs from the IANA data (:func:`vtimezone`);
* :mod:`~runplan.export.ics.reissue` - reading the previous file: SEQUENCE, cancellations
  and the event fingerprint ``runplan publish`` shares.
"""

from __future__ import annotations

from runplan.export.ics.render import to_ics
from runplan.export.ics.uids import advisory_uid, legacy_identity, session_uid, uid_identity
from runplan.export.ics.vtimezone import vtimezone

__all__ = [
    "advisory_uid",
    "legacy_identity",
    "session_uid",
    "to_ics",
    "uid_identity",
    "vtimezone",
]
