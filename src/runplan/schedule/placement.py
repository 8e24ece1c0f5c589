"""Placement: a small exhaustive search that puts one week's sessions onto days and times.

The week is seven days, each with a few wall-clock intervals.  We choose run days,
cross-training days and strength days by enumerating every combination and keeping the
best under a lexicographic objective:

1. as many runs as wished (A1), then cross-training days (A1), then strength (A3);
2. the long run on ``long_run_day``;
3. a pattern that can repeat next week without back-to-back runs over the weekend (A4);
4. a soft score: runs spread out, cross-training between runs, days on which bike and
   swim can alternate, strength away from the long run and not on consecutive days,
   rest days (more, and after the long run).

Hard constraints are never traded: no runs on consecutive days (including the last day
of the previous week), run and cross-training on different days, at most two sessions a
day, every session inside an interval, at least one full rest day (L3).  The result
records what was placed so the scheduler can say which wish gave way.  Results are
cached: most weeks of a plan pose the same problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, pairwise
from typing import NamedTuple

from runplan.schedule.clock import Interval

__all__ = ["DayInput", "Placement", "Role", "Slot", "WeekInput", "place_week"]

Role = str  # "long", "run", "cross", "strength"


class Slot(NamedTuple):
    """One placed session: its role and its start, in wall minutes past local midnight."""

    role: Role
    start: int


@dataclass(frozen=True, slots=True)
class DayInput:
    """What one day offers: its intervals and which kinds of session it may hold."""

    intervals: tuple[Interval, ...]
    run_ok: bool
    cross_ok: bool
    strength_ok: bool
    swim_ok: bool = False  # cross-training here may be a swim (pool open that day)
    bike_ok: bool = False  # cross-training here may be a ride
    fixed: bool = False  # already holds a session decided elsewhere (a walk-run step)

    @property
    def room(self) -> int:
        """The longest session the day can hold, in minutes."""
        return max((hi - lo for lo, hi in self.intervals), default=0)

    def fits(self, minutes: int) -> bool:
        """Some interval holds a session of ``minutes``."""
        return self.room >= minutes


@dataclass(frozen=True, slots=True)
class WeekInput:
    days: tuple[DayInput, ...]  # seven
    runs: int
    cross: int
    strength: int
    long_day: int | None  # index 0-6 of the wished long-run day, if any
    long_min: int  # length of the long run (== run_min when there is no long run)
    run_min: int
    cross_min: int
    strength_min: int
    ran_day_before: bool  # a run on the day before the week (A4 across weeks)
    long_elsewhere: bool = True  # the long run may move off ``long_day`` when it must


@dataclass(frozen=True, slots=True)
class Placement:
    """Chosen sessions: ``slots[d]`` lists the sessions of day ``d``, in time order."""

    slots: tuple[tuple[Slot, ...], ...]
    long_day: int | None

    def count(self, *roles: Role) -> int:
        return sum(1 for day in self.slots for role, _ in day if role in roles)


def _fit(intervals: tuple[Interval, ...], lengths: tuple[int, ...]) -> tuple[int, ...] | None:
    """Earliest start minutes for sessions of ``lengths`` (in order, not overlapping)."""
    starts: list[int] = []
    cursor = -1
    for length in lengths:
        for lo, hi in intervals:
            begin = max(lo, cursor)
            if begin + length <= hi:
                starts.append(begin)
                cursor = begin + length
                break
        else:
            return None
    return tuple(starts)


class _Main(NamedTuple):
    """A day's main session (long run, run or cross-training) and its length."""

    role: Role
    minutes: int


def _pack(
    intervals: tuple[Interval, ...], main: _Main | None, strength: int | None
) -> tuple[Slot, ...] | None:
    """Place a main session and/or a strength session on one day, main first if it fits."""
    if main is None and strength is None:
        return ()
    if main is None:
        assert strength is not None
        got = _fit(intervals, (strength,))
        return None if got is None else (Slot("strength", got[0]),)
    role, length = main
    if strength is None:
        got = _fit(intervals, (length,))
        return None if got is None else (Slot(role, got[0]),)
    got = _fit(intervals, (length, strength))
    if got is not None:
        return (Slot(role, got[0]), Slot("strength", got[1]))
    got = _fit(intervals, (strength, length))
    if got is not None:
        return (Slot("strength", got[0]), Slot(role, got[1]))
    return None


