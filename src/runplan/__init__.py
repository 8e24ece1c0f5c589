"""runplan: weekly cross-training plans for runners, including runners with back pain.

The one-way pipeline is profile -> :class:`Runner` -> condition timeline -> weekly
targets -> placement -> :class:`Plan` -> :func:`validate` -> exporters::

    import runplan
    runner = runplan.load_profile("examples/profiles/six_free_days.toml")
    plan = runplan.plan(runner, start=datetime.date(2026, 12, 7), weeks=8)
    assert runplan.validate(plan, runner) == []
    ics_bytes = runplan.to_ics(plan)

:func:`plan_many` does the same for a whole roster on any
:class:`concurrent.futures.Executor`, streaming the results (docs/roster.md).

General fitness planning, not medical advice.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from runplan.errors import ExportError, PlanFormatError, ProfileError, RunplanError

if TYPE_CHECKING:
    from runplan._version import __version__
    from runplan.activities import read_log
    from runplan.batch import PlanOutcome, plan_many
    from runplan.errors import PlanRequestError
    from runplan.export import plan_from_json, to_ics, to_json, to_markdown, to_text
    from runplan.export.fit import to_fit_workout
    from runplan.models import (
        Activity,
        ActivityKind,
        Advisory,
        AdvisoryKind,
        CheckIn,
        Condition,
        Day,
        Plan,
        Runner,
        Session,
        SessionKind,
        TrainingLog,
        Week,
    )
    from runplan.profile import load_profile, parse_profile
    from runplan.rules import DISCLAIMER, RULES, Rule
    from runplan.schedule import plan
    from runplan.validation import Violation, validate

#: Public name -> the module that defines it.  Those modules (pydantic models, the
#: scheduler, icalendar for ``to_ics``) are imported on first use, so ``import runplan``
#: stays cheap (docs/performance.md).
_LAZY: dict[str, str] = {
    "Activity": "runplan.models",
    "ActivityKind": "runplan.models",
    "Advisory": "runplan.models",
    "AdvisoryKind": "runplan.models",
    "CheckIn": "runplan.models",
    "Condition": "runplan.models",
    "DISCLAIMER": "runplan.rules",
    "Day": "runplan.models",
    "Plan": "runplan.models",
    "PlanOutcome": "runplan.batch",
    "PlanRequestError": "runplan.errors",
    "RULES": "runplan.rules",
    "Rule": "runplan.rules",
    "Runner": "runplan.models",
    "Session": "runplan.models",
    "SessionKind": "runplan.models",
    "TrainingLog": "runplan.models",
    "Violation": "runplan.validation",
    "Week": "runplan.models",
    "__version__": "runplan._version",
    "load_profile": "runplan.profile",
    "parse_profile": "runplan.profile",
    "plan": "runplan.schedule",
    "plan_from_json": "runplan.export.jsonout",
    "plan_many": "runplan.batch",
    "read_log": "runplan.activities",
    "to_fit_workout": "runplan.export.fit",
    "to_ics": "runplan.export.ics",
    "to_json": "runplan.export.jsonout",
    "to_markdown": "runplan.export.text",
    "to_text": "runplan.export.text",
    "validate": "runplan.validation",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'runplan' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(ModuleType):
    """The package module: importing the submodule ``runplan.validate`` must not hide the
    function ``runplan.validate`` (the import system sets the attribute to the module)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _LAZY and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "DISCLAIMER",
    "RULES",
    "Activity",
    "ActivityKind",
    "Advisory",
    "AdvisoryKind",
    "CheckIn",
    "Condition",
    "Day",
    "ExportError",
    "Plan",
    "PlanFormatError",
    "PlanOutcome",
    "PlanRequestError",
    "ProfileError",
    "Rule",
    "Runner",
    "RunplanError",
    "Session",
    "SessionKind",
    "TrainingLog",
    "Violation",
    "Week",
    "__version__",
    "load_profile",
    "parse_profile",
    "plan",
    "plan_from_json",
    "plan_many",
    "read_log",
    "to_fit_workout",
    "to_ics",
    "to_json",
    "to_markdown",
    "to_text",
    "validate",
]
