"""Back-condition rules (S3, A7-A11, R1): what a stopped day may hold, the home care
each stop asks for, the advisories the conditions owe and the A11 run cap.  The walk-run
ladder by which running returns (R2-R4) is judged in :mod:`runplan.validation.returning`.

Every checker here judges the plan against the validator's own reading of
docs/conditions.md (:mod:`runplan.validation.derivation`, on the context), never the
scheduler's timeline.  The S1/S2 blocked days are in :mod:`runplan.validation.safety`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from runplan.models import Session, SessionKind
from runplan.validation.context import Context
from runplan.validation.conventions import CROSS_KINDS, TOLERANCE, label
from runplan.validation.derivation import DayRules
from runplan.validation.texts import mentions, physical_therapy
from runplan.validation.violation import Violation

__all__ = [
    "check_condition_advisories",
    "check_home_care",
    "check_run_cap",
    "check_stopped_days",
]


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
