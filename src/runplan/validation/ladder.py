"""The walk-run ladder replayed day by day (R2, R3): each day's running mode, and the
ladder's position before every planned ladder session.

The ladder is a state machine over the calendar - armed by a clearance, restarted by a
new stop, advanced by logged and planned sessions, stepped back by an R3 check-in - so
it is replayed here once, from the earliest clearance to the plan's last day, and the
checkers only compare each planned session with the position recorded before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from runplan.models import CheckIn, Session, SessionKind
from runplan.rules.limits import LADDER, LADDER_REPEATS, R3_RUN_PAIN
from runplan.validation.conventions import ONE_DAY
from runplan.validation.painlog import PainLog
from runplan.validation.stops import LADDER_STOPS, Stop

__all__ = [
    "LADDER_STEP_MINUTES",
    "LADDER_TOP",
    "LadderReplay",
    "LadderVisit",
    "Mode",
    "replay_ladder",
]

#: R2: minutes of each ladder step (1-based) after the warm-up.
LADDER_STEP_MINUTES: Mapping[int, int] = MappingProxyType(
    {i + 1: step.minutes for i, step in enumerate(LADDER)}
)
LADDER_TOP = len(LADDER)


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
    #: The steps the session may be at: the current one, or the next once it is done twice
    #: (a lower step is a repeat that does not advance the ladder, see ``repeats``).
    allowed: tuple[int, ...]
    #: The date of an R3 check-in that stepped the ladder back since the previous session.
    stepped_back: date | None
    #: The day of the previous ladder session (logged or planned), if any.
    previous: date | None
    #: The current step and how often it has been done, before this session.
    step: int
    done: int

    @property
    def repeats(self) -> tuple[int, ...]:
        """Lower steps the session may repeat when the current step does not fit the day:
        allowed, but the ladder does not advance (a repeat is not a step back)."""
        return tuple(range(1, self.step))


class LadderReplay(NamedTuple):
    """What the replay found: the mode of each plan day, the planned ladder sessions."""

    modes: dict[date, Mode]
    visits: list[LadderVisit]


def _allowed(step: int, done: int) -> tuple[int, ...]:
    if done >= LADDER_REPEATS and step < LADDER_TOP:
        return step, step + 1
    return (step,)


def _steps_back(checkin: CheckIn | None) -> bool:
    """R3: run pain above 3, or pain not settled by the next morning."""
    if checkin is None:
        return False
    too_painful = checkin.run_pain is not None and checkin.run_pain > R3_RUN_PAIN
    return too_painful or checkin.settled_by_morning is False


@dataclass(slots=True)
class _Ladder:
    """The walk-run ladder's state while it runs through the days."""

    armed: bool = False
    step: int = 1
    done: int = 0
    previous: date | None = None
    stepped_back: date | None = None
    last_step: int | None = None  # the step of the last session of this ladder

    def restart(self) -> None:
        self.step, self.done, self.last_step = 1, 0, None

    def enter(self, *, arms: bool, stopped: bool) -> Mode:
        """The day's mode: a clearance (re)arms the ladder, a stop interrupts it (it
        starts again from step 1)."""
        if arms:
            self.armed = True
            self.restart()
        if stopped:
            if self.armed:
                self.restart()
            return Mode.NONE
        return Mode.LADDER if self.armed else Mode.FULL

    def log_session(self, day: date) -> None:
        """A logged session falls on the next step once the current one is done twice."""
        if self.done >= LADDER_REPEATS and self.step < LADDER_TOP:
            self.step, self.done = self.step + 1, 1
        else:
            self.done += 1
        self.previous, self.stepped_back, self.last_step = day, None, self.step

    def visit(self, day: date, session: Session, step: int) -> LadderVisit:
        """Record the position before a planned session, then take the session."""
        before = LadderVisit(
            day,
            session,
            _allowed(self.step, self.done),
            self.stepped_back,
            self.previous,
            self.step,
            self.done,
        )
        self.plan_session(day, step)
        return before

    def plan_session(self, day: date, step: int) -> None:
        """A planned session is assumed done as planned.  A lower step is a repeat: the
        ladder does not advance.  A wrong higher step is reported by the checker, and
        the ladder follows the plan from there."""
        self.previous, self.last_step = day, step
        if step < self.step:
            return
        if step == self.step:
            self.done += 1
        else:
            self.step, self.done = step, 1
        self.stepped_back = None

    def step_back(self, day: date) -> None:
        """R3: one step below the step last done (not below 1); its count restarts."""
        base = self.step if self.last_step is None else min(self.step, self.last_step)
        self.step, self.done, self.stepped_back = max(1, base - 1), 0, day

    def settle(self, day: date, checkin: CheckIn | None) -> None:
        """End of the day: an R3 check-in steps back; two top-step sessions disarm."""
        if not self.armed:
            return
        if _steps_back(checkin):
            self.step_back(day)
        if self.complete:
            self.armed = False

    @property
    def complete(self) -> bool:
        return self.step == LADDER_TOP and self.done >= LADDER_REPEATS


def replay_ladder(
    stops: Sequence[Stop],
    log: PainLog,
    sessions: Mapping[date, Sequence[Session]],
    first: date,
    last: date,
) -> LadderReplay:
    """Running mode of each plan day, and the ladder position before each planned
    ladder session.  The ladder is armed when a ladder stop is cleared (a new
    clearance restarts it) and done after two step-4 sessions."""
    replay = LadderReplay({}, [])
    arms = {s.end for s in stops if s.rule in LADDER_STOPS and s.end is not None}
    day = min([first, *arms])
    ladder = _Ladder()
    while day <= last:
        stopped = any(s.active(day) for s in stops)
        mode = ladder.enter(arms=day in arms, stopped=stopped)
        checkin = log.by_date.get(day)
        if day >= first:
            replay.modes[day] = mode
            if mode is Mode.LADDER:
                replay.visits.extend(_planned(ladder, day, sessions.get(day, ())))
        elif mode is Mode.LADDER and checkin is not None and checkin.run_pain is not None:
            ladder.log_session(day)
        ladder.settle(day, checkin)
        day += ONE_DAY
    return replay


def _planned(ladder: _Ladder, day: date, sessions: Sequence[Session]) -> list[LadderVisit]:
    """The day's planned ladder sessions, in start order, each taken in turn."""
    visits: list[LadderVisit] = []
    for s in sessions:
        if s.kind is SessionKind.RUN and s.ladder_step is not None:
            visits.append(ladder.visit(day, s, s.ladder_step))
    return visits
