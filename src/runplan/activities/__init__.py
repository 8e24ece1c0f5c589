"""activities: the training log, read from activity files (FIT, GPX, TCX) and a typed
CSV into :class:`~runplan.models.TrainingLog` (docs/log.md).

:func:`read_log` is the entry point; the sport table and the limits are exported so
that the documentation and the command line can show them."""

from __future__ import annotations

from runplan.activities.common import MAX_SESSIONS
from runplan.activities.csvlog import COLUMNS, MAX_CSV_ROWS
from runplan.activities.dedupe import MINUTES_WINDOW, START_WINDOW
from runplan.activities.read import FORMATS, MAX_FILE_BYTES, MAX_FILES, read_log
from runplan.activities.sports import SPORTS, sport_kind

__all__ = [
    "COLUMNS",
    "FORMATS",
    "MAX_CSV_ROWS",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_SESSIONS",
    "MINUTES_WINDOW",
    "SPORTS",
    "START_WINDOW",
    "read_log",
    "sport_kind",
]
