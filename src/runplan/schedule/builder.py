"""The scheduler: runner -> condition timeline -> weekly targets -> placement -> Plan.

Week by week it sets the running volume (L1 growth toward the target, L2 recovery
weeks, L4 long-run cap), asks :mod:`runplan.schedule.placement` for the best arrangement of the
week, turns it into sessions that say which rules put them there, and writes a P3
advisory for every wish that gave way.  It reads no clock: ``start`` and ``revision``
are inputs, so the same input gives the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import chain
from math import floor
from zoneinfo import ZoneInfo

from runplan.models import (
    WEEKDAYS,
    Advisory,
    AdvisoryKind,
    Day,
    Intensity,
    Plan,
    Runner,
    Session,
    SessionKind,
    Surface,
    Week,
    Weekday,
    Window,
)
from runplan.rules import DISCLAIMER
from runplan.schedule import content
from runplan.schedule.clock import Interval, at_minute, usable_intervals
from runplan.schedule.placement import DayInput, Placement, WeekInput, place_week
from runplan.schedule.request import check_weeks, plan_revision
from runplan.timeline.derive import (
    FULL,
    LADDER_STEPS,
    Allowance,
    LadderState,
    RunMode,
    Timeline,
    derive_timeline,
)

__all__ = ["plan"]

RECOVERY_EVERY = 4  # L2
RECOVERY_FACTOR = 0.75  # L2
GROWTH = 1.10  # L1, one week
GROWTH_TWO_WEEKS = 1.30  # L1, two weeks
LONG_RUN_CAP = 1.10  # L4
LONG_RUN_SHARE = 1.5  # a long run is about 1.5 easy runs, before the L4 cap
MIN_RUNNING = 10  # a run shorter than this after its warm-up is not worth the trip
SHOE_WARN_KM, SHOE_REPLACE_KM = 480, 800  # A5


def plan(runner: Runner, *, start: date, weeks: int = 4, revision: datetime | None = None) -> Plan:
    """Plan ``weeks`` weeks (1-104) from ``start`` (any date; weeks are 7-day blocks).

    ``revision`` is the time the plan is issued (calendar DTSTAMP); it defaults to
    ``start`` at 00:00 UTC so that output never depends on the wall clock.
    """
    weeks = check_weeks(weeks)
    issued = plan_revision(start, revision)
    timeline = derive_timeline(runner, start, weeks * 7)
    shadow = None
    if not timeline.all_full:
        # The same runner without any condition: the real plan may only run where and as
        # long as this one does, so resting the back never adds running (docs/conditions.md).
        free = Timeline(start=start, days=tuple(FULL for _ in range(weeks * 7)))
        shadow = _PlanBuilder(runner, start, free)
    builder = _PlanBuilder(runner, start, timeline, shadow=shadow, ladder=timeline.ladder)
    built = [builder.week(i) for i in range(weeks)]
    advisories = sorted(
        [*timeline.advisories, *builder.advisories, *_plan_advisories(runner, start)],
        key=lambda a: (a.date, a.kind.value, a.rules, a.message),
    )
    return Plan(
        runner=runner.name,
        timezone=runner.timezone,
        start=start,
        weeks=built,
        advisories=advisories,
        disclaimer=DISCLAIMER,
        revision=issued,
        generator="runplan",
    )


@dataclass(frozen=True, slots=True)
class _Lengths:
    """Session lengths of one week, in minutes (runs include the warm-up)."""

    long: int
    run: int
    cross: int
    strength: int


@dataclass
class _PlanBuilder:
    """Carries the state that links weeks: volume references, past runs, bike/swim turn."""

    runner: Runner
    start: date
    timeline: Timeline
    advisories: list[Advisory] = field(default_factory=list)
    runs: list[tuple[date, int, int]] = field(default_factory=list)  # (date, minutes, running)
    references: list[int] = field(default_factory=list)  # totals of non-recovery weeks
    last_total: int | None = None
    last_cross: SessionKind | None = None
    shadow: _PlanBuilder | None = None
    shadow_days: tuple[int, ...] | None = None  # this week's run days in the shadow plan
    ladder: LadderState | None = None

    # ------------------------------------------------------------------ targets

    def _target(self, index: int) -> tuple[int, bool]:
        """Run minutes for week ``index`` (warm-ups included) and whether it is a recovery week."""
        if (index + 1) % RECOVERY_EVERY == 0:
            previous = self.last_total
            if previous is None:
                previous = self.runner.weekly_run_minutes
            return floor(RECOVERY_FACTOR * previous), True
        return self._growth_target(), False

    def _growth_target(self) -> int:
        """L1: toward the target, at most 10 % on the last reference week, 30 % on two."""
        runner = self.runner
        base = runner.weekly_run_minutes
        ref = self.references[-1] if self.references else base
        ref2 = self.references[-2] if len(self.references) > 1 else base
        goal = runner.target_run_minutes or runner.weekly_run_minutes
        warmups = runner.run_days * runner.warmup_minutes
        # Growth holds for the running part alone too, so it holds whichever way one counts.
        running_cap = floor(GROWTH * max(ref - warmups, 0)) + warmups
        return min(goal, floor(GROWTH * ref), floor(GROWTH_TWO_WEEKS * ref2), running_cap)

    def _ladder_total(self, total: int, recovery: bool) -> int:
        """The weekly volume that sizes walk-run steps: in a recovery week, 75 % of a growth
        week rather than of the week before (which, after a stop, ran little or nothing)."""
        if not recovery:
            return total
        return max(total, floor(RECOVERY_FACTOR * self._growth_target()))

    def _long_cap(self, week_start: date) -> int | None:
        """L4: the longest run allowed all week, in running minutes (warm-up excluded).

        It holds for whole sessions and for their running part alike (a walk-run step
        runs only its jogging minutes).
        """
        warm = self.runner.warmup_minutes
        first = week_start + timedelta(days=6 - 30)
        recent = [(m, r) for d, m, r in self.runs if first <= d < week_start]
        if first < self.start:
            usual = self.runner.weekly_run_minutes // self.runner.run_days
            recent.append((usual, usual - warm))
        if not recent:
            return None
        longest = max(m for m, _ in recent)
        most_running = max(r for _, r in recent)
        return min(floor(LONG_RUN_CAP * most_running), floor(LONG_RUN_CAP * longest) - warm)

    def _lengths(
        self,
        total: int,
        n_runs: int,
        cap: int | None,
        days: tuple[DayInput, ...],
        long_day: int | None,
    ) -> _Lengths:
        """Split ``total`` over ``n_runs`` runs under the L4 ``cap`` and the window room.

        The long run (on ``long_day``) is about 1.5 easy runs and never shorter than
        them; no run is longer than the windows that could hold it.
        """
        warm = self.runner.warmup_minutes
        running = max(total - n_runs * warm, n_runs)
        # The n-th roomiest run day bounds an easy run.  Under back conditions the run days
        # are those of the condition-free plan, so that restrictions never enlarge it.
        if self.shadow_days is not None:
            candidates = [days[i] for i in self.shadow_days]
        else:
            candidates = [d for d in days if d.run_ok]
        rooms = sorted((_room(d) for d in candidates), reverse=True)
        easy_room = rooms[min(n_runs, len(rooms)) - 1] - warm if rooms else running
        limit = min(cap if cap is not None else running, max(easy_room, MIN_RUNNING))
        if long_day is not None and n_runs >= 2:
            long_room = _room(days[long_day]) - warm
            share = floor(LONG_RUN_SHARE * running / (n_runs + 0.5))
            long_cap = min(share, cap if cap is not None else share, long_room)
            if self.shadow is not None:
                # Under back conditions every length must shrink when any input does
                # (resting never adds running), so easy runs do not take up what an L4-
                # or window-capped long run leaves: the week may then run a little less.
                easy = min(floor(running / (n_runs + 0.5)), limit)
                long_part = max(easy, long_cap)
            else:
                long_part = long_cap if long_cap >= 1 else min(share, limit)
                easy = min(floor((running - long_part) / (n_runs - 1)), limit, long_part)
        else:
            easy = long_part = min(floor(running / max(n_runs, 1)), limit)
        easy, long_part = max(easy, 1), max(long_part, 1)
        return _Lengths(long_part + warm, easy + warm, easy + warm, content.STRENGTH_MINUTES)

    # ---------------------------------------------------------------- placement

    def _day_inputs(self, week_start: date) -> tuple[DayInput, ...]:
        runner, zone = self.runner, self.runner.zone
        out = []
        for offset in range(7):
            day = week_start + timedelta(days=offset)
            weekday = Weekday.of(day)
            windows = tuple(runner.availability.on(weekday))
            intervals, cut = usable_intervals(day, windows, zone)
            if cut:
                self._dst_advisory(day, windows, intervals)
            allow = self.timeline.on(day)
            swim_ok, bike_ok = runner.can_swim_on(weekday), runner.has_bike
            out.append(
                DayInput(
                    intervals,
                    allow.run is RunMode.FULL,
                    allow.cross and (swim_ok or bike_ok),
                    allow.strength,
                    swim_ok=swim_ok,
                    bike_ok=bike_ok,
                )
            )
        return tuple(out)

    def _dst_advisory(
        self, day: date, windows: tuple[object, ...], intervals: tuple[tuple[int, int], ...]
    ) -> None:
        shown = ", ".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in intervals) or "nothing"
        self.advisories.append(
            Advisory(
                kind=AdvisoryKind.NOTE,
                date=day,
                rules=["P1"],
                message=(
                    f"The clocks change on {day.isoformat()} ({self.runner.timezone}). That day "
                    f"the windows {', '.join(str(w) for w in windows)} are used as {shown}, so "
                    "that no session starts at a time that is skipped or happens twice."
                ),
            )
        )

    # --------------------------------------------------------------------- week

    def week(self, index: int) -> Week:
        runner = self.runner
        week_start = self.start + timedelta(days=7 * index)
        weekday0 = week_start.weekday()
        shadow_runs = self._shadow_runs(index)
        if shadow_runs is not None:
            self.shadow_days = tuple(sorted((d - week_start).days for d in shadow_runs))
        allowances = [self.timeline.on(week_start + timedelta(days=i)) for i in range(7)]
        days = self._day_inputs(week_start)
        total, recovery = self._target(index)
        cap = self._long_cap(week_start)
        long_day = None
        if runner.long_run_day is not None:
            long_day = (runner.long_run_day.number - weekday0) % 7
        # In a week the back rules restrict, no run grows because others were dropped:
        # lengths stay those of the wished number of runs (resting never adds running).
        usual = self._lengths(total, runner.run_days, cap, days, long_day)
        # Walk-run steps follow R2, not L4: their room ignores the long-run cap.
        room = self._lengths(
            self._ladder_total(total, recovery), runner.run_days, None, days, long_day
        )
        rooms = [room.long if offset == long_day else room.run for offset in range(7)]
        ladder, days, returning = self._ladder_steps(
            week_start, days, allowances, shadow_runs, rooms
        )
        # Restricted (docs/conditions.md): a day without running, a blocked day, or a day
        # still on the way back (a ladder step, or the ladder waiting).
        restricted = returning or any(a.blocked or a.run is RunMode.NONE for a in allowances)
        ran_before = bool(self.runs) and self.runs[-1][0] == week_start - timedelta(days=1)
        wished = runner.run_days - len(ladder)
        lengths = usual if restricted else self._lengths(total, wished, cap, days, long_day)
        placed = self._place(days, lengths, wished, ran_before, long_day)
        n_runs = placed.count("long", "run")
        if 0 < n_runs < wished and not restricted:
            fewer = self._lengths(total, n_runs, cap, days, long_day)
            retry = self._place(days, fewer, n_runs, ran_before, long_day)
            if retry.count("long", "run") == n_runs:
                placed, lengths = retry, fewer
        sessions = self._sessions(
            week_start, placed, lengths, recovery, ladder, allowances, shadow_runs
        )
        if not all(a.blocked for a in allowances):
            self._shortfalls(
                week_start, days, placed, lengths, ran_before, len(ladder), allowances, sessions
            )
        week_total = sum(
            s.duration_min for d in sessions for s in d.sessions if s.kind is SessionKind.RUN
        )
        lost = week_total < total - runner.run_days  # beyond rounding
        if lost and not restricted and self.shadow is None:
            self._volume_shortfall(week_start, week_total, total, lengths, cap)
        value = week_total
        if restricted and shadow_runs is not None:
            # A restricted week stands, as a reference, for what it would have run without
            # the restriction (docs/conditions.md), so that a longer restriction never
            # leaves a higher reference than a shorter one.
            value = sum(min(m, rooms[(d - week_start).days]) for d, (_, m) in shadow_runs.items())
        if not recovery and (shadow_runs is not None or not restricted):
            self.references.append(value)
        self.last_total = value
        return Week(start=week_start, days=sessions, recovery_week=recovery)

    def _fitting_step(self, room: int) -> int | None:
        """The current ladder step, or the highest lower one that fits the day (a repeat).

        A step fits when, warm-up included, it lasts no longer than ``room`` minutes and
        jogs no longer than an ordinary run of that length would run.
        """
        assert self.ladder is not None
        for step in range(self.ladder.step, 0, -1):
            _, total, jog = LADDER_STEPS[step - 1]
            warm = self.runner.warmup_minutes
            if warm + total <= room and jog <= room - warm:
                return step
        return None

    def _shadow_runs(self, index: int) -> dict[date, tuple[int, int]] | None:
        """(start minute, minutes) of each run of the condition-free plan, or None."""
        if self.shadow is None:
            return None
        week = self.shadow.week(index)
        zone = self.runner.zone
        out = {}
        for day in week.days:
            for s in day.sessions:
                if s.kind is SessionKind.RUN:
                    local = s.start.astimezone(zone)
                    out[day.date] = (local.hour * 60 + local.minute, s.duration_min)
        return out

    def _ladder_steps(
        self,
        week_start: date,
        days: tuple[DayInput, ...],
        allowances: list[Allowance],
        shadow_runs: dict[date, tuple[int, int]] | None,
        limits: list[int],
    ) -> tuple[dict[int, tuple[int, int]], tuple[DayInput, ...], bool]:
        """Fix this week's walk-run steps (R2) on the condition-free plan's run days.

        A step stands in for an ordinary run: it goes only where it is no longer, and runs
        no more, than both that plan's run and this week's ordinary run for the day
        (``limits``: the long run on the long-run day, an easy run elsewhere).

        Returns ``{day offset: (step, start minute)}``, the day inputs with those days
        taken (a day whose ladder is complete becomes an ordinary run day), and whether
        the week is still on the way back.
        """
        steps: dict[int, tuple[int, int]] = {}
        out = list(days)
        waited = returning = False
        for offset, allow in enumerate(allowances):
            day = week_start + timedelta(days=offset)
            if allow.ladder_restart:
                self.ladder = LadderState()
            if allow.run is not RunMode.LADDER or self.ladder is None:
                continue
            returning = returning or not self.ladder.complete
            if self.ladder.complete:
                out[offset] = _with(out[offset], run_ok=True)
                continue
            shadow = (shadow_runs or {}).get(day)
            if shadow is None:
                if allow.step_back:
                    self.ladder = self.ladder.back()
                continue
            room = min(shadow[1], limits[offset])
            flat = any(x is not Surface.TRAIL for x in self.runner.surfaces)
            step = self._fitting_step(room) if flat else None
            if step is not None:
                steps[offset] = (step, shadow[0])
                self.ladder = self.ladder.after(allow.step_back, step)
                minutes = self.runner.warmup_minutes + LADDER_STEPS[step - 1][1]
                out[offset] = _with(
                    out[offset],
                    fixed=True,
                    cross_ok=False,
                    intervals=_minus(out[offset].intervals, (shadow[0], shadow[0] + minutes)),
                )
            else:
                if allow.step_back:
                    self.ladder = self.ladder.back()
                if not waited:
                    waited = True
                    why = (
                        f"No walk-run step fits the runs of this week ({room} minutes or "
                        "less): the return to running waits. It goes on when the runs are "
                        "long enough again (after a recovery week, or with longer windows)."
                        if flat
                        else "Walk-run steps need flat, even ground and your profile lists only "
                        "trail: the return to running waits. Add grass, track, treadmill "
                        "or road to the surfaces."
                    )
                    self.advisories.append(
                        Advisory(kind=AdvisoryKind.NOTE, date=day, rules=["R2"], message=why)
                    )
        if shadow_runs is not None:
            for offset in range(7):
                day = week_start + timedelta(days=offset)
                if day not in shadow_runs:
                    out[offset] = _with(out[offset], run_ok=False)
        return steps, tuple(out), returning

    def _place(
        self,
        days: tuple[DayInput, ...],
        lengths: _Lengths,
        n_runs: int,
        ran_before: bool,
        long_day: int | None,
    ) -> Placement:
        """Placement works in the week's own day order (``long_day`` is an offset in it)."""
        runner = self.runner
        return place_week(
            WeekInput(
                days=days,
                runs=n_runs,
                cross=runner.cross_days,
                strength=runner.strength_days,
                long_day=long_day,
                long_min=lengths.long,
                run_min=lengths.run,
                cross_min=lengths.cross,
                strength_min=lengths.strength,
                ran_day_before=ran_before,
                # Under back conditions the long run never moves to a day that would not have
                # held it: resting never lengthens a run.
                long_elsewhere=self.shadow is None,
            )
        )

    def _sessions(
        self,
        week_start: date,
        placed: Placement,
        lengths: _Lengths,
        recovery: bool,
        ladder: dict[int, tuple[int, int]],
        allowances: list[Allowance],
        shadow_runs: dict[date, tuple[int, int]] | None,
    ) -> list[Day]:
        out = []
        for offset, slots in enumerate(placed.slots):
            day = week_start + timedelta(days=offset)
            allow = allowances[offset]
            limits = [allow.run_cap] if allow.run_cap is not None else []
            if shadow_runs is not None and day in shadow_runs:
                limits.append(shadow_runs[day][1])
            ceiling = min(limits, default=None)
            sessions = [
                self._session(day, role, minute, lengths, recovery, ceiling)
                for role, minute in slots
            ]
            if offset in ladder:
                step, minute = ladder[offset]
                text, minutes, _ = LADDER_STEPS[step - 1]
                start = at_minute(day, minute, self.runner.zone)
                session = content.ladder_session(
                    step, start, self.runner.surfaces, text, minutes, self.runner.warmup_minutes
                )
                self.runs.append((day, session.duration_min, LADDER_STEPS[step - 1][2]))
                sessions.append(session)
            sessions += self._care(day, allow, sessions)
            sessions.sort(key=lambda s: s.start)
            out.append(Day(date=day, sessions=sessions))
        return out

    def _care(self, day: date, allow: Allowance, taken: list[Session]) -> list[Session]:
        """Home care the allowance asks for, at free times that exist once on the clock."""
        wanted = [
            (what, pref)
            for what, pref in ((allow.mobility, 7 * 60 + 30), (allow.recovery, 19 * 60 + 30))
            if what
        ]
        if not wanted:
            return []
        zone = self.runner.zone
        busy = [_span(s, zone) for s in taken]
        out = []
        clean, _ = usable_intervals(day, _WHOLE_DAY, zone)
        for what, preferred in wanted:
            length = content.CARE_MINUTES[what]
            minute = _free_minute(preferred, length, busy, clean)
            if minute is None:
                continue
            busy.append((minute, minute + length))
            rules = [r for r in allow.rules if r not in {"R2", "R3", "A11"}] or ["A7"]
            out.append(content.care_session(what, at_minute(day, minute, zone), rules))
        return out

    def _session(
        self,
        day: date,
        role: str,
        minute: int,
        lengths: _Lengths,
        recovery: bool,
        ceiling: int | None,
    ) -> Session:
        start = at_minute(day, minute, self.runner.zone)
        if role in {"long", "run"}:
            length = lengths.long if role == "long" else lengths.run
            if ceiling is not None:
                length = min(length, ceiling)
            self.runs.append((day, length, length - self.runner.warmup_minutes))
            return self._run(start, length, role == "long", recovery)
        if role == "cross":
            return self._cross(start, Weekday.of(day), lengths.cross)
        return Session(
            kind=SessionKind.STRENGTH,
            title="Core and back strength",
            start=start,
            duration_min=lengths.strength,
            intensity=Intensity.MODERATE,
            content=list(content.STRENGTH_CIRCUIT),
            rules=["A3"],
        )

    def _run(self, start: datetime, length: int, long: bool, recovery: bool) -> Session:
        runner = self.runner
        warm = runner.warmup_minutes
        surface = content.softest_surface(runner.surfaces)
        rules = ["A1", "A2", "A4", "A5", "A6", "A12", "L1", "L4"]
        if recovery:
            rules.append("L2")
        return Session(
            kind=SessionKind.RUN,
            title="Long easy run" if long else "Easy run",
            start=start,
            duration_min=length,
            warmup=content.warmup(warm),
            surface=surface,
            intensity=Intensity.EASY,
            content=[
                f"Warm-up {warm} min: walk, then back stretches (see steps).",
                f"Run {length - warm} min at an easy, conversational pace.",
            ],
            notes=[content.FORM_CUES, content.SHOE_NOTE, content.surface_note(surface)],
            rules=rules,
        )

    def _cross(self, start: datetime, weekday: Weekday, length: int) -> Session:
        runner = self.runner
        options = [
            k
            for k, ok in (
                (SessionKind.BIKE, runner.has_bike),
                (SessionKind.SWIM, runner.can_swim_on(weekday)),
            )
            if ok
        ]
        kind = options[0]
        if len(options) == 2 and self.last_cross is kind:
            kind = options[1]
        self.last_cross = kind
        what = "bike ride" if kind is SessionKind.BIKE else "swim"
        return Session(
            kind=kind,
            title=f"Easy {what}",
            start=start,
            duration_min=length,
            intensity=Intensity.EASY,
            content=[
                f"{length} min easy {what} in place of a run: keeps heart and lungs fit "
                "while the spine rests."
            ],
            rules=["A1", "X1"],
        )

    # --------------------------------------------------------------- shortfalls

    def _shortfalls(
        self,
        week_start: date,
        days: tuple[DayInput, ...],
        placed: Placement,
        lengths: _Lengths,
        ran_before: bool,
        n_ladder: int,
        allowances: list[Allowance],
        built: list[Day],
    ) -> None:
        runner = self.runner
        names = [WEEKDAYS[(week_start + timedelta(days=i)).weekday()].value for i in range(7)]
        week_name = f"Week of {week_start.isoformat()}"
        # The red-flag rules speak through their one urgent advisory only.
        back = sorted(
            {r for a in allowances for r in a.rules if r not in {"R3", "A11", "S1", "S2"}}
        )
        because = (
            f"the back rules ({', '.join(back)}) pause or limit running, cross-training "
            "or strength on some days; "
            if back
            else ""
        )

        def add(rules: list[str], text: str) -> None:
            self.advisories.append(
                Advisory(
                    kind=AdvisoryKind.NOTE,
                    date=week_start,
                    rules=list(dict.fromkeys(["P3", *rules, *back])),
                    message=f"{week_name}: {because}{text}",
                )
            )

        n_runs = placed.count("long", "run") + n_ladder
        if n_runs < runner.run_days:
            room = [names[i] for i, d in enumerate(days) if d.run_ok and _fits(d, lengths.run)]
            why = (
                f"only {_join(room)} {'has' if len(room) == 1 else 'have'} room for a "
                f"{lengths.run}-minute run"
                if room
                else f"no other day has room for a {lengths.run}-minute run"
            )
            if not any(d.run_ok for d in days) and back:
                why = "ordinary runs are paused all week by the back rules"
            extra = " and the previous week ends with a run" if ran_before else ""
            add(
                ["A1", "A4"],
                f"{n_runs} of {runner.run_days} wished runs planned: {why}, runs "
                f"may not fall on consecutive days (A4){extra}, and one day stays free for rest.",
            )
        n_cross = placed.count("cross")
        if n_cross < runner.cross_days:
            add(
                ["A1", "X1"],
                f"{n_cross} of {runner.cross_days} wished bike or swim days planned: "
                + self._cross_reason(days, names, lengths, n_runs),
            )
        n_strength = placed.count("strength")
        if n_strength < runner.strength_days:
            why = (
                f"no other window has room for a {lengths.strength}-minute session beside "
                "the day's other session (P2) while a full rest day is kept (L3)."
                if any(d.strength_ok for d in days)
                else "strength work is paused all week by the back rules."
            )
            add(
                ["A3"],
                f"{n_strength} of {runner.strength_days} wished strength sessions planned: {why}",
            )
        runs = [(d.date, s) for d in built for s in d.sessions if s.kind is SessionKind.RUN]
        wished_day = runner.long_run_day
        if wished_day is not None and runs:
            longest = max(s.duration_min for _, s in runs)
            if not any(Weekday.of(d) is wished_day and s.duration_min == longest for d, s in runs):
                wished = (wished_day.number - week_start.weekday()) % 7
                if any(s.ladder_step for _, s in runs):
                    add(
                        ["R2"],
                        "the longest run is not on the long-run day: the walk-run "
                        "steps have fixed lengths and go where the usual runs would be (R2).",
                    )
                else:
                    add([], self._long_reason(days, wished, placed, lengths))

    def _volume_shortfall(
        self, week_start: date, got: int, wanted: int, lengths: _Lengths, cap: int | None
    ) -> None:
        why = [
            f"the runs fit the windows at {lengths.run} minutes"
            + (f" ({lengths.long} for the long run)" if lengths.long != lengths.run else "")
        ]
        if cap is not None:
            why.append(
                f"no run may exceed 1.1 times the longest of the past 30 days (L4): "
                f"{cap + self.runner.warmup_minutes} minutes"
            )
        self.advisories.append(
            Advisory(
                kind=AdvisoryKind.NOTE,
                date=week_start,
                rules=["P3", "L1"],
                message=(
                    f"Week of {week_start.isoformat()}: {got} of {wanted} run minutes planned: "
                    + "; ".join(why)
                    + "."
                ),
            )
        )

    def _cross_reason(
        self, days: tuple[DayInput, ...], names: list[str], lengths: _Lengths, n_runs: int
    ) -> str:
        runner = self.runner
        if not runner.has_bike and not any(runner.can_swim_on(w) for w in WEEKDAYS):
            return (
                "there is no bike and no pool in the equipment, and cross-training needs one (X1)."
            )
        room = [names[i] for i, d in enumerate(days) if d.cross_ok and _fits(d, lengths.cross)]
        if not room:
            return (
                f"no day with a bike or an open pool has a window for a {lengths.cross}-minute "
                "session (X1)."
            )
        return (
            f"of the {len(room)} days with room ({_join(room)}), {n_runs} hold runs; a day "
            "never holds both a run and a cross-training session (P2), and one day a week "
            "stays free for rest (L3)."
        )

    def _long_reason(
        self, days: tuple[DayInput, ...], wished: int, placed: Placement, lengths: _Lengths
    ) -> str:
        day_name = self.runner.long_run_day.value if self.runner.long_run_day else "?"
        where = (
            "on another day"
            if placed.long_day is not None
            else "not planned; the runs are all of easy length"
        )
        if not days[wished].run_ok:
            why = f"running is not allowed on {day_name} this week"
        elif not days[wished].intervals:
            why = f"{day_name} has no availability window"
        elif not _fits(days[wished], lengths.long):
            why = f"no {day_name} window is long enough for the {lengths.long}-minute long run"
        else:
            why = f"a run on {day_name} would break the run spacing (A4)"
        return f"the long run is {where}: {why}."


