"""Deprecated module path: use :func:`runplan.plan` (or :mod:`runplan.schedule`).

Kept for one release, until 0.3, with a ``DeprecationWarning``.
"""

from __future__ import annotations

import warnings

from runplan.errors import PlanRequestError
from runplan.schedule import MAX_WEEKS, plan

__all__ = ["MAX_WEEKS", "PlanRequestError", "plan"]

warnings.warn(
    "runplan.scheduler is deprecated and will be removed in 0.3; "
    "use runplan.plan or runplan.schedule",
    DeprecationWarning,
    stacklevel=2,
)
