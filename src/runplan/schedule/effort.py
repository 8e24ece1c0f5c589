"""A13 on every session: its effort (RPE band and talk-test cue), its planned load (L5)
and, on runs, walk-runs and the ladder's brisk walk, the stop rule.

One step that every session the scheduler writes passes through
(:func:`runplan.schedule.status.finish_day`), so sessions written by any part of the
scheduler carry it.  The bands are :data:`runplan.rules.limits.EFFORT`.
"""

from __future__ import annotations

from runplan.models import Effort, IntervalKind, Session, SessionKind
from runplan.rules.limits import EFFORT, WALK_TOP
from runplan.schedule.content import STOP_RULE

__all__ = ["LOAD_KINDS", "carries_load", "effort_band", "with_effort"]

#: L5: the kinds that carry load (besides the ladder's brisk walk, a ``walk`` at step 0).
LOAD_KINDS = frozenset({SessionKind.RUN, SessionKind.BIKE, SessionKind.SWIM, SessionKind.STRENGTH})
_EASY_KINDS = frozenset({SessionKind.RUN, SessionKind.BIKE, SessionKind.SWIM})


def _ladder_walk(session: Session) -> bool:
    """The ladder's step 0: a pain-free brisk walk (R2)."""
    return session.kind is SessionKind.WALK and session.ladder_step == 0


def _walk_at_top(session: Session) -> bool:
    """A running stop's walk that has reached 30 minutes is brisk (A14)."""
    walked = sum(i.minutes for i in session.intervals or () if i.kind is IntervalKind.WALK)
    return session.kind is SessionKind.MOBILITY and walked >= WALK_TOP


def effort_band(session: Session) -> str:
    """The :data:`EFFORT` key of ``session`` (A13): runs, walk-runs, rides and swims easy;
    the ladder's walk, and a stop's walk at 30 minutes, brisk; strength; home care."""
    if session.kind is SessionKind.RUN and "T2" in session.rules:
        return "race"  # the goal race (T2)
    if session.kind in _EASY_KINDS:
        return "easy"
    if _ladder_walk(session) or _walk_at_top(session):
        return "brisk"
    if session.kind is SessionKind.STRENGTH:
        return "strength"
    return "care"


def carries_load(session: Session) -> bool:
    """L5: runs (walk-runs included), the ladder's brisk walk, rides, swims and strength;
    home care (mobility, easy walks, ice, heat) does not."""
    return session.kind in LOAD_KINDS or _ladder_walk(session)


def with_effort(session: Session) -> Session:
    """``session`` with its effort, load (mean RPE x minutes, L5) and stop rule (A13)."""
    band = EFFORT[effort_band(session)]
    load = (band.rpe_low + band.rpe_high) / 2 * session.duration_min
    stop = session.stop_rule
    if stop is None and (session.kind is SessionKind.RUN or _ladder_walk(session)):
        stop = STOP_RULE
    rules = session.rules if "A13" in session.rules else [*session.rules, "A13"]
    return session.model_copy(
        update={
            "effort": Effort(rpe_low=band.rpe_low, rpe_high=band.rpe_high, cue=band.cue),
            "load": load if carries_load(session) else 0.0,
            "stop_rule": stop,
            "rules": rules,
        }
    )
