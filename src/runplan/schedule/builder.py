"""The week loop: runner -> condition timeline -> weekly targets -> placement -> Plan.

Week by week it sets the running volume (:mod:`~runplan.schedule.targets`: L1 growth, L2
recovery weeks, L4 long-run cap), reads what each day offers
(:mod:`~runplan.schedule.days`), fixes walk-run steps (:mod:`~runplan.schedule.ladder`,
R2/R3), asks :mod:`~runplan.schedule.placement` for the best arrangement of the week,
writes it as sessions (:mod:`~runplan.schedule.sessions`) and notes every wish that gave
way (:mod:`~runplan.schedule.shortfalls`, P3).  It reads no clock: ``start`` and
``revision`` are inputs, so the same input gives the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from runplan.models import Advisory, Day, Plan, Runner, SessionKind, TrainingLog, Week
from runplan.models.calendar import windows_on
from runplan.rules import DISCLAIMER
from runplan.rules.limits import L5_CHRONIC_DAYS, L5_RATIO, LONG_RUN_GROWTH
from runplan.schedule.advisories import plan_advisories
from runplan.schedule.away import away_days, away_notes
from runplan.schedule.content import MISSED_SESSION
from runplan.schedule.crosshold import CrossHold, substitutes
from runplan.schedule.days import WeekDays, day_inputs, long_run_offset
from runplan.schedule.effort import with_effort
from runplan.schedule.free import FreeWeek, free_week
from runplan.schedule.ladder import LadderWeek, ladder_week
from runplan.schedule.leadin import LeadIn, lead_in, lead_note
from runplan.schedule.load import LoadLog, easy_cap, session_load, week_totals
from runplan.schedule.loadtrack import LoadTrack, WeekPlan
from runplan.schedule.placement import DayInput, Placement, WeekInput, place_week
from runplan.schedule.race import (
    RaceWeeks,
    race_cap,
    race_days,
    race_note,
    race_off_note,
    race_session,
    race_target,
    race_weeks,
    with_race,
)
from runplan.schedule.request import check_start, check_weeks, plan_revision
from runplan.schedule.sessions import SessionWriter, ladder_step_session
from runplan.schedule.shortfalls import shoe_notes, volume_shortfall, week_shortfalls
from runplan.schedule.targets import (
    MIN_RUNNING,
    History,
    Lengths,
    WeekTarget,
    ladder_total,
    long_cap,
    run_lengths,
    usual_record,
    week_target,
)
from runplan.timeline import FULL, Allowance, LadderState, RunMode, Timeline, derive_timeline

__all__ = ["plan"]


def plan(
    runner: Runner,
    *,
    start: date,
    weeks: int = 4,
    revision: datetime | None = None,
    log: TrainingLog | None = None,
) -> Plan:
    """Plan ``weeks`` weeks (1-104) from ``start`` (any date; weeks are 7-day blocks).

    ``revision`` is the time the plan is issued (calendar DTSTAMP); it defaults to
    ``start`` at 00:00 UTC so that output never depends on the wall clock.  ``log``: what
    the runner actually did; its activities before ``start`` replace the profile's
    assumptions about those days (H1-H3, docs/log.md).
    """
    weeks = check_weeks(weeks)
    check_start(start, weeks)
    issued = plan_revision(start, revision)
    timeline = derive_timeline(runner, start, weeks * 7)
    lead = lead_in(runner, log, start)
    loop = _week_loop(runner, start, timeline, lead, weeks)
    built = [loop.week(i) for i in range(weeks)]
    # P4: few and true - each cause once per run of weeks, sorted by date
    advisories = plan_advisories(
        [
            *timeline.advisories,
            *loop.advisories,
            *shoe_notes(runner, start),
            *lead_note(runner, lead, start),
            *away_notes(runner, start, weeks * 7),
            *_race_notes(loop),
            *race_off_note(runner, start, weeks),
        ],
        timeline,
    )
    return Plan(
        runner=runner.name,
        runner_id=runner.id,
        timezone=runner.timezone,
        start=start,
        weeks=built,
        advisories=advisories,
        disclaimer=DISCLAIMER,  # S4: every output a runner reads carries it
        guidance=[MISSED_SESSION],  # said once: skip a missed session, never stack it
        revision=issued,
        generator="runplan",
    )


def _week_loop(
    runner: Runner, start: date, timeline: Timeline, lead: LeadIn | None, weeks: int
) -> _WeekLoop:
    """The plan's week loop, with the condition-free loop beside it under back conditions."""
    free_plan = None
    if not timeline.all_full:
        # The same runner without any condition: the real plan may only run where and as
        # long as this one does, so resting the back never adds running (docs/conditions.md).
        free = Timeline(start=start, days=tuple(FULL for _ in range(weeks * 7)))
        free_plan = _WeekLoop(
            runner,
            start,
            free,
            loads=_pre_plan(runner, start, lead, free=True),
            history=_history(lead),
            lead=lead,
            race=race_weeks(runner, start, weeks, free),
        )
    return _WeekLoop(
        runner,
        start,
        timeline,
        free_plan=free_plan,
        ladder=timeline.ladder,
        loads=_pre_plan(runner, start, lead, free=not runner.conditions and not runner.checkins),
        history=_history(lead),
        lead=lead,
        race=race_weeks(runner, start, weeks, timeline),
    )