_WHOLE_DAY = (Window(start=time(0), end_minute=24 * 60),)


def _with(day: DayInput, **changes: object) -> DayInput:
    return replace(day, **changes)  # type: ignore[arg-type]


def _minus(intervals: tuple[Interval, ...], taken: Interval) -> tuple[Interval, ...]:
    """``intervals`` without the span ``taken``."""
    out: list[Interval] = []
    for lo, hi in intervals:
        if taken[1] <= lo or hi <= taken[0]:
            out.append((lo, hi))
            continue
        if lo < taken[0]:
            out.append((lo, taken[0]))
        if taken[1] < hi:
            out.append((taken[1], hi))
    return tuple(out)


def _span(session: Session, zone: ZoneInfo) -> Interval:
    local = session.start.astimezone(zone)
    begin = local.hour * 60 + local.minute
    return begin, begin + session.duration_min


def _free_minute(
    preferred: int, length: int, busy: list[Interval], clean: tuple[Interval, ...]
) -> int | None:
    """The first start at or after ``preferred`` (then before it), in 15-minute steps,
    that overlaps nothing in ``busy`` and lies within one ``clean`` interval."""
    later = range(preferred, 22 * 60 - length + 1, 15)
    earlier = range(preferred - 15, 6 * 60 - 1, -15)
    for minute in chain(later, earlier):
        end = minute + length
        if any(lo <= minute and end <= hi for lo, hi in clean) and not any(
            minute < b and a < end for a, b in busy
        ):
            return minute
    return None


def _room(day: DayInput) -> int:
    """The longest session the day can hold."""
    return max((hi - lo for lo, hi in day.intervals), default=0)


def _fits(day: DayInput, minutes: int) -> bool:
    return _room(day) >= minutes


def _join(items: list[str]) -> str:
    return ", ".join(items) if items else "none"


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _plan_advisories(runner: Runner, start: date) -> list[Advisory]:
    """Plan-wide notes: shoe distance (A5)."""
    out = []
    km = runner.shoe_km
    if km is not None and km >= SHOE_WARN_KM:
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
        out.append(Advisory(kind=AdvisoryKind.NOTE, date=start, message=text, rules=["A5"]))
    return out
