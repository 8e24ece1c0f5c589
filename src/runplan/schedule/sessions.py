"""Step 5: a placed week -> its days of sessions, each saying which rules put it there.

Runs, bike rides or swims, strength sessions and walk-run steps come from the week's
placement; home care (ice, heat, gentle mobility) goes at free times the allowance asks
for.  The words themselves live in :mod:`runplan.schedule.content`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import chain
from zoneinfo import ZoneInfo

from runplan.models import Day, Intensity, Runner, Session, SessionKind, Weekday, Window
from runplan.rules.limits import L7_SWIM_MAX, STRENGTH_LEVELS, STRENGTH_PROGRESS_WEEKS
from runplan.schedule import content
from runplan.schedule.clock import Interval, at_minute, usable_intervals
from runplan.schedule.free import FreeWeek
from runplan.schedule.ladder import LadderPick
from runplan.schedule.placement import Placement, Role, Slot
from runplan.schedule.status import finish_day
from runplan.schedule.targets import Lengths
from runplan.timeline import Allowance, final_jog, ladder_steps

__all__ = [
    "SessionWriter",
    "StrengthTrack",
    "WeekLayout",
    "care_sessions",
    "cross_session",
    "ladder_step_session",
    "run_session",
    "strength_session",
]


@dataclass(frozen=True, slots=True)
class WeekLayout:
    """What the week loop decided for one week: where sessions go and how long they are."""

    start: date
    placed: Placement
    lengths: Lengths
    recovery: bool  # an L2 recovery week
    ladder: Mapping[int, LadderPick]  # walk-run steps by day offset (R2)
    allowances: tuple[Allowance, ...]
    free: FreeWeek | None  # the condition-free plan's week under back conditions
    #: X2: rides and swims in place of a stopped run, their minutes by day offset.
    cross_minutes: Mapping[int, int] = field(default_factory=dict)


@dataclass(slots=True)
class StrengthTrack:
    """A14: the strength level, up one every two non-recovery weeks with strength (to the
    ceiling, the last of ``STRENGTH_LEVELS``), down one for each week without any."""

    level: int = 1
    credit: int = 0  # non-recovery weeks with strength at this level

    def close(self, days: Sequence[Day], *, recovery: bool) -> None:
        """Account for a written week."""
        if not any(s.kind is SessionKind.STRENGTH for d in days for s in d.sessions):
            self.level, self.credit = max(1, self.level - 1), 0
        elif not recovery:
            self.credit += 1
            if self.credit >= STRENGTH_PROGRESS_WEEKS:
                self.level, self.credit = min(len(STRENGTH_LEVELS), self.level + 1), 0


@dataclass(slots=True)
class SessionWriter:
    """Writes placed weeks as sessions; remembers whose turn bike or swim is (X1), the
    strength level and where the current running stop began (A14)."""

    runner: Runner
    last_cross: SessionKind | None = None
    strength: StrengthTrack = field(default_factory=StrengthTrack)
    stop_began: date | None = None  # first day of the current run of no-running days
    stop_last: date | None = None

    def days(self, layout: WeekLayout) -> list[Day]:
        """The seven days of ``layout``, sessions in time order, each session with its
        effort (A13) and each day with its status (the last step every session passes)."""
        built = [
            self._day(layout, offset, slots) for offset, slots in enumerate(layout.placed.slots)
        ]
        self.strength.close(built, recovery=layout.recovery)
        return [finish_day(d, allow) for d, allow in zip(built, layout.allowances, strict=True)]

    def _walk(self, day: date, allow: Allowance) -> int:
        """A14: the walk of a no-running day, by whole weeks since the stop began."""
        if not allow.mobility:
            return content.walk_minutes(0)
        if self.stop_last is None or self.stop_began is None or day - self.stop_last > _ONE:
            self.stop_began = day
        self.stop_last = day
        return content.walk_minutes((day - self.stop_began).days // 7)

    def _day(self, layout: WeekLayout, offset: int, slots: Sequence[Slot]) -> Day:
        day = layout.start + timedelta(days=offset)
        allow = layout.allowances[offset]
        # A11 caps runs; under back conditions no run outlasts the condition-free plan's.
        limits = [allow.run_cap] if allow.run_cap is not None else []
        if layout.free is not None and day in layout.free.runs:
            limits.append(layout.free.runs[day].minutes)
        ceiling = min(limits, default=None)
        lengths = layout.lengths
        if offset in layout.cross_minutes:  # X2: the stopped run's minutes
            lengths = replace(lengths, cross=layout.cross_minutes[offset])
        sessions = [
            self._placed(day, slot.role, slot.start, lengths, layout.recovery, ceiling)
            for slot in slots
        ]
        pick = layout.ladder.get(offset)
        if pick is not None:
            sessions.append(ladder_step_session(self.runner, day, pick))
        sessions += care_sessions(self.runner, day, allow, sessions, self._walk(day, allow))
        sessions.sort(key=lambda s: s.start)
        return Day(date=day, sessions=sessions)

    def _placed(
        self,
        day: date,
        role: Role,
        minute: int,
        lengths: Lengths,
        recovery: bool,
        ceiling: int | None,
    ) -> Session:
        start = at_minute(day, minute, self.runner.zone)
        if role in {"long", "run"}:
            length = lengths.long if role == "long" else lengths.run
            if ceiling is not None:
                length = min(length, ceiling)
            return run_session(self.runner, start, length, long=role == "long", recovery=recovery)
        if role == "cross":
            session = cross_session(
                self.runner, start, Weekday.of(day), lengths.cross, self.last_cross
            )
            self.last_cross = session.kind
            return session
        return strength_session(start, lengths.strength, self.strength.level)


def run_session(
    runner: Runner, start: datetime, length: int, *, long: bool, recovery: bool
) -> Session:
    """An easy run (A1) of ``length`` minutes with its A2 warm-up, on the softest surface
    (A6); ``recovery`` marks an L2 recovery week."""
    warm = runner.warmup_minutes
    surface = content.softest_surface(runner.surfaces)
    # The rules that shape the session itself; A1 and A4 shape the week (which days run).
    rules = ["A2", "A5", "A6", "A12", "L1", "L4"]
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
        content=[f"Then run {length - warm} min easy on {surface.value}."],
        notes=[content.FORM_CUES, content.SHOE_NOTE],
        rules=rules,
    )


def cross_session(
    runner: Runner, start: datetime, weekday: Weekday, length: int, last: SessionKind | None
) -> Session:
    """An easy ride or swim in place of a run (X1); where both are possible, the one
    that was not ``last``, so the two alternate."""
    options = [
        k
        for k, ok in (
            (SessionKind.BIKE, runner.has_bike),
            (SessionKind.SWIM, runner.can_swim_on(weekday)),
        )
        if ok
    ]
    kind = options[0]
    if len(options) == 2 and last is kind:
        kind = options[1]
    if kind is SessionKind.SWIM and length > L7_SWIM_MAX:  # L7: a ride if there is a bike
        kind, length = (SessionKind.BIKE, length) if runner.has_bike else (kind, L7_SWIM_MAX)
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


def strength_session(start: datetime, length: int, level: int = 1) -> Session:
    """A core and back strength session (A3) at A14 level ``level``."""
    return Session(
        kind=SessionKind.STRENGTH,
        title="Core and back strength",
        start=start,
        duration_min=length,
        intensity=Intensity.MODERATE,
        content=content.strength_content(level),
        rules=["A3", "A14"],
        exercises=content.strength_exercises(level),
    )


def ladder_step_session(runner: Runner, day: date, pick: LadderPick) -> Session:
    """The ladder session ``pick`` on ``day`` (R2): step 0 the brisk walk, then the
    runner's walk-run steps (:func:`runplan.timeline.ladder_steps`), with the warm-up."""
    steps = ladder_steps(final_jog(runner))
    start = at_minute(day, pick.start, runner.zone)
    return content.ladder_session(
        pick.step,
        len(steps) - 1,
        start,
        runner.surfaces,
        steps[pick.step],
        runner.warmup_minutes,
    )


