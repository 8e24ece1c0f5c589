"""Deprecated module path: use :func:`runplan.plan` (or :mod:`runplan.schedule`), until 0.3."""

from __future__ import annotations

from runplan._deprecated import moved
from runplan.errors import PlanRequestError
from runplan.schedule import MAX_WEEKS, plan

__all__ = ["MAX_WEEKS", "PlanRequestError", "plan"]

moved("runplan.scheduler", "runplan.plan or runplan.schedule")
