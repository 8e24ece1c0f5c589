"""X2, cross-training holds the load, as the validator reads it from the plan.

* **Reading (X2's days)**: the days of a week on which the derivation stops running
  (mode ``none``), blocks nothing and allows cross-training (A7 windows allow none; A9 and
  A10 only when pain-free).
* **Reading (what the usual week puts on them)**: the profile's usual week, its runs of
  ``weekly_run_minutes / run_days`` (75 % in a week marked as an L2 recovery week) and
  its cross_days sessions of usual-run length.  A reader of the plan does not know on
  which weekdays the usual week would have put them, so on ``n`` of X2's days it puts at
  least ``n - (7 - run_days - cross_days)`` of them and at most ``min(n, run_days +
  cross_days)``; a ride may last up to L7's cap (1.2 x the usual run of the larger of
  weekly_run_minutes and target_run_minutes).  A week's run and cross-training minutes
  on X2's days stay at or above 80 % of the least, or a P3 advisory in that week names
  X2, and at or below 110 % of the most.
"""

from __future__ import annotations

from collections.abc import Iterator

from runplan.models import SessionKind
from runplan.rules.limits import L7_RIDE_RATIO, RECOVERY_RATIO, X2_BAND
from runplan.validation.context import Context
from runplan.validation.conventions import CROSS_KINDS, TOLERANCE, week_dates, week_label, week_last
from runplan.validation.ladder import Mode
from runplan.validation.violation import Violation

__all__ = ["check_cross_holds"]


def check_cross_holds(ctx: Context) -> Iterator[Violation]:
    """X2: over a week's no-running days, run and cross-training minutes stay within
    80-110 % of what the usual week puts on them, or a P3 names the shortfall."""
    runner = ctx.runner
    sessions_per_week = runner.run_days + runner.cross_days
    goal = max(runner.weekly_run_minutes, runner.target_run_minutes or 0)
    longest = L7_RIDE_RATIO * goal / runner.run_days
    for i, week in enumerate(ctx.plan.weeks):
        held = [
            d
            for d in week_dates(week)
            if (rules := ctx.derivation.day(d)).mode is Mode.NONE
            and not rules.blocked
            and rules.cross_stop is None
        ]
        if not held:
            continue
        usual = runner.weekly_run_minutes / runner.run_days
        if week.recovery_week:
            usual *= RECOVERY_RATIO
        least = max(0, len(held) - (7 - sessions_per_week)) * usual
        most = min(len(held), sessions_per_week) * max(longest, usual)
        got = sum(
            s.duration_min
            for d in held
            for s in ctx.by_date.get(d, ())
            if s.kind in CROSS_KINDS or s.kind is SessionKind.RUN
        )
        low, high = X2_BAND
        named = ctx.has_advisory("X2", week.start, week_last(week))
        if got < low * least - TOLERANCE and not named:
            yield Violation(
                "X2",
                f"{week_label(i, week)}: its {len(held)} days without running hold {got} "
                f"minutes of riding, swimming or running, less than {low:g} x {least:g} "
                "and no P3 advisory names X2",
                week.start,
            )
        elif got > high * most + TOLERANCE:
            yield Violation(
                "X2",
                f"{week_label(i, week)}: its {len(held)} days without running hold {got} "
                f"minutes, more than {high:g} x {most:g}",
                week.start,
            )
