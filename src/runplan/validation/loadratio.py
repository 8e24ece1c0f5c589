"""L5, the load ratio, as the validator reads it from the sessions and the profile.

Independent of the scheduler: the loads are recomputed from each session's stated
``effort`` and ``duration_min`` (from its kind's band of :data:`EFFORT` when it states no
effort), never from ``session.load`` or ``week.totals``; the days before the plan come
from the validator's own stops (:mod:`runplan.validation.stops`).

* **Reading (days before the plan)**: the usual week spread evenly over its seven days,
  less, on a day a stop is active, its running and strength (every stop forbids them),
  its cross-training where the stop forbids that (A7; A9/A10 unless pain-free), and
  everything on a red-flag day.
* **Reading (what the plan answers for)**: a day's excess over L5's cap counts against
  the plan by what its sessions other than ladder sessions, in that day's 7 days (of any
  week), add to it: ladder sessions are never shortened or left out (R4), so only they
  may carry a 7-day load over the cap, and nothing else may be added where they leave no
  room ("other sessions fill what its cap leaves"); the days before the plan are not the
  plan's to change.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta

from runplan.models import Runner, Session, SessionKind, Week
from runplan.rules.limits import (
    EFFORT,
    L5_ACUTE_DAYS,
    L5_CHRONIC_DAYS,
    L5_FLOOR,
    L5_RATIO,
    L5_STRENGTH_MINUTES,
)
from runplan.validation.context import Context
from runplan.validation.conventions import CROSS_KINDS, TOLERANCE, week_dates, week_label
from runplan.validation.painlog import PainLog
from runplan.validation.stops import BLOCKING, CROSS_IF_PAIN_FREE, NO_CROSS, Stop
from runplan.validation.violation import Violation

__all__ = ["check_load_ratio", "daily_loads", "load_of", "usual_floor"]

_SLACK = 1e-6  # float sums of loads


def _mean(band: str) -> float:
    return (EFFORT[band].rpe_low + EFFORT[band].rpe_high) / 2


def load_of(s: Session) -> float:
    """Session RPE x minutes (L5); home care carries none."""
    if s.kind is SessionKind.RUN or s.kind in CROSS_KINDS:
        band = "easy"
    elif s.kind is SessionKind.STRENGTH:
        band = "strength"
    elif s.kind is SessionKind.WALK and s.ladder_step == 0:
        band = "brisk"
    else:
        return 0.0
    rpe = _mean(band) if s.effort is None else (s.effort.rpe_low + s.effort.rpe_high) / 2
    return rpe * s.duration_min


def _usual(runner: Runner) -> tuple[float, float, float]:
    """The usual week's run, cross-training and strength load."""
    usual_run = runner.weekly_run_minutes / runner.run_days
    easy = _mean("easy")
    return (
        easy * runner.weekly_run_minutes,
        easy * usual_run * runner.cross_days,
        _mean("strength") * L5_STRENGTH_MINUTES * runner.strength_days,
    )


def usual_floor(runner: Runner) -> float:
    """L5's floor: a quarter of the usual week's load."""
    return L5_FLOOR * sum(_usual(runner))


def _before(ctx: Context, day: date, log: PainLog) -> float:
    """A day before the plan: a seventh of the usual week less what its stops forbade."""
    run, cross, strength = _usual(ctx.runner)
    active: list[Stop] = [s for s in ctx.derivation.stops if s.active(day)]
    if any(s.rule in BLOCKING for s in active):
        return 0.0
    if not active:
        return (run + cross + strength) / 7
    no_cross = any(
        (s.rule in NO_CROSS and not s.rest)
        or (s.rule in CROSS_IF_PAIN_FREE and not log.pain_free(day, s.start))
        for s in active
    )
    return 0.0 if no_cross else cross / 7


def daily_loads(ctx: Context) -> dict[date, float]:
    """Load per day: the 27 days before the plan (as logged where the log covers them,
    H3), then the plan's sessions."""
    log = PainLog(ctx.runner.checkins)
    loads = {
        ctx.plan.start - timedelta(days=k): _before(ctx, ctx.plan.start - timedelta(days=k), log)
        for k in range(1, L5_CHRONIC_DAYS)
    }
    if ctx.logged is not None:
        loads.update(ctx.logged.loads)  # H3: the days the log covers, as logged
    for day, s in ctx.sessions:
        loads[day] = loads.get(day, 0.0) + load_of(s)
    return loads


def _other_loads(ctx: Context) -> dict[date, float]:
    """The plan's load per day from its sessions other than ladder sessions (R4)."""
    others: dict[date, float] = {}
    for day, s in ctx.sessions:
        if s.ladder_step is None:
            others[day] = others.get(day, 0.0) + load_of(s)
    return others


#: The day offsets of the windows, made once (the windows are summed often).
_BACK = tuple(timedelta(days=k) for k in range(L5_CHRONIC_DAYS))


