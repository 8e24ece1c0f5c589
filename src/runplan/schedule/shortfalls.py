"""Step 5, last part: say which wish gave way, and why (P3), plus the plan-wide shoe note (A5).

A week that plans fewer runs, cross-training days or strength sessions than wished, a
long run off its day, or fewer run minutes than the target, gets a dated note that
names the rule that stood in the way.  The notes explain; they never change the plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from runplan.models import WEEKDAYS, Advisory, AdvisoryKind, Day, Runner, SessionKind, Weekday
from runplan.rules import RULES
from runplan.rules.limits import LONG_RUN_GROWTH, LOOKBACK_DAYS, SHOE_REPLACE_KM, SHOE_WARN_KM
from runplan.schedule.placement import DayInput
from runplan.schedule.sessions import WeekLayout
from runplan.schedule.targets import MIN_RUNNING, Lengths
from runplan.timeline import Allowance, RunMode

__all__ = ["named", "shoe_notes", "volume_shortfall", "week_shortfalls"]

#: The back rules that keep a kind of session off a day (A11 only caps runs; R3 steps the
#: ladder back): P3 names these when they stopped a session (P4).
_RUN_STOPS = ("S1", "S2", "S3", "A7", "A8", "A9", "A10", "R1")
#: Of those, the ones that keep bike and swim off a day (S3, A8 and R1 allow them).
_CROSS_STOPS = ("S1", "S2", "A7", "A9", "A10")
_RED_FLAGS = frozenset({"S1", "S2"})


class _Shortfall(NamedTuple):
    rules: tuple[str, ...]  # the rules that stood in the way, besides P3
    text: str


class _Week(NamedTuple):
    """One week as the notes read it."""

    runner: Runner
    layout: WeekLayout
    days: tuple[DayInput, ...]  # as placement saw them (walk-run step days taken)
    names: list[str]  # weekday names by offset

    def stopped(self, stops: Sequence[str], allowed: Callable[[Allowance], bool]) -> list[str]:
        """P4: the back rules that kept a kind of session off days with a window."""
        found = {
            r
            for d, a in zip(self.days, self.layout.allowances, strict=True)
            if d.intervals and not allowed(a)
            for r in a.rules
            if r in stops
        }
        return [r for r in stops if r in found]


def week_shortfalls(
    runner: Runner,
    layout: WeekLayout,
    days: tuple[DayInput, ...],
    ran_before: bool,
    built: Sequence[Day],
    *,
    held: bool = False,
) -> list[Advisory]:
    """P3: a note for each wish of the week that gave way (``built``: the written days;
    ``held``: the week's target held fewer runs than wished),
    naming the rules that actually stopped the sessions (P4).  The notes are dated on the
    week's first day; :func:`runplan.schedule.advisories.plan_advisories` merges a cause
    that repeats over consecutive weeks into one note with its range."""
    names = [WEEKDAYS[(layout.start + timedelta(days=i)).weekday()].value for i in range(7)]
    week = _Week(runner, layout, days, names)
    n_runs = layout.placed.count("long", "run") + sum(p.step > 0 for p in layout.ladder.values())
    found = (
        _fewer_runs(week, n_runs, ran_before, held),
        _fewer_cross(week, n_runs),
        _fewer_strength(week),
        _long_run_moved(week, built),
    )
    return [
        Advisory(
            kind=AdvisoryKind.NOTE,
            date=layout.start,
            # S1/S2 speak through their urgent advisory only: named in the text, not cited
            rules=list(dict.fromkeys(["P3", *(r for r in s.rules if r not in _RED_FLAGS)])),
            message=s.text,
        )
        for s in found
        if s is not None
    ]


def named(rules: Sequence[str]) -> str:
    """Rules as a runner reads them: short title and id, e.g. "disc problems (A10)"."""
    return ", ".join(f"{RULES[r].title} ({r})" for r in rules)


def _fewer_runs(week: _Week, n_runs: int, ran_before: bool, held: bool) -> _Shortfall | None:
    """A1/A4: fewer runs than wished; the back rules that paused running named (P4);
    ``held``: the week's target minutes held fewer runs (L1/L2)."""
    runner, lengths, days = week.runner, week.layout.lengths, week.days
    if n_runs >= runner.run_days:
        return None
    stopped = week.stopped((*_RUN_STOPS, "R2"), lambda a: a.run is RunMode.FULL)
    head = f"{n_runs} of {runner.run_days} wished runs planned: "
    if stopped and not any(d.run_ok and d.intervals for d in days):
        return _Shortfall(
            tuple(stopped), f"{head}ordinary runs are paused all week by {named(stopped)}."
        )
    room = [week.names[i] for i, d in enumerate(days) if d.run_ok and d.fits(lengths.run)]
    if held:
        rule, what = ("L2", "recovery week") if week.layout.recovery else ("L1", "week")
        paused = f"; ordinary runs are paused on some days by {named(stopped)}" if stopped else ""
        return _Shortfall(
            (rule, "A1", *stopped),
            f"{head}the {what}'s run minutes ({rule}) hold "
            f"{f'only {n_runs}' if n_runs else 'no'} run{'' if n_runs == 1 else 's'} of at least "
            f"{runner.warmup_minutes + MIN_RUNNING} minutes, the shortest run worth the "
            f"trip{paused}.",
        )
    why = (
        f"only {_join(room)} {'has' if len(room) == 1 else 'have'} room for a "
        f"{lengths.run}-minute run"
        if room
        else f"no other day has room for a {lengths.run}-minute run"
    )
    paused = f"; ordinary runs are paused on other days by {named(stopped)}" if stopped else ""
    extra = " and the previous week ends with a run" if ran_before else ""
    return _Shortfall(
        ("A1", "A4", *stopped),
        f"{head}{why}{paused}, runs may not fall on consecutive days (A4){extra}, and one day "
        "stays free for rest.",
    )


def _fewer_cross(week: _Week, n_runs: int) -> _Shortfall | None:
    """A1: fewer bike or swim days than wished, and the rule that stopped them (P4): the
    equipment or windows (X1), the back rules, or the days the runs took (P2, L3)."""
    runner, minutes = week.runner, week.layout.lengths.cross
    n_cross = week.layout.placed.count("cross")
    if n_cross >= runner.cross_days:
        return None
    head = f"{n_cross} of {runner.cross_days} wished bike or swim days planned: "
    if not runner.has_bike and not any(runner.can_swim_on(w) for w in WEEKDAYS):
        return _Shortfall(
            ("A1", "X1"),
            f"{head}there is no bike and no pool in the equipment, and cross-training needs "
            "one (X1).",
        )
    stopped = week.stopped(_CROSS_STOPS, lambda a: a.cross)
    equipped = [d for d in week.days if d.intervals and (d.swim_ok or d.bike_ok)]
    if stopped and not any(d.cross_ok for d in equipped):
        pain_free = " (only on days you log as pain-free)" if {"A9", "A10"} & set(stopped) else ""
        return _Shortfall(
            ("A1", *stopped),
            f"{head}bike and swim are paused{pain_free} by {named(stopped)} on every day "
            "with a window and the equipment.",
        )
    room = [week.names[i] for i, d in enumerate(week.days) if d.cross_ok and d.fits(minutes)]
    paused = f"; bike and swim are paused on other days by {named(stopped)}" if stopped else ""
    if not room:
        return _Shortfall(
            ("A1", "X1", *stopped),
            f"{head}no day with a bike or an open pool has a window for a {minutes}-minute "
            f"session (X1){paused}.",
        )
    return _Shortfall(
        ("A1", "P2", "L3", *stopped),
        f"{head}of the {len(room)} days with room ({_join(room)}), {n_runs} hold runs; a day "
        "never holds both a run and a cross-training session (P2), and one day a week "
        f"stays free for rest (L3){paused}.",
    )


def _fewer_strength(week: _Week) -> _Shortfall | None:
    """A3: fewer strength sessions than wished, and the rule that stopped them (P4)."""
    runner, minutes = week.runner, week.layout.lengths.strength
    n_strength = week.layout.placed.count("strength")
    if n_strength >= runner.strength_days:
        return None
    head = f"{n_strength} of {runner.strength_days} wished strength sessions planned: "
    stopped = week.stopped(_RUN_STOPS, lambda a: a.strength)
    if stopped and not any(d.strength_ok and d.intervals for d in week.days):
        return _Shortfall(
            ("A3", *stopped), f"{head}strength work is paused all week by {named(stopped)}."
        )
    paused = f"; strength work is paused on other days by {named(stopped)}" if stopped else ""
    return _Shortfall(
        ("A3", "P2", "L3", *stopped),
        f"{head}no other window has room for a {minutes}-minute session beside the day's "
        f"other session (P2) while a full rest day is kept (L3){paused}.",
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
    allowance = week.layout.allowances[wished]
    stopped = [r for r in _RUN_STOPS if r in allowance.rules and allowance.run is not RunMode.FULL]
    return _Shortfall(tuple(stopped), _long_reason(week, wished))


def _long_reason(week: _Week, wished: int) -> str:
    day_name = week.runner.long_run_day.value if week.runner.long_run_day else "?"
    lengths: Lengths = week.layout.lengths
    day = week.days[wished]
    where = (
        "on another day"
        if week.layout.placed.long_day is not None
        else "not planned; the runs are all of easy length"
    )
    paused = week.layout.allowances[wished].run is not RunMode.FULL
    if not day.intervals:
        why = f"{day_name} has no availability window"
    elif not day.run_ok and paused:
        why = f"ordinary runs are paused on {day_name} this week"
    elif not day.run_ok:
        why = f"{day_name} is not a run day this week"
    elif not day.fits(lengths.long):
        why = f"no {day_name} window is long enough for the {lengths.long}-minute long run"
    else:
        why = f"a run on {day_name} would break the run spacing (A4)"
    return f"the long run is {where}: {why}."


def volume_shortfall(
    runner: Runner, week_start: date, got: int, wanted: int, lengths: Lengths, cap: int | None
) -> Advisory:
    """P3/L1: the week runs fewer minutes than its target, and which rules held it back
    (``cap``: the L4 cap; a long run longer than the easy runs: L6)."""
    long_note = f" ({lengths.long} for the long run)" if lengths.long != lengths.run else ""
    why = [f"the runs fit the windows at {lengths.run} minutes{long_note}"]
    rules = ["P3", "L1"]
    if cap is not None:
        why.append(
            f"no run may exceed {LONG_RUN_GROWTH:g} times the longest of the past "
            f"{LOOKBACK_DAYS} days (L4): {cap + runner.warmup_minutes} minutes"
        )
        rules.append("L4")
    if lengths.long > lengths.run:
        why.append("the easy runs stay clearly shorter than the long run (L6)")
        rules.append("L6")
    return Advisory(
        kind=AdvisoryKind.NOTE,
        date=week_start,
        rules=rules,
        message=f"{got} of {wanted} run minutes planned: " + "; ".join(why) + ".",
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