def _fits(intervals: tuple[Interval, ...], main: int | None, strength: int | None) -> bool:
    """Whether :func:`_pack` finds room for a main session of ``main`` minutes and/or a
    strength session of ``strength`` minutes (the search asks this often, so cheaply)."""
    if main is None:
        return strength is None or _fit(intervals, (strength,)) is not None
    if strength is None:
        return _fit(intervals, (main,)) is not None
    return (
        _fit(intervals, (main, strength)) is not None
        or _fit(intervals, (strength, main)) is not None
    )


def place_week(week: WeekInput) -> Placement:
    """The best placement for ``week`` (see the module docstring for the objective)."""
    return _place(week)


@lru_cache(maxsize=2048)
def _place(week: WeekInput) -> Placement:
    shape = _Shape.of(week)
    chosen = _choose(shape)
    if chosen is None:  # pragma: no cover - n_runs=0 always fits
        return Placement(slots=((),) * 7, long_day=None)
    length = {"long": week.long_min, "run": week.run_min, "cross": week.cross_min}
    mains = {d: _Main(role, length[role]) for d, role in chosen.mains}
    return _build(week, mains, chosen.strength, chosen.long_day)


_MAINS: tuple[Role | None, ...] = (None, "long", "run", "cross")


@dataclass(frozen=True, slots=True)
class _Shape:
    """All the search depends on: the week without its wall-clock minutes.  Whether a
    session (or a session and a strength session) fits a day replaces the intervals and
    lengths, so weeks that differ only in lengths that fit alike share one search (the
    weeks of a plan mostly do, as the volume grows); the chosen days are the same."""

    runs: int
    cross: int
    strength: int
    long_day: int | None
    ran_day_before: bool
    long_elsewhere: bool
    days: tuple[DayInput, ...]  # flags only: intervals emptied
    fits: tuple[tuple[bool, ...], ...]  # [day][main in _MAINS]: main alone fits (None: True)
    fits_strength: tuple[tuple[bool, ...], ...]  # [day][main]: main and strength fit

    @classmethod
    def of(cls, week: WeekInput) -> _Shape:
        length = {"long": week.long_min, "run": week.run_min, "cross": week.cross_min}

        def main(role: Role | None) -> int | None:
            return None if role is None else length[role]

        return cls(
            runs=week.runs,
            cross=week.cross,
            strength=week.strength,
            long_day=week.long_day,
            ran_day_before=week.ran_day_before,
            long_elsewhere=week.long_elsewhere,
            days=tuple(
                DayInput((), d.run_ok, d.cross_ok, d.strength_ok, d.swim_ok, d.bike_ok, d.fixed)
                for d in week.days
            ),
            fits=tuple(tuple(_fits(d.intervals, main(r), None) for r in _MAINS) for d in week.days),
            fits_strength=tuple(
                tuple(_fits(d.intervals, main(r), week.strength_min) for r in _MAINS)
                for d in week.days
            ),
        )


class _Choice(NamedTuple):
    """The chosen days of a week, before any wall-clock time is chosen."""

    mains: tuple[tuple[int, Role], ...]  # (day, main role) items
    strength: tuple[int, ...]  # strength days
    long_day: int | None


@lru_cache(maxsize=2048)
def _choose(week: _Shape) -> _Choice | None:
    """The chosen days, or None (never: no runs always fits)."""
    days = week.days
    fits_main = {
        role: tuple(f[_MAINS.index(role)] for f in week.fits) for role in ("long", "run", "cross")
    }
    run_days = [i for i, d in enumerate(days) if d.run_ok and fits_main["run"][i]]
    cross_days = [i for i, d in enumerate(days) if d.cross_ok and fits_main["cross"][i]]
    for n_runs in range(min(week.runs, len(run_days)), -1, -1):
        run_sets = [s for s in combinations(run_days, n_runs) if _spaced(s, week.ran_day_before)]
        if not run_sets:
            continue
        for n_cross in range(week.cross, -1, -1):
            for n_strength in range(week.strength, -1, -1):
                best = _best(week, run_sets, cross_days, fits_main["long"], n_cross, n_strength)
                if best is not None:
                    return best
    return None  # pragma: no cover - n_runs=0 always fits


