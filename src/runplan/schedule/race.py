"""T1-T3: a goal race in the plan - the taper before it, the race-day session, the easy
week after it, and the plain refusal to build toward it while the back says no.

* T1: the weeks before the race ease off in steps from the last growth week's volume
  (race over 10 km: 80 % the week before the race week, then 60 %; otherwise 60 % in
  the race week), and no run in the final 10 days, the race aside, is longer than the
  longest run before them.
* T2: the race itself is a run on its date, at its start time, with the usual warm-up
  and the race's expected minutes (else ``RACE_PACE`` minutes a kilometre) at race
  effort (RPE 7-9); no run the day before or after it, no other session that day; the
  week after it is easy (60 %).  It counts for L4 and L5 like any run: where it breaks
  them, its note says so plainly.
* T3: when running is stopped or only returning on any day of the 14 before the race
  (or on the race day), the plan does not build toward it: no taper, no race session,
  and a note saying so, leaving the decision to the runner and their clinician (S5: no
  promise of a return date).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from math import floor

from runplan.models import (
    Advisory,
    AdvisoryKind,
    Day,
    DayStatus,
    Intensity,
    Race,
    Runner,
    Session,
    SessionKind,
)
from runplan.models.calendar import day_off
from runplan.rules.limits import (
    LONG_RACE_KM,
    RACE_CLEAR_DAYS,
    RACE_PACE,
    TAPER_FINAL_DAYS,
    TAPER_LONG,
    TAPER_SHORT,
)
from runplan.schedule import content
from runplan.schedule.effort import with_effort
from runplan.schedule.placement import DayInput
from runplan.schedule.targets import RunRecord, WeekTarget
from runplan.timeline import RunMode, Timeline

__all__ = [
    "RaceWeeks",
    "race_cap",
    "race_days",
    "race_note",
    "race_off_note",
    "race_session",
    "race_target",
    "race_weeks",
    "with_race",
]


@dataclass(frozen=True, slots=True)
class RaceWeeks:
    """Where the race falls in the plan and what it asks of the weeks around it."""

    race: Race
    week: int  # index of the plan week holding the race day
    shares: Mapping[int, float]  # week index -> share of the last growth week (T1, T2)
    minutes: int  # the race session, warm-up included
    racing: int  # its racing minutes
    blocked: bool  # T3: the plan does not build toward it
    #: T3 decided when the taper begins: the walk-run ladder runs on some of the 14 days
    #: before the race, and whether the plan's own ladder is done by then is known only
    #: when the weeks before are planned (:meth:`decide`).
    pending: bool = False

    def decide(self, ladder_done: bool, last_step: date | None) -> RaceWeeks:
        """T3 once the taper begins: blocked unless the ladder is complete and its last
        step lies before the race's 14 days."""
        early = last_step is None or last_step < self.day - timedelta(days=RACE_CLEAR_DAYS)
        if ladder_done and early:
            return replace(self, pending=False)
        return replace(self, pending=False, blocked=True, shares={})

    @property
    def day(self) -> date:
        return self.race.date


def race_weeks(runner: Runner, start: date, weeks: int, timeline: Timeline) -> RaceWeeks | None:
    """The race of ``runner`` inside the plan's days, or None."""
    race = runner.race
    if race is None or not start <= race.date < start + timedelta(days=7 * weeks):
        return None
    if day_off(runner, race.date):
        return None  # D1/D2 first: no session on a day taken (race_off_note says so)
    index = (race.date - start).days // 7
    table = TAPER_LONG if race.distance_km > LONG_RACE_KM else TAPER_SHORT
    shares = {index - back: share for back, share in table.items() if index - back >= 0}
    if index + 1 < weeks:
        shares[index + 1] = min(table.values())
    racing = race.expected_minutes or max(5, round(race.distance_km * RACE_PACE))
    first = max(start, race.date - timedelta(days=RACE_CLEAR_DAYS))
    days = [first + timedelta(days=k) for k in range((race.date - first).days + 1)]
    blocked = any(timeline.on(d).blocked or timeline.on(d).run is RunMode.NONE for d in days)
    pending = not blocked and any(timeline.on(d).run is RunMode.LADDER for d in days)
    return RaceWeeks(
        race=race,
        week=index,
        shares={} if blocked else shares,
        minutes=runner.warmup_minutes + racing,
        racing=racing,
        blocked=blocked,
        pending=pending,
    )


def race_target(
    race: RaceWeeks | None, index: int, target: WeekTarget, peak: int, before: int | None
) -> WeekTarget:
    """T1/T2: a taper week, the race week or the easy week after it keeps its share of
    ``peak`` (the last growth week), never more than its own target, and a taper week
    never more than the week ``before`` it (the taper only steps down)."""
    if race is None or index not in race.shares:
        return target
    total = min(target.total, floor(race.shares[index] * peak))
    if index <= race.week and before is not None:
        total = min(total, before)
    return WeekTarget(total, target.recovery)


