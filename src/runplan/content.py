"""Deprecated path of session content: use :mod:`runplan.schedule.content` (until 0.3)."""

from __future__ import annotations

from runplan._deprecated import moved
from runplan.schedule.content import *  # noqa: F403
from runplan.schedule.content import __all__ as __all__  # noqa: PLC0414 (re-exported as is)

moved("runplan.content", "runplan.schedule.content")