def _pre_plan(runner: Runner, start: date, lead: LeadIn | None, *, free: bool) -> LoadLog:
    """L5 before the plan: the usual week less what a stop active on those days forbade
    (``free``: no condition, the whole usual week); the days the log covers as logged
    (H3)."""
    before = start - timedelta(days=L5_CHRONIC_DAYS - 1)
    days = (
        tuple(FULL for _ in range(L5_CHRONIC_DAYS - 1))
        if free
        else derive_timeline(runner, before, L5_CHRONIC_DAYS - 1).days
    )
    loads = LoadLog.before(runner, start, days)
    if lead is not None:
        loads.loads.update(lead.loads)
    return loads


def _history(lead: LeadIn | None) -> History:
    """What the first week is planned from: nothing (the profile's usual week), or the
    log's runs and run minutes (H1, H2)."""
    if lead is None:
        return History()
    references = lead.references
    return History(
        runs=list(lead.runs),
        references=references,
        last_total=references[-1],
        grown=lead.grown,
    )


@dataclass(frozen=True, slots=True)
class _Frame:
    """What one week is planned from, before anything is placed."""

    start: date
    allowances: tuple[Allowance, ...]
    target: WeekTarget
    cap: int | None  # L4, running minutes
    long_day: int | None  # offset of the wished long-run day
    free: FreeWeek | None  # the condition-free plan's week, under back conditions
    taper: bool = False  # T1/T2: a taper week, the race week or the easy week after


class _Arranged(NamedTuple):
    placed: Placement
    lengths: Lengths
    fewer: bool = False  # L7: fewer runs fit than wished, each kept short


