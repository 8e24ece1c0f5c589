"""What links the weeks for L5, L6, X2 and R4's recovery clause, and the week's load notes.

The week loop hands each placed week here: the week is written so that L5 holds
(:func:`~runplan.schedule.weekfit.fit_week`), a recovery week cuts its long run at least
as much as the week (L6), and the notes say where L5, L6, L7 or X2 made the week give
way (P3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from runplan.models import Advisory, Runner
from runplan.schedule.crosshold import CrossHold, hold_note
from runplan.schedule.free import FreeWeek
from runplan.schedule.ladder import LadderPick
from runplan.schedule.load import LoadLog, keep_slots, l5_note
from runplan.schedule.loadnotes import l6_note, l7_note, recovery_ok, week_long
from runplan.schedule.placement import Placement
from runplan.schedule.sessions import SessionWriter, WeekLayout
from runplan.schedule.targets import Lengths, recovery_long
from runplan.schedule.weekfit import Fitted, fit_week
from runplan.timeline import Allowance, LadderState

__all__ = ["LoadTrack", "WeekPlan"]


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """One placed week, before it is written."""

    start: date
    placed: Placement
    lengths: Lengths
    recovery: bool  # an L2 recovery week
    ladder: Mapping[int, LadderPick]  # the walk-run steps by day offset (R2)
    allowances: tuple[Allowance, ...]
    free: FreeWeek | None  # the condition-free plan's week under back conditions
    target: int  # the week's L1 (or L2) run minutes
    fewer: bool  # L7: fewer runs fit than wished
    taper: bool = False  # T1/T2: the taper governs the week, not L6's recovery cut


@dataclass(slots=True)
class LoadTrack:
    """The load of the weeks so far (L5), the last ladder session (R4) and last week's
    long run (L6)."""

    runner: Runner
    loads: LoadLog
    last_ladder: date | None = None
    last_long: tuple[int, int] | None = None

    def recovery_ok(
        self, week_start: date, allowances: Sequence[Allowance], state: LadderState | None
    ) -> bool:
        """R4: may the week from ``week_start`` be an L2 recovery week?"""
        return recovery_ok(week_start, allowances, state, self.last_ladder)

    def write(
        self,
        writer: SessionWriter,
        week: WeekPlan,
        hold: CrossHold,
        ahead: Mapping[date, float],
    ) -> Fitted:
        """Write ``week`` with its X2 rides and swims so that L5 holds, with room for the
        next week's ladder sessions (``ahead``), and log it."""
        lengths = week.lengths
        if week.recovery and not week.taper and self.last_long is not None:
            n_runs = week.placed.count("long", "run")
            lengths = recovery_long(lengths, n_runs, self.runner.warmup_minutes, self.last_long)
        layout = WeekLayout(
            week.start,
            keep_slots(week.placed, hold.slots),
            lengths,
            week.recovery,
            week.ladder,
            week.allowances,
            week.free,
            cross_minutes=hold.minutes,
        )
        fitted = fit_week(writer, layout, self.loads, ahead)
        self.loads.add(fitted.days)
        self.last_ladder = max(
            [d.date for d in fitted.days for s in d.sessions if s.ladder_step is not None],
            default=self.last_ladder,
        )
        self.last_long = week_long(fitted.days)
        return fitted

    def notes(
        self, week: WeekPlan, fitted: Fitted, hold: CrossHold, *, restricted: bool
    ) -> list[Advisory]:
        """P3 for L5, L6, L7 and X2 where the week gave way to them."""
        runner, built, start = self.runner, fitted.days, week.start
        why = [r for r, on in (("L5", fitted.step), ("L7", hold.capped)) if on]
        notes = [
            l5_note(start, fitted.step) if fitted.step is not None else None,
            l7_note(runner, start, built, week.target, fewer=week.fewer),
            None if restricted else l6_note(runner, start, built, week.allowances),
            hold_note(runner, built, week.allowances, hold.days, why, recovery=week.recovery),
        ]
        return [n for n in notes if n is not None]
