"""Step 5, last part: say which wish gave way, and why (P3), plus the plan-wide shoe note (A5).

A week that plans fewer runs, cross-training days or strength sessions than wished, a
long run off its day, or fewer run minutes than the target, gets a dated note that
names the rule that stood in the way.  The notes explain; they never change the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from runplan.models import WEEKDAYS, Advisory, AdvisoryKind, Day, Runner, SessionKind, Weekday
from runplan.rules.limits import LONG_RUN_GROWTH, LOOKBACK_DAYS, SHOE_REPLACE_KM, SHOE_WARN_KM
from runplan.schedule.placement import DayInput
from runplan.schedule.sessions import WeekLayout
from runplan.schedule.targets import Lengths

__all__ = ["shoe_notes", "volume_shortfall", "week_shortfalls"]

#: The red-flag and return rules speak through their own advisories only.
_QUIET_RULES = frozenset({"R3", "A11", "S1", "S2"})


class _Shortfall(NamedTuple):
    rules: tuple[str, ...]  # the rules that stood in the way, besides P3 and the back's
    text: str


class _Week(NamedTuple):
    """One week as the notes read it."""

    runner: Runner
    layout: WeekLayout
    days: tuple[DayInput, ...]  # as placement saw them (walk-run step days taken)
    names: list[str]  # weekday names by offset


def week_shortfalls(
    runner: Runner,
    layout: WeekLayout,
    days: tuple[DayInput, ...],
    ran_before: bool,
    built: Sequence[Day],
) -> list[Advisory]:
    """P3: a note for each wish of the week that gave way (``built``: the written days)."""
    names = [WEEKDAYS[(layout.start + timedelta(days=i)).weekday()].value for i in range(7)]
    week = _Week(runner, layout, days, names)
    back = sorted({r for a in layout.allowances for r in a.rules if r not in _QUIET_RULES})
    because = (
        f"the back rules ({', '.join(back)}) pause or limit running, cross-training "
        "or strength on some days; "
        if back
        else ""
    )
    n_runs = layout.placed.count("long", "run") + len(layout.ladder)
    found = (
        _fewer_runs(week, n_runs, ran_before, paused=bool(back)),
        _fewer_cross(week, n_runs),
        _fewer_strength(week),
        _long_run_moved(week, built),
    )
    return [
        Advisory(
            kind=AdvisoryKind.NOTE,
            date=layout.start,
            rules=list(dict.fromkeys(["P3", *s.rules, *back])),
            message=f"Week of {layout.start.isoformat()}: {because}{s.text}",
        )
        for s in found
        if s is not None
    ]


def _fewer_runs(week: _Week, n_runs: int, ran_before: bool, *, paused: bool) -> _Shortfall | None:
    """A1/A4: fewer runs than wished."""
    runner, lengths, days = week.runner, week.layout.lengths, week.days
    if n_runs >= runner.run_days:
        return None
    room = [week.names[i] for i, d in enumerate(days) if d.run_ok and d.fits(lengths.run)]
    why = (
        f"only {_join(room)} {'has' if len(room) == 1 else 'have'} room for a "
        f"{lengths.run}-minute run"
        if room
        else f"no other day has room for a {lengths.run}-minute run"
    )
    if not any(d.run_ok for d in days) and paused:
        why = "ordinary runs are paused all week by the back rules"
    extra = " and the previous week ends with a run" if ran_before else ""
    return _Shortfall(
        ("A1", "A4"),
        f"{n_runs} of {runner.run_days} wished runs planned: {why}, runs "
        f"may not fall on consecutive days (A4){extra}, and one day stays free for rest.",
    )


def _fewer_cross(week: _Week, n_runs: int) -> _Shortfall | None:
    """A1/X1: fewer bike or swim days than wished."""
    runner = week.runner
    n_cross = week.layout.placed.count("cross")
    if n_cross >= runner.cross_days:
        return None
    return _Shortfall(
        ("A1", "X1"),
        f"{n_cross} of {runner.cross_days} wished bike or swim days planned: "
        + _cross_reason(week, n_runs),
    )


def _cross_reason(week: _Week, n_runs: int) -> str:
    runner, minutes = week.runner, week.layout.lengths.cross
    if not runner.has_bike and not any(runner.can_swim_on(w) for w in WEEKDAYS):
        return "there is no bike and no pool in the equipment, and cross-training needs one (X1)."
    room = [week.names[i] for i, d in enumerate(week.days) if d.cross_ok and d.fits(minutes)]
    if not room:
        return (
            f"no day with a bike or an open pool has a window for a {minutes}-minute session (X1)."
        )
    return (
        f"of the {len(room)} days with room ({_join(room)}), {n_runs} hold runs; a day "
        "never holds both a run and a cross-training session (P2), and one day a week "
        "stays free for rest (L3)."
    )


def _fewer_strength(week: _Week) -> _Shortfall | None:
    """A3: fewer strength sessions than wished."""
    runner, minutes = week.runner, week.layout.lengths.strength
    n_strength = week.layout.placed.count("strength")
    if n_strength >= runner.strength_days:
        return None
    why = (
        f"no other window has room for a {minutes}-minute session beside "
        "the day's other session (P2) while a full rest day is kept (L3)."
        if any(d.strength_ok for d in week.days)
        else "strength work is paused all week by the back rules."
    )
    return _Shortfall(
        ("A3",), f"{n_strength} of {runner.strength_days} wished strength sessions planned: {why}"
    )


def _long_run_moved(week: _Week, built: Sequence[Day]) -> _Shortfall | None:
    """The longest run is not on the wished long-run day."""
    wished_day = week.runner.long_run_day
    runs = [(d.date, s) for d in built for s in d.sessions if s.kind is SessionKind.RUN]
    if wished_day is None or not runs:
        return None
    longest = max(s.duration_min for _, s in runs)
    if any(Weekday.of(d) is wished_day and s.duration_min == longest for d, s in runs):
        return None
    if any(s.ladder_step for _, s in runs):
        return _Shortfall(
            ("R2",),
            "the longest run is not on the long-run day: the walk-run "
            "steps have fixed lengths and go where the usual runs would be (R2).",
        )
    wished = (wished_day.number - week.layout.start.weekday()) % 7
    return _Shortfall((), _long_reason(week, wished))


def _long_reason(week: _Week, wished: int) -> str:
    day_name = week.runner.long_run_day.value if week.runner.long_run_day else "?"
    lengths: Lengths = week.layout.lengths
    day = week.days[wished]
    where = (
        "on another day"
        if week.layout.placed.long_day is not None
        else "not planned; the runs are all of easy length"
    )
    if not day.run_ok:
        why = f"running is not allowed on {day_name} this week"
    elif not day.intervals:
        why = f"{day_name} has no availability window"
    elif not day.fits(lengths.long):
        why = f"no {day_name} window is long enough for the {lengths.long}-minute long run"
    else:
        why = f"a run on {day_name} would break the run spacing (A4)"
    return f"the long run is {where}: {why}."


def volume_shortfall(
    runner: Runner, week_start: date, got: int, wanted: int, lengths: Lengths, cap: int | None
) -> Advisory:
    """P3/L1: the week runs fewer minutes than its target (``cap``: the L4 cap)."""
    why = [
        f"the runs fit the windows at {lengths.run} minutes"
        + (f" ({lengths.long} for the long run)" if lengths.long != lengths.run else "")
    ]
    if cap is not None:
        why.append(
            f"no run may exceed {LONG_RUN_GROWTH:g} times the longest of the past "
            f"{LOOKBACK_DAYS} days (L4): {cap + runner.warmup_minutes} minutes"
        )
    return Advisory(
        kind=AdvisoryKind.NOTE,
        date=week_start,
        rules=["P3", "L1"],
        message=(
            f"Week of {week_start.isoformat()}: {got} of {wanted} run minutes planned: "
            + "; ".join(why)
            + "."
        ),
    )


def shoe_notes(runner: Runner, start: date) -> list[Advisory]:
    """Plan-wide notes: shoe distance (A5)."""
    km = runner.shoe_km
    if km is None or km < SHOE_WARN_KM:
        return []
    if km >= SHOE_REPLACE_KM:
        text = (
            f"Your running shoes have about {km:g} km on them, past the "
            f"{SHOE_REPLACE_KM} km by which replacing them is usually suggested: consider "
            "a new, well-cushioned pair."
        )
    else:
        text = (
            f"Your running shoes have about {km:g} km on them: plan to replace them by "
            f"about {SHOE_REPLACE_KM} km (a convention, not a proven limit)."
        )
    return [Advisory(kind=AdvisoryKind.NOTE, date=start, message=text, rules=["A5"])]


def _join(items: list[str]) -> str:
    return ", ".join(items) if items else "none"
