"""Deprecated path of the condition timeline: use :mod:`runplan.timeline` (until 0.3)."""

from __future__ import annotations

from runplan._deprecated import moved
from runplan.timeline import *  # noqa: F403
from runplan.timeline import __all__ as __all__  # noqa: PLC0414 (re-exported as is)

moved("runplan.conditions", "runplan.timeline")
