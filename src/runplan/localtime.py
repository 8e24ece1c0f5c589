"""Deprecated path of local-time helpers: use :mod:`runplan.schedule.clock` (until 0.3)."""

from __future__ import annotations

from runplan._deprecated import moved
from runplan.schedule.clock import *  # noqa: F403
from runplan.schedule.clock import __all__ as __all__  # noqa: PLC0414 (re-exported as is)

moved("runplan.localtime", "runplan.schedule.clock")
