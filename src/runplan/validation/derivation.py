"""The validator's own reading of docs/conditions.md: back conditions, the pain log and
red flags turned into what each day of a plan allows.

This module is deliberately independent of :mod:`runplan.timeline.derive` and
:mod:`runplan.scheduler` (it imports neither): it is a second reading of the same
contract, so that the validator and the scheduler cross-check each other.  It only
*derives* (stops, running mode per day, allowed sessions, the A11 cap, the advisories
a plan must carry, the walk-run ladder position before each ladder session, restricted
weeks); :mod:`runplan.validate` judges a plan against the derivation.

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
* **Reading (ladder interrupted)**: a ladder in progress that meets a day without
  running (a new stop, such as a later A7 window) starts again from step 1.
* **Reading (logged ladder sessions)**: a logged session (check-in with ``run_pain``)
  falls on the next step as soon as the current one has been done twice, i.e. the usual
  progression; a planned session may then be at the current step or one step higher
  once the current step has been done twice.
* **Reading (R3 on the completing session)**: an R3 check-in on the day of the second
  step-4 session steps the ladder back before it counts as complete.
* **Reading (R3 amount)**: R3 steps back one step from the step last done (step 2 ->
  step 1; after a repeat of a lower step, from that lower step), and the count at the
  lower step restarts.
* **Reading (L2 reference)**: a recovery week is compared with the last unrestricted week
  before it (the profile's ``weekly_run_minutes`` when there is none).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from runplan.models import (
    AdvisoryKind,
    CheckIn,
    Condition,
    ConditionKind,
    Plan,
    RedFlag,
    Runner,
    Session,
    SessionKind,
)

__all__ = [
    "BLOCKING",
    "LADDER_STEP_MINUTES",
    "Cap",
    "DayRules",
    "Derivation",
    "ExpectedAdvisory",
    "LadderVisit",
    "Mode",
    "Stop",
    "derive",
    "mentions",
    "physical_therapy",
    "spells_out_step",
]

# ----------------------------------------------------------------------- contract

#: S1: emergency red flags; S2: urgent red flags.
S1_FLAGS = frozenset(
    {
        RedFlag.SADDLE_NUMBNESS,
        RedFlag.BLADDER_BOWEL,
        RedFlag.BOTH_LEGS,
        RedFlag.LEG_WEAKNESS,
        RedFlag.MAJOR_TRAUMA,
        RedFlag.CHEST_PAIN,
    }
)
S2_FLAGS = frozenset({RedFlag.FEVER, RedFlag.WEIGHT_LOSS, RedFlag.NIGHT_PAIN})
#: A10: disc conditions.  A7/A8: strain and undiagnosed back pain.
DISC_KINDS = frozenset(
    {ConditionKind.HERNIATED_DISC, ConditionKind.DEGENERATIVE_DISC, ConditionKind.SCIATICA}
)
WINDOW_KINDS = frozenset({ConditionKind.MUSCLE_STRAIN, ConditionKind.BACK_PAIN})
AGE_YOUNG, AGE_OLD = 20, 50  # S3: new back pain under 20 or over 50
UNDIAGNOSED_PAIN = 3  # a check-in with pain >= 3 and no open episode starts back_pain
EASED_PAIN = 2  # A8: eased = pain <= 2 ...
EASED_DROP = 3  # ... or at least 3 below the worst of the episode
FLARE_PAIN = 2  # R1: pain above 2
R3_RUN_PAIN = 3  # R3: run pain above 3
RE_REVIEW_DAYS = 42  # A10
#: R2: minutes of each ladder step after the warm-up.
LADDER_STEP_MINUTES: Mapping[int, int] = MappingProxyType({1: 25, 2: 30, 3: 32, 4: 30})
LADDER_TOP = 4
LADDER_REPEATS = 2  # each step at least twice; two step-4 sessions complete the ladder

#: Stops on which no session of any kind is planned.
BLOCKING = frozenset({"S1", "S2"})
#: Stops that forbid cross-training outright, and those that allow it only when pain-free.
NO_CROSS = frozenset({"S1", "S2", "A7"})
CROSS_IF_PAIN_FREE = frozenset({"A10", "A9"})
#: Stops whose clearance brings running back through the walk-run ladder.
LADDER_STOPS = frozenset({"S1", "S2", "S3", "A8", "A9", "A10", "R1"})
#: Which stop a violation is reported under when several are active.
PRECEDENCE: tuple[str, ...] = ("S1", "S2", "A7", "A10", "A9", "A8", "S3", "R1")
_ADVISORY_KIND: Mapping[str, AdvisoryKind] = MappingProxyType(
    {
        "S1": AdvisoryKind.URGENT,
        "S2": AdvisoryKind.URGENT,
        "S3": AdvisoryKind.CONSULT,
        "A8": AdvisoryKind.CONSULT,
        "A9": AdvisoryKind.CONSULT,
        "A10": AdvisoryKind.CONSULT,
        "R1": AdvisoryKind.CONSULT,
    }
)

ONE_DAY = timedelta(days=1)
_Day = date  # for annotations inside classes that have a field named ``date``


class Mode(StrEnum):
    """Running mode of a day: no run, walk-run ladder sessions only, or ordinary runs."""

    NONE = "none"
    LADDER = "ladder"
    FULL = "full"


# ------------------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class Stop:
    """A stop of docs/conditions.md: active from ``start`` until ``end`` (exclusive: the
    clearance date, on which it no longer applies); ``end`` None means not cleared."""

    rule: str
    start: date
    end: date | None
    why: str
    #: A rest from running after a painful day (an A7-length rest without ice or heat).
    rest: bool = False

    def active(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def describe(self) -> str:
        until = f"until {self.end}" if self.end is not None else "not cleared"
        return f"{self.rule} ({self.why}; {until})"


@dataclass(frozen=True, slots=True)
class Cap:
    """A11: runs capped at the usual run length from ``start`` until ``end`` (exclusive)."""

    start: date
    end: date | None
    minutes: float

    def active(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class ExpectedAdvisory:
    """An advisory the plan must carry: its kind, the rule ids it cites, its date."""

    kind: AdvisoryKind
    rules: tuple[str, ...]
    date: date
    why: str

    def met_by(self, kind: AdvisoryKind, day: _Day, rules: Iterable[str]) -> bool:
        return kind is self.kind and day == self.date and set(self.rules) <= set(rules)


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
        return min(self.stops, key=lambda s: (PRECEDENCE.index(s.rule), s.start))

    def described(self) -> str:
        return "; ".join(s.describe() for s in sorted(self.stops, key=_stop_order))


@dataclass(frozen=True, slots=True)
class LadderVisit:
    """A planned ladder session and the ladder's position before it."""

    day: date
    session: Session
    #: The steps the session may be at: the current one, or the next once it is done twice
    #: (a lower step is a repeat that does not advance the ladder, see ``repeats``).
    allowed: tuple[int, ...]
    #: The date of an R3 check-in that stepped the ladder back since the previous session.
    stepped_back: date | None
    #: The day of the previous ladder session (logged or planned), if any.
    previous: date | None
    #: The current step and how often it has been done, before this session.
    step: int
    done: int

    @property
    def repeats(self) -> tuple[int, ...]:
        """Lower steps the session may repeat when the current step does not fit the day:
        allowed, but the ladder does not advance (a repeat is not a step back)."""
        return tuple(range(1, self.step))


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

    def day(self, day: date) -> DayRules:
        return self.days.get(day) or DayRules(date=day)


