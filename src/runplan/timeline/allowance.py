"""What the timeline hands the scheduler: a day's allowance, the R2 ladder position and the
timeline of both.

These are the only types the scheduler reads; it never looks at raw conditions or
check-ins, so everything the back rules decide has to be said here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cache

from runplan.models import Advisory, Runner
from runplan.rules.limits import (
    LADDER,
    LADDER_FINAL_MAX,
    LADDER_REPEATS,
    LADDER_WALK,
    LADDER_WALK_REPEATS,
    LadderStep,
)

__all__ = [
    "FULL",
    "Allowance",
    "LadderState",
    "RunMode",
    "Timeline",
    "final_jog",
    "ladder_steps",
    "new_ladder",
]


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
    ladder_restart: bool = False  # a clearance today: the ladder starts again at step 0 (R4)
    ladder_resume: bool = False  # an A7 rest begins today: one step below the step reached (R4)
    step_back: bool = False  # R3: today's check-in steps the ladder back
    rules: tuple[str, ...] = ()


#: A day no back rule touches; the timeline shares this one object for all of them.
FULL = Allowance()


def final_jog(runner: Runner) -> int:
    """R2: the final step's continuous jog, the usual run's running minutes (warm-up
    excluded) or LADDER_FINAL_MAX, whichever is less."""
    usual = runner.weekly_run_minutes // runner.run_days
    return max(1, min(usual - runner.warmup_minutes, LADDER_FINAL_MAX))


@cache
def ladder_steps(final: int) -> tuple[LadderStep, ...]:
    """R2: the ladder by step number: step 0 the brisk walk, then the table's steps whose
    longest continuous jog is shorter than ``final``, each cut to jog at most ``final``
    minutes in all, then ``final`` minutes of jogging."""
    kept = tuple(_at_most(s, final) for s in LADDER if s.longest < final)
    return (LADDER_WALK, *kept, LadderStep((("jog", final),)))


def _at_most(step: LadderStep, final: int) -> LadderStep:
    """Choice (R2, resting wins): no step jogs more in all than the final step, the usual
    run's running minutes: fewer repeats of the block, or a single block's last jog
    shortened (and a walk left at the end dropped)."""
    if step.jog <= final:
        return step
    if step.repeats > 1:
        per_block = sum(m for k, m in step.block if k != "walk")
        return LadderStep(step.block, final // per_block)
    out: list[tuple[str, int]] = []
    left = final
    for kind, minutes in step.block:
        if kind != "walk":
            minutes = min(minutes, left)
            left -= minutes
        if minutes > 0:
            out.append((kind, minutes))
    while out and out[-1][0] == "walk":
        out.pop()
    return LadderStep(tuple(out))


def new_ladder(runner: Runner) -> LadderState:
    """The ladder a clearance starts: step 0, nothing done yet (R2, R4)."""
    return LadderState(top=len(ladder_steps(final_jog(runner))) - 1)


@dataclass(frozen=True, slots=True)
class LadderState:
    """Where the runner stands on the R2 ladder: step 0 (the brisk walk) to ``top`` (the
    final continuous jog), and the sessions done at it.

    R4: the step goes down only after an R3 check-in (:meth:`after`, :meth:`back`) or when
    an A7 rest interrupts it (:meth:`resumed`); it never repeats a lower step.
    """

    top: int
    step: int = 0
    done: int = 0
    last: int | None = None  # the step of the last session done
    paused: bool = False  # inside an A7 rest that already set the resume step
    ran: date | None = None  # the day of the last running step (R2: never on consecutive days)

    @property
    def complete(self) -> bool:
        return self.step > self.top

    @property
    def needed(self) -> int:
        """Sessions the current step takes (R2: the walk once, each running step twice)."""
        return LADDER_WALK_REPEATS if self.step == 0 else LADDER_REPEATS

    def after(self, step_back: bool) -> LadderState:
        """The state after one session at the current step; R3: one step back."""
        if step_back:
            return replace(self, step=max(0, self.step - 1), done=0, last=self.step)
        if self.done + 1 >= self.needed:
            return replace(self, step=self.step + 1, done=0, last=self.step)
        return replace(self, done=self.done + 1, last=self.step)

    def back(self) -> LadderState:
        """R3 reported on a day without a session: one below the last step done."""
        base = self.step if self.last is None else self.last
        return replace(self, step=max(0, base - 1), done=0)

    def resumed(self) -> LadderState:
        """R4: an A7 rest interrupts the ladder; it resumes one step below the step
        reached (Choice: not below step 0, the brisk walk)."""
        return replace(self, step=max(0, self.step - 1), done=0, paused=True)


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
