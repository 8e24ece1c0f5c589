"""What every checker reads, built once per :func:`runplan.validation.validate` call.

The plan and runner are frozen, so the derivation of the back conditions and the
session look-ups the checkers share are computed on first use and kept for the rest of
the call; no state outlives it (no module-level cache to go stale or race on).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from types import MappingProxyType
from typing import NamedTuple

from runplan.models import Plan, Runner, Session, SessionKind, TrainingLog, Week
from runplan.models.calendar import away_on, day_off
from runplan.rules.limits import RACE_CLEAR_DAYS
from runplan.validation.conventions import week_last
from runplan.validation.derivation import Derivation, Mode, derive
from runplan.validation.logged import Logged, read_logged
from runplan.validation.racedays import is_race, taper_shares

__all__ = ["Context", "DatedSession"]


class DatedSession(NamedTuple):
    """A session with the date of the plan day that holds it."""

    day: date
    session: Session


@dataclass(frozen=True, eq=False)
class Context:
    """One plan checked for one runner, with the shared look-ups computed once."""

    plan: Plan
    runner: Runner
    log: TrainingLog | None = None  # what the runner did (H1-H3)

    @cached_property
    def logged(self) -> Logged | None:
        """The log's days before the plan, or None (the profile's usual week stands)."""
        return read_logged(self.log, self.runner, self.plan.start)

    @cached_property
    def away_weeks(self) -> frozenset[int]:
        """The weeks (by index) with a day the runner is away (D1)."""
        return frozenset(
            i
            for i, week in enumerate(self.plan.weeks)
            if any(away_on(self.runner, day.date) is not None for day in week.days)
        )

    @cached_property
    def derivation(self) -> Derivation:
        """The validator's own reading of docs/conditions.md for this plan."""
        return derive(self.plan, self.runner)

    @cached_property
    def sessions(self) -> tuple[DatedSession, ...]:
        """Every session of the plan with its date, in plan order."""
        return tuple(DatedSession(day, s) for day, s in self.plan.sessions())

    @cached_property
    def runs(self) -> tuple[DatedSession, ...]:
        """The plan's training runs (ladder sessions included, the goal race not: it is
        the race's, T2), in plan order."""
        return tuple(
            x
            for x in self.sessions
            if x.session.kind is SessionKind.RUN and not is_race(self.runner, *x)
        )

    @cached_property
    def race_in_plan(self) -> bool:
        """The runner's race falls on a day of the plan."""
        race, days = self.runner.race, self.plan.weeks
        if race is None or day_off(self.runner, race.date):
            return False  # D1/D2 first: a race on a day taken is not planned
        return bool(days) and days[0].start <= race.date <= week_last(days[-1])

    @cached_property
    def race_blocked(self) -> bool:
        """T3: the back rules keep the plan from building toward the race."""
        race = self.runner.race
        if race is None or not self.race_in_plan:
            return False
        first = max(self.plan.start, race.date - timedelta(days=RACE_CLEAR_DAYS))
        days = (first + timedelta(days=k) for k in range((race.date - first).days + 1))
        return any(
            self.derivation.day(d).blocked or self.derivation.day(d).mode is not Mode.FULL
            for d in days
        )

    @cached_property
    def taper(self) -> Mapping[int, float]:
        """T1/T2: week index -> its share of the last growth week (empty: no race, or T3)."""
        race = self.runner.race
        if race is None or not self.race_in_plan or self.race_blocked:
            return {}
        return taper_shares(race, self.plan.start, len(self.plan.weeks))

    @cached_property
    def by_date(self) -> Mapping[date, tuple[Session, ...]]:
        """The sessions of each date that has any, in plan order."""
        grouped: defaultdict[date, list[Session]] = defaultdict(list)
        for day, s in self.sessions:
            grouped[day].append(s)
        return MappingProxyType({day: tuple(listed) for day, listed in grouped.items()})

    @cached_property
    def week_sessions(self) -> tuple[tuple[DatedSession, ...], ...]:
        """The sessions of each week (by index), with their dates."""
        return tuple(
            tuple(DatedSession(day.date, s) for day in week.days for s in day.sessions)
            for week in self.plan.weeks
        )

    @cached_property
    def run_minutes(self) -> tuple[int, ...]:
        """Run minutes of each week: the runs' full durations, warm-up included."""
        return tuple(
            sum(
                s.duration_min
                for d, s in week
                if s.kind is SessionKind.RUN and not is_race(self.runner, d, s)
            )
            for week in self.week_sessions
        )

    def has_advisory(self, rule: str, first: date | None = None, last: date | None = None) -> bool:
        """Whether an advisory cites ``rule`` and covers a day of ``first``..``last`` when
        given (P4: from its date to its ``until``)."""
        return any(
            rule in a.rules
            and (first is None or (a.until or a.date) >= first)
            and (last is None or a.date <= last)
            for a in self.plan.advisories
        )

    def has_p3_in(self, week: Week) -> bool:
        """P3: an advisory within ``week`` explains a shortfall (A1, A3, P3)."""
        return self.has_advisory("P3", week.start, week_last(week))