@dataclass
class _WeekLoop:
    """Carries what links the weeks: load history, the ladder, the bike/swim turn.

    ``free_plan`` is the same runner's condition-free loop, run in step with this one
    when back conditions apply; its weeks bound this one's runs (docs/conditions.md).
    """

    runner: Runner
    start: date
    timeline: Timeline
    free_plan: _WeekLoop | None = None
    ladder: LadderState | None = None
    history: History = field(default_factory=History)
    advisories: list[Advisory] = field(default_factory=list)
    free_weeks: dict[int, FreeWeek] = field(default_factory=dict)  # the free plan's, by index
    peeked: tuple[int, WeekDays, LadderWeek] | None = None  # the next week, looked ahead at
    loads: LoadLog = field(default_factory=lambda: LoadLog(0.0))  # L5
    lead: LeadIn | None = None  # the log's days before the plan (H1-H3)
    race: RaceWeeks | None = None  # the goal race (T1-T3)
    race_long: bool = False  # T2: the race runs longer than L4 allows
    shrunk: dict[int, list[Advisory]] = field(default_factory=dict)  # L5 notes, by week
    writer: SessionWriter = field(init=False)
    track: LoadTrack = field(init=False)  # L5, L6, R4's recovery clause

    def __post_init__(self) -> None:
        self.writer = SessionWriter(self.runner)
        self.track = LoadTrack(self.runner, self.loads)

    def week(self, index: int) -> Week:
        """Plan week ``index`` (0-based); weeks must be asked for in order."""
        runner = self.runner
        frame = self._frame(index)
        inputs, ladder = self._inputs(index, frame)
        self.advisories += [*inputs.notes, *ladder.notes]
        self.ladder = ladder.state
        # Restricted (docs/conditions.md): a day without running, a blocked day, or a day
        # still on the way back (a ladder step, or the ladder waiting).
        restricted = ladder.returning or any(
            a.blocked or a.run is RunMode.NONE for a in frame.allowances
        )
        ran_before = self.history.ran_on(frame.start - timedelta(days=1))
        asked = runner.run_days - ladder.runs  # running ladder steps (R2)
        asked -= _race_week(self.race, index)  # T2: the race is one of the week's runs
        wished = _runs_for_target(runner, frame.target, asked)
        week, hold = self._week_plan(
            frame, inputs.days, ladder, (wished, asked), ran_before, restricted
        )
        ahead = self._ladder_ahead(index)
        fitted = self.track.write(self.writer, week, hold, ahead)  # L5, L6 (recovery), X2
        self.writer, built = fitted.writer, fitted.days
        self.history.add_runs(built, runner.warmup_minutes)
        built = _race_day(self, index, built)  # T2, after the runs L4 looks back at
        shortened = week.fewer or fitted.step is not None  # L7 / L5
        if not all(a.blocked for a in frame.allowances):
            shortfalls = week_shortfalls(
                runner, fitted.planned, ladder.days, ran_before, built, held=wished < asked
            )
            self.advisories += shortfalls
            notes = self.track.notes(week, fitted, hold, restricted=restricted)
            self.shrunk[index] = [n for n in notes if "L5" in n.rules] if fitted.step else []
            inherited = [] if shortened or restricted else _free_shrunk(self, index)
            shortened = shortened or bool(inherited)
            self.advisories += [*notes, *inherited]
        shortfall = _close_week(
            runner,
            self.history,
            _Closing(frame, inputs.days, fitted.layout.lengths, restricted),
            built,
            shortened=shortened,
        )
        self.advisories += [shortfall] if shortfall is not None else []
        return Week(
            start=frame.start,
            days=built,
            recovery_week=frame.target.recovery,
            totals=week_totals(built, self.track.loads),
        )

    def _week_plan(
        self,
        frame: _Frame,
        days: tuple[DayInput, ...],
        ladder: LadderWeek,
        runs: tuple[int, int],
        ran_before: bool,
        restricted: bool,
    ) -> tuple[WeekPlan, CrossHold]:
        """The week placed, with X2's rides and swims in place of the runs a rule stops
        (``runs``: the runs the week's target holds, and the runs asked for)."""
        runner = self.runner
        wished, asked = runs
        hold = substitutes(
            runner, frame.start, ladder.days, frame.allowances, frame.free, frame.target.total
        )
        if restricted:
            # In a week the back rules restrict, no run grows because others were dropped:
            # lengths stay those of the wished number of runs (resting never adds running).
            usual = _lengths(runner, frame, frame.target.total, runner.run_days, frame.cap, days)
            arranged = _Arranged(_place(runner, frame, hold.days, usual, wished, ran_before), usual)
        else:
            arranged = _arrange(self.runner, frame, hold.days, wished, ran_before, asked)
        week = WeekPlan(
            frame.start,
            arranged.placed,
            arranged.lengths,
            frame.target.recovery,
            ladder.steps,
            frame.allowances,
            frame.free,
            frame.target.total,
            arranged.fewer,
            frame.taper,
        )
        return week, hold

    def _free_week(self, index: int) -> FreeWeek | None:
        """The condition-free plan's week ``index`` (its weeks are made once, in order)."""
        if self.free_plan is None:
            return None
        if index not in self.free_weeks:
            self.free_weeks[index] = free_week(self.free_plan.week(index), self.runner.zone)
        return self.free_weeks[index]

    def _allowances(self, week_start: date) -> tuple[Allowance, ...]:
        return tuple(self.timeline.on(week_start + timedelta(days=i)) for i in range(7))

    def _inputs(self, index: int, frame: _Frame) -> tuple[WeekDays, LadderWeek]:
        """The week's day inputs and ladder sessions (R2-R4: the steps have fixed
        lengths), as the week before looked ahead at them, or made now."""
        peeked, self.peeked = self.peeked, None
        if peeked is not None and peeked[0] == index:
            return peeked[1], peeked[2]
        inputs = day_inputs(self.runner, frame.start, frame.allowances)
        inputs = inputs._replace(days=race_days(self.race, frame.start, inputs.days))  # T2
        steps = ladder_week(
            self.runner, self.ladder, frame.start, inputs.days, frame.allowances, frame.free
        )
        return inputs, steps

    def _ladder_ahead(self, index: int) -> dict[date, float]:
        """R4 with L5: the load of the next week's ladder sessions, by date.  They are
        fixed already (the ladder's state after this week decides them) and never
        shortened, so this week leaves room for them in their 7-day windows; the next
        week takes them as they are (:meth:`_inputs`)."""
        week_start = self.start + timedelta(days=7 * (index + 1))
        allowances = self._allowances(week_start)
        if not any(a.run is RunMode.LADDER for a in allowances):
            return {}
        inputs = day_inputs(self.runner, week_start, allowances)
        free = self._free_week(index + 1)
        steps = ladder_week(self.runner, self.ladder, week_start, inputs.days, allowances, free)
        self.peeked = (index + 1, inputs, steps)
        loads: dict[date, float] = {}
        for offset, pick in steps.steps.items():
            day = week_start + timedelta(days=offset)
            loads[day] = session_load(with_effort(ladder_step_session(self.runner, day, pick)))
        return loads

    def _frame(self, index: int) -> _Frame:
        week_start = self.start + timedelta(days=7 * index)
        race = self.race
        if race is not None and race.pending and index == min(race.shares):
            ladder = self.ladder
            done = ladder is None or ladder.complete
            self.race = race.decide(done, ladder.ran if ladder is not None else None)  # T3
        allowances = self._allowances(week_start)
        target = week_target(
            self.runner,
            self.history,
            index,
            recovery_ok=self.track.recovery_ok(week_start, allowances, self.ladder),
        )
        peak = self.history.growth_ran
        assumed = (
            self.lead.restart if self.lead is not None else usual_record(self.runner, self.start)
        )
        cap = long_cap(self.runner, self.start, self.history.runs, week_start, assumed=assumed)
        return _Frame(
            start=week_start,
            allowances=allowances,
            target=race_target(
                self.race,
                index,
                target,
                peak or self.runner.weekly_run_minutes,
                self.history.last_total,
            ),
            cap=race_cap(self.race, week_start, self.history.runs, cap, assumed),  # T1
            long_day=None
            if _race_or_after(self.race, index)
            else long_run_offset(self.runner, week_start),
            free=self._free_week(index),
            taper=self.race is not None and index in self.race.shares,
        )


