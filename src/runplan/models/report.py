"""The activity report (output): planned vs done, session by session and week by week
(DESIGN.md "Activity report"; :func:`runplan.adherence.match` builds it, docs/log.md).

The JSON keys of DESIGN.md are kept as they are; the extra keys (``first``, ``last``,
``planned``, ``done``, ``missed`` of a week, ``counts`` and ``disclaimer`` of the report)
only add to the contract.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from runplan.models.dates import BoundedDate
from runplan.models.log import ActivityKind, SkippedFile

__all__ = ["ActivityReport", "ReportSession", "ReportStatus", "ReportWeek"]

_REPORT = ConfigDict(extra="forbid", frozen=True)

#: ``done``: at least 80 % of the planned minutes; ``partial``: less; ``missed``: planned,
#: nothing of its kind logged for it; ``extra``: logged, not planned.
ReportStatus = Literal["done", "partial", "missed", "extra"]


class ReportSession(BaseModel):
    """One planned session and what was logged for it, or one unplanned activity.

    ``planned_min`` is ``None`` for an extra, ``done_min`` (minutes to 0.1) and
    ``source`` are ``None`` for a missed session; ``source`` joins the files of the
    activities added up with ``", "``.
    """

    model_config = _REPORT

    date: BoundedDate
    kind: ActivityKind
    planned_min: int | None = Field(ge=0)
    done_min: float | None = Field(ge=0, allow_inf_nan=False)
    status: ReportStatus
    source: StrictStr | None


class ReportWeek(BaseModel):
    """One week of the plan, clipped to the report's days.

    ``planned_min`` and ``done_min`` map a kind to its minutes (done: every logged minute
    of the kind, extras included, to 0.1); ``done_share`` is the share of planned sessions
    done (``None`` when none was planned); ``load_ratio`` the acute:chronic load ratio on
    ``last`` (``None`` when the chronic load is 0, L5).
    """

    model_config = _REPORT

    start: BoundedDate
    planned_min: dict[ActivityKind, int]
    done_min: dict[ActivityKind, float]
    done_share: float | None = Field(ge=0, le=1, allow_inf_nan=False)
    load_ratio: float | None = Field(ge=0, allow_inf_nan=False)
    first: BoundedDate
    last: BoundedDate
    planned: int = Field(ge=0)
    done: int = Field(ge=0)
    missed: int = Field(ge=0)


class ActivityReport(BaseModel):
    """Planned vs done for one runner from ``since`` to ``until`` (both included)."""

    model_config = _REPORT

    runner: StrictStr
    since: BoundedDate
    until: BoundedDate
    sessions: list[ReportSession] = Field(default_factory=list)
    weeks: list[ReportWeek] = Field(default_factory=list)
    skipped: list[SkippedFile] = Field(default_factory=list)
    counts: dict[ReportStatus, int] = Field(default_factory=dict)
    disclaimer: StrictStr = ""
