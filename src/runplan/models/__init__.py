"""Typed models: the runner profile (input) and the plan (output).

These are the public contracts of DESIGN.md: :mod:`~runplan.models.codes` (the
vocabularies), :mod:`~runplan.models.runner` (input) and :mod:`~runplan.models.plan`
(output).  A shared leaf: it imports nothing else of runplan.
"""

from __future__ import annotations

from runplan.models.codes import (
    WEEKDAYS,
    AdvisoryKind,
    ConditionKind,
    Equipment,
    HistoryItem,
    Intensity,
    RedFlag,
    SessionKind,
    StepKind,
    Surface,
    Weekday,
)
from runplan.models.plan import (
    Advisory,
    Day,
    Plan,
    Session,
    Warmup,
    WarmupStep,
    Week,
)
from runplan.models.runner import (
    Availability,
    CheckIn,
    Condition,
    Health,
    Runner,
    Window,
)

__all__ = [
    "WEEKDAYS",
    "Advisory",
    "AdvisoryKind",
    "Availability",
    "CheckIn",
    "Condition",
    "ConditionKind",
    "Day",
    "Equipment",
    "Health",
    "HistoryItem",
    "Intensity",
    "Plan",
    "RedFlag",
    "Runner",
    "Session",
    "SessionKind",
    "StepKind",
    "Surface",
    "Warmup",
    "WarmupStep",
    "Week",
    "Weekday",
    "Window",
]
