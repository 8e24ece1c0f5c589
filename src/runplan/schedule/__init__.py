"""Steps 3-5 of the pipeline: runner + condition timeline -> weekly targets ->
placement -> sessions -> :class:`~runplan.models.Plan`."""

from __future__ import annotations

from runplan.errors import PlanRequestError
from runplan.schedule.builder import plan
from runplan.schedule.request import MAX_WEEKS, next_week_start

__all__ = ["MAX_WEEKS", "PlanRequestError", "next_week_start", "plan"]
