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
    DayStatus,
    Equipment,
    HistoryItem,
    Intensity,
    IntervalKind,
    RedFlag,
    SessionKind,
    StepKind,
    Surface,
    Weekday,
)
from runplan.models.log import Activity, ActivityKind, SkippedFile, TrainingLog
from runplan.models.plan import (
    Advisory,
    Day,
    Effort,
    Exercise,
    Interval,
    Plan,
    Session,
    Warmup,
    WarmupStep,
    Week,
    WeekTotals,
)
from runplan.models.report import ActivityReport, ReportSession, ReportStatus, ReportWeek
from runplan.models.runner import (
    Availability,
    Away,
    CheckIn,
    Condition,
    Health,
    Race,
    Runner,
    Unavailable,
    Window,
)

__all__ = [
    "WEEKDAYS",
    "Activity",
    "ActivityKind",
    "ActivityReport",
    "Advisory",
    "AdvisoryKind",
    "Availability",
    "Away",
    "CheckIn",
    "Condition",
    "ConditionKind",
    "Day",
    "DayStatus",
    "Effort",
    "Equipment",
    "Exercise",
    "Health",
    "HistoryItem",
    "Intensity",
    "Interval",
    "IntervalKind",
    "Plan",
    "Race",
    "RedFlag",
    "ReportSession",
    "ReportStatus",
    "ReportWeek",
    "Runner",
    "Session",
    "SessionKind",
    "SkippedFile",
    "StepKind",
    "Surface",
    "TrainingLog",
    "Unavailable",
    "Warmup",
    "WarmupStep",
    "Week",
    "WeekTotals",
    "Weekday",
    "Window",
]
