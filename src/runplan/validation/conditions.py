"""Back-condition rules (S3, A7-A11, R1-R3): what a stopped day may hold, the home care
each stop asks for, the advisories the conditions owe, the A11 run cap and the walk-run
ladder by which running returns.

Every checker here judges the plan against the validator's own reading of
docs/conditions.md (:mod:`runplan.validation.derivation`, on the context), never the
scheduler's timeline.  The S1/S2 blocked days are in :mod:`runplan.validation.safety`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType

from runplan.models import Session, SessionKind, StepKind, Surface
from runplan.rules.limits import R3_RUN_PAIN, SOFTNESS, WARMUP_RANGE
from runplan.validation.context import Context
from runplan.validation.conventions import CROSS_KINDS, TOLERANCE, label
from runplan.validation.derivation import DayRules
from runplan.validation.ladder import LADDER_STEP_MINUTES, LadderVisit, Mode
from runplan.validation.texts import mentions, physical_therapy, spells_out_step
from runplan.validation.violation import Violation

__all__ = [
    "LADDER_TEXT",
    "check_condition_advisories",
    "check_home_care",
    "check_ladder",
    "check_run_cap",
    "check_stopped_days",
]

#: R2: the walk-run ladder steps as messages name them (wording of runplan.rules.limits.LADDER).
LADDER_TEXT: Mapping[int, str] = MappingProxyType(
    {
        1: "5 x (walk 4 / jog 1)",
        2: "5 x (walk 3 / jog 3)",
        3: "2 x (jog 14 / walk 2)",
        4: "30 min continuous",
    }
)


def check_stopped_days(ctx: Context) -> Iterator[Violation]:
    """S3, A7-A10, R1: no run of any kind and no strength while a stop is active; bike and
    swim only where the stops allow them (never in the A7 window, under A9/A10 only on a
    known pain-free day).  Blocked days are S1/S2's."""
    derived = ctx.derivation
    for day, s in ctx.sessions:
        rules = derived.day(day)
        if not rules.stops or rules.blocked:
            continue
        where = label(day, s)
        if s.kind in (SessionKind.RUN, SessionKind.STRENGTH):
            what = "no running" if s.kind is SessionKind.RUN else "no strength training"
            yield Violation(rules.primary().rule, f"{where}: {what} while {rules.described()}", day)
        elif s.kind in CROSS_KINDS and rules.cross_stop is not None:
            stop = rules.cross_stop
            why = "no cross-training" if stop.rule == "A7" else "cross-training only when pain-free"
            yield Violation(
                stop.rule,
                f"{where}: {why} under {stop.describe()} (pain-free: the latest check-in "
                f"since {stop.start} shows pain 0 and no radiating pain)",
                day,
            )


def check_home_care(ctx: Context) -> Iterator[Violation]:
    """A7 and the other stops' home care: every day of the A7 window inside the plan has a
    recovery session (ice on the onset day, heat after) and a mobility session; every
    other stopped, non-blocked day a mobility session; under A10 mobility sessions are
    physical-therapy exercises."""
    for day, rules in sorted(ctx.derivation.days.items()):
        if rules.mobility:
            yield from _home_care_of(day, rules, ctx.by_date.get(day, ()))


def _texts(s: Session) -> list[str]:
    return [s.title, *s.content]


def _home_care_of(day: date, rules: DayRules, sessions: Sequence[Session]) -> Iterator[Violation]:
    recovery = [s for s in sessions if s.kind is SessionKind.RECOVERY]
    mobility = [s for s in sessions if s.kind is SessionKind.MOBILITY]
    for word in rules.recovery_words:
        if not any(mentions(_texts(s), word) for s in recovery):
            yield Violation(
                "A7",
                f"{day} is in the A7 window ({rules.described()}) and has no recovery "
                f'session mentioning "{word}"',
                day,
            )
    if not mobility:
        yield Violation(
            rules.primary().rule,
            f"{day} has no mobility session (gentle back mobility and easy walking every "
            f"day, no bed rest) while {rules.described()}",
            day,
        )
    if rules.physical_therapy:
        for s in mobility:
            if not physical_therapy(_texts(s)):
                yield Violation(
                    "A10",
                    f'{label(day, s)} is not marked as physical-therapy exercises ("physical '
                    f'therapy" in its title or content) while {rules.described()}',
                    day,
                )


def check_condition_advisories(ctx: Context) -> Iterator[Violation]:
    """S1-S3, A7/A8, A8-A11, R1: every advisory the conditions owe, of the right kind,
    citing the rule(s), on the right date (a stop that began before the plan and is still
    active then: on the plan's first day)."""
    for owed in ctx.derivation.advisories:
        if not any(owed.met_by(a.kind, a.date, a.rules) for a in ctx.plan.advisories):
            yield Violation(
                owed.rules[0],
                f"no {owed.kind} advisory citing {', '.join(owed.rules)} dated {owed.date} "
                f"({owed.why})",
                owed.date,
            )


def check_run_cap(ctx: Context) -> Iterator[Violation]:
    """A11: after pain following a long run, and until a later clearance, no run is longer
    than the usual run (weekly_run_minutes / run_days, warm-up included)."""
    derived, runner = ctx.derivation, ctx.runner
    for day, s in ctx.runs:
        cap = derived.day(day).cap
        if cap is not None and s.duration_min > cap + TOLERANCE:
            yield Violation(
                "A11",
                f"{label(day, s)} lasts {s.duration_min} minutes, more than the usual run "
                f"({runner.weekly_run_minutes} / {runner.run_days} = {cap:g}) after pain "
                "following a long run",
                day,
            )


