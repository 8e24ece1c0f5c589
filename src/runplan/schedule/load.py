"""The load the weeks carry: session RPE and the load ratio (L5), and the session caps of L7.

A session's load is its planned effort times its minutes (Foster's session RPE, A13):
runs, walk-runs, the ladder's brisk walk, rides, swims and strength carry load; home care
does not.  Each day's acute load is the 7 days ending that day, its chronic load the mean
7-day load of the 28 days ending that day.  From the plan's first day, an acute load
above the 7 days before it may not exceed 1.3 x the larger of the chronic load and a
floor, a quarter of the usual week's load (L5).  There is no training log yet, so the
days before the plan count as the usual week, spread evenly over its days, less what a
stop active on them forbade (docs/coaching.md).

The week loop asks :class:`LoadLog` whether a written week fits and, when it does not,
writes it again shorter (:func:`shrunk`): ladder sessions are never shortened (R4).
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from math import floor
from typing import NamedTuple

from runplan.models import Advisory, AdvisoryKind, Day, Runner, Session, SessionKind, WeekTotals
from runplan.rules.limits import (
    EFFORT,
    L5_ACUTE_DAYS,
    L5_CHRONIC_DAYS,
    L5_FLOOR,
    L5_RATIO,
    L5_STRENGTH_MINUTES,
    L7_EASY_RATIO,
    L7_RIDE_RATIO,
)
from runplan.schedule.placement import Placement, Slot
from runplan.schedule.targets import MIN_RUNNING, Lengths
from runplan.timeline import Allowance, RunMode

__all__ = [
    "SHRINK_STEPS",
    "LoadLog",
    "Shrink",
    "UsualWeek",
    "easy_cap",
    "keep_slots",
    "l5_note",
    "ride_cap",
    "session_load",
    "shrunk",
    "week_totals",
]

_CROSS = frozenset({SessionKind.BIKE, SessionKind.SWIM})
_EASY = frozenset({SessionKind.RUN}) | _CROSS
_SLACK = 1e-6  # float sums only


def _mean(band: str) -> float:
    effort = EFFORT[band]
    return (effort.rpe_low + effort.rpe_high) / 2


def session_load(s: Session) -> float:
    """L5: mean RPE x minutes; the effort the session states, else its kind's band (A13).
    Home care (mobility, easy walks, ice, heat) carries none.  A session the scheduler
    wrote already states its load (``schedule.effort``): that is used as is."""
    if s.load is not None:
        return s.load
    if s.kind in _EASY:
        band = "easy"
    elif s.kind is SessionKind.STRENGTH:
        band = "strength"
    elif s.kind is SessionKind.WALK and s.ladder_step == 0:
        band = "brisk"  # the ladder's brisk-walk step (R2)
    else:
        return 0.0
    rpe = _mean(band) if s.effort is None else (s.effort.rpe_low + s.effort.rpe_high) / 2
    return rpe * s.duration_min


def easy_cap(week_total: int, run_days: int) -> int:
    """L7: the longest easy run when fewer runs fit, warm-up included."""
    return floor(L7_EASY_RATIO * week_total / run_days)


def ride_cap(week_total: int, run_days: int) -> int:
    """L7: the longest ride (a swim is capped at ``L7_SWIM_MAX`` as well)."""
    return floor(L7_RIDE_RATIO * week_total / run_days)


@dataclass(frozen=True, slots=True)
class UsualWeek:
    """The profile's usual week as loads: its runs at easy effort, its cross_days of
    usual-run length (X1) and its strength sessions (L5)."""

    run: float
    cross: float
    strength: float

    @classmethod
    def of(cls, runner: Runner) -> UsualWeek:
        usual_run = runner.weekly_run_minutes / runner.run_days
        return cls(
            run=_mean("easy") * runner.weekly_run_minutes,
            cross=_mean("easy") * usual_run * runner.cross_days,
            strength=_mean("strength") * L5_STRENGTH_MINUTES * runner.strength_days,
        )

    @property
    def floor(self) -> float:
        """L5's floor: a quarter of the usual week's load."""
        return L5_FLOOR * (self.run + self.cross + self.strength)

    def day(self, allow: Allowance) -> float:
        """One day of the usual week (a seventh of it) less what ``allow`` forbids."""
        if allow.blocked:
            return 0.0
        load = self.run if allow.run is not RunMode.NONE else 0.0
        load += self.cross if allow.cross else 0.0
        load += self.strength if allow.strength else 0.0
        return load / 7


@dataclass(slots=True)
class LoadLog:
    """Daily loads planned so far (and assumed before the plan), for L5."""

    floor: float
    loads: dict[date, float] = field(default_factory=dict)
    #: T2: the race's 7 days when the race alone lifts the load over the cap: its load is
    #: the race's, not the weeks' to make room for (its note says so, L5).
    waived: frozenset[date] = frozenset()

    @classmethod
    def before(cls, runner: Runner, start: date, allowances: Sequence[Allowance]) -> LoadLog:
        """The log on the plan's first day: ``allowances[k]`` is day ``start - len + k``'s."""
        usual = UsualWeek.of(runner)
        first = start - timedelta(days=len(allowances))
        loads = {first + timedelta(days=k): usual.day(a) for k, a in enumerate(allowances)}
        return cls(usual.floor, loads)

    def add(self, days: Sequence[Day]) -> None:
        self.loads.update(_day_loads(days))

    def worst(self, days: Sequence[Day], ahead: Mapping[date, float] | None = None) -> float:
        """The most that the week ``days`` adds to an excess over L5's cap on any of its
        days, or on the six days after it were nothing planned there but ``ahead`` (the
        next week's ladder sessions, already fixed; 0: they fit).  What the earlier
        weeks and the ladder sessions (R4) already put over the cap is not the week's to
        remove; what it leaves in the next week's windows is, or the next week would
        inherit an excess it cannot take back."""
        week = _day_loads(days)
        later = dict(ahead or {})
        planned = {**self.loads, **later, **week}
        last = days[-1].date
        horizon = [d.date for d in days]
        horizon += [last + timedelta(days=k) for k in range(1, L5_ACUTE_DAYS)]
        worst = 0.0
        kept: dict[date, float] | None = None
        for day in horizon:
            if day in self.waived:
                continue
            excess = _excess(planned, day, self.floor)
            if excess <= _SLACK:
                continue
            kept = kept or _day_loads(days, ladder_only=True)
            without = {k: kept[k] if k <= day else v for k, v in week.items()}
            rest = ChainMap(without, later, self.loads)
            worst = max(worst, excess - _excess(rest, day, self.floor))
        return worst if worst > _SLACK else 0.0

    def ratio(self, day: date) -> float:
        """Acute over the larger of chronic and the floor (``totals.acwr``)."""
        acute, chronic = _window(self.loads, day, L5_ACUTE_DAYS), _chronic(self.loads, day)
        return acute / max(chronic, self.floor) if max(chronic, self.floor) else 0.0


def _day_loads(days: Sequence[Day], *, ladder_only: bool = False) -> dict[date, float]:
    return {
        d.date: sum(
            session_load(s) for s in d.sessions if not ladder_only or s.ladder_step is not None
        )
        for d in days
    }


#: The day offsets of the windows, made once (the windows are summed often).
_BACK = tuple(timedelta(days=k) for k in range(L5_CHRONIC_DAYS))


def _window(loads: Mapping[date, float], day: date, n_days: int) -> float:
    get = loads.get
    return sum([get(day - back, 0.0) for back in _BACK[:n_days]])


def _chronic(loads: Mapping[date, float], day: date) -> float:
    return _window(loads, day, L5_CHRONIC_DAYS) * L5_ACUTE_DAYS / L5_CHRONIC_DAYS


def _excess(loads: Mapping[date, float], day: date, floor_load: float) -> float:
    """L5 on ``day``: how far a rising acute load exceeds 1.3 x max(chronic, floor)."""
    acute = _window(loads, day, L5_ACUTE_DAYS)
    before = _window(loads, day - timedelta(days=L5_ACUTE_DAYS), L5_ACUTE_DAYS)
    if acute <= before + _SLACK:
        return 0.0  # holding (or lowering) the previous 7 days' load is allowed
    cap = L5_RATIO * max(_chronic(loads, day), floor_load)
    return max(0.0, acute - max(cap, before))


def week_totals(days: Sequence[Day], log: LoadLog) -> WeekTotals:
    """A week's planned minutes by kind, its load and its highest daily load ratio."""
    sessions = [s for d in days for s in d.sessions]

    def minutes(*kinds: SessionKind) -> int:
        return sum(s.duration_min for s in sessions if s.kind in kinds)

    return WeekTotals(
        run_min=minutes(SessionKind.RUN),
        cross_min=minutes(*_CROSS),
        strength_min=minutes(SessionKind.STRENGTH),
        load=round(sum(session_load(s) for s in sessions), 1),
        acwr=round(max((log.ratio(d.date) for d in days), default=0.0), 2),
    )


# ------------------------------------------------------------- shrinking a week (L5)


class Shrink(NamedTuple):
    """One way to shorten a week: runs and cross-training to ``scale`` of their length,
    the roles whose sessions are left out, and at most ``runs`` runs kept (the week's
    last ones, furthest from the load of the week before; None: all)."""

    scale: float
    drop: frozenset[str]
    runs: int | None = None


_RUN_ROLES = frozenset({"long", "run"})
_NO_EXTRAS = frozenset({"strength", "cross"})

#: Gentlest first: shorter runs and rides, then no strength, no cross-training, then
#: fewer runs (one at a time, so that a week keeps the runs that fit), then no runs.
SHRINK_STEPS: tuple[Shrink, ...] = (
    *(Shrink(s / 20, frozenset()) for s in range(19, 4, -1)),
    Shrink(0.25, frozenset({"strength"})),
    Shrink(0.25, _NO_EXTRAS),
    *(Shrink(0.25, _NO_EXTRAS, runs) for runs in (3, 2, 1)),
    Shrink(0.25, _NO_EXTRAS | _RUN_ROLES),
)


def shrunk(
    placed: Placement, lengths: Lengths, cross: Mapping[int, int], step: Shrink, warm: int
) -> tuple[Placement, Lengths, dict[int, int]]:
    """``placed`` and its lengths under ``step`` (ladder sessions are not in ``placed``,
    so L5 never shortens them, R4).  Runs keep L6's proportions and MIN_RUNNING."""
    long_run = _scaled(lengths.long - warm, step.scale)
    easy = _scaled(lengths.run - warm, step.scale)
    if lengths.long > lengths.run:
        easy = min(
            easy, max(_scaled(lengths.run - warm, 0.0), long_run * lengths.run // lengths.long)
        )
    new = replace(
        lengths, long=long_run + warm, run=easy + warm, cross=_scaled(lengths.cross, step.scale)
    )
    slots = [tuple(s for s in day if s.role not in step.drop) for day in placed.slots]
    if step.runs is not None:
        run_days = [k for k, day in enumerate(slots) if any(s.role in _RUN_ROLES for s in day)]
        for k in run_days[: max(0, len(run_days) - step.runs)]:
            slots[k] = tuple(s for s in slots[k] if s.role not in _RUN_ROLES)
    subs = {k: _scaled(m, step.scale) for k, m in cross.items()}
    if "cross" in step.drop:
        subs = {}
    return Placement(slots=tuple(slots), long_day=placed.long_day), new, subs


def _scaled(minutes: int, scale: float) -> int:
    """``minutes`` times ``scale``, not below MIN_RUNNING, and never longer than it was:
    shrinking a session that is already shorter than MIN_RUNNING leaves it as it is."""
    return max(min(MIN_RUNNING, minutes), floor(scale * minutes))


def keep_slots(placed: Placement, extra: Mapping[int, Slot]) -> Placement:
    """``placed`` with one more slot on some days (X2's rides and swims)."""
    slots = [
        tuple(sorted((*day, extra[k]) if k in extra else day, key=lambda s: s.start))
        for k, day in enumerate(placed.slots)
    ]
    return Placement(slots=tuple(slots), long_day=placed.long_day)


def l5_note(week_start: date, step: Shrink) -> Advisory:
    """P3: L5 shortened the week (after a lighter stretch the load comes back gradually)."""
    what = f"runs and cross-training are {round(100 * (1 - step.scale))} % shorter"
    if step.drop:
        gone = sorted({"long": "runs", "run": "runs"}.get(r, r) for r in step.drop)
        what += f" and {', '.join(dict.fromkeys(gone))} sessions left out"
    if step.runs is not None:
        what += f", at most {step.runs} run{'s' if step.runs > 1 else ''} kept"
    return Advisory(
        kind=AdvisoryKind.NOTE,
        date=week_start,
        rules=["P3", "L5"],
        message=(
            f"Week of {week_start.isoformat()}: {what}, so that the week's training load "
            "stays within 1.3 times the recent load (L5); walk-run steps are kept (R4)."
        ),
    )
