"""The day walk: replay every day from the first relevant date to the plan's end and say
what each plan day allows (docs/conditions.md).

Days before the plan are walked too, because conditions and check-ins from before it
decide its first days (open stops, A7 windows, the ladder position).  Each day the walk
first replays the day's events (:mod:`runplan.timeline.episodes`), then updates the
ladder, then asks what the day allows; the asking changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import NamedTuple

from runplan.models import CheckIn, Condition, Runner
from runplan.rules.limits import LADDER, R3_RUN_PAIN, STRAIN_CONDITIONS
from runplan.timeline.advice import dated_advisories
from runplan.timeline.allowance import FULL, Allowance, LadderState, RunMode, Timeline
from runplan.timeline.episodes import Replay, usual_run
from runplan.timeline.records import RUNNING_STOPS, Episode, Stop

__all__ = ["LADDER_STEPS", "derive_timeline"]

#: R2's walk-run ladder (the contract's :data:`runplan.rules.limits.LADDER`).
LADDER_STEPS = LADDER

#: The order of a day's rules: its stops' rules in this order, A7 first, then R2, R3.
_STOP_ORDER = ("S1", "S2", "S3", "A8", "A9", "A10", "A11", "R1")


def derive_timeline(runner: Runner, start: date, n_days: int) -> Timeline:
    """The allowance of every day from ``start`` for ``n_days`` days, and the advisories."""
    end = start + timedelta(days=n_days - 1)
    if not runner.conditions and not runner.checkins:
        return Timeline(start=start, days=tuple(FULL for _ in range(n_days)))
    onsets: dict[date, list[Condition]] = {}
    for condition in runner.conditions:
        onsets.setdefault(condition.onset, []).append(condition)
    replay = Replay(runner, checkins={c.date: c for c in runner.checkins}, onsets=onsets)
    firsts = [c.onset for c in runner.conditions] + [c.date for c in runner.checkins]
    days: list[Allowance] = []
    ladder_at_start: LadderState | None = None
    for day in _dates(min([start, *firsts]), end):
        allowance = _walk_day(replay, day)
        if day < start:
            _replay_logged_run(replay, allowance, replay.checkins.get(day))
            continue
        if day == start:
            ladder_at_start = replay.ladder
        days.append(FULL if allowance == FULL else allowance)  # share the FULL object
    advisories = dated_advisories(
        replay.notes, replay.episodes, replay.checkins, start, end, runner.strain_rest_days, days
    )
    return Timeline(start=start, days=tuple(days), advisories=advisories, ladder=ladder_at_start)


def _dates(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _walk_day(replay: Replay, day: date) -> Allowance:
    """Replay ``day``'s events, update the ladder, then read the day's allowance."""
    restart = replay.events(day)
    rest = _rest_on(replay, day)
    resume = _interrupt_ladder(replay, rest)
    allowance = _allowance(replay, day, rest, restart, replay.checkins.get(day))
    return replace(allowance, ladder_resume=True) if resume else allowance


def _interrupt_ladder(replay: Replay, rest: _Rest) -> bool:
    """R4: an A7 rest (a strain window, or a painful day's rest) during the ladder resumes
    it one step below the step reached, once per rest; a stop that needs a clearance
    restarts it at step 0 when cleared (:meth:`Replay.clear`), and a blocked day leaves
    it for the red flag's clearance.  True on the first day of such a rest."""
    ladder = replay.ladder
    if ladder is None or ladder.complete or rest.blocked:
        return False
    if not rest.resting:
        if ladder.paused:
            replay.ladder = replace(ladder, paused=False)
        return False
    if ladder.paused or rest.running:
        return False
    replay.ladder = ladder.resumed()
    return True


class _Rest(NamedTuple):
    """What rests the back on one day: the active stops and the A7 rest."""

    active: list[Stop]  # every stop active that day
    running: list[Stop]  # those that stop running
    window: list[Episode]  # strain episodes whose A7 window holds the day
    painful: bool  # a rested painful day's window holds the day (A7, resting wins)
    blocked: bool  # S1/S2: no session of any kind

    @property
    def resting(self) -> bool:
        return bool(self.window or self.running or self.painful)


def _rest_on(replay: Replay, day: date) -> _Rest:
    active = replay.active(day)
    rest = timedelta(days=replay.runner.strain_rest_days)
    return _Rest(
        active=active,
        running=[s for s in active if s.rule in RUNNING_STOPS],
        window=[e for e in _recent(replay.episodes, day, rest) if e.kind in STRAIN_CONDITIONS],
        painful=any(d <= day < d + rest for d in _recent_days(replay.rested, day, rest)),
        blocked=any(s.rule in {"S1", "S2"} for s in active),
    )


def _allowance(
    replay: Replay, day: date, rest: _Rest, restart: bool, c: CheckIn | None
) -> Allowance:
    """The day's allowance: the most restrictive answer of its stops (docs/conditions.md)."""
    rules = sorted({s.rule for s in rest.active}, key=_STOP_ORDER.index)
    if rest.window or rest.painful:
        rules.insert(0, "A7")
    if rest.blocked:
        return Allowance(
            run=RunMode.NONE, cross=False, strength=False, blocked=True, rules=tuple(rules)
        )
    mode = _run_mode(rest, replay.ladder)
    if mode is RunMode.LADDER:
        rules.append("R2")
    step_back = c is not None and (
        (c.run_pain is not None and c.run_pain > R3_RUN_PAIN) or c.settled_by_morning is False
    )
    if step_back:
        rules.append("R3")
    return Allowance(
        run=mode,
        cross=not rest.window and all(_cross_ok(replay, day, s) for s in rest.running),
        strength=not rest.resting,
        recovery=_recovery(rest, day),
        mobility=_mobility(rest),
        run_cap=usual_run(replay.runner) if any(s.rule == "A11" for s in rest.active) else None,
        ladder_restart=restart,
        step_back=step_back,
        rules=tuple(rules),
    )


def _run_mode(rest: _Rest, ladder: LadderState | None) -> RunMode:
    if rest.resting:
        return RunMode.NONE
    if ladder is not None and not ladder.complete:
        return RunMode.LADDER
    return RunMode.FULL


def _recovery(rest: _Rest, day: date) -> str | None:
    """A7: ice on the onset day, heat on the window's other days."""
    if not rest.window:
        return None
    return "ice" if any(e.start == day for e in rest.window) else "heat"


def _mobility(rest: _Rest) -> str | None:
    """A7 and every running stop: gentle mobility; A10: physical-therapy exercises."""
    if not rest.resting:
        return None
    return "pt" if any(s.rule == "A10" for s in rest.running) else "gentle"


def _cross_ok(replay: Replay, day: date, stop: Stop) -> bool:
    """A9/A10: bike or swim only on a known pain-free day; other stops allow it."""
    if stop.rule not in {"A9", "A10"}:
        return True
    last = replay.latest
    if last is None or not stop.begin <= last.date <= day:
        return False
    return last.pain == 0 and not last.radiating


def _recent(episodes: list[Episode], day: date, rest: timedelta) -> Iterator[Episode]:
    """The episodes whose A7 window may hold ``day``: episodes are made in date order,
    so the walk back from the newest stops at the first whose window has passed."""
    for e in reversed(episodes):
        if e.start + rest <= day:
            return
        if e.start <= day:
            yield e


def _recent_days(days: list[date], day: date, rest: timedelta) -> Iterator[date]:
    """As :func:`_recent`, for the painful days that rest running (in date order)."""
    for d in reversed(days):
        if d + rest <= day:
            return
        yield d


def _replay_logged_run(replay: Replay, allowance: Allowance, c: CheckIn | None) -> None:
    """Before the plan: a session the runner logged (a check-in with ``run_pain``) on a
    ladder day counts as done at the step it fell on, the brisk walk included (R2)."""
    if replay.ladder is None:
        return
    if c is not None and c.run_pain is not None and allowance.run is RunMode.LADDER:
        replay.ladder = replay.ladder.after(allowance.step_back)
    elif allowance.step_back and not replay.ladder.complete:
        replay.ladder = replay.ladder.back()
