"""The plan validator: re-checks a finished plan against the rule catalog (RULES.md).

It never uses the scheduler's code, so it can check a plan a coach edited by hand,
and so scheduler tests are not the scheduler agreeing with itself.  :func:`validate`
builds one :class:`~runplan.validation.context.Context` per call, runs every checker of
:mod:`runplan.validation.registry` on it and sorts what they find.
"""

from __future__ import annotations

from datetime import date

from runplan.models import Plan, Runner, TrainingLog
from runplan.validation.context import Context
from runplan.validation.registry import REGISTRY
from runplan.validation.violation import Violation

__all__ = ["Violation", "validate"]


def _order(violation: Violation) -> tuple[bool, date, str, str]:
    """Plan-wide violations first, then by date, rule id and message."""
    return (
        violation.date is not None,
        violation.date or date.min,
        violation.rule,
        violation.message,
    )


def validate(plan: Plan, runner: Runner, log: TrainingLog | None = None) -> list[Violation]:
    """Check ``plan`` for ``runner`` against every checked rule; ``[]`` means it passes.

    ``log``: what the runner did; its activities before the plan stand for those days
    (H1-H3), as they did when the plan was made with it.  The result is sorted
    (plan-wide first, then by date, rule id and message), so the same plan always gives
    the same list.
    """
    ctx = Context(plan, runner, log)
    found = [v for check in REGISTRY for v in check(ctx)]
    return sorted(found, key=_order)