def _stop_order(stop: Stop) -> tuple[int, date]:
    return PRECEDENCE.index(stop.rule), stop.start


# -------------------------------------------------------------------- the pain log


class _Log:
    """The runner's check-ins in date order, with the look-ups the contract needs."""

    def __init__(self, checkins: Iterable[CheckIn]) -> None:
        self.checkins: list[CheckIn] = sorted(checkins, key=lambda c: c.date)
        self.dates: list[date] = [c.date for c in self.checkins]
        self.by_date: dict[date, CheckIn] = {c.date: c for c in self.checkins}
        self._clearances = [c.date for c in self.checkins if c.clinician_cleared]
        self._flag_free = [c.date for c in self.checkins if c.clinician_cleared and not c.red_flags]

    def clearance_after(self, day: date) -> date | None:
        """The first ``clinician_cleared`` check-in on or after ``day``: a clinician who
        cleared the runner that day saw that day's pain too (docs/conditions.md)."""
        i = bisect_left(self._clearances, day)
        return self._clearances[i] if i < len(self._clearances) else None

    def flag_free_clearance_after(self, day: date) -> date | None:
        """S1/S2: the first clinician clearance without red flags strictly after ``day``."""
        return _first_after(self._flag_free, day)

    def between(self, first: date, last: date) -> list[CheckIn]:
        """Check-ins dated ``first`` .. ``last`` inclusive."""
        return self.checkins[bisect_left(self.dates, first) : bisect_right(self.dates, last)]

    def latest(self, day: date, since: date) -> CheckIn | None:
        """The latest check-in on or before ``day`` and on or after ``since``."""
        i = bisect_right(self.dates, day) - 1
        if i >= 0 and self.dates[i] >= since:
            return self.checkins[i]
        return None

    def pain_free(self, day: date, since: date) -> bool:
        """The latest check-in on or before ``day``, since ``since``, shows pain 0 and no
        radiating pain.  No such check-in: not known to be pain-free."""
        latest = self.latest(day, since)
        return latest is not None and latest.pain == 0 and not latest.radiating


