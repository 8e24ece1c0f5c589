"""The article's rules (A1-A6, A12): the weekly pattern the runner wished for, warm-ups,
strength, no back-to-back runs, shoes, soft surfaces and form cues.

The article rules that depend on a back condition (A7-A11) are judged against the
derivation in :mod:`runplan.validation.conditions`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import timedelta
from itertools import pairwise

from runplan.models import SessionKind, StepKind
from runplan.rules.limits import SHOE_WARN_KM, SOFTNESS, WARMUP_RANGE
from runplan.validation.context import Context, DatedSession
from runplan.validation.conventions import CROSS_KINDS, label, week_label
from runplan.validation.violation import Violation

__all__ = [
    "check_form_cues",
    "check_no_back_to_back_runs",
    "check_shoes",
    "check_strength",
    "check_surfaces",
    "check_warmups",
    "check_weekly_pattern",
]


def _count(sessions: Iterable[DatedSession], kinds: Iterable[SessionKind]) -> int:
    wanted = frozenset(kinds)
    return sum(1 for _, s in sessions if s.kind in wanted)


def check_weekly_pattern(ctx: Context) -> Iterator[Violation]:
    """A1: no more runs or cross-training sessions than wished; fewer only with a P3 advisory
    (not needed in a week whose every day is blocked by a red flag, S1/S2)."""
    blocked = ctx.derivation.blocked_weeks
    runner = ctx.runner
    for i, week in enumerate(ctx.plan.weeks):
        sessions = ctx.week_sessions[i]
        # X2: in a restricted week a ride or swim may stand in for each run not planned.
        held = 0
        if i in ctx.derivation.restricted_weeks:
            held = max(0, runner.run_days - _count(sessions, (SessionKind.RUN,)))
        for what, kinds, wished in (
            ("runs", (SessionKind.RUN,), runner.run_days),
            ("cross-training sessions", CROSS_KINDS, runner.cross_days),
        ):
            count = _count(sessions, kinds)
            if count > wished + (held if kinds == CROSS_KINDS else 0):
                yield Violation(
                    "A1",
                    f"{week_label(i, week)} has {count} {what}, more than the {wished} wished",
                    week.start,
                )
            elif count < wished and i not in blocked and not ctx.has_p3_in(week):
                yield Violation(
                    "A1",
                    f"{week_label(i, week)} has {count} of {wished} {what} and no P3 advisory",
                    week.start,
                )


def check_warmups(ctx: Context) -> Iterator[Violation]:
    """A2: every run opens with a 5-15 minute warm-up of walking and back stretches."""
    low, high = WARMUP_RANGE
    for day, s in ctx.runs:
        where = label(day, s)
        warmup = s.warmup
        if warmup is None:
            yield Violation("A2", f"{where} has no warm-up", day)
            continue
        if not low <= warmup.duration_min <= high:
            yield Violation(
                "A2",
                f"{where} has a {warmup.duration_min}-minute warm-up; allowed {low}-{high}",
                day,
            )
        kinds = {step.kind for step in warmup.steps}
        missing = [str(k) for k in (StepKind.WALK, StepKind.BACK_STRETCH) if k not in kinds]
        if missing:
            yield Violation("A2", f"{where} has no {' or '.join(missing)} in its warm-up", day)
        steps = sum(step.minutes for step in warmup.steps)
        if steps != warmup.duration_min:
            yield Violation(
                "A2",
                f"{where}: warm-up steps add up to {steps} minutes, "
                f"not the warm-up's {warmup.duration_min}",
                day,
            )
        if s.duration_min <= warmup.duration_min:
            yield Violation(
                "A2",
                f"{where} lasts {s.duration_min} minutes, no longer than its "
                f"{warmup.duration_min}-minute warm-up",
                day,
            )


def check_strength(ctx: Context) -> Iterator[Violation]:
    """A3: the wished strength sessions each week, or a P3 advisory saying why not (not
    needed in a week whose every day is blocked by a red flag, S1/S2)."""
    blocked = ctx.derivation.blocked_weeks
    wished = ctx.runner.strength_days
    for i, week in enumerate(ctx.plan.weeks):
        count = _count(ctx.week_sessions[i], (SessionKind.STRENGTH,))
        if count < wished and i not in blocked and not ctx.has_p3_in(week):
            yield Violation(
                "A3",
                f"{week_label(i, week)} has {count} of {wished} strength sessions "
                "and no P3 advisory",
                week.start,
            )


def check_no_back_to_back_runs(ctx: Context) -> Iterator[Violation]:
    """A4: at most one run a date and never runs on consecutive dates, across weeks too."""
    per_date = Counter(day for day, _ in ctx.runs)
    for day, count in sorted(per_date.items()):
        if count > 1:
            yield Violation("A4", f"{count} runs on {day}; at most one run a day", day)
    dates = sorted(per_date)
    for before, after in pairwise(dates):
        if after - before == timedelta(days=1):
            yield Violation("A4", f"runs on consecutive days {before} and {after}", after)
    start = ctx.plan.start
    if ctx.logged is not None and start in per_date and ctx.logged.ran_on(start - timedelta(1)):
        yield Violation(
            "A4",
            f"a run on {start}, the plan's first day, after the run logged the day before",
            start,
        )


def check_shoes(ctx: Context) -> Iterator[Violation]:
    """A5: every run mentions shoes; worn shoes (known distance >= 480 km) get an advisory."""
    for day, s in ctx.runs:
        if not any("shoe" in note.lower() for note in s.notes):
            yield Violation("A5", f"{label(day, s)} has no note about shoes", day)
    shoe_km = ctx.runner.shoe_km
    if shoe_km is not None and shoe_km >= SHOE_WARN_KM and not ctx.has_advisory("A5"):
        yield Violation(
            "A5",
            f"the shoes have {shoe_km:g} km (>= {SHOE_WARN_KM}) and no advisory cites A5",
        )


def check_surfaces(ctx: Context) -> Iterator[Violation]:
    """A6: every run is on one of the runner's surfaces, and on the softest class of them.
    Walk-run ladder sessions are judged by R2 instead (softest *flat* surface)."""
    surfaces = ctx.runner.surfaces
    softest = min(SOFTNESS[s] for s in surfaces)
    best = ", ".join(str(s) for s in surfaces if SOFTNESS[s] == softest)
    for day, s in ctx.runs:
        if s.ladder_step is not None:
            continue
        where = label(day, s)
        if s.surface is None:
            yield Violation("A6", f"{where} has no surface", day)
        elif s.surface not in surfaces:
            yield Violation(
                "A6",
                f"{where} is on {s.surface}, which the runner does not have "
                f"({', '.join(str(x) for x in surfaces)})",
                day,
            )
        elif SOFTNESS[s.surface] != softest:
            yield Violation("A6", f"{where} is on {s.surface}; softer is available: {best}", day)


def check_form_cues(ctx: Context) -> Iterator[Violation]:
    """A12: every run carries one note with the form cues (run tall ... short steps)."""
    for day, s in ctx.runs:
        if not any("run tall" in n.lower() and "short" in n.lower() for n in s.notes):
            yield Violation(
                "A12", f'{label(day, s)} has no note with "run tall" and "short" steps', day
            )
