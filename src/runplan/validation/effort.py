"""Effort and progression (A13, A14), recomputed from the sessions and the validator's
own derivation of the running stops.

* A13: every session states its effort in the band of its kind (runs, walk-runs, rides
  and swims easy; the ladder's brisk walk, and a stop's walk once it reaches 30 minutes,
  brisk; strength; home care), its planned load (mean RPE x minutes for the kinds that
  carry load, L5; 0 for home care), and every run, walk-run and ladder walk its stop rule.
* A14: strength sessions are at the level the weeks before them earned: up one every two
  non-recovery weeks with strength, down one for each week without; the walk of a
  running stop is 15 minutes in its first week and grows by 10 % or 5 minutes a week,
  whichever is more, to 30.

**Reading (stop weeks)**: a running stop's weeks are counted from the first plan day of
each run of consecutive stopped days (a red-flag day or a day that allows running ends
the run); the walk restarts at 15 minutes after any break, which rests the back.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from runplan.models import IntervalKind, Session, SessionKind, Week
from runplan.rules.limits import (
    EFFORT,
    STOP_PAIN,
    STRENGTH_LEVELS,
    STRENGTH_PROGRESS_WEEKS,
    WALK_GROWTH,
    WALK_MIN_STEP,
    WALK_START,
    WALK_TOP,
)
from runplan.validation.context import Context
from runplan.validation.conventions import ONE_DAY, TOLERANCE, label, week_label
from runplan.validation.violation import Violation

__all__ = [
    "check_effort",
    "check_stop_walks",
    "check_strength_levels",
    "expected_band",
    "stop_walk",
    "strength_level",
    "walked",
]

_EASY = frozenset({SessionKind.RUN, SessionKind.BIKE, SessionKind.SWIM})
_LOADED = _EASY | {SessionKind.STRENGTH}


def walked(session: Session) -> int:
    """Walking minutes a session states in its intervals."""
    return sum(i.minutes for i in session.intervals or () if i.kind is IntervalKind.WALK)


def _ladder_walk(s: Session) -> bool:
    return s.kind is SessionKind.WALK and s.ladder_step == 0


def expected_band(s: Session) -> str:
    """A13: the effort band (a key of ``EFFORT``) a session of this kind must state."""
    if s.kind is SessionKind.RUN and "T2" in s.rules:
        return "race"  # the goal race (T2)
    if s.kind in _EASY:
        return "easy"
    if _ladder_walk(s) or (s.kind is SessionKind.MOBILITY and walked(s) >= WALK_TOP):
        return "brisk"
    if s.kind is SessionKind.STRENGTH:
        return "strength"
    return "care"


def check_effort(ctx: Context) -> Iterator[Violation]:
    """A13: effort in the kind's band with a cue, the load that follows from it (L5), and
    the stop rule on every run and ladder walk."""
    for day, s in ctx.sessions:
        yield from _effort_of(day, s)
        if (s.kind is SessionKind.RUN or _ladder_walk(s)) and not _states_stop_rule(s):
            yield Violation(
                "A13",
                f"{label(day, s)} has no stop rule (pain above {STOP_PAIN}/10 during it, or "
                "not settled by the next morning: stop and log a check-in)",
                day,
            )


def _effort_of(day: date, s: Session) -> Iterator[Violation]:
    where = label(day, s)
    if s.effort is None:
        yield Violation("A13", f"{where} states no effort (RPE 0-10 and a talk-test cue)", day)
        return
    key = expected_band(s)
    band = EFFORT[key]
    if (s.effort.rpe_low, s.effort.rpe_high) != (band.rpe_low, band.rpe_high):
        yield Violation(
            "A13",
            f"{where} is planned at RPE {s.effort.rpe_low}-{s.effort.rpe_high}; a {key} "
            f"session is RPE {band.rpe_low}-{band.rpe_high}",
            day,
        )
    if not s.effort.cue.strip():
        yield Violation("A13", f"{where} has no talk-test cue with its effort", day)
    loaded = s.kind in _LOADED or _ladder_walk(s)
    want = (s.effort.rpe_low + s.effort.rpe_high) / 2 * s.duration_min if loaded else 0.0
    if s.load is None or abs(s.load - want) > TOLERANCE:
        why = "mean RPE x minutes" if loaded else "home care carries no load"
        yield Violation("A13", f"{where} has load {s.load}; expected {want:g} ({why})", day)


def _states_stop_rule(s: Session) -> bool:
    text = (s.stop_rule or "").lower()
    return f"{STOP_PAIN}/10" in text and "morning" in text


# ----------------------------------------------------------------------- strength


def strength_level(s: Session) -> int | None:
    """The A14 level (1-based) whose exercises ``s`` lists, or None."""
    listed = [(e.name, e.sets, e.reps, e.hold_s, e.side) for e in s.exercises or ()]
    for level, moves in enumerate(STRENGTH_LEVELS, start=1):
        if listed == [tuple(m) for m in moves]:
            return level
    return None


def check_strength_levels(ctx: Context) -> Iterator[Violation]:
    """A14: each week's strength sessions at the level the weeks before earned."""
    level, credit = 1, 0
    for i, week in enumerate(ctx.plan.weeks):
        strength = [x for x in ctx.week_sessions[i] if x.session.kind is SessionKind.STRENGTH]
        for day, s in strength:
            yield from _level_of(day, s, level, week_label(i, week))
        level, credit = _next_level(level, credit, week, bool(strength))


def _level_of(day: date, s: Session, level: int, week: str) -> Iterator[Violation]:
    found = strength_level(s)
    if found is None:
        yield Violation(
            "A14",
            f"{label(day, s)} lists exercises of no strength level "
            f"(levels 1-{len(STRENGTH_LEVELS)})",
            day,
        )
    elif found != level:
        yield Violation(
            "A14",
            f"{label(day, s)} is at strength level {found}; {week} should be at level {level} "
            f"(up one every {STRENGTH_PROGRESS_WEEKS} non-recovery weeks with strength, down "
            "one for each week without)",
            day,
        )


def _next_level(level: int, credit: int, week: Week, had_strength: bool) -> tuple[int, int]:
    if not had_strength:
        return max(1, level - 1), 0
    if week.recovery_week:
        return level, credit
    credit += 1
    if credit >= STRENGTH_PROGRESS_WEEKS:
        return min(len(STRENGTH_LEVELS), level + 1), 0
    return level, credit


# -------------------------------------------------------------------------- walks


def stop_walk(weeks: int) -> int:
    """A14: the walk in week ``weeks`` (0-based) of a running stop, in minutes."""
    minutes = WALK_START
    for _ in range(weeks):
        minutes = min(WALK_TOP, minutes + max(round(minutes * WALK_GROWTH), WALK_MIN_STEP))
    return minutes


def check_stop_walks(ctx: Context) -> Iterator[Violation]:
    """A14: on every stopped (not red-flag) day, the mobility session's walk is 15 minutes
    in the stop's first week, then grows by 10 % or 5 minutes a week to 30."""
    began: date | None = None
    last: date | None = None
    for day, rules in sorted(ctx.derivation.days.items()):
        if not rules.mobility:
            continue
        if began is None or last is None or day - last > ONE_DAY:
            began = day
        last = day
        want = stop_walk((day - began).days // 7)
        for s in ctx.by_date.get(day, ()):
            if s.kind is not SessionKind.MOBILITY:
                continue
            if walked(s) != want:
                yield Violation(
                    "A14",
                    f"{label(day, s)} walks {walked(s)} minutes; day {(day - began).days + 1} "
                    f"of a running stop (from {began}) asks for {want}",
                    day,
                )
