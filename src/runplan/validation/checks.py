"""The plan validator: re-checks a finished plan against the rule catalog (RULES.md).

It never uses the scheduler's code, so it can check a plan a coach edited by hand,
and so scheduler tests are not the scheduler agreeing with itself.  Each rule (or a
small group) has one checker; the checkers are registered in :data:`CHECKS`, which
reads as the list of what is enforced.  Rules that need the back-condition timeline
(S1-S3, A7-A11, R1-R3) are in :data:`CONDITION_CHECKS`; they read the validator's own
derivation of docs/conditions.md (:mod:`runplan._validate_conditions`), never the
scheduler's timeline.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from types import MappingProxyType

from runplan.models import (
    Intensity,
    Plan,
    Runner,
    Session,
    SessionKind,
    StepKind,
    Surface,
    Week,
    Weekday,
)
from runplan.validation.derivation import (
    LADDER_STEP_MINUTES,
    DayRules,
    LadderVisit,
    Mode,
    derive,
    mentions,
    physical_therapy,
    spells_out_step,
)

__all__ = ["Violation", "validate"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: its id, a readable message naming what is wrong, and the date
    it concerns (``None`` for the plan as a whole)."""

    rule: str
    message: str
    date: date | None = None


Checker = Callable[[Plan, Runner], Iterator[Violation]]

# --------------------------------------------------------------------- conventions

#: Slack for float ratios only (1.1 x 130 is 143.00000000000003); nothing else is lenient.
TOLERANCE = 1e-9
DAYS_PER_WEEK = 7
#: L2: week i (0-based) is a recovery week iff (i + 1) % RECOVERY_EVERY == 0.
RECOVERY_EVERY = 4
RECOVERY_RATIO = 0.75
WEEKLY_GROWTH = 1.1  # L1, against the last non-recovery week
TWO_WEEK_GROWTH = 1.3  # L1, against the non-recovery week before that
LONG_RUN_GROWTH = 1.1  # L4
LOOKBACK_DAYS = 30  # L4
WARMUP_RANGE = (5, 15)  # A2 (and R2), minutes
SHOE_WARN_KM = 480  # A5
MAX_SESSIONS_PER_DAY = 2  # P2
DISCLAIMER_PHRASE = "not medical advice"  # S4
#: R2: the walk-run ladder, as messages name it.
LADDER_TEXT: Mapping[int, str] = MappingProxyType(
    {
        1: "5 x (walk 4 / jog 1)",
        2: "5 x (walk 3 / jog 3)",
        3: "2 x (jog 14 / walk 2)",
        4: "30 min continuous",
    }
)

CROSS_KINDS = frozenset({SessionKind.BIKE, SessionKind.SWIM})
TRAINING_KINDS = frozenset({SessionKind.RUN, SessionKind.STRENGTH} | CROSS_KINDS)
#: P1: ice/heat, walking and gentle mobility happen at home, outside the windows.
AT_HOME_KINDS = frozenset({SessionKind.RECOVERY, SessionKind.WALK, SessionKind.MOBILITY})
#: A6: lower is softer.
SOFTNESS: Mapping[Surface, int] = MappingProxyType(
    {
        Surface.GRASS: 0,
        Surface.DIRT: 0,
        Surface.TRAIL: 0,
        Surface.TRACK: 1,
        Surface.TREADMILL: 2,
        Surface.ROAD: 3,
    }
)

#: S5: wording a plan must never contain, one pattern per kind (the group name says
#: which): a medication dose, a named drug, a promise of prevention or healing, a
#: diagnosis phrased at the runner, and orthotics or back belts/braces.
FORBIDDEN_WORDING: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?P<dose>\d+(?:[.,]\d+)?\s*(?:mg|milligrams?|tablets?|pills?|capsules?|ml)\b)"),
    re.compile(
        r"\b(?P<drug>ibuprofen|naproxen|advil|aspirin|paracetamol|acetaminophen|diclofenac)\b"
    ),
    re.compile(
        r"\b(?P<promise>prevent\w*|guarantee\w*|cur(?:e|es|ed|ing)|will\s+heal\w*|injury[-\s]?free)\b"
    ),
    re.compile(r"\b(?P<diagnosis>you\s+have\s+an?|you\s+are\s+suffering|you're\s+suffering)\b"),
    re.compile(r"\b(?P<device>orthotic\w*|back\s+(?:belt|brace)s?)\b"),
)
_FORBIDDEN_KIND = MappingProxyType(
    {
        "dose": "a medication dose",
        "drug": "a named drug",
        "promise": "a promise",
        "diagnosis": "a diagnosis",
        "device": "an orthotic or back support",
    }
)