def _free_shrunk(loop: _WeekLoop, index: int) -> list[Advisory]:
    """L5 under back conditions: an unrestricted week runs within the condition-free
    plan's runs, so when L5 shortened that plan's week, this week is shortened too:
    it stands for its unshrunk target (L1, as the free plan's does) and says so.
    Without this, the plan with fewer conditions grew from the shrunk week and ended
    up running less than one with more (resting never adds running)."""
    if loop.free_plan is None:
        return []
    return list(loop.free_plan.shrunk.get(index, ()))


def _race_day(loop: _WeekLoop, index: int, built: list[Day]) -> list[Day]:
    """T2: the race on its day in its week, its load counted (L5), and its note
    saying which load rules the race itself breaks."""
    race = loop.race
    if race is None or race.blocked or race.week != index:
        return built
    offset = (race.day - built[0].date).days
    windows = [(w.start_minute, w.end_minute) for w in windows_on(loop.runner, race.day)]
    session = race_session(loop.runner, race, windows)
    built = [*built[:offset], with_race(built[offset], session), *built[offset + 1 :]]
    loop.track.loads.add(built)
    if loop.track.loads.ratio(race.day) > L5_RATIO:
        loop.track.loads.waived = frozenset(race.day + timedelta(days=k) for k in range(7))
    recent = [r.running for r in loop.history.runs if r.day >= race.day - timedelta(days=30)]
    loop.race_long = bool(recent) and race.racing > LONG_RUN_GROWTH * max(recent)
    return built


