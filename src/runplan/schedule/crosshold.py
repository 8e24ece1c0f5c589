"""X2: cross-training holds the load while a rule stops running.

After any A7 window, on a day when a rule stops running but allows cross-training, the
run the condition-free plan has that day becomes a ride or swim of the same minutes, at
the same time (within L7's caps).  Over the week's no-running days, run and
cross-training minutes stay within 80-110 % of what the usual week puts on them; where
days, windows or equipment run out, or L5 caps the week, a P3 note says which
(docs/coaching.md, "How cross-training substitutes").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from runplan.models import Advisory, AdvisoryKind, Day, Runner, SessionKind
from runplan.rules.limits import L7_SWIM_MAX, RECOVERY_RATIO, X2_BAND
from runplan.schedule.clock import minus
from runplan.schedule.free import FreeWeek
from runplan.schedule.load import ride_cap
from runplan.schedule.placement import DayInput, Slot
from runplan.schedule.targets import MIN_RUNNING
from runplan.timeline import Allowance, RunMode

__all__ = ["CrossHold", "hold_days", "hold_note", "substitutes", "usual_bounds"]

_CROSS = frozenset({SessionKind.BIKE, SessionKind.SWIM})


@dataclass(frozen=True, slots=True)
class CrossHold:
    """The week's rides and swims in place of runs (X2), by day offset."""

    slots: Mapping[int, Slot]
    minutes: Mapping[int, int]
    days: tuple[DayInput, ...]  # with those days taken
    capped: bool  # some ride or swim was cut to L7's cap


def hold_days(allowances: Sequence[Allowance]) -> list[int]:
    """X2's days: a rule stops running and allows cross-training (A7 windows and red-flag
    blocks allow none; A9/A10 only when pain-free, as the allowance says)."""
    return [
        k for k, a in enumerate(allowances) if not a.blocked and a.run is RunMode.NONE and a.cross
    ]


def substitutes(
    runner: Runner,
    start: date,
    days: Sequence[DayInput],
    allowances: Sequence[Allowance],
    free: FreeWeek | None,
    week_total: int,
) -> CrossHold:
    """The run the condition-free plan has on each of X2's days, as a ride or swim."""
    out = list(days)
    slots: dict[int, Slot] = {}
    minutes: dict[int, int] = {}
    capped = False
    for k in hold_days(allowances):
        run = free.runs.get(start + timedelta(days=k)) if free is not None else None
        day = days[k]
        if run is None or not day.cross_ok or day.fixed:
            continue
        cap = ride_cap(week_total, runner.run_days)
        if not day.bike_ok:
            cap = min(cap, L7_SWIM_MAX)  # L7: only a swim is possible that day
        length = min(run.minutes, cap)
        if length < MIN_RUNNING:  # L7 leaves no ride worth the trip (the week runs ~0)
            continue
        span = (run.start, run.start + length)
        if not any(lo <= span[0] and span[1] <= hi for lo, hi in day.intervals):
            continue
        capped = capped or length < run.minutes
        slots[k], minutes[k] = Slot("cross", run.start), length
        out[k] = replace(
            day, fixed=True, run_ok=False, cross_ok=False, intervals=minus(day.intervals, span)
        )
    return CrossHold(slots, minutes, tuple(out), capped)


def usual_bounds(runner: Runner, n_days: int, *, recovery: bool) -> tuple[float, float]:
    """What the usual week puts on ``n_days`` of X2's days, at least and at most: the
    profile's runs (weekly_run_minutes / run_days each; 75 % in an L2 recovery week)
    and its cross_days of usual-run length, wherever in the week they fall."""
    usual = runner.weekly_run_minutes / runner.run_days
    if recovery:
        usual *= RECOVERY_RATIO
    sessions = runner.run_days + runner.cross_days
    least = max(0, n_days - (7 - sessions)) * usual
    goal = max(runner.weekly_run_minutes, runner.target_run_minutes or 0)
    longest = ride_cap(goal, runner.run_days)
    return least, min(n_days, sessions) * max(longest, usual)


def hold_note(
    runner: Runner,
    built: Sequence[Day],
    allowances: Sequence[Allowance],
    days: Sequence[DayInput],
    why: Sequence[str],
    *,
    recovery: bool,
) -> Advisory | None:
    """P3 when X2's days hold less than 80 % of the usual week's minutes on them; ``why``
    adds the rules that capped the week (L5, L7)."""
    held = hold_days(allowances)
    if not held:
        return None
    least, _ = usual_bounds(runner, len(held), recovery=recovery)
    got = sum(
        s.duration_min
        for k in held
        for s in built[k].sessions
        if s.kind in _CROSS or s.kind is SessionKind.RUN
    )
    if got >= X2_BAND[0] * least:
        return None
    reasons = _reasons(runner, [days[k] for k in held], why)
    start = built[0].date
    return Advisory(
        kind=AdvisoryKind.NOTE,
        date=start,
        rules=list(dict.fromkeys(["P3", "X2", *(r for r, _ in reasons)])),
        message=(
            f"Week of {start.isoformat()}: the days without running hold {got} of about "
            f"{round(least)} minutes of the usual week as rides or swims (X2): "
            + "; ".join(t for _, t in reasons)
            + "."
        ),
    )


def _reasons(runner: Runner, days: Sequence[DayInput], why: Sequence[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if not runner.has_bike and not any(d.swim_ok for d in days):
        out.append(("X1", "there is no bike and no open pool on those days"))
    elif any(not (d.bike_ok or d.swim_ok) for d in days):
        out.append(("X1", "the pool is closed on some of them and there is no bike"))
    if any(not d.intervals for d in days):
        out.append(("P1", "some of them have no availability window"))
    if "L5" in why:
        out.append(("L5", "the load comes back gradually after a lighter stretch"))
    if "L7" in why:
        out.append(("L7", f"a swim lasts at most {L7_SWIM_MAX} minutes"))
    if not out:
        out.append(("L3", "the other days hold no run, keep one day for rest or have no room"))
    return out
