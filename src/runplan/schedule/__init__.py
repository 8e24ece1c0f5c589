"""Steps 3-5 of the pipeline: runner + condition timeline -> weekly targets ->
placement -> sessions -> :class:`~runplan.models.Plan`.

The modules, in the order a week passes through them (:mod:`.builder` runs the loop):
:mod:`.request` (what is asked), :mod:`.free` (the condition-free plan's runs, the bound
under back conditions), :mod:`.targets` (L1/L2 volume, L4 cap, run lengths), :mod:`.days`
(what each day offers; :mod:`.clock` for clock changes), :mod:`.ladder` (R2/R3 walk-run
steps), :mod:`.placement` (the best arrangement), :mod:`.sessions` (with
:mod:`.content`'s words) and :mod:`.shortfalls` (P3 notes on wishes that gave way).
"""

from __future__ import annotations

from runplan.errors import PlanRequestError
from runplan.schedule.builder import plan
from runplan.schedule.request import MAX_WEEKS, next_week_start

__all__ = ["MAX_WEEKS", "PlanRequestError", "next_week_start", "plan"]