def _spaced(run_set: tuple[int, ...], ran_day_before: bool) -> bool:
    if ran_day_before and run_set and run_set[0] == 0:
        return False
    return all(b - a > 1 for a, b in pairwise(run_set))


def _best(
    week: _Shape,
    run_sets: list[tuple[int, ...]],
    cross_days: list[int],
    fits_long: tuple[bool, ...],
    n_cross: int,
    n_strength: int,
) -> _Choice | None:
    best_key: tuple[int, ...] | None = None
    best: _Choice | None = None
    fixed = {d for d in range(7) if week.days[d].fixed}
    for runs in run_sets:
        for long_day in _long_choices(week, runs, fits_long):
            if best_key is not None and _head(week, runs, long_day) < best_key[:2]:
                continue  # the key's first terms lose already, whatever else is chosen
            free = [d for d in cross_days if d not in runs]
            for cross in combinations(free, n_cross):
                mains: dict[int, Role] = {}
                for d in runs:
                    mains[d] = "long" if d == long_day else "run"
                for d in cross:
                    mains[d] = "cross"
                strength_days = [
                    d
                    for d in range(7)
                    if week.days[d].strength_ok
                    and week.fits_strength[d][_MAINS.index(mains.get(d))]
                ]
                for strength in combinations(strength_days, n_strength):
                    busy = set(mains) | set(strength) | fixed
                    if len(busy) == 7:
                        continue  # L3: keep a full rest day
                    key = _score(week, runs, long_day, cross, strength, busy)
                    if best_key is None or key > best_key:
                        best_key = key
                        best = _Choice(tuple(mains.items()), strength, long_day)
    return best


def _long_choices(
    week: _Shape, runs: tuple[int, ...], fits_long: tuple[bool, ...]
) -> list[int | None]:
    if week.long_day is None or not runs:
        return [None]
    choices: list[int | None] = [d for d in runs if fits_long[d]]
    if not week.long_elsewhere:
        choices = [d for d in choices if d == week.long_day]
    return choices or [None]


def _gaps(runs: tuple[int, ...]) -> list[tuple[int, int]]:
    """Consecutive run pairs around the week as a cycle (the pattern repeats)."""
    if len(runs) < 2:
        return []
    return [(a, b) for a, b in pairwise(runs)] + [(runs[-1], runs[0] + 7)]


def _head(week: _Shape, runs: tuple[int, ...], long_day: int | None) -> tuple[int, int]:
    """The first two terms of :func:`_score`'s key, which depend on the runs alone."""
    repeats = all(b - a > 1 for a, b in _gaps(runs))
    return int(long_day is not None and long_day == week.long_day), int(repeats)


def _score(
    week: _Shape,
    runs: tuple[int, ...],
    long_day: int | None,
    cross: tuple[int, ...],
    strength: tuple[int, ...],
    busy: set[int],
) -> tuple[int, ...]:
    gaps = _gaps(runs)
    min_gap = min((b - a for a, b in gaps), default=7)
    cross_between = sum(1 for a, b in gaps if any(a < c < b or a < c + 7 < b for c in cross))
    soft = 3 * min_gap + 2 * cross_between
    swims = [c for c in cross if week.days[c].swim_ok]
    rides = [c for c in cross if week.days[c].bike_ok]
    if any(a != b for a in swims for b in rides):
        soft += 2  # a swim day and a different ride day: bike and swim can alternate
    if long_day is not None:
        near_long = {long_day, (long_day - 1) % 7}
        soft -= 3 * sum(1 for d in strength if d in near_long)
        if (long_day + 1) % 7 not in busy:
            soft += 1  # a rest day after the long run
    soft -= sum(1 for a, b in pairwise(strength) if b - a == 1)
    soft -= sum(1 for d in strength if d in runs)  # strength on a cross or free day is easier
    soft += 7 - len(busy)
    return (*_head(week, runs, long_day), soft)


def _build(
    week: WeekInput,
    mains: dict[int, _Main],
    strength: tuple[int, ...],
    long_day: int | None,
) -> Placement:
    slots: list[tuple[Slot, ...]] = []
    for d in range(7):
        packed = _pack(
            week.days[d].intervals, mains.get(d), week.strength_min if d in strength else None
        )
        assert packed is not None  # checked while enumerating
        slots.append(packed)
    return Placement(slots=tuple(slots), long_day=long_day)
