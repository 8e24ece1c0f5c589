"""The training log (input): what the runner actually did, read from activity files
(FIT, GPX, TCX) or a typed CSV by :mod:`runplan.activities`, and what could not be read.

The scheduler reads it for L1, L4 and L5 before the plan's first day (rules H1-H3), the
validator checks against it, and the activity report matches it with a plan
(docs/log.md).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator

from runplan.models.dates import BoundedDate
from runplan.rules.limits import LOG_RPE

__all__ = ["Activity", "ActivityKind", "SkippedFile", "TrainingLog"]

_LOG = ConfigDict(extra="forbid", frozen=True)


class ActivityKind(StrEnum):
    """What a logged activity was, mapped from the file's sport (docs/log.md).  ``other``
    is kept and shown, never dropped."""

    RUN = "run"
    BIKE = "bike"
    SWIM = "swim"
    WALK = "walk"
    STRENGTH = "strength"
    OTHER = "other"


class Activity(BaseModel):
    """One completed session.

    ``date`` is the local date in the runner's zone of ``start`` (the file's own start
    time) or, for a typed CSV row, the date typed.  ``minutes`` is the moving time when
    the file has one, else the elapsed time; ``time_basis`` says which (``typed`` for
    CSV rows).
    """

    model_config = _LOG

    date: BoundedDate
    kind: ActivityKind
    minutes: float = Field(ge=0, le=24 * 60, allow_inf_nan=False)
    start: datetime | None = None
    time_basis: Literal["moving", "elapsed", "typed"] = "typed"
    rpe: float | None = Field(default=None, ge=0, le=10, allow_inf_nan=False)
    distance_km: float | None = Field(default=None, ge=0, le=1000, allow_inf_nan=False)
    sport: StrictStr | None = Field(default=None, max_length=100)
    note: StrictStr | None = Field(default=None, max_length=500)
    #: The file it came from, as given (relative to the log folder), for the report.
    source: StrictStr = Field(default="", max_length=1000)

    @property
    def load(self) -> float:
        """H3: session RPE x minutes (Foster), the logged RPE else the kind's default
        (:data:`~runplan.rules.limits.LOG_RPE`)."""
        rpe = self.rpe if self.rpe is not None else LOG_RPE[self.kind.value]
        return rpe * self.minutes

    @field_validator("start")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.utcoffset() is None:
            raise ValueError("start must carry a UTC offset")
        return value


class SkippedFile(BaseModel):
    """A file of the log that was not read (corrupt, truncated, empty, unknown type), or
    an activity counted once already (a duplicate export): named, with the reason."""

    model_config = _LOG

    file: StrictStr
    reason: StrictStr


class TrainingLog(BaseModel):
    """Every activity read, sorted by date then start, and every file skipped."""

    model_config = _LOG

    activities: tuple[Activity, ...] = ()
    skipped: tuple[SkippedFile, ...] = ()
