"""Day status (DESIGN.md "Plan contract additions"), recomputed from the day's sessions
and the validator's own derivation of the back conditions.

The first that applies: ``no_training`` (a red-flag block, S1/S2), ``home_care`` (only
walking, mobility, ice or heat planned; the ladder's brisk walk is training),
``no_running`` (a rule stops running; other training is planned), ``rest`` (nothing
planned), ``training``.  A day that states no status (a hand-written plan) is not judged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from runplan.models import DayStatus, Session
from runplan.validation.context import Context
from runplan.validation.conventions import AT_HOME_KINDS
from runplan.validation.derivation import DayRules, Mode
from runplan.validation.violation import Violation

__all__ = ["check_day_status", "expected_status"]


def expected_status(rules: DayRules, sessions: Sequence[Session]) -> DayStatus:
    """The status a day with ``sessions`` must state under ``rules``."""
    if rules.blocked:
        return DayStatus.NO_TRAINING
    if sessions and all(s.kind in AT_HOME_KINDS and s.ladder_step is None for s in sessions):
        return DayStatus.HOME_CARE
    if sessions and rules.mode is Mode.NONE:
        return DayStatus.NO_RUNNING
    return DayStatus.TRAINING if sessions else DayStatus.REST


def check_day_status(ctx: Context) -> Iterator[Violation]:
    """PLAN: every stated day status is the first of the list that applies."""
    derivation = ctx.derivation
    for week in ctx.plan.weeks:
        for day in week.days:
            if day.status is None:
                continue
            want = expected_status(derivation.day(day.date), day.sessions)
            if day.status is not want:
                yield Violation(
                    "PLAN",
                    f"{day.date} is marked {day.status.value}; its sessions and the back "
                    f"rules make it {want.value}",
                    day.date,
                )