# ------------------------------------------------------------------------ helpers


def _label(day: date, session: Session) -> str:
    """How a message names a session: kind, title, date and the wall time it states."""
    return f'{session.kind} "{session.title}" on {day} at {session.start:%H:%M}'


def _week_label(index: int, week: Week) -> str:
    return f"week {index + 1} ({week.start})"


def _week_last(week: Week) -> date:
    return week.start + timedelta(days=DAYS_PER_WEEK - 1)


def _week_sessions(week: Week) -> list[tuple[date, Session]]:
    return [(day.date, s) for day in week.days for s in day.sessions]


def _count(sessions: Iterable[tuple[date, Session]], kinds: Iterable[SessionKind]) -> int:
    wanted = frozenset(kinds)
    return sum(1 for _, s in sessions if s.kind in wanted)


def _run_minutes(week: Week) -> int:
    """Run minutes of a week: the runs' full durations, warm-up included."""
    return sum(s.duration_min for _, s in _week_sessions(week) if s.kind is SessionKind.RUN)


def _is_recovery(index: int) -> bool:
    return (index + 1) % RECOVERY_EVERY == 0


def _has_advisory(
    plan: Plan, rule: str, first: date | None = None, last: date | None = None
) -> bool:
    """Whether an advisory cites ``rule``, dated within ``first``..``last`` when given."""
    return any(
        rule in a.rules and (first is None or a.date >= first) and (last is None or a.date <= last)
        for a in plan.advisories
    )


def _has_p3_in(plan: Plan, week: Week) -> bool:
    return _has_advisory(plan, "P3", week.start, _week_last(week))


def _runs(plan: Plan) -> list[tuple[date, Session]]:
    return [(d, s) for d, s in plan.sessions() if s.kind is SessionKind.RUN]


def _wall_minute(moment: datetime) -> float:
    """Minute of the day on the wall clock (seconds as a fraction)."""
    seconds = moment.second + moment.microsecond / 1_000_000
    return moment.hour * 60 + moment.minute + seconds / 60


def _hhmm(minute: float) -> str:
    hours, minutes = divmod(int(minute), 60)
    return f"{hours:02d}:{minutes:02d}"


# ------------------------------------------------------------------ structure (PLAN)