def _race_notes(loop: _WeekLoop) -> list[Advisory]:
    """T2 (after the last week, so that L5 reads the race's whole 7 days) or T3."""
    race = loop.race
    if race is None:
        return []
    if race.blocked:
        return [race_note(race, (), loop.start)]
    breaks = ["L4"] if loop.race_long else []
    days = (race.day + timedelta(days=k) for k in range(7))
    if any(d in loop.track.loads.loads and loop.track.loads.ratio(d) > L5_RATIO for d in days):
        breaks.append("L5")
    return [race_note(race, breaks, loop.start)]


def _race_week(race: RaceWeeks | None, index: int) -> int:
    """1 in the week of a race the plan builds toward (T2), else 0."""
    return int(race is not None and not race.blocked and race.week == index)


def _race_or_after(race: RaceWeeks | None, index: int) -> bool:
    """T1/T2: the race week and the easy week after it hold no long run."""
    return race is not None and not race.blocked and index in (race.week, race.week + 1)


class _Closing(NamedTuple):
    """What closing a week reads of how it was planned."""

    frame: _Frame
    days: tuple[DayInput, ...]  # before the ladder took its days
    lengths: Lengths  # as written (after L5)
    restricted: bool


def _close_week(
    runner: Runner, history: History, week: _Closing, built: list[Day], *, shortened: bool
) -> Advisory | None:
    """Record what the week stands for (L1, L2) and return its volume shortfall note
    (P3/L1), if any; ``shortened``: L5 or L7 shortened the week and say so themselves."""
    frame, restricted, target = week.frame, week.restricted, week.frame.target
    week_total = sum(s.duration_min for d in built for s in d.sessions if s.kind is SessionKind.RUN)
    if frame.taper:
        # T1/T2: a taper, race or easy week is no L1 reference: growth resumes from the
        # last growth week.
        history.close_week(target.total, reference=False)
        return None
    if away_days(runner, frame.start):
        # D1: a week the runner was away for is no L1 reference (the next grows from the
        # last full week, never making up what was missed) and L2 eases off its target.
        history.close_week(target.total, reference=False)
        return None
    if not target.recovery and not restricted:
        history.growth_ran = week_total  # T1: what a taper eases off from
    lost = week_total < target.total - runner.run_days  # beyond rounding
    note = None
    if lost and not restricted and frame.free is None and not shortened:
        note = volume_shortfall(
            runner, frame.start, week_total, target.total, week.lengths, frame.cap
        )
    value = week_total
    if shortened and not restricted:
        # L7: L1 grows from the unshrunk target.  Choice: so after a week L5 shortened
        # (L5 paces the load itself; a week it emptied would otherwise hold L1 at 0).
        value = max(week_total, target.total)
    reference = not target.recovery and (frame.free is not None or not restricted)
    if restricted and frame.free is not None:
        # A restricted week stands, as a reference, for what it would have run without
        # the restriction (docs/conditions.md): the condition-free plan's runs, each
        # within this plan's own length for that day, so that a longer restriction
        # never leaves a higher reference than a shorter one.
        rooms = _reference_rooms(runner, history, frame, week.days)
        value = sum(
            min(run.minutes, rooms[(day - frame.start).days])
            for day, run in frame.free.runs.items()
        )
        if frame.free.recovery:
            reference = False  # without the restriction it would have been a recovery week
    ran = week_total if shortened and not restricted else None  # L2 measures what ran
    history.close_week(value, reference=reference, ran=ran)
    return note