def _first_after(ordered: Sequence[date], day: date) -> date | None:
    i = bisect_right(ordered, day)
    return ordered[i] if i < len(ordered) else None


def _earliest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _clearance(start: date, causes: Sequence[Condition | None], log: _Log) -> date | None:
    """When a stop that began on ``start``, caused by ``causes``, is cleared: a clinician
    check-in strictly later, or the causing conditions' ``cleared`` dates (all of them;
    an undiagnosed cause, ``None``, has no such date)."""
    by_condition: date | None = None
    if causes and all(c is not None and c.cleared is not None for c in causes):
        by_condition = max(c.cleared for c in causes if c is not None and c.cleared is not None)
    return _earliest(log.clearance_after(start), by_condition)


# ----------------------------------------------------------------------- episodes


@dataclass(frozen=True, slots=True)
class _Episode:
    kind: ConditionKind
    start: date
    end: date | None  # the clearance (exclusive)
    condition: Condition | None  # None: undiagnosed back pain started by a check-in

    def open(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def name(self) -> str:
        return str(self.kind) if self.condition is not None else "undiagnosed back_pain"


def _episodes(runner: Runner, log: _Log) -> list[_Episode]:
    """Profile conditions, then undiagnosed back pain from check-ins with pain >= 3 on
    days when no episode is open (check-ins in date order, so earlier undiagnosed
    episodes count as open)."""
    episodes = [
        _Episode(c.kind, c.onset, _clearance(c.onset, [c], log), c) for c in runner.conditions
    ]
    for checkin in log.checkins:
        if checkin.pain >= UNDIAGNOSED_PAIN and not any(e.open(checkin.date) for e in episodes):
            end = log.clearance_after(checkin.date)
            episodes.append(_Episode(ConditionKind.BACK_PAIN, checkin.date, end, None))
    return sorted(episodes, key=lambda e: (e.start, e.kind.value))


# -------------------------------------------------------------------------- stops


def _red_flag_stops(log: _Log) -> Iterator[Stop]:
    """S1/S2 episodes: from a check-in with a flag of the class until a strictly later
    clinician clearance without red flags."""
    for rule, flags, what in (("S1", S1_FLAGS, "emergency"), ("S2", S2_FLAGS, "urgent")):
        current: Stop | None = None
        for checkin in log.checkins:
            if current is not None and current.active(checkin.date):
                continue
            hit = sorted(str(f) for f in checkin.red_flags if f in flags)
            if hit:
                why = f"{what} red flags {', '.join(hit)} reported {checkin.date}"
                current = Stop(rule, checkin.date, log.flag_free_clearance_after(checkin.date), why)
                yield current


def _history_stops(runner: Runner, log: _Log, episodes: Sequence[_Episode]) -> Iterator[Stop]:
    """S2 (history): a stop at every episode start (cleared with that episode's condition
    or by a clinician), and one at the first check-in with pain > 0 (cleared by a
    clinician) - each on its own, so that adding a condition never removes one."""
    history = runner.health.history if runner.health is not None else []
    if not history:
        return
    named = ", ".join(str(h) for h in history)
    for e in episodes:
        end = _clearance(e.start, [e.condition], log)
        yield Stop("S2", e.start, end, f"back pain ({e.name}) from {e.start} with {named}")
    pain_days = [c.date for c in log.checkins if c.pain > 0]
    if pain_days:
        day = pain_days[0]
        end = log.clearance_after(day)
        yield Stop("S2", day, end, f"back pain logged {day} with {named} in the history")


def _age_stops(runner: Runner, log: _Log, episodes: Sequence[_Episode]) -> Iterator[Stop]:
    """S3: every episode start of a runner over 50 or under 20."""
    age = runner.health.age if runner.health is not None else None
    if age is None or AGE_YOUNG <= age <= AGE_OLD:
        return
    for e in episodes:
        why = f"new back pain ({e.name}, {e.start}) at age {age}"
        yield Stop("S3", e.start, _clearance(e.start, [e.condition], log), why)


def _window_stops(runner: Runner, log: _Log, episode: _Episode) -> Iterator[Stop]:
    """A7 (fixed window) and A8 (the first check-in on or after the window's last day,
    while the episode is open, whose pain has not eased)."""
    days = runner.strain_rest_days
    last = episode.start + timedelta(days=days - 1)
    yield Stop(
        "A7", episode.start, last + ONE_DAY, f"rest window after {episode.name} {episode.start}"
    )
    consulted = False
    for checkin in log.between(last, date.max):
        if not episode.open(checkin.date):
            continue
        worst = max(c.pain for c in log.between(episode.start, checkin.date))
        if checkin.pain <= EASED_PAIN or worst - checkin.pain >= EASED_DROP:
            continue
        yield _rest(runner, checkin.date, "pain that has not eased")
        if consulted:
            continue
        consulted = True
        why = (
            f"pain {checkin.pain}/10 on {checkin.date} has not eased since {episode.name} "
            f"{episode.start} (worst {worst}/10)"
        )
        end = _clearance(checkin.date, [episode.condition], log)
        yield Stop("A8", checkin.date, end, why)


def _rest(runner: Runner, day: date, what: str) -> Stop:
    """A rest from running for a strain window's length from ``day`` (no ice or heat)."""
    end = day + timedelta(days=runner.strain_rest_days)
    return Stop("A7", day, end, f"rest after {what} on {day}", rest=True)


def _absorbed_rests(runner: Runner, log: _Log, episodes: Sequence[_Episode]) -> Iterator[Stop]:
    """A painful check-in (pain >= 3) that starts no episode because a disc episode is
    open, and no strain or back-pain one, rests running as a new episode would."""
    for checkin in log.checkins:
        if checkin.pain < UNDIAGNOSED_PAIN:
            continue
        started_here = [e for e in episodes if e.condition is None and e.start == checkin.date]
        open_now = [e for e in episodes if e.open(checkin.date) and e not in started_here]
        if open_now and not any(e.kind in WINDOW_KINDS for e in open_now):
            yield _rest(runner, checkin.date, "a painful day")


def _radiating_stops(log: _Log) -> Iterator[Stop]:
    """A9: a radiating check-in, until a strictly later clinician clearance (the stop comes
    from a check-in, so no condition's ``cleared`` date ends it)."""
    current: Stop | None = None
    for checkin in log.checkins:
        if not checkin.radiating or (current is not None and current.active(checkin.date)):
            continue
        end = log.clearance_after(checkin.date)
        current = Stop("A9", checkin.date, end, f"pain radiating into a leg on {checkin.date}")
        yield current


def _flare_stops(log: _Log, stops: Sequence[Stop]) -> Iterator[Stop]:
    """R1: after the first clearance of a ladder stop, a check-in with pain > 2,
    radiating pain or a red flag, until a strictly later clinician clearance."""
    cleared = {s.end for s in stops if s.rule in LADDER_STOPS and s.end is not None}
    if not cleared:
        return
    since = min(cleared)
    current: Stop | None = None
    for checkin in log.between(since, date.max):
        if current is not None and current.active(checkin.date):
            continue
        if checkin.date in cleared:
            continue  # a check-in on a clearance day is not "later" than that clearance
        if checkin.pain > FLARE_PAIN or checkin.radiating or checkin.red_flags:
            why = f"pain {checkin.pain}/10"
            if checkin.radiating:
                why += ", radiating"
            if checkin.red_flags:
                why += ", red flags"
            why += f" on {checkin.date}, after a clearance on {since}"
            current = Stop("R1", checkin.date, log.clearance_after(checkin.date), why)
            if current.end is not None:
                cleared.add(current.end)
            yield current


def _all_stops(runner: Runner, log: _Log, episodes: Sequence[_Episode]) -> list[Stop]:
    stops = [*_red_flag_stops(log), *_history_stops(runner, log, episodes)]
    stops += _age_stops(runner, log, episodes)
    for e in episodes:
        if e.kind in WINDOW_KINDS:
            stops += _window_stops(runner, log, e)
        if e.kind in DISC_KINDS and e.condition is not None:
            stops.append(Stop("A10", e.start, e.end, f"{e.kind} since {e.start}"))
    stops += _radiating_stops(log)
    stops += _absorbed_rests(runner, log, episodes)
    stops += _flare_stops(log, stops)
    return sorted(stops, key=lambda s: (s.start, *_stop_order(s)))


def _caps(runner: Runner, log: _Log) -> list[Cap]:
    """A11: a check-in with after_long_run and pain > 0 caps runs until a later clearance."""
    usual = runner.weekly_run_minutes / runner.run_days
    caps: list[Cap] = []
    for checkin in log.checkins:
        if caps and caps[-1].active(checkin.date):
            continue
        if checkin.after_long_run and checkin.pain > 0:
            caps.append(Cap(checkin.date, log.clearance_after(checkin.date), usual))
    return caps


# --------------------------------------------------------------------- advisories


def _dated(start: date, end: date | None, first: date, last: date) -> date | None:
    """The date of a stop's advisory in a plan ``first`` .. ``last``: its start, or the
    plan's first day if it began earlier and is still active then; None when the stop
    ended before the plan or starts after it."""
    if start > last:
        return None
    if start >= first:
        return start
    if end is None or end > first:
        return first
    return None


def _expected_advisories(
    log: _Log,
    stops: Sequence[Stop],
    caps: Sequence[Cap],
    first: date,
    last: date,
) -> list[ExpectedAdvisory]:
    out: list[ExpectedAdvisory] = []
    for stop in stops:
        if stop.rule == "A7" and stop.rest:
            continue
        if stop.rule == "A7":
            note_day = stop.end
            if note_day is not None and first <= note_day <= last:
                why = f"first day after the {stop.why}: if not eased, see a spine specialist"
                out.append(ExpectedAdvisory(AdvisoryKind.NOTE, ("A7", "A8"), note_day, why))
            continue
        day = _dated(stop.start, stop.end, first, last)
        if stop.rule == "S2" and day is not None and _emergency_on(stops, day):
            day = None  # "seek emergency care now" (S1, owed on its own) covers it
        if day is not None:
            out.append(ExpectedAdvisory(_ADVISORY_KIND[stop.rule], (stop.rule,), day, stop.why))
        if stop.rule == "A10":
            out += _re_review(log, stop, first, last)
    for cap in caps:
        day = _dated(cap.start, cap.end, first, last)
        if day is not None:
            why = f"pain after a long run logged {cap.start}"
            out.append(ExpectedAdvisory(AdvisoryKind.CONSULT, ("A11",), day, why))
    return out


def _emergency_on(stops: Iterable[Stop], day: date) -> bool:
    return any(s.rule == "S1" and s.active(day) for s in stops)


def _re_review(log: _Log, stop: Stop, first: date, last: date) -> Iterator[ExpectedAdvisory]:
    """A10: a re-review consult at onset + 42 if not cleared by then and still
    symptomatic (no check-in since onset counts as symptomatic)."""
    review = stop.start + timedelta(days=RE_REVIEW_DAYS)
    if stop.end is not None and stop.end <= review:
        return
    latest = log.latest(review, stop.start)
    if latest is not None and latest.pain == 0 and not latest.radiating:
        return
    day = _dated(review, stop.end, first, last)
    if day is not None:
        yield ExpectedAdvisory(
            AdvisoryKind.CONSULT, ("A10",), day, f"re-review of {stop.why}, 42 days on"
        )


# ------------------------------------------------------------------------- ladder


def _allowed(step: int, done: int) -> tuple[int, ...]:
    if done >= LADDER_REPEATS and step < LADDER_TOP:
        return step, step + 1
    return (step,)


@dataclass(slots=True)
class _Ladder:
    """The walk-run ladder's state while it runs through the days."""

    armed: bool = False
    step: int = 1
    done: int = 0
    previous: date | None = None
    stepped_back: date | None = None
    last_step: int | None = None  # the step of the last session of this ladder

    def restart(self) -> None:
        self.step, self.done, self.last_step = 1, 0, None

    def log_session(self, day: date) -> None:
        """A logged session falls on the next step once the current one is done twice."""
        if self.done >= LADDER_REPEATS and self.step < LADDER_TOP:
            self.step, self.done = self.step + 1, 1
        else:
            self.done += 1
        self.previous, self.stepped_back, self.last_step = day, None, self.step

    def plan_session(self, day: date, step: int) -> None:
        """A planned session is assumed done as planned.  A lower step is a repeat: the
        ladder does not advance.  A wrong higher step is reported by the checker, and
        the ladder follows the plan from there."""
        self.previous, self.last_step = day, step
        if step < self.step:
            return
        if step == self.step:
            self.done += 1
        else:
            self.step, self.done = step, 1
        self.stepped_back = None

    def step_back(self, day: date) -> None:
        """R3: one step below the step last done (not below 1); its count restarts."""
        base = self.step if self.last_step is None else min(self.step, self.last_step)
        self.step, self.done, self.stepped_back = max(1, base - 1), 0, day

    @property
    def complete(self) -> bool:
        return self.step == LADDER_TOP and self.done >= LADDER_REPEATS


def _steps_back(checkin: CheckIn | None) -> bool:
    """R3: run pain above 3, or pain not settled by the next morning."""
    if checkin is None:
        return False
    too_painful = checkin.run_pain is not None and checkin.run_pain > R3_RUN_PAIN
    return too_painful or checkin.settled_by_morning is False


def _run_ladder(
    stops: Sequence[Stop],
    log: _Log,
    sessions: Mapping[date, Sequence[Session]],
    first: date,
    last: date,
) -> tuple[dict[date, Mode], list[LadderVisit]]:
    """Running mode of each plan day, and the ladder position before each planned
    ladder session.  The ladder is armed when a ladder stop is cleared (a new
    clearance restarts it) and done after two step-4 sessions."""
    modes: dict[date, Mode] = {}
    visits: list[LadderVisit] = []
    arms = {s.end for s in stops if s.rule in LADDER_STOPS and s.end is not None}
    day = min([first, *arms])
    ladder = _Ladder()
    while day <= last:
        stopped = any(s.active(day) for s in stops)
        if day in arms:
            ladder.armed = True
            ladder.restart()
        if stopped:
            if ladder.armed:
                ladder.restart()
            mode = Mode.NONE
        else:
            mode = Mode.LADDER if ladder.armed else Mode.FULL
        if day >= first:
            modes[day] = mode
        checkin = log.by_date.get(day)
        if mode is Mode.LADDER:
            if day < first:
                if checkin is not None and checkin.run_pain is not None:
                    ladder.log_session(day)
            else:
                for s in sessions.get(day, ()):
                    if s.kind is SessionKind.RUN and s.ladder_step is not None:
                        visits.append(
                            LadderVisit(
                                day,
                                s,
                                _allowed(ladder.step, ladder.done),
                                ladder.stepped_back,
                                ladder.previous,
                                ladder.step,
                                ladder.done,
                            )
                        )
                        ladder.plan_session(day, s.ladder_step)
        if ladder.armed:
            if _steps_back(checkin):
                ladder.step_back(day)
            if ladder.complete:
                ladder.armed = False
        day += ONE_DAY
    return modes, visits


# ------------------------------------------------------------------ the derivation


def _plan_days(plan: Plan) -> list[date]:
    days = {d.date for w in plan.weeks for d in w.days}
    days |= {plan.start + timedelta(days=k) for k in range(7 * len(plan.weeks))}
    return sorted(days)


def _day_rules(
    day: date, stops: Sequence[Stop], caps: Sequence[Cap], log: _Log, mode: Mode
) -> DayRules:
    active = tuple(s for s in stops if s.active(day))
    cross_stop: Stop | None = None
    for s in sorted(active, key=_stop_order):
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


_EMPTY = Derivation(MappingProxyType({}), (), (), (), (), frozenset(), frozenset())
_last: list[tuple[Plan, Runner, Derivation]] = []


def derive(plan: Plan, runner: Runner) -> Derivation:
    """The condition timeline for the days of ``plan`` (cached for the last plan and
    runner: both are frozen, so identity is enough)."""
    cached = _last[0] if _last else None  # one read: safe if another thread replaces it
    if cached is not None and cached[0] is plan and cached[1] is runner:
        return cached[2]
    result = _derive(plan, runner)
    _last[:] = [(plan, runner, result)]
    return result


def _derive(plan: Plan, runner: Runner) -> Derivation:
    days = _plan_days(plan)
    if not days or (not runner.conditions and not runner.checkins):
        return _EMPTY
    first, last = days[0], days[-1]
    log = _Log(runner.checkins)
    episodes = _episodes(runner, log)
    stops = _all_stops(runner, log, episodes)
    caps = _caps(runner, log)
    sessions: defaultdict[date, list[Session]] = defaultdict(list)
    for day, s in plan.sessions():
        sessions[day].append(s)
    for listed in sessions.values():
        listed.sort(key=lambda s: s.start)
    modes, visits = _run_ladder(stops, log, sessions, first, last)
    rules = {d: _day_rules(d, stops, caps, log, modes.get(d, Mode.FULL)) for d in days}
    restricted: set[int] = set()
    blocked: set[int] = set()
    for i, week in enumerate(plan.weeks):
        week_days = [week.start + timedelta(days=k) for k in range(7)]
        week_days += [d.date for d in week.days]
        if any(d in rules and rules[d].mode is not Mode.FULL for d in week_days) or any(
            s.ladder_step is not None for d in week.days for s in d.sessions
        ):
            restricted.add(i)
        if all(d in rules and rules[d].blocked for d in week_days):
            blocked.add(i)
    advisories = _expected_advisories(log, stops, caps, plan.start, last)
    return Derivation(
        days=MappingProxyType(rules),
        stops=tuple(stops),
        caps=tuple(caps),
        advisories=tuple(advisories),
        ladder=tuple(visits),
        restricted_weeks=frozenset(restricted),
        blocked_weeks=frozenset(blocked),
    )


# ------------------------------------------------------------------ text look-ups


def _normal(texts: Iterable[str]) -> str:
    text = " ".join(texts).lower().replace("\u00d7", "x")
    text = re.sub(r"\bmin(?:ute)?s?\b\.?", " ", text)
    return re.sub(r"\s+", " ", text)


def mentions(texts: Iterable[str], word: str) -> bool:
    """Whether ``word`` starts a word of ``texts`` ("ice" in "Ice pack", not "advice")."""
    return re.search(rf"\b{re.escape(word)}", " ".join(texts).lower()) is not None


def physical_therapy(texts: Iterable[str]) -> bool:
    """A10: marked as physical-therapy exercises."""
    return re.search(r"physical[\s-]therapy", " ".join(texts).lower()) is not None


def _part(verb: str, minutes: int) -> str:
    return rf"(?:\b{verb}\w*\s+(?:for\s+)?{minutes}\b|\b{minutes}\s+(?:of\s+)?{verb})"


_JOG = "(?:jog|run)"
_STEP_PATTERNS: Mapping[int, tuple[str, ...]] = MappingProxyType(
    {
        1: (r"\b5\s*(?:x|times)", _part("walk", 4), _part(_JOG, 1)),
        2: (r"\b5\s*(?:x|times)", _part("walk", 3), _part(_JOG, 3)),
        3: (r"\b2\s*(?:x|times)", _part(_JOG, 14), _part("walk", 2)),
        4: (r"\b30\b", r"\bcontinuous"),
    }
)


def spells_out_step(step: int, texts: Iterable[str]) -> bool:
    """R2: the content spells out the step's intervals, e.g. ``5 x (walk 4 / jog 1)``."""
    text = _normal(texts)
    return all(re.search(p, text) for p in _STEP_PATTERNS[step])
