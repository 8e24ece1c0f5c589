"""runplan: weekly cross-training plans for runners, including runners with back pain.

The one-way pipeline is profile -> :class:`Runner` -> condition timeline -> weekly
targets -> placement -> :class:`Plan` -> :func:`validate` -> exporters::

    import runplan
    runner = runplan.load_profile("examples/profiles/six_free_days.toml")
    plan = runplan.plan(runner, start=datetime.date(2026, 12, 7), weeks=8)
    assert runplan.validate(plan, runner) == []
    ics_bytes = runplan.to_ics(plan)

General fitness planning, not medical advice.
"""

from runplan.errors import ExportError, PlanFormatError, ProfileError, RunplanError
from runplan.export import plan_from_json, to_ics, to_json, to_markdown, to_text
from runplan.models import (
    Advisory,
    AdvisoryKind,
    CheckIn,
    Condition,
    Day,
    Plan,
    Runner,
    Session,
    SessionKind,
    Week,
)
from runplan.profile import load_profile, parse_profile
from runplan.rules import DISCLAIMER, RULES, Rule
from runplan.scheduler import PlanRequestError, plan
from runplan.validate import Violation, validate

__version__ = "0.1.0"

__all__ = [
    "DISCLAIMER",
    "RULES",
    "Advisory",
    "AdvisoryKind",
    "CheckIn",
    "Condition",
    "Day",
    "ExportError",
    "Plan",
    "PlanFormatError",
    "PlanRequestError",
    "ProfileError",
    "Rule",
    "Runner",
    "RunplanError",
    "Session",
    "SessionKind",
    "Violation",
    "Week",
    "__version__",
    "load_profile",
    "parse_profile",
    "plan",
    "plan_from_json",
    "to_ics",
    "to_json",
    "to_markdown",
    "to_text",
    "validate",
]
