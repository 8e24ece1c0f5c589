"""The stops of docs/conditions.md (S1-S3, A7-A10, R1) and the A11 run caps, each with
its start and its clearance, as the validator reads them from the profile and the log.

A stop is the unit the condition checkers reason about: which are active on a day
decides what that day allows, and each owes its advisory.  The **Reading** choices of
:mod:`runplan.validation.derivation` are applied here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from runplan.models import AdvisoryKind, CheckIn, Runner
from runplan.rules.limits import (
    AGE_OLD,
    AGE_YOUNG,
    DISC_CONDITIONS,
    EASED_DROP,
    EASED_PAIN,
    EMERGENCY_FLAGS,
    EPISODE_PAIN,
    FLARE_PAIN,
    STRAIN_CONDITIONS,
    URGENT_FLAGS,
)
from runplan.validation.conventions import ONE_DAY
from runplan.validation.episodes import Episode
from runplan.validation.painlog import PainLog, clearance

__all__ = [
    "ADVISORY_KIND",
    "BLOCKING",
    "CROSS_IF_PAIN_FREE",
    "LADDER_STOPS",
    "NO_CROSS",
    "PRECEDENCE",
    "Cap",
    "Stop",
    "Sweep",
    "all_stops",
    "run_caps",
    "stop_order",
]

#: Stops on which no session of any kind is planned.
BLOCKING = frozenset({"S1", "S2"})
#: Stops that forbid cross-training outright, and those that allow it only when pain-free.
NO_CROSS = frozenset({"S1", "S2", "A7"})
CROSS_IF_PAIN_FREE = frozenset({"A10", "A9"})
#: Stops whose clearance brings running back through the walk-run ladder.
LADDER_STOPS = frozenset({"S1", "S2", "S3", "A8", "A9", "A10", "R1"})
#: Which stop a violation is reported under when several are active.
PRECEDENCE: tuple[str, ...] = ("S1", "S2", "A7", "A10", "A9", "A8", "S3", "R1")
#: The kind of the advisory each stop owes on its first day in the plan.
ADVISORY_KIND: Mapping[str, AdvisoryKind] = MappingProxyType(
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


class Sweep:
    """The stops active on each day of a walk that only moves forward: each stop is
    taken in on its first day and dropped after its last, so a walk over many days and
    many stops costs their sum, not their product."""

    def __init__(self, stops: Sequence[Stop]) -> None:
        self._pending = sorted(stops, key=lambda s: s.start)
        self._next = 0
        self._live: list[Stop] = []

    def on(self, day: date) -> list[Stop]:
        """The stops active on ``day`` (not before the last day asked)."""
        while self._next < len(self._pending) and self._pending[self._next].start <= day:
            self._live.append(self._pending[self._next])
            self._next += 1
        self._live = [s for s in self._live if s.end is None or day < s.end]
        return list(self._live)


@dataclass(frozen=True, slots=True)
class Cap:
    """A11: runs capped at the usual run length from ``start`` until ``end`` (exclusive)."""

    start: date
    end: date | None
    minutes: float

    def active(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def stop_order(stop: Stop) -> tuple[int, date]:
    """Sort key: the reporting precedence of the stop's rule, then its start."""
    return PRECEDENCE.index(stop.rule), stop.start


# ----------------------------------------------------------------- the producers


def _red_flag_stops(log: PainLog) -> Iterator[Stop]:
    """S1/S2 episodes: from a check-in with a flag of the class until a strictly later
    clinician clearance without red flags."""
    for rule, flags, what in (
        ("S1", EMERGENCY_FLAGS, "emergency"),
        ("S2", URGENT_FLAGS, "urgent"),
    ):
        current: Stop | None = None
        for checkin in log.checkins:
            if current is not None and current.active(checkin.date):
                continue
            hit = sorted(str(f) for f in checkin.red_flags if f in flags)
            if hit:
                why = f"{what} red flags {', '.join(hit)} reported {checkin.date}"
                current = Stop(rule, checkin.date, log.flag_free_clearance_after(checkin.date), why)
                yield current


def _history_stops(runner: Runner, log: PainLog, episodes: Sequence[Episode]) -> Iterator[Stop]:
    """S2 (history): a stop at every episode start (cleared with that episode's condition
    or by a clinician), and one at the first check-in with pain > 0 (cleared by a
    clinician) - each on its own, so that adding a condition never removes one."""
    history = runner.health.history if runner.health is not None else []
    if not history:
        return
    named = ", ".join(str(h) for h in history)
    for e in episodes:
        end = clearance(e.start, [e.condition], log)
        yield Stop("S2", e.start, end, f"back pain ({e.name}) from {e.start} with {named}")
    pain_days = [c.date for c in log.checkins if c.pain > 0]
    if pain_days:
        day = pain_days[0]
        end = log.clearance_after(day)
        yield Stop("S2", day, end, f"back pain logged {day} with {named} in the history")