def _check_structure(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """Weeks of seven consecutive dates, back to back from plan.start, in the runner's zone;
    every other check relies on this shape."""
    if plan.timezone != runner.timezone:
        yield Violation(
            "PLAN", f'the plan is in time zone "{plan.timezone}", the runner in "{runner.timezone}"'
        )
    if not plan.weeks:
        yield Violation("PLAN", "the plan has no weeks")
        return
    if plan.start != plan.weeks[0].start:
        yield Violation(
            "PLAN",
            f"the plan starts {plan.start} but its first week starts {plan.weeks[0].start}",
            plan.start,
        )
    for i, week in enumerate(plan.weeks):
        if i:
            expected = plan.weeks[i - 1].start + timedelta(days=DAYS_PER_WEEK)
            if week.start != expected:
                yield Violation(
                    "PLAN",
                    f"{_week_label(i, week)} should start {expected}; weeks must be contiguous",
                    week.start,
                )
        if len(week.days) != DAYS_PER_WEEK:
            yield Violation(
                "PLAN",
                f"{_week_label(i, week)} has {len(week.days)} days instead of {DAYS_PER_WEEK}",
                week.start,
            )
        for k, day in enumerate(week.days):
            expected = week.start + timedelta(days=k)
            if day.date != expected:
                yield Violation(
                    "PLAN",
                    f"day {k + 1} of {_week_label(i, week)} is dated {day.date}, expected "
                    f"{expected} (dates must be consecutive)",
                    day.date,
                )


# --------------------------------------------------------------------- safety (S)


def _check_disclaimer(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """S4: the plan carries the not-medical-advice disclaimer."""
    if DISCLAIMER_PHRASE not in plan.disclaimer.lower():
        shown = plan.disclaimer.strip() or "(empty)"
        yield Violation("S4", f'the disclaimer must say "{DISCLAIMER_PHRASE}"; it is: {shown}')


def _plan_texts(plan: Plan) -> Iterator[tuple[date | None, str, str]]:
    """Every runner-facing text of the plan: (date, where it is, text)."""
    for day, s in plan.sessions():
        where = _label(day, s)
        yield day, f"the title of {where}", s.title
        for text in s.content:
            yield day, f"the content of {where}", text
        for text in s.notes:
            yield day, f"a note of {where}", text
        if s.warmup is not None:
            for step in s.warmup.steps:
                yield day, f"a warm-up step of {where}", step.text
    for advisory in plan.advisories:
        yield advisory.date, f"the {advisory.kind} advisory on {advisory.date}", advisory.message
    yield None, "the disclaimer", plan.disclaimer


def _check_forbidden_wording(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """S5: no doses, drug names, promises, diagnoses, orthotics or back belts."""
    for day, where, text in _plan_texts(plan):
        lowered = text.lower()
        for pattern in FORBIDDEN_WORDING:
            match = pattern.search(lowered)
            if match is not None:
                kind = _FORBIDDEN_KIND[match.lastgroup or ""]
                yield Violation("S5", f'{where} contains {kind}: "{match.group(0)}"', day)


# ------------------------------------------------------------------- article (A)


def _check_weekly_pattern(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """A1: no more runs or cross-training sessions than wished; fewer only with a P3 advisory
    (not needed in a week whose every day is blocked by a red flag, S1/S2)."""
    blocked = derive(plan, runner).blocked_weeks
    for i, week in enumerate(plan.weeks):
        sessions = _week_sessions(week)
        for what, kinds, wished in (
            ("runs", (SessionKind.RUN,), runner.run_days),
            ("cross-training sessions", CROSS_KINDS, runner.cross_days),
        ):
            count = _count(sessions, kinds)
            if count > wished:
                yield Violation(
                    "A1",
                    f"{_week_label(i, week)} has {count} {what}, more than the {wished} wished",
                    week.start,
                )
            elif count < wished and i not in blocked and not _has_p3_in(plan, week):
                yield Violation(
                    "A1",
                    f"{_week_label(i, week)} has {count} of {wished} {what} and no P3 advisory",
                    week.start,
                )


def _check_warmups(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """A2: every run opens with a 5-15 minute warm-up of walking and back stretches."""
    low, high = WARMUP_RANGE
    for day, s in _runs(plan):
        where = _label(day, s)
        warmup = s.warmup
        if warmup is None:
            yield Violation("A2", f"{where} has no warm-up", day)
            continue
        if not low <= warmup.duration_min <= high:
            yield Violation(
                "A2",
                f"{where} has a {warmup.duration_min}-minute warm-up; allowed {low}-{high}",
                day,
            )
        kinds = {step.kind for step in warmup.steps}
        missing = [str(k) for k in (StepKind.WALK, StepKind.BACK_STRETCH) if k not in kinds]
        if missing:
            yield Violation("A2", f"{where} has no {' or '.join(missing)} in its warm-up", day)
        steps = sum(step.minutes for step in warmup.steps)
        if steps != warmup.duration_min:
            yield Violation(
                "A2",
                f"{where}: warm-up steps add up to {steps} minutes, "
                f"not the warm-up's {warmup.duration_min}",
                day,
            )
        if s.duration_min <= warmup.duration_min:
            yield Violation(
                "A2",
                f"{where} lasts {s.duration_min} minutes, no longer than its "
                f"{warmup.duration_min}-minute warm-up",
                day,
            )


def _check_strength(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """A3: the wished strength sessions each week, or a P3 advisory saying why not (not
    needed in a week whose every day is blocked by a red flag, S1/S2)."""
    blocked = derive(plan, runner).blocked_weeks
    for i, week in enumerate(plan.weeks):
        count = _count(_week_sessions(week), (SessionKind.STRENGTH,))
        if count < runner.strength_days and i not in blocked and not _has_p3_in(plan, week):
            yield Violation(
                "A3",
                f"{_week_label(i, week)} has {count} of {runner.strength_days} strength sessions "
                "and no P3 advisory",
                week.start,
            )


def _check_no_back_to_back_runs(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """A4: at most one run a date and never runs on consecutive dates, across weeks too."""
    per_date = Counter(day for day, _ in _runs(plan))
    for day, count in sorted(per_date.items()):
        if count > 1:
            yield Violation("A4", f"{count} runs on {day}; at most one run a day", day)
    dates = sorted(per_date)
    for before, after in pairwise(dates):
        if after - before == timedelta(days=1):
            yield Violation("A4", f"runs on consecutive days {before} and {after}", after)


def _check_shoes(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """A5: every run mentions shoes; worn shoes (known distance >= 480 km) get an advisory."""
    for day, s in _runs(plan):
        if not any("shoe" in note.lower() for note in s.notes):
            yield Violation("A5", f"{_label(day, s)} has no note about shoes", day)
    if (
        runner.shoe_km is not None
        and runner.shoe_km >= SHOE_WARN_KM
        and not _has_advisory(plan, "A5")
    ):
        yield Violation(
            "A5",
            f"the shoes have {runner.shoe_km:g} km (>= {SHOE_WARN_KM}) and no advisory cites A5",
        )


def _check_surfaces(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """A6: every run is on one of the runner's surfaces, and on the softest class of them.
    Walk-run ladder sessions are judged by R2 instead (softest *flat* surface)."""
    softest = min(SOFTNESS[s] for s in runner.surfaces)
    best = ", ".join(str(s) for s in runner.surfaces if SOFTNESS[s] == softest)
    for day, s in _runs(plan):
        if s.ladder_step is not None:
            continue
        where = _label(day, s)
        if s.surface is None:
            yield Violation("A6", f"{where} has no surface", day)
        elif s.surface not in runner.surfaces:
            yield Violation(
                "A6",
                f"{where} is on {s.surface}, which the runner does not have "
                f"({', '.join(str(x) for x in runner.surfaces)})",
                day,
            )
        elif SOFTNESS[s.surface] != softest:
            yield Violation("A6", f"{where} is on {s.surface}; softer is available: {best}", day)


def _check_form_cues(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """A12: every run carries one note with the form cues (run tall ... short steps)."""
    for day, s in _runs(plan):
        if not any("run tall" in n.lower() and "short" in n.lower() for n in s.notes):
            yield Violation(
                "A12", f'{_label(day, s)} has no note with "run tall" and "short" steps', day
            )


# ---------------------------------------------------------------------- load (L, X)


def _check_weekly_growth(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """L1: run minutes grow at most 10 % a week and 30 % over two weeks, measured against
    non-recovery weeks (the baseline is the profile's weekly_run_minutes).  Restricted
    weeks (a day without full running, or a ladder session) are not checked, and a week
    whose reference week was restricted is not checked against it: after a restriction
    L4 paces the return (docs/conditions.md)."""
    restricted = derive(plan, runner).restricted_weeks
    baseline = ("weekly_run_minutes", runner.weekly_run_minutes, False)
    earlier: list[tuple[str, int, bool]] = []  # non-recovery weeks: (label, minutes, restricted)
    for i, week in enumerate(plan.weeks):
        if _is_recovery(i):
            continue
        minutes = _run_minutes(week)
        ref = earlier[-1] if earlier else baseline
        ref2 = earlier[-2] if len(earlier) >= 2 else baseline
        earlier.append((_week_label(i, week), minutes, i in restricted))
        if i in restricted:
            continue
        for (name, reference, skipped), ratio in ((ref, WEEKLY_GROWTH), (ref2, TWO_WEEK_GROWTH)):
            if not skipped and minutes > ratio * reference + TOLERANCE:
                yield Violation(
                    "L1",
                    f"{_week_label(i, week)} has {minutes} run minutes, more than "
                    f"{ratio:g} x {reference} ({name}) = {ratio * reference:g}",
                    week.start,
                )


def _check_recovery_weeks(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """L2: every 4th week is a recovery week at most 75 % of the week before, and is marked so.
    A restricted recovery week, or one after a restricted week, is not compared."""
    restricted = derive(plan, runner).restricted_weeks
    for i, week in enumerate(plan.weeks):
        if i in restricted:
            continue
        recovery = _is_recovery(i)
        if week.recovery_week != recovery:
            should = "should" if recovery else "should not"
            yield Violation(
                "L2",
                f"{_week_label(i, week)} {should} be marked as a recovery week",
                week.start,
            )
        if recovery and i and i - 1 not in restricted:
            before = _run_minutes(plan.weeks[i - 1])
            minutes = _run_minutes(week)
            if minutes > RECOVERY_RATIO * before + TOLERANCE:
                yield Violation(
                    "L2",
                    f"recovery {_week_label(i, week)} has {minutes} run minutes, more than "
                    f"{RECOVERY_RATIO:g} x {before} = {RECOVERY_RATIO * before:g}",
                    week.start,
                )


def _check_rest_day(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """L3: each week keeps a date free of training (walks and mobility are fine)."""
    for i, week in enumerate(plan.weeks):
        busy = {d for d, s in _week_sessions(week) if s.kind in TRAINING_KINDS}
        dates = (week.start + timedelta(days=k) for k in range(DAYS_PER_WEEK))
        if all(d in busy for d in dates):
            yield Violation("L3", f"{_week_label(i, week)} has no day without training", week.start)


def _check_long_run_growth(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """L4: no run longer than 1.1 x the longest run of the 30 days before it; while that
    window reaches before the plan, the runner's usual run counts as one of them.  Ladder
    sessions follow R2 instead, but count among the runs of the 30 days."""
    runs = _runs(plan)
    usual = runner.weekly_run_minutes / runner.run_days
    by_date = sorted((d, r.duration_min) for d, r in runs)  # any order a plan comes in
    dates = [d for d, _ in by_date]
    for day, s in runs:
        if s.ladder_step is not None:
            continue
        first = day - timedelta(days=LOOKBACK_DAYS)
        window = by_date[bisect_left(dates, first) : bisect_left(dates, day)]
        previous: list[float] = [minutes for _, minutes in window]
        if first < plan.start:
            previous.append(usual)
        if not previous:
            continue
        longest = max(previous)
        if s.duration_min > LONG_RUN_GROWTH * longest + TOLERANCE:
            yield Violation(
                "L4",
                f"{_label(day, s)} lasts {s.duration_min} minutes, more than "
                f"{LONG_RUN_GROWTH:g} x {longest:g} (longest of the previous {LOOKBACK_DAYS} "
                f"days) = {LONG_RUN_GROWTH * longest:g}",
                day,
            )


def _check_cross_training(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """X1: swimming needs an open pool, cycling a bike, and cross-training is easy effort."""
    for day, s in plan.sessions():
        where = _label(day, s)
        weekday = Weekday.of(day)
        if s.kind is SessionKind.SWIM and not runner.can_swim_on(weekday):
            yield Violation("X1", f"{where}: the runner has no pool on {weekday}", day)
        if s.kind is SessionKind.BIKE and not runner.has_bike:
            yield Violation("X1", f"{where}: the runner has no bike", day)
        if s.kind in CROSS_KINDS and s.intensity is not Intensity.EASY:
            yield Violation("X1", f"{where} is {s.intensity}; cross-training is easy effort", day)


# ------------------------------------------------------------------ placement (P)


def _check_windows(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """P1: sessions sit on their date, at the zone's true offset, inside a time window."""
    for week in plan.weeks:
        for day in week.days:
            for s in day.sessions:
                yield from _check_session_placement(runner, day.date, s)


def _check_session_placement(runner: Runner, day: date, s: Session) -> Iterator[Violation]:
    zone = runner.zone
    where = _label(day, s)
    local_start = s.start.astimezone(zone)
    true_offset = local_start.utcoffset()
    if s.start.utcoffset() != true_offset:
        yield Violation(
            "P1",
            f"{where} has UTC offset {s.start:%z}, but {runner.timezone} is at "
            f"{local_start:%z} at that instant",
            day,
        )
    if local_start.date() != day:
        yield Violation(
            "P1", f"{where} starts on {local_start.date()} in {runner.timezone}, not {day}", day
        )
    if s.kind in AT_HOME_KINDS:
        return
    # The end is an instant (absolute time), read on the local wall clock afterwards.
    local_end = (s.start.astimezone(UTC) + timedelta(minutes=s.duration_min)).astimezone(zone)
    start_minute = _wall_minute(local_start)
    next_day = local_start.date() + timedelta(days=1)
    if local_end.date() == local_start.date():
        end_minute = _wall_minute(local_end)
    elif local_end.date() == next_day and _wall_minute(local_end) == 0:
        end_minute = 24 * 60.0  # ends at midnight: a window may end at 24:00
    else:
        yield Violation("P1", f"{where} runs past midnight (ends {local_end:%Y-%m-%d %H:%M})", day)
        return
    weekday = Weekday.of(local_start.date())
    windows = runner.availability.on(weekday)
    if any(w.start_minute <= start_minute and end_minute <= w.end_minute for w in windows):
        return
    allowed = ", ".join(str(w) for w in windows) or "none"
    yield Violation(
        "P1",
        f"{where} takes {_hhmm(start_minute)}-{_hhmm(end_minute)} local time, outside the "
        f"{weekday} windows ({allowed})",
        day,
    )


def _check_day_load(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """P2: at most two training sessions a date (home care - recovery, mobility, walks -
    comes on top), run and cross-training days apart, no session overlapping another."""
    per_date: defaultdict[date, list[Session]] = defaultdict(list)
    for day, s in plan.sessions():
        per_date[day].append(s)
    for day, sessions in sorted(per_date.items()):
        runs = sum(1 for s in sessions if s.kind is SessionKind.RUN)
        cross = sum(1 for s in sessions if s.kind in CROSS_KINDS)
        training = sum(1 for s in sessions if s.kind in TRAINING_KINDS)
        if training > MAX_SESSIONS_PER_DAY:
            yield Violation(
                "P2",
                f"{training} training sessions on {day}; at most {MAX_SESSIONS_PER_DAY}",
                day,
            )
        if runs > 1:
            yield Violation("P2", f"{runs} runs on {day}", day)
        if cross > 1:
            yield Violation("P2", f"{cross} cross-training sessions on {day}", day)
        if runs and cross:
            yield Violation("P2", f"a run and cross-training on the same day {day}", day)
        yield from _overlaps(day, sessions)


def _overlaps(day: date, sessions: list[Session]) -> Iterator[Violation]:
    # Compare instants in UTC: wall-clock arithmetic would be wrong across a DST change.
    ordered = sorted(sessions, key=lambda s: s.start.astimezone(UTC))
    for i, first in enumerate(ordered):
        end = first.start.astimezone(UTC) + timedelta(minutes=first.duration_min)
        for later in ordered[i + 1 :]:
            if later.start.astimezone(UTC) < end:
                yield Violation("P2", f"{_label(day, first)} overlaps {_label(day, later)}", day)


def _check_long_run_day(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """P3: the week's longest run falls on long_run_day, or an advisory says why not.
    A tie counts as on the day."""
    wished = runner.long_run_day
    if wished is None:
        return
    for i, week in enumerate(plan.weeks):
        runs = [(d, s) for d, s in _week_sessions(week) if s.kind is SessionKind.RUN]
        if not runs:
            continue
        longest = max(s.duration_min for _, s in runs)
        on_day = any(Weekday.of(d) is wished and s.duration_min == longest for d, s in runs)
        if not on_day and not _has_p3_in(plan, week):
            yield Violation(
                "P3",
                f"the longest run of {_week_label(i, week)} ({longest} minutes) is not on "
                f"{wished} and no P3 advisory says why",
                week.start,
            )


# ------------------------------------------------- back conditions (S1-S3, A7-A11, R)
#
# The checkers below judge the plan against the validator's own reading of
# docs/conditions.md (runplan._validate_conditions.derive): which stops are active each
# day, the running mode (none / ladder / full), the A11 cap, the advisories owed and the
# walk-run ladder position before every ladder session.


def _sessions_by_date(plan: Plan) -> defaultdict[date, list[Session]]:
    out: defaultdict[date, list[Session]] = defaultdict(list)
    for day, s in plan.sessions():
        out[day].append(s)
    return out


def _check_blocked_days(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """S1, S2: a day under a red-flag episode (or the S2 history stop) holds no session."""
    derived = derive(plan, runner)
    for day, s in plan.sessions():
        rules = derived.day(day)
        if rules.blocked:
            stop = rules.primary()
            yield Violation(
                stop.rule,
                f"{_label(day, s)}: no session of any kind while {rules.described()}",
                day,
            )


def _check_stopped_days(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """S3, A7-A10, R1: no run of any kind and no strength while a stop is active; bike and
    swim only where the stops allow them (never in the A7 window, under A9/A10 only on a
    known pain-free day).  Blocked days are S1/S2's."""
    derived = derive(plan, runner)
    for day, s in plan.sessions():
        rules = derived.day(day)
        if not rules.stops or rules.blocked:
            continue
        where = _label(day, s)
        if s.kind in (SessionKind.RUN, SessionKind.STRENGTH):
            what = "no running" if s.kind is SessionKind.RUN else "no strength training"
            yield Violation(rules.primary().rule, f"{where}: {what} while {rules.described()}", day)
        elif s.kind in CROSS_KINDS and rules.cross_stop is not None:
            stop = rules.cross_stop
            why = "no cross-training" if stop.rule == "A7" else "cross-training only when pain-free"
            yield Violation(
                stop.rule,
                f"{where}: {why} under {stop.describe()} (pain-free: the latest check-in "
                f"since {stop.start} shows pain 0 and no radiating pain)",
                day,
            )


def _check_home_care(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """A7 and the other stops' home care: every day of the A7 window inside the plan has a
    recovery session (ice on the onset day, heat after) and a mobility session; every
    other stopped, non-blocked day a mobility session; under A10 mobility sessions are
    physical-therapy exercises."""
    derived = derive(plan, runner)
    by_date = _sessions_by_date(plan)
    for day, rules in sorted(derived.days.items()):
        if not rules.mobility:
            continue
        sessions = by_date.get(day, [])
        yield from _home_care_of(day, rules, sessions)


def _texts(s: Session) -> list[str]:
    return [s.title, *s.content]


def _home_care_of(day: date, rules: DayRules, sessions: list[Session]) -> Iterator[Violation]:
    recovery = [s for s in sessions if s.kind is SessionKind.RECOVERY]
    mobility = [s for s in sessions if s.kind is SessionKind.MOBILITY]
    for word in rules.recovery_words:
        if not any(mentions(_texts(s), word) for s in recovery):
            yield Violation(
                "A7",
                f"{day} is in the A7 window ({rules.described()}) and has no recovery "
                f'session mentioning "{word}"',
                day,
            )
    if not mobility:
        yield Violation(
            rules.primary().rule,
            f"{day} has no mobility session (gentle back mobility and easy walking every "
            f"day, no bed rest) while {rules.described()}",
            day,
        )
    if rules.physical_therapy:
        for s in mobility:
            if not physical_therapy(_texts(s)):
                yield Violation(
                    "A10",
                    f'{_label(day, s)} is not marked as physical-therapy exercises ("physical '
                    f'therapy" in its title or content) while {rules.described()}',
                    day,
                )


def _check_condition_advisories(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """S1-S3, A7/A8, A8-A11, R1: every advisory the conditions owe, of the right kind,
    citing the rule(s), on the right date (a stop that began before the plan and is still
    active then: on the plan's first day)."""
    for owed in derive(plan, runner).advisories:
        if not any(owed.met_by(a.kind, a.date, a.rules) for a in plan.advisories):
            yield Violation(
                owed.rules[0],
                f"no {owed.kind} advisory citing {', '.join(owed.rules)} dated {owed.date} "
                f"({owed.why})",
                owed.date,
            )


def _check_run_cap(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """A11: after pain following a long run, and until a later clearance, no run is longer
    than the usual run (weekly_run_minutes / run_days, warm-up included)."""
    derived = derive(plan, runner)
    for day, s in _runs(plan):
        cap = derived.day(day).cap
        if cap is not None and s.duration_min > cap + TOLERANCE:
            yield Violation(
                "A11",
                f"{_label(day, s)} lasts {s.duration_min} minutes, more than the usual run "
                f"({runner.weekly_run_minutes} / {runner.run_days} = {cap:g}) after pain "
                "following a long run",
                day,
            )


def _check_ladder(plan: Plan, runner: Runner) -> Iterator[Violation]:
    """R2, R3: while running returns, only walk-run ladder sessions: steps in order, each
    done twice before the next, one step back after an R3 check-in, never on consecutive
    days, a 5-15 minute warm-up of walking and back stretches, the intervals spelled out,
    on the softest flat surface; ordinary runs only once two step-4 sessions are done."""
    derived = derive(plan, runner)
    for day, s in _runs(plan):
        mode = derived.day(day).mode
        if mode is Mode.LADDER and s.ladder_step is None:
            yield Violation(
                "R2",
                f"{_label(day, s)} is an ordinary run, but running returns through the "
                "walk-run ladder and it is not complete (two step-4 sessions)",
                day,
            )
        elif mode is Mode.FULL and s.ladder_step is not None:
            yield Violation(
                "R2",
                f"{_label(day, s)} is ladder step {s.ladder_step}, but no walk-run ladder is "
                "in progress that day",
                day,
            )
    flat: list[Surface] = [x for x in runner.surfaces if x is not Surface.TRAIL]
    for visit in derived.ladder:
        yield from _ladder_order(visit)
        yield from _ladder_session(visit.day, visit.session, flat)


def _ladder_order(visit: LadderVisit) -> Iterator[Violation]:
    day, s = visit.day, visit.session
    where = _label(day, s)
    if s.ladder_step not in visit.allowed and s.ladder_step not in visit.repeats:
        allowed = " or ".join(str(k) for k in visit.allowed)
        if visit.stepped_back is not None:
            yield Violation(
                "R3",
                f"{where} is step {s.ladder_step}; the check-in of {visit.stepped_back} "
                "(run pain above 3/10 or not settled by morning) stepped the ladder back, "
                f"so the next session is step {allowed}",
                day,
            )
        else:
            yield Violation(
                "R2",
                f"{where} is step {s.ladder_step}; the ladder is at step {visit.step} "
                f"(done {visit.done} time(s); each step at least twice before the next), so "
                f"the next session is step {allowed} (or a lower step, repeated)",
                day,
            )
    if visit.previous is not None and day - visit.previous == timedelta(days=1):
        yield Violation(
            "R2",
            f"{where} follows the ladder session of {visit.previous}; ladder sessions are "
            "never on consecutive days",
            day,
        )


def _ladder_session(day: date, s: Session, flat: list[Surface]) -> Iterator[Violation]:
    where = _label(day, s)
    step = s.ladder_step or 1
    low, high = WARMUP_RANGE
    warmup = s.warmup
    if warmup is None or not low <= warmup.duration_min <= high:
        yield Violation(
            "R2", f"{where} needs a {low}-{high} minute warm-up before the ladder step", day
        )
    elif {StepKind.WALK, StepKind.BACK_STRETCH} - {w.kind for w in warmup.steps}:
        yield Violation("R2", f"{where}: the warm-up needs walking and back stretches", day)
    else:
        expected = warmup.duration_min + LADDER_STEP_MINUTES[step]
        if s.duration_min != expected:
            yield Violation(
                "R2",
                f"{where} lasts {s.duration_min} minutes; step {step} takes "
                f"{LADDER_STEP_MINUTES[step]} after the {warmup.duration_min}-minute warm-up "
                f"= {expected}",
                day,
            )
    if not spells_out_step(step, s.content):
        yield Violation(
            "R2",
            f"{where}: its content does not spell out the intervals of step {step} "
            f"({LADDER_TEXT[step]})",
            day,
        )
    if "R2" not in s.rules:
        yield Violation("R2", f"{where} does not cite R2 among its rules", day)
    if not flat:
        yield Violation(
            "R2", f"{where}: the runner has no flat, even surface (trail only) for the ladder", day
        )
        return
    softest = min(SOFTNESS[x] for x in flat)
    best = ", ".join(str(x) for x in flat if SOFTNESS[x] == softest)
    if s.surface is None or s.surface not in flat or SOFTNESS[s.surface] != softest:
        yield Violation(
            "R2",
            f"{where} is on {s.surface or 'no surface'}; ladder sessions go on the softest "
            f"flat surface the runner has ({best}; trail excluded)",
            day,
        )


# ---------------------------------------------------------------------- registry

#: The checks of every plan, in catalog order; each yields the violations of its rule(s).
CHECKS: tuple[Checker, ...] = (
    _check_structure,  # PLAN
    _check_disclaimer,  # S4
    _check_forbidden_wording,  # S5
    _check_weekly_pattern,  # A1
    _check_warmups,  # A2
    _check_strength,  # A3
    _check_no_back_to_back_runs,  # A4
    _check_shoes,  # A5
    _check_surfaces,  # A6
    _check_form_cues,  # A12
    _check_weekly_growth,  # L1
    _check_recovery_weeks,  # L2
    _check_rest_day,  # L3
    _check_long_run_growth,  # L4
    _check_cross_training,  # X1
    _check_windows,  # P1
    _check_day_load,  # P2
    _check_long_run_day,  # P3
)

#: Checks of the rules that need the back-condition timeline (S1-S3, A7-A11, R1-R3),
#: derived independently of the scheduler by :mod:`runplan._validate_conditions`.
CONDITION_CHECKS: tuple[Checker, ...] = (
    _check_blocked_days,  # S1, S2
    _check_stopped_days,  # S3, A7, A8, A9, A10, R1
    _check_home_care,  # A7, A10 (and the other stops' daily mobility)
    _check_condition_advisories,  # S1-S3, A7-A11, R1
    _check_run_cap,  # A11
    _check_ladder,  # R2, R3
)


def _order(violation: Violation) -> tuple[bool, date, str, str]:
    """Plan-wide violations first, then by date, rule id and message."""
    return (
        violation.date is not None,
        violation.date or date.min,
        violation.rule,
        violation.message,
    )


def validate(plan: Plan, runner: Runner) -> list[Violation]:
    """Check ``plan`` for ``runner`` against every checked rule; ``[]`` means it passes.

    The result is sorted (plan-wide first, then by date, rule id and message), so the
    same plan always gives the same list.
    """
    found = [v for check in (*CHECKS, *CONDITION_CHECKS) for v in check(plan, runner)]
    return sorted(found, key=_order)
