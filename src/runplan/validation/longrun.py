"""L6 (a real long run) and L7 (fewer sessions never mean longer ones), read from the plan.

* **Reading (L6's weeks)**: weeks the derivation leaves unrestricted, with no A11 cap on
  any day, for a runner with a ``long_run_day``, holding at least three ordinary runs
  (ladder sessions excluded).  The long run is the one that runs longest; running
  minutes are ``duration_min`` less the stated warm-up.  A P3 advisory citing L6 in the
  week excuses it (a window or L4 leaves the long run no room to stand out).
* **Reading (L6 in a recovery week)**: a week marked as a recovery week, after an
  unrestricted week, both with at least two ordinary runs: its long run's running
  minutes are at most the previous week's times the ratio of the two weeks' run minutes.
* **Reading (L7's usual run)**: a plan shows what a week runs, not its L1 target, so the
  usual run is bounded by the larger of weekly_run_minutes and target_run_minutes divided
  by run_days (no L1 target exceeds it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from runplan.models import Session, SessionKind, Weekday
from runplan.rules.limits import (
    L6_MAX_RATIO,
    L6_MIN_RATIO,
    L7_EASY_RATIO,
    L7_RIDE_RATIO,
    L7_SWIM_MAX,
)
from runplan.validation.context import Context, DatedSession
from runplan.validation.conventions import TOLERANCE, label, week_dates, week_label, week_last
from runplan.validation.violation import Violation

__all__ = ["check_long_run", "check_session_caps"]


def _running(s: Session) -> int:
    return s.duration_min - (s.warmup.duration_min if s.warmup is not None else 0)


def _ordinary(week: Sequence[DatedSession]) -> list[Session]:
    """The week's runs but walk-run steps and the goal race (T2)."""
    return [
        s
        for _, s in week
        if s.kind is SessionKind.RUN and s.ladder_step is None and "T2" not in s.rules
    ]


def _free_week(ctx: Context, i: int) -> bool:
    """Unrestricted by the back rules, and no A11 cap on any of its days."""
    week = ctx.plan.weeks[i]
    return i not in ctx.derivation.restricted_weeks and all(
        ctx.derivation.day(d).cap is None for d in week_dates(week)
    )


def check_long_run(ctx: Context) -> Iterator[Violation]:
    """L6: the long run runs 1.25-1.5 x the mean of the week's other runs; a recovery
    week cuts it by at least the week's cut."""
    if ctx.runner.long_run_day is None:
        return
    for i, week in enumerate(ctx.plan.weeks):
        runs = _ordinary(ctx.week_sessions[i])
        if not _free_week(ctx, i) or len(runs) < 3 or i in ctx.taper:
            continue  # T1: a taper week has no long run to stand out
        if ctx.has_advisory("L6", week.start, week_last(week)):
            continue
        running = sorted(_running(s) for s in runs)
        others = sum(running[:-1]) / (len(running) - 1)
        ratio = running[-1] / others
        if not L6_MIN_RATIO - TOLERANCE <= ratio <= L6_MAX_RATIO + TOLERANCE:
            yield Violation(
                "L6",
                f"{week_label(i, week)}: the long run runs {running[-1]} minutes, "
                f"{ratio:.2f} x the other runs' mean {others:.1f}; allowed "
                f"{L6_MIN_RATIO:g}-{L6_MAX_RATIO:g}",
                week.start,
            )
    yield from _recovery_cut(ctx)


def _recovery_cut(ctx: Context) -> Iterator[Violation]:
    for i, week in enumerate(ctx.plan.weeks):
        if not i or not week.recovery_week or not (_free_week(ctx, i) and _free_week(ctx, i - 1)):
            continue
        if i in ctx.taper or i - 1 in ctx.taper:
            continue  # T1 governs the taper's weeks
        now, before = _ordinary(ctx.week_sessions[i]), _ordinary(ctx.week_sessions[i - 1])
        if len(now) < 2 or len(before) < 2 or not ctx.run_minutes[i - 1]:
            continue
        cut = ctx.run_minutes[i] / ctx.run_minutes[i - 1]
        long_now, long_before = max(map(_running, now)), max(map(_running, before))
        if long_now > cut * long_before + TOLERANCE:
            yield Violation(
                "L6",
                f"recovery {week_label(i, week)}: the long run runs {long_now} minutes, more "
                f"than the week's cut {cut:.2f} x last week's {long_before}",
                week.start,
            )


def check_session_caps(ctx: Context) -> Iterator[Violation]:
    """L7: no swim over 60 minutes and no ride over 1.2 x the usual run, every week; when
    fewer runs are planned than run_days, no easy run over 1.2 x the usual run."""
    runner = ctx.runner
    usual = max(runner.weekly_run_minutes, runner.target_run_minutes or 0) / runner.run_days
    for day, s in ctx.sessions:
        if s.kind is SessionKind.SWIM and s.duration_min > L7_SWIM_MAX:
            yield Violation("L7", f"{label(day, s)} lasts over {L7_SWIM_MAX} minutes", day)
        if s.kind is SessionKind.BIKE and s.duration_min > L7_RIDE_RATIO * usual + TOLERANCE:
            yield Violation(
                "L7", f"{label(day, s)} lasts over {L7_RIDE_RATIO:g} x the usual run", day
            )
    for i, _week in enumerate(ctx.plan.weeks):
        runs = sorted(_ordinary(ctx.week_sessions[i]), key=lambda s: s.duration_min)
        if not runs or len(runs) >= runner.run_days:
            continue
        long_run = runs[-1] if runner.long_run_day is not None else None
        for s in runs:
            day = next(d for d, x in ctx.week_sessions[i] if x is s)
            if s is long_run and (len(runs) >= 2 or Weekday.of(day) is runner.long_run_day):
                continue  # the long run: L4 and L6 govern it
            if s.duration_min > L7_EASY_RATIO * usual + TOLERANCE:
                yield Violation(
                    "L7",
                    f"{label(day, s)}: {len(runs)} of {runner.run_days} runs planned and this "
                    f"easy run lasts over {L7_EASY_RATIO:g} x the usual run ({usual:g} min)",
                    day,
                )