def _age_stops(runner: Runner, log: PainLog, episodes: Sequence[Episode]) -> Iterator[Stop]:
    """S3: every episode start of a runner over 50 or under 20."""
    age = runner.health.age if runner.health is not None else None
    if age is None or AGE_YOUNG <= age <= AGE_OLD:
        return
    for e in episodes:
        why = f"new back pain ({e.name}, {e.start}) at age {age}"
        yield Stop("S3", e.start, clearance(e.start, [e.condition], log), why)


def _window_stops(runner: Runner, log: PainLog, episode: Episode) -> Iterator[Stop]:
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
        end = clearance(checkin.date, [episode.condition], log)
        yield Stop("A8", checkin.date, end, why)


def _rest(runner: Runner, day: date, what: str) -> Stop:
    """A rest from running for a strain window's length from ``day`` (no ice or heat)."""
    end = day + timedelta(days=runner.strain_rest_days)
    return Stop("A7", day, end, f"rest after {what} on {day}", rest=True)


def _absorbed_rests(runner: Runner, log: PainLog, episodes: Sequence[Episode]) -> Iterator[Stop]:
    """A painful check-in (pain >= 3) that starts no episode because a disc episode is
    open, and no strain or back-pain one, rests running as a new episode would."""
    for checkin in log.checkins:
        if checkin.pain < EPISODE_PAIN:
            continue
        started_here = [e for e in episodes if e.condition is None and e.start == checkin.date]
        open_now = [e for e in episodes if e.open(checkin.date) and e not in started_here]
        if open_now and not any(e.kind in STRAIN_CONDITIONS for e in open_now):
            yield _rest(runner, checkin.date, "a painful day")


def _radiating_stops(log: PainLog) -> Iterator[Stop]:
    """A9: a radiating check-in, until a strictly later clinician clearance (the stop comes
    from a check-in, so no condition's ``cleared`` date ends it)."""
    current: Stop | None = None
    for checkin in log.checkins:
        if not checkin.radiating or (current is not None and current.active(checkin.date)):
            continue
        end = log.clearance_strictly_after(checkin.date)
        current = Stop("A9", checkin.date, end, f"pain radiating into a leg on {checkin.date}")
        yield current


def _flares(checkin: CheckIn) -> bool:
    """R1: pain above 2, radiating pain or a red flag."""
    return checkin.pain > FLARE_PAIN or checkin.radiating or bool(checkin.red_flags)


def _flare_why(checkin: CheckIn, since: date) -> str:
    why = f"pain {checkin.pain}/10"
    if checkin.radiating:
        why += ", radiating"
    if checkin.red_flags:
        why += ", red flags"
    return why + f" on {checkin.date}, after a clearance on {since}"


def _flare_stops(log: PainLog, stops: Sequence[Stop]) -> Iterator[Stop]:
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
        if checkin.date in cleared or checkin.clinician_cleared:
            continue  # a check-in on a clearance day, or one recording a clearance, is not
            # "later" than it: the clinician saw that day's pain
        if _flares(checkin):
            why = _flare_why(checkin, since)
            current = Stop("R1", checkin.date, log.clearance_after(checkin.date), why)
            if current.end is not None:
                cleared.add(current.end)
            yield current


def all_stops(runner: Runner, log: PainLog, episodes: Sequence[Episode]) -> list[Stop]:
    """Every stop of the runner, by start (then precedence)."""
    stops = [*_red_flag_stops(log), *_history_stops(runner, log, episodes)]
    stops += _age_stops(runner, log, episodes)
    for e in episodes:
        if e.kind in STRAIN_CONDITIONS:
            stops += _window_stops(runner, log, e)
        if e.kind in DISC_CONDITIONS and e.condition is not None:
            stops.append(Stop("A10", e.start, e.end, f"{e.kind} since {e.start}"))
    stops += _radiating_stops(log)
    stops += _absorbed_rests(runner, log, episodes)
    stops += _flare_stops(log, stops)
    return sorted(stops, key=lambda s: (s.start, *stop_order(s)))


def run_caps(runner: Runner, log: PainLog) -> list[Cap]:
    """A11: a check-in with after_long_run and pain > 0 caps runs until a later clearance."""
    usual = runner.weekly_run_minutes / runner.run_days
    caps: list[Cap] = []
    for checkin in log.checkins:
        if caps and caps[-1].active(checkin.date):
            continue
        if checkin.after_long_run and checkin.pain > 0:
            caps.append(Cap(checkin.date, log.clearance_after(checkin.date), usual))
    return caps