_ONE = timedelta(days=1)
_WHOLE_DAY = (Window(start=time(0), end_minute=24 * 60),)
_MOBILITY_AT, _RECOVERY_AT = 7 * 60 + 30, 19 * 60 + 30  # preferred wall minutes


def care_sessions(
    runner: Runner, day: date, allow: Allowance, taken: list[Session], walk: int = 15
) -> list[Session]:
    """Home care the allowance asks for (A7), at free times that exist once on the clock;
    mobility holds the running stop's walk of ``walk`` minutes (A14)."""
    wanted = [
        (what, pref)
        for what, pref in ((allow.mobility, _MOBILITY_AT), (allow.recovery, _RECOVERY_AT))
        if what
    ]
    if not wanted:
        return []
    zone = runner.zone
    busy = [_span(s, zone) for s in taken]
    out = []
    clean, _ = usable_intervals(day, _WHOLE_DAY, zone)
    for what, preferred in wanted:
        length = content.CARE_MINUTES[what] + (walk if what in {"gentle", "pt"} else 0)
        minute = _free_minute(preferred, length, busy, clean)
        if minute is None:
            continue
        busy.append((minute, minute + length))
        rules = [r for r in allow.rules if r not in {"R2", "R3", "A11"}] or ["A7"]
        out.append(content.care_session(what, at_minute(day, minute, zone), rules, walk))
    return out


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
