"""What the timeline hands the scheduler: a day's allowance, the R2 ladder position and the
timeline of both.

These are the only types the scheduler reads; it never looks at raw conditions or
check-ins, so everything the back rules decide has to be said here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from runplan.models import Advisory
from runplan.rules.limits import LADDER, LADDER_REPEATS

__all__ = ["FULL", "Allowance", "LadderState", "RunMode", "Timeline"]


class RunMode(StrEnum):
    """How the runner may run on a day (docs/conditions.md, "Running modes")."""

    NONE = "none"
    LADDER = "ladder"
    FULL = "full"


@dataclass(frozen=True, slots=True)
class Allowance:
    """What one day allows, and the home care it asks for.  ``rules`` say why."""

    run: RunMode = RunMode.FULL
    cross: bool = True
    strength: bool = True
    blocked: bool = False  # S1/S2: no session of any kind
    recovery: str | None = None  # "ice" or "heat" (A7)
    mobility: str | None = None  # "gentle" or "pt" (A7 / A10 and other stops)
    run_cap: int | None = None  # A11: no run longer than this (minutes, warm-up included)
    ladder_restart: bool = False  # a clearance today: the ladder starts again at step 1
    step_back: bool = False  # R3: today's check-in steps the ladder back
    rules: tuple[str, ...] = ()


#: A day no back rule touches; the timeline shares this one object for all of them.
FULL = Allowance()


@dataclass(frozen=True, slots=True)
class LadderState:
    """Where the runner stands on the R2 ladder: step 1-4 and sessions done at it."""

    step: int = 1
    done: int = 0
    last: int | None = None  # the step of the last session done

    @property
    def complete(self) -> bool:
        return self.step > len(LADDER)

    def after(self, step_back: bool, step: int | None = None) -> LadderState:
        """The state after one session at ``step`` (default: the current one; a lower
        step is a repeat that does not advance).  R2: twice per step; R3: step back."""
        done_at = self.step if step is None else step
        if step_back:
            return LadderState(max(1, done_at - 1), 0, done_at)
        if done_at != self.step:
            return LadderState(self.step, self.done, done_at)
        if self.done + 1 >= LADDER_REPEATS:
            return LadderState(self.step + 1, 0, done_at)
        return LadderState(self.step, self.done + 1, done_at)

    def back(self) -> LadderState:
        """R3 reported on a day without a session: one below the last step done."""
        return LadderState(max(1, (self.last or self.step) - 1), 0, self.last)


@dataclass(frozen=True, slots=True)
class Timeline:
    """Allowances for ``start`` .. ``start + len(days) - 1`` and the dated advisories.

    ``ladder`` is the ladder position on ``start`` when the runner is on the ladder then.
    """

    start: date
    days: tuple[Allowance, ...]
    advisories: tuple[Advisory, ...] = field(default=())
    ladder: LadderState | None = None

    def on(self, day: date) -> Allowance:
        """The allowance of ``day``; days outside the timeline are :data:`FULL`."""
        index = (day - self.start).days
        return self.days[index] if 0 <= index < len(self.days) else FULL

    @property
    def all_full(self) -> bool:
        return all(a is FULL for a in self.days) and self.ladder is None