def race_cap(
    race: RaceWeeks | None,
    week_start: date,
    runs: Sequence[RunRecord],
    cap: int | None,
    assumed: RunRecord,
) -> int | None:
    """T1: in a week that reaches into the final 10 days, no run runs longer than the
    longest before those days (in running minutes): the plan's and the log's runs, and
    ``assumed``, the run the days before the plan stand for (as L4 reads them)."""
    if race is None or race.blocked:
        return cap
    final = race.day - timedelta(days=TAPER_FINAL_DAYS)
    if not final <= week_start + timedelta(days=6) or week_start > race.day:
        return cap
    longest = max([r.running for r in runs if r.day < final] + [assumed.running])
    return min(longest, cap) if cap is not None else longest


def race_days(
    race: RaceWeeks | None, week_start: date, days: Sequence[DayInput]
) -> tuple[DayInput, ...]:
    """T2: no run the day before or after the race, and nothing else on its day."""
    if race is None or race.blocked:
        return tuple(days)
    out = []
    for offset, day in enumerate(days):
        gap = (week_start + timedelta(days=offset) - race.day).days
        if gap == 0:  # held by the race: busy for L3, nothing else placed there
            day = replace(
                day, intervals=(), run_ok=False, cross_ok=False, strength_ok=False, fixed=True
            )
        elif abs(gap) == 1:
            day = replace(day, run_ok=False)
        out.append(day)
    return tuple(out)


def race_off_note(runner: Runner, start: date, weeks: int) -> list[Advisory]:
    """D1/D2 over T2: a race dated on a day away or a day an exception takes whole is not
    planned, and this note says so (nothing dropped silently, P3)."""
    race = runner.race
    last = start + timedelta(days=7 * weeks - 1)
    if race is None or not start <= race.date <= last or not day_off(runner, race.date):
        return []
    return [
        Advisory(
            kind=AdvisoryKind.NOTE,
            date=race.date,
            rules=["D1", "D2", "P3"],
            message=(
                f"{race.name.strip()[:80]} on {race.date.isoformat()} falls on a day marked "
                "away or unavailable, so the plan does not place or taper toward it. To race, "
                "end the days away (or the exception) before the race day."
            ),
        )
    ]


def race_session(runner: Runner, race: RaceWeeks, windows: Sequence[tuple[int, int]]) -> Session:
    """T2: the race as a run at race effort, at its start time (else the day's first
    window, else 09:00), after the usual warm-up (A2)."""
    given = race.race.start_time
    if given is not None:
        at = given
    elif windows:
        at = time(windows[0][0] // 60, windows[0][0] % 60)
    else:
        at = time(9, 0)
    # A start in the hour the clocks skip is read as the same moment after the change.
    start = datetime.combine(race.day, at, tzinfo=runner.zone).astimezone(UTC)
    start = start.astimezone(runner.zone)
    km = f"{race.race.distance_km:g}"
    session = Session(
        kind=SessionKind.RUN,
        title=f"Race: {race.race.name} ({km} km)",
        start=start,
        duration_min=race.minutes,
        warmup=content.warmup(runner.warmup_minutes),
        intensity=Intensity.HARD,
        content=[
            f"Then race {km} km, about {race.racing} min at race effort: start easier than "
            "you feel you could, and hold an even effort."
        ],
        notes=[content.FORM_CUES, content.SHOE_NOTE],
        rules=["T2", "A2", "A5", "A12"],
    )
    return with_effort(session)


def race_note(race: RaceWeeks, breaks: Sequence[str], start: date) -> Advisory:
    """T2 (or T3) in plain words; ``breaks`` the load rules the race itself breaks."""
    name = race.race.name.strip()[:80]
    if race.blocked:
        return Advisory(
            kind=AdvisoryKind.NOTE,
            date=start,
            rules=["T3"],
            message=(
                f"This plan does not build toward {name} on {race.day.isoformat()}: the back "
                f"rules stop or limit running within {RACE_CLEAR_DAYS} days of it. Whether to take "
                "part is yours to decide with your clinician; the plan makes no promise of a "
                "date to race again."
            ),
        )
    said = {"L4": "longer than your recent runs allow (L4)", "L5": "a load spike (L5)"}
    extra = " and ".join(said[r] for r in breaks)
    warning = f" It is {extra}: keep an even pace and stop on pain." if extra else ""
    return Advisory(
        kind=AdvisoryKind.NOTE,
        date=race.day,
        rules=["T2", "T1", *breaks],
        message=(
            f"Race day: {name}, {race.race.distance_km:g} km, about {race.racing} min at race "
            f"effort (RPE 7-9) after the warm-up; a taper before, an easy week after.{warning}"
        ),
    )


def with_race(day: Day, session: Session) -> Day:
    """The race day holding only the race (T2)."""
    return day.model_copy(update={"sessions": [session], "status": DayStatus.TRAINING})
