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

Run minutes per week (Tue/Thu/Sat): 39+39+52=130, 39+39+52=130, 43+43+57=143 (exactly
1.1 x 130), recovery 33+33+40=106 (<= 0.75 x 143), 46+46+60=152.  The long run runs
1.25-1.5 x the other runs (L6, warm-ups of 10 excluded), which the profile's
``long_run_minutes`` = 60 lets L4 allow from the first week; the recovery week cuts it
(30 <= 47 x 106 / 143).
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
    Effort,
    Exercise,
    Interval,
    IntervalKind,
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
    (39, 39, 52),
    (39, 39, 52),
    (43, 43, 57),
    (33, 33, 40),
    (46, 46, 60),
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
    "long_run_minutes": 60,  # L4/L6 before the plan
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


def recovery_weeks(sessions: dict[date, list[Session]], start: date, weeks: int) -> set[int]:
    """L2: every 4th week, except while the walk-run ladder runs or within 14 days of its
    last session (R4)."""
    ladder = [d for d, listed in sessions.items() for s in listed if s.ladder_step is not None]
    out = set()
    for w in range(3, weeks, 4):
        first = start + timedelta(days=7 * w)
        if not any(first - timedelta(days=14) <= d <= first + timedelta(days=6) for d in ladder):
            out.add(w)
    return out


def build_plan(
    sessions: dict[date, list[Session]],
    *,
    start: date = START,
    weeks: int = WEEKS,
    advisories: Iterable[Advisory] = (),
    disclaimer: str = DISCLAIMER,
) -> Plan:
    """A structurally sound plan of ``weeks`` weeks; recovery weeks marked every 4th week,
    except while the walk-run ladder runs or within 14 days of its last session (R4).
    Sessions get what a coach states (:func:`coach`) where they do not say it themselves."""
    plan_weeks = []
    sessions = coach(sessions, start, weeks)
    recovery = recovery_weeks(sessions, start, weeks)
    for w in range(weeks):
        first = start + timedelta(days=7 * w)
        days = [
            Day(date=d, sessions=list(sessions.get(d, [])))
            for d in (first + timedelta(days=k) for k in range(7))
        ]
        plan_weeks.append(Week(start=first, days=days, recovery_week=w in recovery))
    return Plan(
        runner="Test Runner",
        timezone=LONDON,
        start=start,
        weeks=plan_weeks,
        advisories=list(advisories),
        disclaimer=disclaimer,
    )


# ------------------------------------------------- what a coach states (A13, A14)

STOP_RULE = (
    "Stop if pain goes above 3/10 during it, or has not settled by the next morning; "
    "log a check-in."
)
_BANDS = {"easy": (2, 3), "brisk": (2, 3), "strength": (4, 5), "care": (1, 2)}
_CUES = {"easy": "full sentences", "brisk": "full sentences", "strength": "between sets"}
#: A14 strength levels written out here (not read from the library): rounds, reps of
#: bird-dog / dead bug / back extension, glute-bridge reps, hold seconds.
_LEVELS = ((2, 8, 10, 20), (2, 10, 12, 30), (3, 10, 12, 30), (3, 10, 12, 40))


def exercises(level: int) -> list[Exercise]:
    """The exercises of A14 strength level ``level`` (1-4)."""
    sets, reps, bridge, hold = _LEVELS[level - 1]
    return [
        Exercise(name="bird-dog", sets=sets, reps=reps, side="each"),
        Exercise(name="dead bug", sets=sets, reps=reps, side="each"),
        Exercise(name="glute bridge", sets=sets, reps=bridge),
        Exercise(name="side plank on the knees", sets=sets, hold_s=hold, side="each"),
        Exercise(name="front plank on the forearms", sets=sets, hold_s=hold),
        Exercise(name="prone back extension, small range", sets=sets, reps=reps),
    ]


def _band(s: Session) -> str:
    if s.kind in {SessionKind.RUN, SessionKind.BIKE, SessionKind.SWIM}:
        return "easy"
    walk = sum(i.minutes for i in s.intervals or ())
    if (s.kind is SessionKind.WALK and s.ladder_step == 0) or walk >= 30:
        return "brisk"
    return "strength" if s.kind is SessionKind.STRENGTH else "care"


def coached(s: Session, *, level: int = 1, walk: int = 15) -> Session:
    """``s`` with effort, load and stop rule (A13), exercises at ``level`` and a stop's
    walk of ``walk`` minutes (A14), wherever it does not state them itself."""
    update: dict[str, Any] = {}
    if s.kind is SessionKind.STRENGTH and s.exercises is None:
        update["exercises"] = exercises(level)
    if s.kind is SessionKind.MOBILITY and s.intervals is None:
        update["intervals"] = [Interval(kind=IntervalKind.WALK, minutes=walk)]
    s = s.model_copy(update=update)
    key = _band(s)
    low, high = _BANDS[key]
    loaded = s.kind in {
        SessionKind.RUN,
        SessionKind.BIKE,
        SessionKind.SWIM,
        SessionKind.STRENGTH,
    } or (s.kind is SessionKind.WALK and s.ladder_step == 0)
    if s.effort is None:
        update["effort"] = Effort(rpe_low=low, rpe_high=high, cue=_CUES.get(key, "very easy"))
        update["load"] = (low + high) / 2 * s.duration_min if loaded else 0.0
    if s.stop_rule is None and (
        s.kind is SessionKind.RUN or (s.kind is SessionKind.WALK and s.ladder_step == 0)
    ):
        update["stop_rule"] = STOP_RULE
    return s.model_copy(update=update)


def coach(
    sessions: dict[date, list[Session]], start: date = START, weeks: int = WEEKS
) -> dict[date, list[Session]]:
    """Every session :func:`coached`: strength at the level its week earned (up one every
    two non-recovery weeks with strength, down one for a week without), mobility with the
    walk of its week of consecutive mobility days (15, 20, 25, 30)."""
    out: dict[date, list[Session]] = dict(sessions)
    level, credit, began, last = 1, 0, None, None
    recovery = recovery_weeks(sessions, start, weeks)
    for w in range(weeks):
        days = [start + timedelta(days=7 * w + k) for k in range(7)]
        had = False
        for d in days:
            day = out.get(d, [])
            if any(s.kind is SessionKind.MOBILITY for s in day):
                if began is None or last is None or (d - last).days > 1:
                    began = d
                last = d
            walk = min(30, 15 + 5 * ((d - began).days // 7)) if began else 15
            had = had or any(s.kind is SessionKind.STRENGTH for s in day)
            out[d] = [coached(s, level=level, walk=walk) for s in day]
        if not had:
            level, credit = max(1, level - 1), 0
        elif w not in recovery:
            credit += 1
            if credit == 2:
                level, credit = min(4, level + 1), 0
    return out


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
