"""The validator's own reading of docs/conditions.md: back conditions, the pain log and
red flags turned into what each day of a plan allows.

This module is deliberately independent of :mod:`runplan.timeline.derive` and
:mod:`runplan.schedule` (it imports neither): it is a second reading of the same
contract, so that the validator and the scheduler cross-check each other.  It only
*derives* (stops, running mode per day, allowed sessions, the A11 cap, the advisories
a plan must carry, the walk-run ladder position before each ladder session, restricted
weeks); the checkers of :mod:`runplan.validation` judge a plan against the derivation.
The pieces: :mod:`~runplan.validation.painlog` (the check-ins),
:mod:`~runplan.validation.episodes`, :mod:`~runplan.validation.stops` (and A11 caps),
:mod:`~runplan.validation.owed` (advisories) and :mod:`~runplan.validation.ladder`
(R2/R3 replay); this module puts them together per plan day.

Where docs/conditions.md leaves a question open, the reading that rests the back is
taken; each such choice is marked **Reading** below.

* **Reading (one advisory per stop)**: a check-in that would start a stop (red flag,
  radiating pain, A11, R1 flare) while a stop of the same kind is still active belongs
  to that stop; it needs no second advisory and does not change its clearance.
* **Reading (R1 "later")**: once a stop of A8-A10/S1-S3/R1 has been cleared on date c,
  every check-in dated on or after c (the clearing check-in included) with pain > 2,
  radiating pain or a red flag is a flare.
* **Reading (a condition's clearance of a stop with several causes)**: a stop started
  by the onsets of several conditions on one day ends, by condition dates, only when all
  of them are cleared; an undiagnosed cause can only be cleared by a check-in.
* **Reading (A7 note)**: the ``note`` [A7, A8] is required whenever its date (the first
  day after the window) falls inside the plan, even if the window itself ended the day
  before the plan started.
* **Reading (home care)**: on every non-blocked day of a stop the plan holds a
  ``mobility`` session (the "home care each day" column), and during A7 also a
  ``recovery`` session (ice on the onset day, heat after; when two windows overlap, the
  onset day of the newer one asks for ice only).
* **Reading (S1 and S2 together)**: S1 and S2 episodes are separate stops, but an S2
  advisory ("see a doctor today") is not owed on a day an S1 episode is active: the S1
  episode's own ``urgent`` advisory ("seek emergency care now", owed on its own) is the
  most restrictive answer of the advisory column.
* **Reading (ladder interrupted, R4)**: a ladder in progress that meets an A7 rest (a
  strain window or a painful day's rest, no stop that needs a clearance) resumes one step
  below the step reached (the next step once the current one is done twice), once per
  rest and not below step 0; a stop that needs a clearance restarts it at step 0 when
  cleared.
* **Reading (logged ladder sessions)**: a logged session (check-in with ``run_pain``)
  falls on the next step as soon as the current one has been done twice, i.e. the usual
  progression; a planned session may then be at the current step or one step higher
  once the current step has been done twice.
* **Reading (R3 on the completing session)**: an R3 check-in on the day of the second
  final-step session steps the ladder back before it counts as complete.
* **Reading (R3 amount)**: R3 steps back one step from the step last done (step 2 ->
  step 1, step 1 -> step 0, not below 0), and the count at the lower step restarts.
* **Reading (L2 reference)**: a recovery week is compared with the last unrestricted week
  before it (the profile's ``weekly_run_minutes`` when there is none).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import NamedTuple

from runplan.models import Plan, Runner, Session
from runplan.validation.conventions import DAYS_PER_WEEK, week_dates
from runplan.validation.episodes import find_episodes
from runplan.validation.ladder import LadderVisit, Mode, replay_ladder
from runplan.validation.owed import ExpectedAdvisory, PlanSpan, expected_advisories
from runplan.validation.painlog import PainLog
from runplan.validation.stops import (
    BLOCKING,
    CROSS_IF_PAIN_FREE,
    NO_CROSS,
    Cap,
    Stop,
    all_stops,
    run_caps,
    stop_order,
)

__all__ = ["DayRules", "Derivation", "Mode", "derive"]


@dataclass(frozen=True, slots=True)
class DayRules:
    """What one plan day allows under the back-condition rules."""

    date: date
    stops: tuple[Stop, ...] = ()
    mode: Mode = Mode.FULL
    #: The stop that forbids cross-training that day (None: allowed).
    cross_stop: Stop | None = None
    #: A11: the longest run allowed that day, in minutes (None: no cap).
    cap: float | None = None
    #: A7: words a recovery session must mention that day ("ice", "heat").
    recovery_words: tuple[str, ...] = ()

    @property
    def blocked(self) -> bool:
        """S1/S2: no session of any kind."""
        return any(s.rule in BLOCKING for s in self.stops)

    @property
    def mobility(self) -> bool:
        """A mobility session is due (home care of a stop, not on blocked days)."""
        return bool(self.stops) and not self.blocked

    @property
    def physical_therapy(self) -> bool:
        """A10: mobility sessions are physical-therapy exercises."""
        return any(s.rule == "A10" for s in self.stops) and not self.blocked

    def primary(self) -> Stop:
        """The stop a violation on this day is reported under."""
        return min(self.stops, key=stop_order)

    def described(self) -> str:
        return "; ".join(s.describe() for s in sorted(self.stops, key=stop_order))


@dataclass(frozen=True, slots=True)
class Derivation:
    """Everything the condition checkers need, for the days of one plan."""

    days: Mapping[date, DayRules]
    stops: tuple[Stop, ...]
    caps: tuple[Cap, ...]
    advisories: tuple[ExpectedAdvisory, ...]
    ladder: tuple[LadderVisit, ...]
    #: Indices of weeks with a day not ``full`` or holding a ladder session (L1, L2).
    restricted_weeks: frozenset[int]
    #: Indices of weeks whose every day is blocked (S1/S2): no P3 needed for A1/A3.
    blocked_weeks: frozenset[int]
    #: R4: the days a clearance (re)armed the ladder at step 0, and the days it completed.
    ladder_armed: tuple[date, ...] = ()
    ladder_completed: tuple[date, ...] = ()

    def day(self, day: date) -> DayRules:
        return self.days.get(day) or DayRules(date=day)


class _WeekMarks(NamedTuple):
    restricted: frozenset[int]
    blocked: frozenset[int]


_EMPTY = Derivation(MappingProxyType({}), (), (), (), (), frozenset(), frozenset())


def derive(plan: Plan, runner: Runner) -> Derivation:
    """The condition timeline for the days of ``plan`` (computed afresh on every call:
    :class:`runplan.validation.context.Context` keeps one per validation)."""
    days = _plan_days(plan)
    if not days or (not runner.conditions and not runner.checkins):
        return _EMPTY
    first, last = days[0], days[-1]
    log = PainLog(runner.checkins)
    stops = all_stops(runner, log, find_episodes(runner, log))
    caps = run_caps(runner, log)
    ladder = replay_ladder(runner, stops, log, _sessions_by_start(plan), (first, last))
    modes, visits = ladder.modes, ladder.visits
    rules = {d: _day_rules(d, stops, caps, log, modes.get(d, Mode.FULL)) for d in days}
    marks = _week_marks(plan, rules)
    advisories = expected_advisories(log, stops, caps, PlanSpan(plan.start, last))
    return Derivation(
        days=MappingProxyType(rules),
        stops=tuple(stops),
        caps=tuple(caps),
        advisories=tuple(advisories),
        ladder=tuple(visits),
        restricted_weeks=marks.restricted,
        blocked_weeks=marks.blocked,
        ladder_armed=tuple(ladder.armed),
        ladder_completed=tuple(ladder.completed),
    )


def _plan_days(plan: Plan) -> list[date]:
    days = {d.date for w in plan.weeks for d in w.days}
    days |= {plan.start + timedelta(days=k) for k in range(DAYS_PER_WEEK * len(plan.weeks))}
    return sorted(days)


def _sessions_by_start(plan: Plan) -> dict[date, list[Session]]:
    """The plan's sessions by date, each date's in start order (the ladder's order)."""
    sessions: defaultdict[date, list[Session]] = defaultdict(list)
    for day, s in plan.sessions():
        sessions[day].append(s)
    for listed in sessions.values():
        listed.sort(key=lambda s: s.start)
    return sessions


def _day_rules(
    day: date, stops: Sequence[Stop], caps: Sequence[Cap], log: PainLog, mode: Mode
) -> DayRules:
    active = tuple(s for s in stops if s.active(day))
    cross_stop: Stop | None = None
    for s in sorted(active, key=stop_order):
        if (s.rule in NO_CROSS and not s.rest) or (
            s.rule in CROSS_IF_PAIN_FREE and not log.pain_free(day, s.start)
        ):
            cross_stop = s
            break
    cap = min((c.minutes for c in caps if c.active(day)), default=None)
    windows = [s for s in active if s.rule == "A7" and not s.rest]
    words = ["ice"] if any(day == s.start for s in windows) else ["heat"] if windows else []
    return DayRules(
        date=day,
        stops=active,
        mode=mode,
        cross_stop=cross_stop,
        cap=cap,
        recovery_words=tuple(sorted(set(words))),
    )


def _week_marks(plan: Plan, rules: Mapping[date, DayRules]) -> _WeekMarks:
    """L1/L2: weeks with a day not ``full`` or a ladder session are restricted; A1/A3:
    weeks whose every day is blocked (S1/S2) need no P3 advisory."""
    restricted: set[int] = set()
    blocked: set[int] = set()
    for i, week in enumerate(plan.weeks):
        week_days = week_dates(week) + [d.date for d in week.days]
        if any(d in rules and rules[d].mode is not Mode.FULL for d in week_days) or any(
            s.ladder_step is not None for d in week.days for s in d.sessions
        ):
            restricted.add(i)
        if all(d in rules and rules[d].blocked for d in week_days):
            blocked.add(i)
    return _WeekMarks(frozenset(restricted), frozenset(blocked))
