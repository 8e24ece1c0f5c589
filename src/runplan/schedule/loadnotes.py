"""The load rules' own notes and small week facts: L6 (a real long run), L7 (fewer runs
never mean longer ones) and R4's clause on recovery weeks around the walk-run ladder."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from runplan.models import Advisory, AdvisoryKind, Day, Runner, Session, SessionKind
from runplan.rules.limits import L6_MAX_RATIO, L6_MIN_RATIO, L7_SWIM_MAX, R4_NO_RECOVERY_DAYS
from runplan.schedule.load import easy_cap
from runplan.timeline import Allowance, LadderState, RunMode

__all__ = ["l6_note", "l7_note", "recovery_ok", "running_minutes", "week_long"]

_SLACK = 1e-9


def running_minutes(s: Session) -> int:
    """A run's running minutes: its length less the warm-up."""
    return s.duration_min - (s.warmup.duration_min if s.warmup is not None else 0)


def _ordinary_runs(days: Sequence[Day]) -> list[Session]:
    return [
        s for d in days for s in d.sessions if s.kind is SessionKind.RUN and s.ladder_step is None
    ]


def week_long(days: Sequence[Day]) -> tuple[int, int] | None:
    """L6: the week's long run (running minutes) and its run minutes, with two runs or more."""
    runs = _ordinary_runs(days)
    if len(runs) < 2:
        return None
    total = sum(s.duration_min for d in days for s in d.sessions if s.kind is SessionKind.RUN)
    return max(running_minutes(s) for s in runs), total


def recovery_ok(
    week_start: date,
    allowances: Sequence[Allowance],
    state: LadderState | None,
    last_ladder: date | None,
) -> bool:
    """R4: no recovery week (L2) while the ladder runs or in the two weeks after its last
    step (a week starting at most 14 days after the last ladder session)."""
    if last_ladder is not None and (week_start - last_ladder).days <= R4_NO_RECOVERY_DAYS:
        return False
    if not any(a.run is RunMode.LADDER for a in allowances):
        return True
    restart = any(a.ladder_restart for a in allowances)
    return not (restart or state is None or not state.complete)


def l6_note(
    runner: Runner, start: date, days: Sequence[Day], allowances: Sequence[Allowance]
) -> Advisory | None:
    """P3 when a week L6 governs cannot hold a long run 1.25-1.5 x the other runs (the
    long-run day's window, or L4, leaves too little to stand out)."""
    runs = _ordinary_runs(days)
    if runner.long_run_day is None or len(runs) < 3 or any(a.run_cap for a in allowances):
        return None
    running = sorted(running_minutes(s) for s in runs)
    others = sum(running[:-1]) / (len(running) - 1)
    ratio = running[-1] / others
    if L6_MIN_RATIO - _SLACK <= ratio <= L6_MAX_RATIO + _SLACK:
        return None
    return Advisory(
        kind=AdvisoryKind.NOTE,
        date=start,
        rules=["P3", "L6", "L4"],
        message=(
            f"Week of {start.isoformat()}: the long run ({running[-1]} minutes running) "
            f"cannot stand out from the other runs as L6 asks: the long-run day's window "
            "or the longest-run limit (L4) leaves too little room this week."
        ),
    )


def l7_note(
    runner: Runner, start: date, days: Sequence[Day], target: int, *, fewer: bool
) -> Advisory | None:
    """P3 when L7 kept the week short: fewer runs than wished, or a swim cut to 60 min."""
    runs = _ordinary_runs(days)
    capped = any(
        s.kind is SessionKind.SWIM and s.duration_min == L7_SWIM_MAX
        for d in days
        for s in d.sessions
    )
    parts = []
    if fewer and runs:
        got = sum(s.duration_min for d in days for s in d.sessions if s.kind is SessionKind.RUN)
        parts.append(
            f"{len(runs)} of {runner.run_days} wished runs fit, so each easy run stays within "
            f"{easy_cap(target, runner.run_days)} minutes and the week runs {got} of "
            f"{target} minutes (next week still grows from {target})"
        )
    if capped:
        parts.append(f"a swim lasts at most {L7_SWIM_MAX} minutes")
    if not parts:
        return None
    return Advisory(
        kind=AdvisoryKind.NOTE,
        date=start,
        rules=["P3", "L7"],
        message=f"Week of {start.isoformat()}: " + "; ".join(parts) + " (L7).",
    )
