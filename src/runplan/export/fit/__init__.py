"""export/fit: structured workouts for a watch, one FIT workout file per session
(docs/workouts.md).

* :mod:`~runplan.export.fit.steps` - a session as plain step records (:func:`workout_of`);
* :mod:`~runplan.export.fit.encode` - those records as FIT bytes, written by Garmin's own
  ``garmin_fit_sdk`` encoder (imported on first use);
* :mod:`~runplan.export.fit.manifest` - which sessions get a file, the file names and
  ``manifest.json``;
* :mod:`~runplan.export.fit.folder` - :func:`write_workouts`: a plan into a folder.
"""

from __future__ import annotations

from runplan.export.fit.encode import encode_workout
from runplan.export.fit.folder import WrittenWorkouts, write_folder, write_workouts
from runplan.export.fit.manifest import MANIFEST, WORKOUT_KINDS, file_name
from runplan.export.fit.steps import workout_of
from runplan.models import Session

__all__ = [
    "MANIFEST",
    "WORKOUT_KINDS",
    "WrittenWorkouts",
    "file_name",
    "to_fit_workout",
    "workout_of",
    "write_folder",
    "write_workouts",
]


def to_fit_workout(session: Session) -> bytes:
    """``session`` as a FIT workout file (file type workout): its warm-up, intervals (a
    repeated block as a repeat step), exercises or main step as time steps that add up to
    ``duration_min``; the workout named by the session's date and title.  Any kind of
    session encodes; :func:`write_workouts` writes only the kinds a watch times
    (:data:`WORKOUT_KINDS`).  The same session gives the same bytes."""
    return encode_workout(workout_of(session))
