"""Hand-built plans for validator tests, written without the scheduler.

:func:`good_runner` and :func:`good_plan` give a five-week plan that satisfies every
rule the validator checks; the editing helpers return broken copies of it.

The good plan (Europe/London, 2027-03-01 .. 2027-04-04, across the change to summer
time on Sunday 2027-03-28):

==========  =======================================================
Mon         strength 30 min 18:00-18:30 (the window ends exactly then)
Tue, Thu    easy run 06:30
Wed         bike 40 min 18:00
Fri         swim 30 min 12:00, strength 30 min 12:45
Sat         long run 08:00 (the longest of the week: long_run_day)
Sun         walk 30 min 10:00 (no window that day: walks are allowed at home)
==========  =======================================================

Run minutes per week (Tue/Thu/Sat): 43+43+44=130, 41+41+48=130, 45+46+52=143 (exactly
1.1 x 130), recovery 34+34+38=106 (<= 0.75 x 143), 48+48+56=152.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from runplan.models import (
    Advisory,
    AdvisoryKind,
    Day,
    Plan,
    Runner,
    Session,
    SessionKind,
    StepKind,
    Surface,
    Warmup,
    WarmupStep,
    Week,
)
from runplan.rules import DISCLAIMER

LONDON = "Europe/London"
ZONE = ZoneInfo(LONDON)
START = date(2027, 3, 1)  # a Monday
WEEKS = 5
#: Run minutes (Tue, Thu, Sat) per week.
RUN_MINUTES: tuple[tuple[int, int, int], ...] = (
    (43, 43, 44),
    (41, 41, 48),
    (45, 46, 52),
    (34, 34, 38),
    (48, 48, 56),
)
SHOE_NOTE = "Wear well-cushioned, supportive running shoes."
FORM_NOTE = "Form: run tall, relax your shoulders, take short quick steps."


#: Local windows; no window on Sunday.
AVAILABILITY: dict[str, list[str]] = {
    "mon": ["18:00-18:30"],
    "tue": ["06:00-08:00"],
    "wed": ["18:00-19:30"],
    "thu": ["06:00-08:00"],
    "fri": ["12:00-13:30", "23:00-24:00"],
    "sat": ["08:00-10:00"],
}


#: The good runner's profile fields: 3 runs, 2 cross-training and 2 strength days; bike
#: and a pool open on Fridays.
RUNNER_FIELDS: dict[str, Any] = {
    "name": "Test Runner",
    "timezone": LONDON,
    "run_days": 3,
    "cross_days": 2,
    "strength_days": 2,
    "long_run_day": "sat",
    "weekly_run_minutes": 120,
    "equipment": ["bike", "pool"],
    "pool_days": ["fri"],
    "surfaces": ["road", "grass"],
    "shoe_km": 300.0,
    "availability": AVAILABILITY,
}


def good_runner(**update: Any) -> Runner:
    """The runner of :data:`RUNNER_FIELDS`, with ``update`` applied."""
    return Runner.model_validate({**RUNNER_FIELDS, **update})


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """Local wall time in London, with the offset London has then."""
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


def warmup(walk: int = 5, stretch: int = 5) -> Warmup:
    return Warmup(
        duration_min=walk + stretch,
        steps=[
            WarmupStep(kind=StepKind.WALK, minutes=walk, text="Walk briskly but easily."),
            WarmupStep(
                kind=StepKind.BACK_STRETCH, minutes=stretch, text="Gentle knee-to-chest stretches."
            ),
        ],
    )


def run(
    day: date, minutes: int, hour: int = 6, minute: int = 30, title: str = "Easy run"
) -> Session:
    return Session(
        kind=SessionKind.RUN,
        title=title,
        start=at(day, hour, minute),
        duration_min=minutes,
        warmup=warmup(),
        surface=Surface.GRASS,
        content=["Warm up, then run at an easy, conversational pace."],
        notes=[FORM_NOTE, SHOE_NOTE],
        rules=["A1", "A2", "A5", "A6", "A12"],
    )


def session(
    kind: SessionKind, day: date, minutes: int, hour: int, minute: int = 0, title: str = ""
) -> Session:
    return Session(
        kind=kind,
        title=title or f"Easy {kind}",
        start=at(day, hour, minute),
        duration_min=minutes,
        content=[f"{minutes} minutes of easy {kind}."],
        rules=["A1"],
    )


def good_sessions() -> dict[date, list[Session]]:
    """The sessions of the good plan, by date (a fresh, editable mapping)."""
    out: dict[date, list[Session]] = defaultdict(list)
    for w, (tue, thu, sat) in enumerate(RUN_MINUTES):
        mon = START + timedelta(days=7 * w)
        day = [mon + timedelta(days=k) for k in range(7)]
        out[day[0]] = [session(SessionKind.STRENGTH, day[0], 30, 18, title="Core and back")]
        out[day[1]] = [run(day[1], tue)]
        out[day[2]] = [session(SessionKind.BIKE, day[2], 40, 18)]
        out[day[3]] = [run(day[3], thu)]
        out[day[4]] = [
            session(SessionKind.SWIM, day[4], 30, 12),
            session(SessionKind.STRENGTH, day[4], 30, 12, 45, title="Core and back"),
        ]
        out[day[5]] = [run(day[5], sat, 8, 0, title="Long easy run")]
        out[day[6]] = [session(SessionKind.WALK, day[6], 30, 10)]
    return dict(out)


def build_plan(
    sessions: dict[date, list[Session]],
    *,
    start: date = START,
    weeks: int = WEEKS,
    advisories: Iterable[Advisory] = (),
    disclaimer: str = DISCLAIMER,
) -> Plan:
    """A structurally sound plan of ``weeks`` weeks; recovery weeks marked every 4th week."""
    plan_weeks = []
    for w in range(weeks):
        first = start + timedelta(days=7 * w)
        days = [
            Day(date=d, sessions=list(sessions.get(d, [])))
            for d in (first + timedelta(days=k) for k in range(7))
        ]
        plan_weeks.append(Week(start=first, days=days, recovery_week=(w + 1) % 4 == 0))
    return Plan(
        runner="Test Runner",
        timezone=LONDON,
        start=start,
        weeks=plan_weeks,
        advisories=list(advisories),
        disclaimer=disclaimer,
    )


def good_plan(**kwargs: Any) -> Plan:
    return build_plan(good_sessions(), **kwargs)


def advisory(day: date, *rules: str, message: str = "A wish could not be met.") -> Advisory:
    return Advisory(kind=AdvisoryKind.NOTE, date=day, message=message, rules=list(rules))


def day_of(week: int, weekday: int) -> date:
    """Date of ``weekday`` (0 = Monday) in week ``week`` (0-based) of the good plan."""
    return START + timedelta(days=7 * week + weekday)


def edit(
    sessions: dict[date, list[Session]], day: date, kind: SessionKind, **update: Any
) -> dict[date, list[Session]]:
    """Replace the first ``kind`` session on ``day`` by a copy with ``update`` applied."""
    found = [i for i, s in enumerate(sessions[day]) if s.kind is kind]
    i = found[0]
    changed = list(sessions[day])
    changed[i] = changed[i].model_copy(update=update)
    return {**sessions, day: changed}


def move(
    sessions: dict[date, list[Session]], day: date, kind: SessionKind, to: date
) -> dict[date, list[Session]]:
    """Move the first ``kind`` session on ``day`` to date ``to`` at the same wall time."""
    found = next(s for s in sessions[day] if s.kind is kind)
    moved = found.model_copy(update={"start": at(to, found.start.hour, found.start.minute)})
    out = {**sessions, day: [s for s in sessions[day] if s is not found]}
    out[to] = [*out.get(to, []), moved]
    return out


def add(sessions: dict[date, list[Session]], *new: Session) -> dict[date, list[Session]]:
    out = dict(sessions)
    for s in new:
        d = s.start.date()
        out[d] = [*out.get(d, []), s]
    return out


def remove(
    sessions: dict[date, list[Session]], day: date, kind: SessionKind
) -> dict[date, list[Session]]:
    found = next(s for s in sessions[day] if s.kind is kind)
    return {**sessions, day: [s for s in sessions[day] if s is not found]}


def edit_runs(sessions: dict[date, list[Session]], **update: Any) -> dict[date, list[Session]]:
    """Apply ``update`` to every run."""
    return {
        d: [s.model_copy(update=update) if s.kind is SessionKind.RUN else s for s in day]
        for d, day in sessions.items()
    }


def runs_only(minutes_by_day: dict[int, int]) -> dict[date, list[Session]]:
    """Only runs, keyed by day offset from START (for load tests that need odd shapes)."""
    out: dict[date, list[Session]] = {}
    for offset, minutes in minutes_by_day.items():
        d = START + timedelta(days=offset)
        out[d] = [run(d, minutes)]
    return out