def _sum(loads: Mapping[date, float], day: date, n_days: int) -> float:
    get = loads.get
    return sum([get(day - back, 0.0) for back in _BACK[:n_days]])


def _chronic(loads: Mapping[date, float], day: date) -> float:
    return _sum(loads, day, L5_CHRONIC_DAYS) * L5_ACUTE_DAYS / L5_CHRONIC_DAYS


def _excess(acute: float, before: float, chronic: float, floor: float) -> float:
    if acute <= before + _SLACK:
        return 0.0  # holding the previous 7 days' load is allowed
    return max(0.0, acute - max(L5_RATIO * max(chronic, floor), before))


def _owed(
    loads: Mapping[date, float], others: Mapping[date, float], day: date, floor: float
) -> float:
    """What the plan's sessions other than ladder sessions, in the 7 days ending ``day``,
    add to its excess over L5's cap (0: none; the days before the plan are not the
    plan's to change, and ladder sessions are never shortened or left out, R4)."""
    acute = _sum(loads, day, L5_ACUTE_DAYS)
    before = _sum(loads, day - timedelta(days=L5_ACUTE_DAYS), L5_ACUTE_DAYS)
    chronic = _chronic(loads, day)
    excess = _excess(acute, before, chronic, floor)
    if excess <= _SLACK:
        return 0.0
    mine = _sum(others, day, L5_ACUTE_DAYS)
    ratio = L5_ACUTE_DAYS / L5_CHRONIC_DAYS  # the acute days are part of the chronic sum
    return excess - _excess(acute - mine, before, chronic - mine * ratio, floor)


def _race_days(ctx: Context) -> frozenset[date]:
    """T2: the race's 7 days, when its note says it lifts the load over L5's cap."""
    race = ctx.runner.race
    if race is None or not ctx.taper:
        return frozenset()
    if not any("T2" in a.rules and "L5" in a.rules for a in ctx.plan.advisories):
        return frozenset()
    return frozenset(race.date + timedelta(days=k) for k in range(L5_ACUTE_DAYS))


def check_load_ratio(ctx: Context) -> Iterator[Violation]:
    """L5: from the plan's first day, a rising acute load stays within 1.3 x the larger of
    the chronic load and the floor (a quarter of the usual week's load), and the weeks'
    ``totals`` match their sessions; the daily loads are computed once for both."""
    floor = usual_floor(ctx.runner)
    loads = daily_loads(ctx)
    yield from _ratio_violations(ctx, loads, floor)
    yield from _totals_violations(ctx, loads, floor)


def _ratio_violations(
    ctx: Context, loads: Mapping[date, float], floor: float
) -> Iterator[Violation]:
    others = _other_loads(ctx)
    waived = _race_days(ctx)
    for week in ctx.plan.weeks:
        for day in week_dates(week):
            if day in waived or _owed(loads, others, day, floor) <= _SLACK:
                continue
            acute = _sum(loads, day, L5_ACUTE_DAYS)
            chronic = _chronic(loads, day)
            yield Violation(
                "L5",
                f"on {day} the 7-day load {acute:.0f} exceeds {L5_RATIO:g} x "
                f"max(chronic {chronic:.0f}, floor {floor:.0f}) and the 7 days before it",
                day,
            )
            break  # one per week


def _totals_violations(
    ctx: Context, loads: Mapping[date, float], floor: float
) -> Iterator[Violation]:
    """A week's ``totals``, where given, match its sessions (the plan's numbers are for
    display; the validator's own are the ones it judges by)."""
    for i, week in enumerate(ctx.plan.weeks):
        if week.totals is None:
            continue
        expected = _totals(week, loads, floor)
        got = week.totals
        stated = (got.run_min, got.cross_min, got.strength_min, got.load, got.acwr or 0.0)
        slack = (0, 0, 0, 0.05 + TOLERANCE, 0.005 + TOLERANCE)
        if any(abs(a - b) > s for a, b, s in zip(stated, expected, slack, strict=True)):
            yield Violation(
                "L5",
                f"{week_label(i, week)} states totals {stated}, its sessions give "
                f"{tuple(round(x, 2) for x in expected)}",
                week.start,
            )


def _totals(
    week: Week, loads: Mapping[date, float], floor: float
) -> tuple[int, int, int, float, float]:
    sessions = [s for d in week.days for s in d.sessions]

    def minutes(*kinds: SessionKind) -> int:
        return sum(s.duration_min for s in sessions if s.kind in kinds)

    ratios = [
        _sum(loads, d, L5_ACUTE_DAYS) / max(_chronic(loads, d), floor)
        for d in (day.date for day in week.days)
        if max(_chronic(loads, d), floor) > 0
    ]
    return (
        minutes(SessionKind.RUN),
        minutes(*CROSS_KINDS),
        minutes(SessionKind.STRENGTH),
        round(sum(load_of(s) for s in sessions), 1),
        round(max(ratios, default=0.0), 2),
    )