# ------------------------------------------------------------ the walk-run ladder (R)


def check_ladder(ctx: Context) -> Iterator[Violation]:
    """R2, R3: while running returns, only walk-run ladder sessions: steps in order, each
    done twice before the next, one step back after an R3 check-in, never on consecutive
    days, a 5-15 minute warm-up of walking and back stretches, the intervals spelled out,
    on the softest flat surface; ordinary runs only once two step-4 sessions are done."""
    derived = ctx.derivation
    for day, s in ctx.runs:
        yield from _ladder_mode(day, s, derived.day(day).mode)
    flat: list[Surface] = [x for x in ctx.runner.surfaces if x is not Surface.TRAIL]
    for visit in derived.ladder:
        yield from _ladder_order(visit)
        yield from _ladder_session(visit.day, visit.session, flat)


def _ladder_mode(day: date, s: Session, mode: Mode) -> Iterator[Violation]:
    """R2: a ladder session exactly while the ladder is in progress."""
    if mode is Mode.LADDER and s.ladder_step is None:
        yield Violation(
            "R2",
            f"{label(day, s)} is an ordinary run, but running returns through the "
            "walk-run ladder and it is not complete (two step-4 sessions)",
            day,
        )
    elif mode is Mode.FULL and s.ladder_step is not None:
        yield Violation(
            "R2",
            f"{label(day, s)} is ladder step {s.ladder_step}, but no walk-run ladder is "
            "in progress that day",
            day,
        )


def _ladder_order(visit: LadderVisit) -> Iterator[Violation]:
    """R2/R3: the step follows the ladder's position; no ladder days back to back."""
    day, s = visit.day, visit.session
    where = label(day, s)
    if s.ladder_step not in visit.allowed and s.ladder_step not in visit.repeats:
        allowed = " or ".join(str(k) for k in visit.allowed)
        if visit.stepped_back is not None:
            yield Violation(
                "R3",
                f"{where} is step {s.ladder_step}; the check-in of {visit.stepped_back} "
                f"(run pain above {R3_RUN_PAIN}/10 or not settled by morning) stepped the "
                f"ladder back, so the next session is step {allowed}",
                day,
            )
        else:
            yield Violation(
                "R2",
                f"{where} is step {s.ladder_step}; the ladder is at step {visit.step} "
                f"(done {visit.done} time(s); each step at least twice before the next), so "
                f"the next session is step {allowed} (or a lower step, repeated)",
                day,
            )
    if visit.previous is not None and day - visit.previous == timedelta(days=1):
        yield Violation(
            "R2",
            f"{where} follows the ladder session of {visit.previous}; ladder sessions are "
            "never on consecutive days",
            day,
        )


def _ladder_session(day: date, s: Session, flat: Sequence[Surface]) -> Iterator[Violation]:
    """R2: one ladder session's warm-up, length, wording, rule citation and surface."""
    where = label(day, s)
    step = s.ladder_step or 1
    yield from _ladder_length(where, day, s, step)
    if not spells_out_step(step, s.content):
        yield Violation(
            "R2",
            f"{where}: its content does not spell out the intervals of step {step} "
            f"({LADDER_TEXT[step]})",
            day,
        )
    if "R2" not in s.rules:
        yield Violation("R2", f"{where} does not cite R2 among its rules", day)
    yield from _ladder_surface(where, day, s, flat)


def _ladder_length(where: str, day: date, s: Session, step: int) -> Iterator[Violation]:
    """R2: a 5-15 minute warm-up of walking and back stretches, then the step's minutes."""
    low, high = WARMUP_RANGE
    warmup = s.warmup
    if warmup is None or not low <= warmup.duration_min <= high:
        yield Violation(
            "R2", f"{where} needs a {low}-{high} minute warm-up before the ladder step", day
        )
    elif {StepKind.WALK, StepKind.BACK_STRETCH} - {w.kind for w in warmup.steps}:
        yield Violation("R2", f"{where}: the warm-up needs walking and back stretches", day)
    else:
        expected = warmup.duration_min + LADDER_STEP_MINUTES[step]
        if s.duration_min != expected:
            yield Violation(
                "R2",
                f"{where} lasts {s.duration_min} minutes; step {step} takes "
                f"{LADDER_STEP_MINUTES[step]} after the {warmup.duration_min}-minute warm-up "
                f"= {expected}",
                day,
            )


def _ladder_surface(
    where: str, day: date, s: Session, flat: Sequence[Surface]
) -> Iterator[Violation]:
    """R2: on the softest flat, even surface the runner has (trail excluded)."""
    if not flat:
        yield Violation(
            "R2", f"{where}: the runner has no flat, even surface (trail only) for the ladder", day
        )
        return
    softest = min(SOFTNESS[x] for x in flat)
    best = ", ".join(str(x) for x in flat if SOFTNESS[x] == softest)
    if s.surface is None or s.surface not in flat or SOFTNESS[s.surface] != softest:
        yield Violation(
            "R2",
            f"{where} is on {s.surface or 'no surface'}; ladder sessions go on the softest "
            f"flat surface the runner has ({best}; trail excluded)",
            day,
        )
