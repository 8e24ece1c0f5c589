"""The walk-run ladder replayed day by day (R2-R4): the runner's own ladder, each day's
running mode, and the ladder's position before every planned ladder session.

The ladder is a state machine over the calendar - armed at step 0 by a clearance,
resumed one step lower by an A7 rest, advanced by logged and planned sessions, stepped
back by an R3 check-in - so it is replayed here once, from the earliest clearance to the
plan's last day, and the checkers only compare each planned session with the position
recorded before it.  The ladder itself is read here from RULES.md R2 and the table's
data (:data:`runplan.rules.limits.LADDER`), not taken from the scheduler.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from runplan.models import CheckIn, Runner, Session
from runplan.rules.limits import (
    LADDER,
    LADDER_FINAL_MAX,
    LADDER_REPEATS,
    LADDER_WALK,
    LADDER_WALK_REPEATS,
    R3_RUN_PAIN,
)
from runplan.validation.conventions import ONE_DAY
from runplan.validation.painlog import PainLog
from runplan.validation.stops import LADDER_STOPS, Stop, Sweep

__all__ = [
    "LadderReplay",
    "LadderVisit",
    "Mode",
    "Stretch",
    "longest_jog",
    "replay_ladder",
    "runner_ladder",
]

Stretch = tuple[str, int]  # ("walk" | "jog" | "run", minutes)


def longest_jog(stretches: Sequence[Stretch]) -> int:
    """R2: the longest continuous jog of a step (adjacent jog or run stretches join)."""
    best = current = 0
    for kind, minutes in stretches:
        current = 0 if kind == "walk" else current + minutes
        best = max(best, current)
    return best


def runner_ladder(runner: Runner) -> tuple[tuple[Stretch, ...], ...]:
    """R2 as read here: step 0 the 30-minute brisk walk; then each step of the table whose
    longest continuous jog is shorter than the final one, jogging at most the final one's
    minutes in all (docs/coaching.md); then the final continuous jog,
    the usual run's running minutes (weekly_run_minutes / run_days less the warm-up) or
    LADDER_FINAL_MAX, whichever is less.  Index = ``ladder_step``."""
    usual = runner.weekly_run_minutes // runner.run_days
    final = max(1, min(usual - runner.warmup_minutes, LADDER_FINAL_MAX))
    kept = [_capped(step.block, step.repeats, final) for step in LADDER]
    kept = [s for s in kept if longest_jog(s) < final]
    walk = tuple(LADDER_WALK.block) * LADDER_WALK.repeats
    return (walk, *kept, (("jog", final),))


def _capped(block: Sequence[Stretch], repeats: int, final: int) -> tuple[Stretch, ...]:
    """docs/coaching.md: a step jogs at most ``final`` minutes in all - as many repeats of
    its block as fit, or, for a single block, its stretches cut where the jogging reaches
    ``final`` (a walk that would end it dropped)."""
    jog = sum(m for k, m in block if k != "walk")
    if repeats > 1:
        return tuple(block) * max(1, min(repeats, final // jog))
    out: list[Stretch] = []
    total = 0
    for kind, minutes in block:
        if kind != "walk" and total + minutes > final:
            minutes = final - total
        if minutes <= 0:
            break
        total += 0 if kind == "walk" else minutes
        out.append((kind, minutes))
    while out and out[-1][0] == "walk":
        out.pop()
    return tuple(out)


class Mode(StrEnum):
    """Running mode of a day: no run, walk-run ladder sessions only, or ordinary runs."""

    NONE = "none"
    LADDER = "ladder"
    FULL = "full"


@dataclass(frozen=True, slots=True)
class LadderVisit:
    """A planned ladder session and the ladder's position before it."""

    day: date
    session: Session
    #: The steps the session may be at: the current one, or the next once it is done as
    #: often as R2 asks (never a lower one, R4).
    allowed: tuple[int, ...]
    #: The date of an R3 check-in that stepped the ladder back since the previous session.
    stepped_back: date | None
    #: The day of the previous running ladder session (logged or planned), if any.
    previous: date | None
    #: The current step and how often it has been done, before this session.
    step: int
    done: int


class LadderReplay(NamedTuple):
    """What the replay found: the mode of each plan day, the planned ladder sessions,
    the days the ladder was (re)armed by a clearance and the days it completed."""

    modes: dict[date, Mode]
    visits: list[LadderVisit]
    armed: list[date]
    completed: list[date]


