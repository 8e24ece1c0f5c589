"""Day status (DESIGN.md "Plan contract additions"): each day at a glance, the first that
applies of a red-flag block, only home care, a rule that stops running while other
training is planned, a full rest day, or training.

:func:`finish_day` is the last step every scheduled day passes: it gives each session
its A13 effort (:mod:`runplan.schedule.effort`) and the day its status.
"""

from __future__ import annotations

from collections.abc import Sequence

from runplan.models import Day, DayStatus, Session, SessionKind
from runplan.schedule.effort import with_effort
from runplan.timeline import Allowance, RunMode

__all__ = ["HOME_CARE_KINDS", "day_status", "finish_day", "is_home_care"]

#: Home care: walking, mobility, ice or heat (the ladder's brisk walk is training).
HOME_CARE_KINDS = frozenset({SessionKind.WALK, SessionKind.MOBILITY, SessionKind.RECOVERY})


def is_home_care(session: Session) -> bool:
    """Walking, mobility, ice or heat that is not a step of the walk-run ladder."""
    return session.kind in HOME_CARE_KINDS and session.ladder_step is None


def day_status(allow: Allowance, sessions: Sequence[Session]) -> DayStatus:
    """The first that applies: ``no_training`` (S1/S2 block), ``home_care``, ``no_running``
    (running stopped, other training planned), ``rest`` (nothing planned), ``training``."""
    if allow.blocked:
        return DayStatus.NO_TRAINING
    if sessions and all(is_home_care(s) for s in sessions):
        return DayStatus.HOME_CARE
    if allow.run is RunMode.NONE and sessions:
        return DayStatus.NO_RUNNING
    if not sessions:
        return DayStatus.REST
    return DayStatus.TRAINING


def finish_day(day: Day, allow: Allowance) -> Day:
    """``day`` with every session's effort, load and stop rule (A13) and its status."""
    sessions = [with_effort(s) for s in day.sessions]
    return day.model_copy(update={"sessions": sessions, "status": day_status(allow, sessions)})
