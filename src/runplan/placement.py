"""Deprecated path of the placement search: use :mod:`runplan.schedule.placement` (until 0.3)."""

from __future__ import annotations

from runplan._deprecated import moved
from runplan.schedule.placement import *  # noqa: F403
from runplan.schedule.placement import __all__ as __all__  # noqa: PLC0414 (re-exported as is)

moved("runplan.placement", "runplan.schedule.placement")