def _reference_rooms(
    runner: Runner, history: History, frame: _Frame, days: tuple[DayInput, ...]
) -> tuple[int, ...]:
    """Each day's run as this plan would size it without the restriction, over the
    condition-free plan's runs of the week (a reference, not a plan: L4 aside)."""
    runs = len(frame.free.runs) if frame.free is not None else 0
    total = ladder_total(runner, history.references, frame.target)
    room = _lengths(runner, frame, total, max(1, runs), None, days)
    return tuple(room.long if offset == frame.long_day else room.run for offset in range(7))


def _runs_for_target(runner: Runner, target: WeekTarget, wished: int) -> int:
    """L1/L2: a week plans no more runs than its target minutes hold at the shortest run
    worth the trip, so that the shortest runs never lift it over its target (a recovery
    week of a runner whose usual week is one short run may hold none)."""
    shortest = runner.warmup_minutes + MIN_RUNNING
    return max(0, min(wished, target.total // shortest))


def _lengths(
    runner: Runner,
    frame: _Frame,
    total: int,
    n_runs: int,
    cap: int | None,
    days: tuple[DayInput, ...],
) -> Lengths:
    return run_lengths(runner, total, n_runs, cap, days, frame.long_day, frame.free)


def _arrange(
    runner: Runner,
    frame: _Frame,
    days: tuple[DayInput, ...],
    wished: int,
    ran_before: bool,
    asked: int,
) -> _Arranged:
    """Place the wished runs; when fewer fit, lengthen them toward the week's volume,
    but never past 1.2 x the usual run (L7), and keep that if as many still fit.  When
    the target holds fewer runs than ``asked`` (L1/L2), each keeps the length it would
    have among ``asked`` runs (at least the shortest worth the trip): fewer runs never
    mean longer ones, and a lower target never a longer run."""
    total = frame.target.total
    # Held runs (L2, T1): a recovery or taper week's lower target keeps the runs at their length
    # among the asked runs.  A growth week holds fewer runs only after a log with little
    # running (H1): its runs share the target, so the week grows toward the asked runs.
    lowered = frame.target.recovery or frame.taper  # L2, or T1/T2's lower target
    held = total // asked if wished < asked and lowered else None
    lengths = run_lengths(
        runner, total, wished, frame.cap, days, frame.long_day, frame.free, easy_max=held
    )
    placed = _place(runner, frame, days, lengths, wished, ran_before)
    n_runs = placed.count("long", "run")
    if 0 < n_runs < wished:
        fewer = run_lengths(
            runner,
            total,
            n_runs,
            frame.cap,
            days,
            frame.long_day,
            frame.free,
            easy_max=easy_cap(total, runner.run_days),
        )
        retry = _place(runner, frame, days, fewer, n_runs, ran_before)
        if retry.count("long", "run") == n_runs:
            return _Arranged(retry, fewer, fewer=True)
    return _Arranged(placed, lengths, fewer=0 < n_runs < wished)


def _place(
    runner: Runner,
    frame: _Frame,
    days: tuple[DayInput, ...],
    lengths: Lengths,
    n_runs: int,
    ran_before: bool,
) -> Placement:
    """Placement works in the week's own day order (``long_day`` is an offset in it)."""
    return place_week(
        WeekInput(
            days=days,
            runs=n_runs,
            cross=runner.cross_days,
            strength=runner.strength_days,
            long_day=frame.long_day,
            long_min=lengths.long,
            run_min=lengths.run,
            cross_min=lengths.cross,
            strength_min=lengths.strength,
            ran_day_before=ran_before,
            # Under back conditions the long run never moves to a day that would not have
            # held it: resting never lengthens a run.
            long_elsewhere=frame.free is None,
        )
    )
