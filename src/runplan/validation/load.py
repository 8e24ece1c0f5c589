"""Load rules (L1-L4) and cross-training (X1): how fast the running grows week on week
and run on run, the recovery weeks, a day without training, and easy cross-training the
runner can actually do.

Weeks restricted by a back condition are left out of L1/L2 (after a restriction L4
paces the return, docs/conditions.md); the derivation says which they are.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from datetime import date, timedelta
from math import floor
from typing import NamedTuple

from runplan.models import Intensity, SessionKind, Weekday
from runplan.rules.limits import (
    LONG_RUN_GROWTH,
    LOOKBACK_DAYS,
    R4_NO_RECOVERY_DAYS,
    RECOVERY_EVERY,
    RECOVERY_RATIO,
    TWO_WEEK_GROWTH,
    WEEKLY_GROWTH,
)
from runplan.validation.context import Context
from runplan.validation.conventions import (
    CROSS_KINDS,
    DAYS_PER_WEEK,
    TOLERANCE,
    TRAINING_KINDS,
    label,
    week_dates,
    week_label,
    week_last,
)
from runplan.validation.violation import Violation

__all__ = [
    "check_cross_training",
    "check_long_run_growth",
    "check_recovery_weeks",
    "check_rest_day",
    "check_weekly_growth",
]


class _Reference(NamedTuple):
    """L1: a week (or the profile's baseline) later weeks are measured against."""

    name: str
    minutes: int
    restricted: bool


#: H1's references, named as a violation names them.
_LOGGED_LAST = "run minutes logged in the 7 days before the plan"
_LOGGED_EARLIER = "run minutes logged 14-8 days before the plan"


def _is_recovery(ctx: Context, index: int) -> bool:
    """L2: week ``index`` (0-based) is a recovery week: every 4th week of training,
    counting the growth weeks logged just before the plan (H1)."""
    grown = ctx.logged.grown if ctx.logged is not None else 0
    return (index + 1 + grown) % RECOVERY_EVERY == 0


def check_weekly_growth(ctx: Context) -> Iterator[Violation]:
    """L1: run minutes grow at most 10 % a week and 30 % over two weeks, measured against
    non-recovery weeks (the baseline is the profile's weekly_run_minutes).  Restricted
    weeks (a day without full running, or a ladder session) are not checked, and a week
    whose reference week was restricted is not checked against it: after a restriction
    L4 paces the return (docs/conditions.md)."""
    restricted = ctx.derivation.restricted_weeks
    baseline = _Reference("weekly_run_minutes", ctx.runner.weekly_run_minutes, False)
    earlier: list[_Reference] = []  # the non-recovery weeks so far
    if ctx.logged is not None:  # H1: the log's weeks, not the profile's
        earlier = [
            _Reference(_LOGGED_EARLIER, ctx.logged.earlier, False),
            _Reference(_LOGGED_LAST, ctx.logged.last, False),
        ]
    for i, week in enumerate(ctx.plan.weeks):
        if _is_recovery(ctx, i) or i in ctx.away_weeks or i in ctx.taper:
            continue  # D1: no reference, nothing made up; T1/T2: the taper governs
        minutes = ctx.run_minutes[i]
        ref = earlier[-1] if earlier else baseline
        ref2 = earlier[-2] if len(earlier) >= 2 else baseline
        stands, unknown = minutes, False
        if any(ctx.has_advisory(r, week.start, week_last(week)) for r in ("L5", "L7")):
            # L7: L1 grows from the week's unshrunk target, at most what L1 allowed it
            # (Choice: so after a week L5 shortened, docs/coaching.md);
            # after a restricted reference that target is not known here, so the weeks
            # after it are not measured against this one (as after a restricted week).
            stands = max(
                minutes, floor(min(WEEKLY_GROWTH * ref.minutes, TWO_WEEK_GROWTH * ref2.minutes))
            )
            unknown = ref.restricted or ref2.restricted
        earlier.append(_Reference(week_label(i, week), stands, i in restricted or unknown))
        if i in restricted:
            continue
        for (name, reference, skipped), ratio in ((ref, WEEKLY_GROWTH), (ref2, TWO_WEEK_GROWTH)):
            if not skipped and minutes > ratio * reference + TOLERANCE:
                yield Violation(
                    "H1" if name in (_LOGGED_EARLIER, _LOGGED_LAST) else "L1",
                    f"{week_label(i, week)} has {minutes} run minutes, more than "
                    f"{ratio:g} x {reference} ({name}) = {ratio * reference:g}",
                    week.start,
                )


def check_recovery_weeks(ctx: Context) -> Iterator[Violation]:
    """L2: every 4th week is a recovery week at most 75 % of the week before, and is marked so.
    A restricted recovery week, or one after a restricted week, is not compared."""
    restricted = ctx.derivation.restricted_weeks
    ladder = sorted(d for d, s in ctx.sessions if s.ladder_step is not None)
    for i, week in enumerate(ctx.plan.weeks):
        near = _near_ladder(week.start, ladder)
        if near and week.recovery_week:
            yield Violation(
                "L2",
                f"{week_label(i, week)} is a recovery week while the walk-run ladder runs or "
                f"within {R4_NO_RECOVERY_DAYS} days of its last session (R4)",
                week.start,
            )
        if i in restricted or near:
            continue
        recovery = _is_recovery(ctx, i)
        if week.recovery_week != recovery:
            should = "should" if recovery else "should not"
            yield Violation(
                "L2",
                f"{week_label(i, week)} {should} be marked as a recovery week",
                week.start,
            )
        logged = ctx.logged.last if ctx.logged is not None and not i else None
        # D1: it eased off that week's target; T1: the taper governs its weeks.
        after_away = i - 1 in ctx.away_weeks or i in ctx.taper or i - 1 in ctx.taper
        if recovery and (i or logged is not None) and i - 1 not in restricted and not after_away:
            before = ctx.run_minutes[i - 1] if i else logged or 0
            minutes = ctx.run_minutes[i]
            if minutes > RECOVERY_RATIO * before + TOLERANCE:
                yield Violation(
                    "L2",
                    f"recovery {week_label(i, week)} has {minutes} run minutes, more than "
                    f"{RECOVERY_RATIO:g} x {before} = {RECOVERY_RATIO * before:g}",
                    week.start,
                )


def _near_ladder(start: date, ladder: list[date]) -> bool:
    """R4: a week from ``start`` holds a ladder session or starts at most 14 days after one
    (**Reading**: "the two weeks after its last step")."""
    last = start + timedelta(days=DAYS_PER_WEEK - 1)
    return any(start - timedelta(days=R4_NO_RECOVERY_DAYS) <= d <= last for d in ladder)


def check_rest_day(ctx: Context) -> Iterator[Violation]:
    """L3: each week keeps a date free of training (walks and mobility are fine)."""
    for i, week in enumerate(ctx.plan.weeks):
        busy = {d for d, s in ctx.week_sessions[i] if s.kind in TRAINING_KINDS}
        if all(d in busy for d in week_dates(week)):
            yield Violation("L3", f"{week_label(i, week)} has no day without training", week.start)


def check_long_run_growth(ctx: Context) -> Iterator[Violation]:
    """L4: no run longer than 1.1 x the longest run of the 30 days before it; while that
    window reaches before the plan, the runner's usual run counts as one of them.  Ladder
    sessions follow R2 instead, but count among the runs of the 30 days."""
    # L4/L6 before the plan: the profile's long_run_minutes, else the usual run; with a
    # log (H2), the logged runs and one short run.
    usual = ctx.runner.long_run_minutes or ctx.runner.weekly_run_minutes / ctx.runner.run_days
    logged = ctx.logged
    if logged is not None:
        usual = logged.short_run
    planned = [(d, float(r.duration_min)) for d, r in ctx.runs]
    before = list(logged.runs) if logged is not None else []
    by_date = sorted(before + planned)  # any order a plan comes in
    dates = [d for d, _ in by_date]
    for day, s in ctx.runs:
        if s.ladder_step is not None:
            continue
        first = day - timedelta(days=LOOKBACK_DAYS)
        window = by_date[bisect_left(dates, first) : bisect_left(dates, day)]
        previous: list[float] = [minutes for _, minutes in window]
        if first < ctx.plan.start:
            previous.append(usual)
        if not previous:
            continue
        longest = max(previous)
        if s.duration_min > LONG_RUN_GROWTH * longest + TOLERANCE:
            yield Violation(
                "H2" if first < ctx.plan.start and logged is not None else "L4",
                f"{label(day, s)} lasts {s.duration_min} minutes, more than "
                f"{LONG_RUN_GROWTH:g} x {longest:g} (longest of the previous {LOOKBACK_DAYS} "
                f"days) = {LONG_RUN_GROWTH * longest:g}",
                day,
            )


def check_cross_training(ctx: Context) -> Iterator[Violation]:
    """X1: swimming needs an open pool, cycling a bike, and cross-training is easy effort."""
    runner = ctx.runner
    for day, s in ctx.sessions:
        where = label(day, s)
        weekday = Weekday.of(day)
        if s.kind is SessionKind.SWIM and not runner.can_swim_on(weekday):
            yield Violation("X1", f"{where}: the runner has no pool on {weekday}", day)
        if s.kind is SessionKind.BIKE and not runner.has_bike:
            yield Violation("X1", f"{where}: the runner has no bike", day)
        if s.kind in CROSS_KINDS and s.intensity is not Intensity.EASY:
            yield Violation("X1", f"{where} is {s.intensity}; cross-training is easy effort", day)