def _steps_back(checkin: CheckIn | None) -> bool:
    """R3: run pain above 3, or pain not settled by the next morning."""
    if checkin is None:
        return False
    too_painful = checkin.run_pain is not None and checkin.run_pain > R3_RUN_PAIN
    return too_painful or checkin.settled_by_morning is False


@dataclass(slots=True)
class _Ladder:
    """The walk-run ladder's state while it runs through the days."""

    top: int
    armed: bool = False
    step: int = 0
    done: int = 0
    previous: date | None = None
    stepped_back: date | None = None
    last_step: int | None = None  # the step of the last session of this ladder
    paused: bool = False  # inside an A7 rest that already lowered the step

    def needed(self) -> int:
        return LADDER_WALK_REPEATS if self.step == 0 else LADDER_REPEATS

    def allowed(self) -> tuple[int, ...]:
        if self.done >= self.needed() and self.step < self.top:
            return self.step, self.step + 1
        return (self.step,)

    def enter(self, *, arms: bool, stops: Sequence[Stop]) -> Mode:
        """The day's mode: a clearance (re)arms the ladder at step 0; an A7 rest (no stop
        that needs a clearance) lowers it one step, once per rest (R4)."""
        if arms:
            self.armed, self.paused = True, False
            self.step, self.done, self.last_step = 0, 0, None
        if not stops:
            self.paused = False
            return Mode.LADDER if self.armed else Mode.FULL
        needs_clearance = any(s.rule in LADDER_STOPS for s in stops)
        if self.armed and not needs_clearance and not self.paused:
            reached = self.allowed()[-1]  # the next step once the current one is done
            self.step, self.done, self.paused = max(0, reached - 1), 0, True
        return Mode.NONE

    def take(self, day: date, step: int) -> None:
        """A session at ``step`` (logged, or planned and assumed done as planned); a wrong
        step is reported by the checker and the ladder follows the plan from there."""
        if step == self.step:
            self.done += 1
        else:
            self.step, self.done = step, 1
        if step > 0:
            self.previous = day
        self.stepped_back, self.last_step = None, step

    def log_session(self, day: date) -> None:
        """A logged session falls on the next step once the current one is done."""
        self.take(day, self.allowed()[-1])

    def visit(self, day: date, session: Session, step: int) -> LadderVisit:
        """Record the position before a planned session, then take the session."""
        before = LadderVisit(
            day, session, self.allowed(), self.stepped_back, self.previous, self.step, self.done
        )
        self.take(day, step)
        return before

    def settle(self, day: date, checkin: CheckIn | None) -> bool:
        """End of the day: an R3 check-in steps back one below the step last done (not
        below 0); the final step done twice completes the ladder.  True if it did."""
        if not self.armed:
            return False
        if _steps_back(checkin):
            base = self.step if self.last_step is None else self.last_step
            self.step, self.done, self.stepped_back = max(0, base - 1), 0, day
        if self.step == self.top and self.done >= self.needed():
            self.armed = False
            return True
        return False


def replay_ladder(
    runner: Runner,
    stops: Sequence[Stop],
    log: PainLog,
    sessions: Mapping[date, Sequence[Session]],
    span: tuple[date, date],
) -> LadderReplay:
    """Running mode of each plan day (``span``: its first and last), and the ladder
    position before each planned ladder session."""
    first, last = span
    replay = LadderReplay({}, [], [], [])
    arms = {s.end for s in stops if s.rule in LADDER_STOPS and s.end is not None}
    day = min([first, *arms])
    ladder = _Ladder(top=len(runner_ladder(runner)) - 1)
    sweep = Sweep(stops)
    while day <= last:
        if day in arms:
            replay.armed.append(day)
        active = sweep.on(day)
        mode = ladder.enter(arms=day in arms, stops=active)
        checkin = log.by_date.get(day)
        if day >= first:
            replay.modes[day] = mode
            if mode is Mode.LADDER:
                for s in sessions.get(day, ()):
                    if s.ladder_step is not None:
                        replay.visits.append(ladder.visit(day, s, s.ladder_step))
        elif mode is Mode.LADDER and checkin is not None and checkin.run_pain is not None:
            ladder.log_session(day)
        if ladder.settle(day, checkin):
            replay.completed.append(day)
        day += ONE_DAY
    return replay
