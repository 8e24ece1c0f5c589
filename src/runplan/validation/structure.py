"""PLAN: the plan's shape - weeks of seven consecutive dates, back to back from its
start, in the runner's time zone.  Every other checker relies on this shape, so it is
checked first and on its own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from runplan.models import Week
from runplan.validation.context import Context
from runplan.validation.conventions import DAYS_PER_WEEK, week_label
from runplan.validation.violation import Violation

__all__ = ["check_structure"]


def check_structure(ctx: Context) -> Iterator[Violation]:
    """PLAN: time zone, a first week at plan.start, contiguous weeks of seven dates."""
    plan, runner = ctx.plan, ctx.runner
    if plan.timezone != runner.timezone:
        yield Violation(
            "PLAN", f'the plan is in time zone "{plan.timezone}", the runner in "{runner.timezone}"'
        )
    if not plan.weeks:
        yield Violation("PLAN", "the plan has no weeks")
        return
    if plan.start != plan.weeks[0].start:
        yield Violation(
            "PLAN",
            f"the plan starts {plan.start} but its first week starts {plan.weeks[0].start}",
            plan.start,
        )
    for i, week in enumerate(plan.weeks):
        if i:
            expected = plan.weeks[i - 1].start + timedelta(days=DAYS_PER_WEEK)
            if week.start != expected:
                yield Violation(
                    "PLAN",
                    f"{week_label(i, week)} should start {expected}; weeks must be contiguous",
                    week.start,
                )
        yield from _week_days(i, week)


def _week_days(i: int, week: Week) -> Iterator[Violation]:
    """Seven days, dated one after the other from the week's start."""
    if len(week.days) != DAYS_PER_WEEK:
        yield Violation(
            "PLAN",
            f"{week_label(i, week)} has {len(week.days)} days instead of {DAYS_PER_WEEK}",
            week.start,
        )
    for k, day in enumerate(week.days):
        expected = week.start + timedelta(days=k)
        if day.date != expected:
            yield Violation(
                "PLAN",
                f"day {k + 1} of {week_label(i, week)} is dated {day.date}, expected "
                f"{expected} (dates must be consecutive)",
                day.date,
            )
