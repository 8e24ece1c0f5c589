"""Tests of the validator's condition rules (S1-S3, A7-A11, R1-R3) against hand-built plans.

Every runner comes from a profile mapping (:func:`runplan.profile.parse_profile`) and
every plan is built by hand from the good plan of :mod:`plan_factory` (Europe/London,
Monday 2027-03-01 .. Sunday 2027-04-04; runs Tue/Thu/Sat, bike Wed, swim and strength
Fri, strength Mon, walk Sun).  No scheduler is involved: for each rule a correct plan
passes, and a hand-broken copy is caught under the rule, on the expected date.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from plan_factory import (
    AVAILABILITY,
    FORM_NOTE,
    RUNNER_FIELDS,
    SHOE_NOTE,
    START,
    add,
    advisory,
    at,
    build_plan,
    day_of,
    edit,
    good_plan,
    good_sessions,
    remove,
    run,
    session,
    warmup,
)
from runplan.models import (
    Advisory,
    AdvisoryKind,
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
)
from runplan.profile import parse_profile
from runplan.validation import Violation
from runplan.validation import derivation as vc
from runplan.validation import validate as validate_all
from runplan.validation.context import Context
from runplan.validation.registry import CONDITION_CHECKS
from runplan.validation.texts import mentions, spells_out_step

RUN, BIKE, SWIM = SessionKind.RUN, SessionKind.BIKE, SessionKind.SWIM
STRENGTH, WALK = SessionKind.STRENGTH, SessionKind.WALK
MOBILITY, RECOVERY = SessionKind.MOBILITY, SessionKind.RECOVERY
TRAINING = (RUN, BIKE, SWIM, STRENGTH)
CONSULT, URGENT, NOTE = AdvisoryKind.CONSULT, AdvisoryKind.URGENT, AdvisoryKind.NOTE

Sessions = dict[date, list[Session]]
Case = Callable[[], tuple[Plan, Runner]]


#: The load rules of issue 9 (L5 load ratio, L6 long run, L7 caps, X2 cross-training) have
#: their own tests (tests/test_load_rules.py); the plans here are hand-built for the
#: condition rules and do not shape their load, so these checks leave those rules out.
LOAD_RULES = frozenset({"L5", "L6", "L7", "X2"})


def validate(plan: Plan, runner: Runner) -> list[Violation]:
    """:func:`runplan.validation.validate` without the issue-9 load rules."""
    return [v for v in validate_all(plan, runner) if v.rule not in LOAD_RULES]


def d(week: int, weekday: int) -> date:
    """Date of ``weekday`` (0 = Monday) in week ``week`` (0-based) of the plan."""
    return day_of(week, weekday)


ONE = timedelta(days=1)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


# ------------------------------------------------------------------------ runners

BASE: dict[str, Any] = RUNNER_FIELDS


def profile(**update: Any) -> Runner:
    """The good plan's runner, read from a profile mapping with ``update`` applied."""
    return parse_profile({**BASE, **update})


def ci(day: date, pain: int = 0, **fields: Any) -> dict[str, Any]:
    """A check-in as a profile writes it."""
    return {"date": day, "pain": pain, **fields}


def cond(kind: str, onset: date, cleared: date | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": kind, "onset": onset}
    if cleared is not None:
        out["cleared"] = cleared
    return out


# ---------------------------------------------------------------------- sessions


def home(kind: SessionKind, day: date, title: str, text: str, hour: int, minute: int) -> Session:
    return Session(
        kind=kind,
        title=title,
        start=at(day, hour, minute),
        duration_min=15,
        intensity="gentle",
        content=[text],
        rules=["A7"],
    )


def ice(day: date) -> Session:
    return home(RECOVERY, day, "Ice for comfort", "Ice pack, wrapped, 10-15 minutes.", 19, 30)


def heat(day: date) -> Session:
    return home(RECOVERY, day, "Heat for comfort", "A warm pack on the sore area.", 19, 30)


def mobility(day: date, pt: bool = False) -> Session:
    if pt:
        return home(
            MOBILITY, day, "Physical-therapy exercises", "Your therapist's exercises.", 20, 0
        )
    return home(MOBILITY, day, "Gentle back mobility", "Knee hugs, pelvic tilts, easy walk.", 20, 0)


#: R2's ladder for this runner, written out by hand (usual run 120 / 3 = 40 minutes, warm-up
#: 10: T = min(30, 30) = 30, so all seven table steps are kept and step 8 is the final jog).
LADDER_STEPS: dict[int, tuple[str, list[tuple[str, int]]]] = {
    0: ("Brisk walk 30 min, pain-free", [("walk", 30)]),
    1: ("6 x (walk 4 min, jog 1 min)", [("walk", 4), ("jog", 1)] * 6),
    2: ("6 x (walk 3 min, jog 2 min)", [("walk", 3), ("jog", 2)] * 6),
    3: ("5 x (walk 3 min, jog 3 min)", [("walk", 3), ("jog", 3)] * 5),
    4: ("5 x (walk 2 min, jog 4 min)", [("walk", 2), ("jog", 4)] * 5),
    5: ("3 x (walk 2 min, jog 8 min)", [("walk", 2), ("jog", 8)] * 3),
    6: ("2 x (walk 2 min, jog 13 min)", [("walk", 2), ("jog", 13)] * 2),
    7: ("jog 20 min, walk 2 min, jog 8 min", [("jog", 20), ("walk", 2), ("jog", 8)]),
    8: ("jog 30 min, continuous", [("jog", 30)]),
}
LADDER_CONTENT = {k: text for k, (text, _) in LADDER_STEPS.items()}


def ladder(day: date, step: int, **update: Any) -> Session:
    """A ladder session (R2) at the good plan's run time of that weekday: step 0 the brisk
    walk (a ``walk``), the others walk-runs."""
    hour, minute = (8, 0) if day.weekday() == 5 else (6, 30)
    text, stretches = LADDER_STEPS[step]
    s = Session(
        kind=WALK if step == 0 else RUN,
        title=f"Walk-run ladder, step {step}",
        start=at(day, hour, minute),
        duration_min=5 + sum(m for _, m in stretches),
        warmup=warmup(3, 2),
        surface=None if step == 0 else Surface.GRASS,
        content=[text],
        intervals=[Interval(kind=IntervalKind(k), minutes=m) for k, m in stretches],
        notes=[] if step == 0 else [FORM_NOTE, SHOE_NOTE],
        rules=["R1", "R2", "A2"] if step == 0 else ["R1", "R2", "A2", "A5", "A12"],
        ladder_step=step,
    )
    return s.model_copy(update=update)


def without(sessions: Sessions, dates: Iterable[date], kinds: Iterable[SessionKind]) -> Sessions:
    """Drop every session of ``kinds`` on ``dates``."""
    gone, out = frozenset(kinds), dict(sessions)
    for day in dates:
        out[day] = [s for s in out.get(day, []) if s.kind not in gone]
    return out


def blocked(sessions: Sessions, dates: Iterable[date]) -> Sessions:
    """S1/S2: no session of any kind."""
    return without(sessions, dates, SessionKind)


def window(sessions: Sessions, onset: date, n: int = 3) -> Sessions:
    """A7: no training; ice on the onset day, heat after, mobility every day."""
    dates = days(onset, onset + timedelta(days=n - 1))
    out = without(sessions, dates, TRAINING)
    return add(out, *[ice(x) if x == onset else heat(x) for x in dates], *map(mobility, dates))


def rest(
    sessions: Sessions, dates: Iterable[date], cross: bool = True, pt: bool = False
) -> Sessions:
    """A stop without running: no run or strength (nor bike/swim unless ``cross``),
    mobility every day (physical-therapy exercises under A10)."""
    dates = list(dates)
    kinds = (RUN, STRENGTH) if cross else TRAINING
    return add(without(sessions, dates, kinds), *[mobility(x, pt) for x in dates])


def to_ladder(sessions: Sessions, steps: Mapping[date, int]) -> Sessions:
    """Replace the run (or ladder walk) of each date by a ladder session at ``steps[date]``."""
    out = without(sessions, steps, (RUN,))
    out = {
        x: [s for s in ss if not (x in steps and s.ladder_step is not None)]
        for x, ss in out.items()
    }
    return add(out, *[ladder(day, step) for day, step in steps.items()])


def with_advisories(case: Case, *advisories: Advisory) -> Plan:
    """``case``'s plan with exactly ``advisories`` (P4 cases)."""
    return case()[0].model_copy(update={"advisories": list(advisories)})


def p3(*weeks: int) -> list[Advisory]:
    """P3 notes for ``weeks``: one per run of consecutive weeks, its range in ``until`` (P4)."""
    runs: list[list[int]] = []
    for w in sorted(weeks):
        if runs and w == runs[-1][-1] + 1:
            runs[-1].append(w)
        else:
            runs.append([w])
    return [advisory(d(r[0], 6), "P3").model_copy(update={"until": d(r[-1], 6)}) for r in runs]


def owed(kind: AdvisoryKind, day: date, *rules: str) -> Advisory:
    return Advisory(kind=kind, date=day, message="See a spine specialist.", rules=list(rules))


def plan_of(sessions: Sessions, *advisories: Advisory | list[Advisory]) -> Plan:
    """The plan of ``sessions``; with a ladder, no week is marked as an L2 recovery week
    (R4: none while the ladder runs or in the two weeks after it)."""
    flat: list[Advisory] = []
    for a in advisories:
        flat += a if isinstance(a, list) else [a]
    plan = build_plan(sessions, advisories=flat)
    if any(s.ladder_step is not None for ss in sessions.values() for s in ss):
        weeks = [w.model_copy(update={"recovery_week": False}) for w in plan.weeks]
        plan = plan.model_copy(update={"weeks": weeks})
    return plan


S = good_sessions


# The ladders used below: Tue/Thu/Sat, step 0 (the walk) once, each running step twice.
LADDER_W2 = {d(2, 1): 0, d(2, 3): 1, d(2, 5): 1, d(3, 1): 2, d(3, 3): 2, d(3, 5): 3}
LADDER_W2 |= {d(4, 1): 3, d(4, 3): 4, d(4, 5): 4}
LADDER_THU2 = {d(2, 3): 0, d(2, 5): 1, d(3, 1): 1, d(3, 3): 2, d(3, 5): 2, d(4, 1): 3}
LADDER_THU2 |= {d(4, 3): 3, d(4, 5): 4}


# ---------------------------------------------------------------------- scenarios

ONSET = d(1, 1)  # Tuesday 2027-03-09


def strain(onset: date = ONSET, n: int = 3, **update: Any) -> tuple[Plan, Runner]:
    """A7: a muscle strain; the window rests, running resumes after it (no check-in)."""
    runner = profile(conditions=[cond("muscle_strain", onset)], strain_rest_days=n, **update)
    weeks = sorted({(x - START).days // 7 for x in days(onset, onset + timedelta(days=n - 1))})
    note = owed(NOTE, onset + timedelta(days=n), "A7", "A8")
    return plan_of(window(S(), onset, n), note, p3(*weeks)), runner


def undiagnosed(pain: int = 3) -> tuple[Plan, Runner]:
    """A check-in with pain >= 3 and no open condition starts a back_pain episode (A7)."""
    plan, _ = strain()
    return plan, profile(checkins=[ci(ONSET, pain)])


def a8(checkins: list[dict[str, Any]] | None = None) -> tuple[Plan, Runner]:
    """A8: pain 4 on the window's last day has not eased (worst 6): no running until the
    condition is cleared on Mon 2027-03-22, then the walk-run ladder."""
    runner = profile(
        conditions=[cond("muscle_strain", ONSET, d(3, 0))],
        checkins=checkins if checkins is not None else [ci(ONSET, 6), ci(d(1, 3), 4)],
    )
    sessions = rest(window(S(), ONSET), days(d(1, 4), d(2, 6)))
    sessions = to_ladder(sessions, {d(3, 1): 0, d(3, 3): 1, d(3, 5): 1, d(4, 1): 2})
    sessions = to_ladder(sessions, {d(4, 3): 2, d(4, 5): 3})
    # P4: no A7 window note on Fri 03-12: A8 stops running from Thu 03-11
    advisories = [owed(CONSULT, d(1, 3), "A8"), *p3(1, 2, 3)]
    return plan_of(sessions, advisories), runner


def a9(checkins: list[dict[str, Any]] | None = None) -> tuple[Plan, Runner]:
    """A9: radiating pain on Wed 2027-03-10, cleared by a clinician on Mon 03-15; no cross-
    training in between (not known to be pain-free), then the ladder from Tue 03-16."""
    runner = profile(
        checkins=checkins
        if checkins is not None
        else [ci(d(1, 2), 2, radiating=True), ci(d(2, 0), 0, clinician_cleared=True)]
    )
    sessions = rest(S(), days(d(1, 2), d(1, 6)), cross=False)
    sessions = to_ladder(sessions, LADDER_W2)
    return plan_of(sessions, owed(CONSULT, d(1, 2), "A9"), p3(1, 2)), runner


def a10(
    cleared: date | None = None, checkins: list[dict[str, Any]] | None = None
) -> tuple[Plan, Runner]:
    """A10: a herniated disc since 2027-02-20 and a pain-free check-in on the plan's first
    day: no running or strength, physical-therapy mobility daily, cross-training kept.
    With ``cleared``: the ladder from that day on."""
    runner = profile(
        conditions=[cond("herniated_disc", date(2027, 2, 20), cleared)],
        checkins=checkins if checkins is not None else [ci(START, 0)],
    )
    last = (cleared - timedelta(days=1)) if cleared else d(4, 6)
    sessions = rest(S(), days(START, last), pt=True)
    weeks = sorted({(x - START).days // 7 for x in days(START, last)})
    if cleared is not None:
        steps = {x: k for x, k in LADDER_W2.items() if x >= cleared}
        sessions = to_ladder(sessions, steps)
    return plan_of(sessions, owed(CONSULT, START, "A10"), p3(*weeks)), runner


def s3(age: int = 55) -> tuple[Plan, Runner]:
    """S3: a strain at 55, cleared Tue 2027-03-16: A7 window, then no running or strength
    (cross-training allowed) until the clearance, then the ladder."""
    runner = profile(health={"age": age}, conditions=[cond("muscle_strain", ONSET, d(2, 1))])
    sessions = rest(window(S(), ONSET), days(d(1, 4), d(2, 0)))
    sessions = to_ladder(sessions, LADDER_W2)
    # P4: no A7 window note on Fri 03-12: S3 stops running until the clearance
    advisories = [owed(CONSULT, ONSET, "S3"), *p3(1, 2)]
    return plan_of(sessions, advisories), runner


RED_FLAG = d(1, 2)  # Wednesday 2027-03-10
FLAG_CLEARED = d(2, 2)  # Wednesday 2027-03-17


def red_flag(kind: str = "S1", steps: Mapping[date, int] = LADDER_THU2) -> tuple[Plan, Runner]:
    """S1/S2: a red flag (or back pain with a risky history) on Wed 2027-03-10, cleared by a
    clinician a week later: no session at all in between, then the ladder."""
    clearance = ci(FLAG_CLEARED, 0, clinician_cleared=True)
    if kind == "S1":
        runner = profile(checkins=[ci(RED_FLAG, 0, red_flags=["saddle_numbness"]), clearance])
    elif kind == "S2":
        runner = profile(checkins=[ci(RED_FLAG, 0, red_flags=["fever"]), clearance])
    else:
        runner = profile(
            health={"history": ["osteoporosis"]}, checkins=[ci(RED_FLAG, 1), clearance]
        )
    sessions = to_ladder(blocked(S(), days(RED_FLAG, FLAG_CLEARED - timedelta(days=1))), steps)
    rule = "S1" if kind == "S1" else "S2"
    return plan_of(sessions, owed(URGENT, RED_FLAG, rule), p3(1, 2, 4)), runner


A11_CLEARED = d(4, 1)  # Tuesday 2027-03-30


def a11(cleared_on: date = A11_CLEARED) -> tuple[Plan, Runner]:
    """A11: pain after a long run on Thu 2027-03-25; runs capped at 120 / 3 = 40 minutes
    until the clinician's clearance (Tue 03-30 by default; the runs there are 34-38)."""
    runner = profile(
        checkins=[ci(d(3, 3), 2, after_long_run=True), ci(cleared_on, 0, clinician_cleared=True)]
    )
    return plan_of(S(), owed(CONSULT, d(3, 3), "A11")), runner


def r1(flare_pain: int = 3) -> tuple[Plan, Runner]:
    """R1: a disc condition cleared on the plan's first day (ladder from there), a strain
    whose pain has eased, then pain 3 on Wed 2027-03-10: no running until a clinician's
    clearance on Wed 03-17, and the ladder starts again from step 0 (R4)."""
    runner = profile(
        conditions=[
            cond("herniated_disc", date(2027, 2, 1), START),
            cond("muscle_strain", date(2027, 2, 20)),
        ],
        checkins=[
            ci(date(2027, 2, 20), 6),
            ci(RED_FLAG, flare_pain),
            ci(FLAG_CLEARED, 0, clinician_cleared=True),
        ],
    )
    sessions = to_ladder(S(), {d(0, 1): 0, d(0, 3): 1, d(0, 5): 1, d(1, 1): 2})
    sessions = rest(sessions, days(RED_FLAG, FLAG_CLEARED - timedelta(days=1)))
    sessions = to_ladder(sessions, LADDER_THU2)
    return plan_of(sessions, owed(CONSULT, RED_FLAG, "R1"), p3(0, 1, 2, 4)), runner


R3_DAY = d(3, 3)  # Thursday 2027-03-25: the first step-2 session of LADDER_THU2
AFTER_R3 = {d(3, 5): 1, d(4, 1): 1, d(4, 3): 2, d(4, 5): 2}


def r3(stepped_back: bool = True, **checkin: Any) -> tuple[Plan, Runner]:
    """R3: after the check-in of Thu 2027-03-25 the ladder steps back from 2 to 1."""
    plan, runner = red_flag("S1", {**LADDER_THU2, **AFTER_R3} if stepped_back else LADDER_THU2)
    if stepped_back:
        kept = [a for a in plan.advisories if "P3" not in a.rules]
        plan = plan.model_copy(update={"advisories": [*kept, *p3(1, 2, 3, 4)]})
    log = [*(c.model_dump() for c in runner.checkins), ci(R3_DAY, 0, **checkin)]
    return plan, profile(checkins=log)


LOGGED = [date(2027, 2, 21), date(2027, 2, 23), date(2027, 2, 25)]
#: The logged sessions fall on steps 0, 1, 1; the plan goes on at step 2 and does the final
#: step (8) twice by Thu 2027-03-25.
DONE_STEPS = {d(0, 1): 2, d(0, 3): 2, d(0, 5): 3, d(1, 1): 3, d(1, 3): 4, d(1, 5): 4}
DONE_STEPS |= {d(2, 1): 5, d(2, 3): 5, d(2, 5): 6, d(3, 1): 6, d(3, 3): 7, d(3, 5): 7}
DONE_STEPS |= {d(4, 1): 8, d(4, 3): 8}
#: The ordinary run once the ladder is complete (L4: 38 <= 1.1 x 35, the ladder sessions).
AFTER_LADDER = {d(4, 5): 38}


def logged_ladder(logged: Iterable[dict[str, Any]] | None = None) -> tuple[Plan, Runner]:
    """Sciatica cleared before the plan, three ladder sessions logged (steps 0, 1, 1): the
    plan goes on at step 2 and completes the ladder on Thu 2027-04-01; an ordinary run after."""
    runner = profile(
        conditions=[cond("sciatica", date(2027, 1, 1), date(2027, 2, 20))],
        checkins=list(logged) if logged is not None else [ci(x, 0, run_pain=1) for x in LOGGED],
    )
    sessions = to_ladder(S(), DONE_STEPS)
    for day, minutes in AFTER_LADDER.items():
        sessions = edit(sessions, day, RUN, duration_min=minutes)
    return plan_of(sessions), runner


def whole_plan_blocked() -> tuple[Plan, Runner]:
    """S1 on the plan's first day, never cleared: an empty plan with one urgent advisory
    (no P3 needed in weeks whose every day is blocked)."""
    runner = profile(checkins=[ci(START, 0, red_flags=["both_legs"])])
    return plan_of({}, owed(URGENT, START, "S1")), runner


# -------------------------------------------------------------------- correct plans

CORRECT: dict[str, Case] = {
    "A7 strain window": strain,
    "A7 strain window, strain_rest_days 2": lambda: strain(n=2),
    "A7 window starting on the plan's first day": lambda: strain(START),
    "A7 undiagnosed back pain (pain 3)": undiagnosed,
    "A8 not eased, then cleared: ladder": a8,
    "A9 radiating, cleared by a clinician: ladder": a9,
    "A10 disc, pain-free: cross-training kept": a10,
    "A10 disc cleared mid-plan: ladder from the clearance day": lambda: a10(d(2, 1)),
    "S3 strain at 55": s3,
    "S3 strain at 19": lambda: s3(19),
    "S1 red flag mid-plan, cleared: ladder": lambda: red_flag("S1"),
    "S2 red flag mid-plan, cleared: ladder": lambda: red_flag("S2"),
    "S2 history with back pain, cleared: ladder": lambda: red_flag("S2 history"),
    "S1 from the first day, never cleared": whole_plan_blocked,
    "A11 runs capped until the clearance": a11,
    "R1 flare, cleared: ladder again": r1,
    "R3 run pain 4 steps the ladder back": lambda: r3(run_pain=4),
    "R3 not settled by morning steps the ladder back": lambda: r3(settled_by_morning=False),
    "R2 logged sessions count, ladder completes": logged_ladder,
}


@pytest.mark.parametrize("build", [pytest.param(b, id=n) for n, b in CORRECT.items()])
def test_correct_plan_passes(build: Case) -> None:
    plan, runner = build()
    assert validate(plan, runner) == []


# -------------------------------------------------------------------- broken plans


def also(case: Case, change: Callable[[Sessions], Sessions]) -> Case:
    """The plan of ``case`` with its sessions changed."""

    def build() -> tuple[Plan, Runner]:
        plan, runner = case()
        sessions: Sessions = {x.date: list(x.sessions) for w in plan.weeks for x in w.days}
        return plan_of(change(sessions), list(plan.advisories)), runner

    return build


def dropping(case: Case, rule: str, day: date | None = None) -> Case:
    """The plan of ``case`` without its advisories citing ``rule`` (on ``day``)."""

    def build() -> tuple[Plan, Runner]:
        plan, runner = case()
        kept = [a for a in plan.advisories if rule not in a.rules or day not in (None, a.date)]
        return plan.model_copy(update={"advisories": kept}), runner

    return build


def redated(case: Case, rule: str, to: date) -> Case:
    def build() -> tuple[Plan, Runner]:
        plan, runner = case()
        moved = [
            a.model_copy(update={"date": to}) if rule in a.rules else a for a in plan.advisories
        ]
        return plan.model_copy(update={"advisories": moved}), runner

    return build


def with_runner(case: Case, **update: Any) -> Case:
    def build() -> tuple[Plan, Runner]:
        plan, runner = case()
        data = runner.model_dump()
        return plan, profile(**{k: data[k] for k in ("conditions", "checkins", "health")} | update)

    return build


def only_edit(day: date, kind: SessionKind, **update: Any) -> Callable[[Sessions], Sessions]:
    return lambda sessions: edit(sessions, day, kind, **update)


def adding(*new: Session) -> Callable[[Sessions], Sessions]:
    return lambda sessions: add(sessions, *new)


def replacing(day: date, kind: SessionKind, new: Session) -> Callable[[Sessions], Sessions]:
    return lambda sessions: add(remove(sessions, day, kind), new)


def ladder_edit(day: date, **update: Any) -> Callable[[Sessions], Sessions]:
    return only_edit(day, RUN, **update)


W1_TUE, W1_WED, W1_THU, W1_FRI, W1_SAT, W1_SUN = (d(1, k) for k in range(1, 7))

# fmt: off
BROKEN: list[tuple[str, Case, str, date | None]] = [
    # S1 / S2: blocked days and the urgent advisory
    ("S1: a run during the episode",
     also(lambda: red_flag("S1"), adding(run(W1_THU, 41))), "S1", W1_THU),
    ("S1: a walk during the episode",
     also(lambda: red_flag("S1"), adding(session(WALK, W1_SUN, 30, 10))), "S1", W1_SUN),
    ("S1: mobility during the episode",
     also(lambda: red_flag("S1"), adding(mobility(W1_FRI))), "S1", W1_FRI),
    ("S1: no urgent advisory", dropping(lambda: red_flag("S1"), "S1"), "S1", RED_FLAG),
    ("S1: urgent advisory on the wrong day",
     redated(lambda: red_flag("S1"), "S1", W1_THU), "S1", RED_FLAG),
    ("S1: a consult instead of an urgent advisory",
     lambda: (red_flag("S1")[0].model_copy(update={"advisories": [
         owed(CONSULT, RED_FLAG, "S1"), *p3(1, 2, 4)]}), red_flag("S1")[1]), "S1", RED_FLAG),
    ("S1: the clearing check-in reports a red flag, so the episode goes on",
     with_runner(lambda: red_flag("S1"), checkins=[
         ci(RED_FLAG, 0, red_flags=["saddle_numbness"]),
         ci(FLAG_CLEARED, 0, clinician_cleared=True, red_flags=["fever"])]),
     "S1", d(2, 3)),
    ("S2: strength during a fever episode",
     also(lambda: red_flag("S2"), adding(session(STRENGTH, W1_FRI, 30, 12, 45))), "S2", W1_FRI),
    ("S2: no urgent advisory", dropping(lambda: red_flag("S2"), "S2"), "S2", RED_FLAG),
    ("S2 history: a bike ride before the clearance",
     also(lambda: red_flag("S2 history"), adding(session(BIKE, W1_WED, 40, 18))), "S2", W1_WED),
    ("S1 before the plan, still active: advisory due on the first day",
     lambda: (plan_of({}, owed(URGENT, date(2027, 2, 20), "S1")),
              profile(checkins=[ci(date(2027, 2, 20), 0, red_flags=["chest_pain"])])),
     "S1", START),
    ("S1 partly blocked week still needs P3",
     dropping(lambda: red_flag("S1"), "P3", d(1, 6)), "A1", d(1, 0)),
    # A7: the rest window
    ("A7: a run on day 2 of the window",
     also(strain, adding(run(d(1, 2), 30, 18, 45))), "A7", d(1, 2)),
    ("A7: a run on day 3 (onset + 2)", also(strain, adding(run(W1_THU, 41))), "A7", W1_THU),
    ("A7, 2 rest days: a run on onset + 1",
     also(lambda: strain(n=2), adding(run(W1_WED, 30, 18, 45))), "A7", W1_WED),
    ("A7: a bike ride in the window",
     also(strain, adding(session(BIKE, W1_WED, 40, 18))), "A7", W1_WED),
    ("A7: strength in the window",
     also(strain, adding(session(STRENGTH, W1_TUE, 30, 6, 30))), "A7", W1_TUE),
    ("A7: no ice on the onset day",
     also(strain, replacing(ONSET, RECOVERY, heat(ONSET))), "A7", ONSET),
    ("A7: ice instead of heat on day 2",
     also(strain, replacing(W1_WED, RECOVERY, ice(W1_WED))), "A7", W1_WED),
    ("A7: no recovery session on day 3",
     also(strain, lambda s: remove(s, W1_THU, RECOVERY)), "A7", W1_THU),
    ("A7: no mobility on day 2",
     also(strain, lambda s: remove(s, W1_WED, MOBILITY)), "A7", W1_WED),
    ("A7: no note after the window", dropping(strain, "A7"), "A7", W1_FRI),
    ("A7: the note on the last day of the window",
     redated(strain, "A7", W1_THU), "A7", W1_FRI),
    ("A7: undiagnosed back pain, a run in the window",
     also(undiagnosed, adding(run(W1_THU, 41))), "A7", W1_THU),
    # A8
    ("A8: no consult", dropping(a8, "A8", W1_THU), "A8", W1_THU),
    ("A8: a run before the clearance", also(a8, adding(run(d(2, 3), 43))), "A8", d(2, 3)),
    ("A8: strength before the clearance",
     also(a8, adding(session(STRENGTH, d(2, 0), 30, 18))), "A8", d(2, 0)),
    ("A8: no mobility on a stopped day",
     also(a8, lambda s: remove(s, d(2, 2), MOBILITY)), "A8", d(2, 2)),
    ("A8: the window plan alone, pain 3 of worst 3 on the last day",
     lambda: (strain()[0], profile(conditions=[cond("muscle_strain", ONSET)],
                                   checkins=[ci(ONSET, 3), ci(W1_THU, 3)])),
     "A8", W1_THU),
    ("A8: the window plan alone, pain 4 only 2 below the worst 6",
     lambda: (strain()[0], profile(conditions=[cond("muscle_strain", ONSET)],
                                   checkins=[ci(ONSET, 6), ci(d(1, 4), 4)])),
     "A8", d(1, 4)),
    # A9
    ("A9: a run before the clearance", also(a9, adding(run(W1_THU, 41))), "A9", W1_THU),
    ("A9: cross-training without a pain-free check-in",
     also(a9, adding(session(BIKE, W1_WED, 40, 18))), "A9", W1_WED),
    ("A9: no consult", dropping(a9, "A9"), "A9", W1_WED),
    ("A9: a condition's clearance does not end it",
     with_runner(a9, conditions=[cond("sciatica", d(0, 0), d(1, 4))],
                 checkins=[ci(W1_WED, 2, radiating=True), ci(d(2, 0), 0, clinician_cleared=True)]),
     "A10", d(0, 1)),
    # A10
    ("A10: mobility not marked as physical therapy",
     also(a10, replacing(d(2, 2), MOBILITY, mobility(d(2, 2)))), "A10", d(2, 2)),
    ("A10: cross-training without a pain-free check-in",
     with_runner(a10, checkins=[]), "A10", d(0, 2)),
    ("A10: cross-training after a check-in with pain 1",
     with_runner(a10, checkins=[ci(START, 0), ci(d(1, 3), 1)]), "A10", W1_FRI),
    ("A10: cross-training after a radiating check-in with pain 0",
     with_runner(a10, checkins=[ci(START, 0), ci(d(1, 3), 0, radiating=True)]), "A10", W1_FRI),
    ("A10: a run", also(a10, adding(run(d(2, 3), 43))), "A10", d(2, 3)),
    ("A10: strength", also(a10, adding(session(STRENGTH, d(2, 0), 30, 18))), "A10", d(2, 0)),
    ("A10: no consult on the plan's first day", dropping(a10, "A10"), "A10", START),
    ("A10: consult dated at the onset before the plan",
     redated(a10, "A10", date(2027, 2, 20)), "A10", START),
    ("A10: no re-review at onset + 42 while still symptomatic",
     with_runner(a10, checkins=[ci(START, 0), ci(d(4, 3), 0), ci(d(4, 4), 1)]),
     "A10", d(4, 5)),
    ("A10: cleared the day after the first ladder session",
     with_runner(lambda: a10(d(2, 1)), conditions=[
         cond("herniated_disc", date(2027, 2, 20), d(2, 2))]),
     "A10", d(2, 1)),
    # S3
    ("S3: strength after the window", also(s3, adding(session(STRENGTH, W1_FRI, 30, 12, 45))),
     "S3", W1_FRI),
    ("S3: a run before the clearance", also(s3, adding(run(W1_SAT, 48, 8))), "S3", W1_SAT),
    ("S3: no consult", dropping(s3, "S3"), "S3", ONSET),
    # A11
    ("A11: a 41-minute run after the check-in",
     also(a11, only_edit(d(3, 5), RUN, duration_min=41)), "A11", d(3, 5)),
    ("A11: cleared a day later than the 48-minute run", lambda: a11(d(4, 2)), "A11", d(4, 1)),
    ("A11: no consult", dropping(a11, "A11"), "A11", d(3, 3)),
    # R1
    ("R1: a run during the flare", also(r1, adding(run(W1_THU, 41))), "R1", W1_THU),
    ("R1: strength during the flare",
     also(r1, adding(session(STRENGTH, W1_FRI, 30, 12, 45))), "R1", W1_FRI),
    ("R1: no consult", dropping(r1, "R1"), "R1", RED_FLAG),
    ("R1: the ladder does not restart after the flare",
     also(r1, lambda s: to_ladder(s, {d(2, 3): 3})), "R2", d(2, 3)),
    # R2: the ladder (a9's: walk Tue 03-16, then 1, 1, 2, 2, 3, 3, 4, 4 on Tue/Thu/Sat)
    ("R2: step 2 after a single step-1 session",
     also(a9, lambda s: to_ladder(s, {d(2, 5): 2})), "R2", d(2, 5)),
    ("R2: step 1 skipped",
     also(a9, lambda s: to_ladder(s, {d(2, 3): 2})), "R2", d(2, 3)),
    ("R2: step 0 (the brisk walk) skipped after the clearance",
     also(a9, lambda s: to_ladder(s, {d(2, 1): 1})), "R2", d(2, 1)),
    ("R2: step 3 skipped",
     also(a9, lambda s: to_ladder(s, {d(3, 5): 4})), "R2", d(3, 5)),
    ("R2: a ladder session the day after another",
     also(a9, adding(ladder(d(2, 4), 1, start=at(d(2, 4), 12, 0)))), "R2", d(2, 4)),
    ("R2: an ordinary run before the ladder is complete",
     also(a9, lambda s: add(remove(s, d(3, 3), RUN), run(d(3, 3), 37))), "R2", d(3, 3)),
    ("R2: ordinary run after a single final-step session",
     also(logged_ladder, lambda s: to_ladder(s, {d(4, 3): 7})), "R2", d(4, 5)),
    ("R2: a ladder session with no ladder in progress",
     lambda: (plan_of(to_ladder(S(), {d(0, 1): 1})), profile()), "R2", d(0, 1)),
    ("R2: step 0 as a run",
     also(a9, replacing(d(2, 1), WALK, ladder(d(2, 1), 0, kind=RUN, surface=Surface.GRASS))),
     "R2", d(2, 1)),
    ("R2: no warm-up", also(a9, ladder_edit(d(2, 3), warmup=None, duration_min=30)),
     "R2", d(2, 3)),
    ("R2: a 16-minute warm-up",
     also(a9, ladder_edit(d(2, 3), warmup=warmup(8, 8), duration_min=46)), "R2", d(2, 3)),
    ("R2: a warm-up without back stretches",
     also(a9, ladder_edit(d(2, 3), warmup=Warmup(duration_min=5, steps=[
         WarmupStep(kind=StepKind.WALK, minutes=5, text="Walk.")]))), "R2", d(2, 3)),
    ("R2: content without the intervals",
     also(a9, ladder_edit(d(2, 3), content=["Walk and jog gently."])), "R2", d(2, 3)),
    ("R2: the words of another step",
     also(a9, ladder_edit(d(2, 3), content=[LADDER_CONTENT[2]])), "R2", d(2, 3)),
    ("R2: intervals that are not the step's",
     also(a9, ladder_edit(d(2, 3), intervals=[Interval(kind=IntervalKind.WALK, minutes=5),
                                             Interval(kind=IntervalKind.JOG, minutes=25)])),
     "R2", d(2, 3)),
    ("R2: no intervals", also(a9, ladder_edit(d(2, 3), intervals=None)), "R2", d(2, 3)),
    ("R2: longer than the step",
     also(a9, ladder_edit(d(2, 3), duration_min=36)), "R2", d(2, 3)),
    ("R2: on a trail", with_runner(also(a9, ladder_edit(d(2, 3), surface=Surface.TRAIL)),
                                   surfaces=["trail", "grass", "road"]), "R2", d(2, 3)),
    ("R2: on road although grass is available",
     also(a9, ladder_edit(d(2, 3), surface=Surface.ROAD)), "R2", d(2, 3)),
    ("R2: only a trail to run on",
     with_runner(also(a9, lambda s: s), surfaces=["trail"]), "R2", d(2, 3)),
    ("R2: not citing R2", also(a9, ladder_edit(d(2, 3), rules=["R1"])), "R2", d(2, 3)),
    ("R2: two logged sessions only, so step 2 comes too early",
     lambda: logged_ladder([ci(x, 0, run_pain=1) for x in LOGGED[:2]]), "R2", d(0, 1)),
    ("R2: a ladder session on the first day, the day after a logged one",
     also(lambda: logged_ladder([ci(x, 0, run_pain=1) for x in (*LOGGED[:2], START - ONE)]),
          adding(ladder(START, 2, start=at(START, 20, 0)))),
     "R2", START),
    # R4: ladder integrity
    ("R4: a lower step repeated without an R3 check-in",
     also(a9, lambda s: to_ladder(s, {d(3, 3): 1})), "R4", d(3, 3)),
    ("R4: the ladder does not resume one step lower after an A7 window",
     lambda: (also(a9, lambda s: to_ladder(window(s, d(3, 0)), {d(3, 3): 2}))()[0],
              profile(conditions=[cond("muscle_strain", d(3, 0))], checkins=[
                  ci(d(1, 2), 2, radiating=True), ci(d(2, 0), 0, clinician_cleared=True)])),
     "R2", d(3, 3)),
    ("R4: a ladder week with one session where every window holds the steps",
     with_runner(also(a9, lambda s: to_ladder(without(s, [d(3, 3), d(3, 5)], (RUN,)), {
         d(4, 1): 2, d(4, 3): 3, d(4, 5): 3})),
         availability={**AVAILABILITY, "mon": ["18:00-19:00"]}), "R4", d(3, 0)),
    # R3
    ("R3: the ladder goes on up after run pain 4", lambda: r3(False, run_pain=4), "R3", d(3, 5)),
    ("R3: the ladder goes on up after pain not settled",
     lambda: r3(False, settled_by_morning=False), "R3", d(3, 5)),
    ("R3: a logged session with run pain 5 before the plan",
     lambda: logged_ladder([*(ci(x, 0, run_pain=1) for x in LOGGED[:2]),
                            ci(LOGGED[2], 0, run_pain=5)]), "R3", d(0, 1)),
    # P4: advisories few and true
    ("P4: two consults on one day",
     lambda: (with_advisories(a9, owed(CONSULT, d(1, 2), "A9"), owed(CONSULT, d(1, 2), "A9")),
              a9()[1]), "P4", d(1, 2)),
    ("P4: the A7 window note on a day A8 stops running",
     lambda: (with_advisories(a8, *a8()[0].advisories, owed(NOTE, d(1, 4), "A7", "A8")),
              a8()[1]), "P4", d(1, 4)),
    ("P4: one cause noted week by week",
     lambda: (with_advisories(a9, owed(CONSULT, d(1, 2), "A9"), advisory(d(1, 6), "P3"),
                              advisory(d(2, 6), "P3")), a9()[1]), "P4", d(2, 6)),
    ("P4: the A9 consult a day after its check-in",
     lambda: (with_advisories(a9, owed(CONSULT, d(1, 3), "A9"), *p3(1, 2)), a9()[1]),
     "P4", d(1, 3)),
    ("P4: a message over 300 characters",
     lambda: (with_advisories(a9, *a9()[0].advisories, advisory(d(0, 0), "A5", message="x" * 301)),
              a9()[1]), "P4", d(0, 0)),
    # P2 with home care
    ("P2: home care overlapping a session",
     lambda: (plan_of(add(S(), mobility(d(0, 4)).model_copy(
         update={"start": at(d(0, 4), 13, 0)}))), profile()), "P2", d(0, 4)),
]
# fmt: on


@pytest.mark.parametrize(
    ("build", "rule", "on"), [pytest.param(b, r, x, id=n) for n, b, r, x in BROKEN]
)
def test_broken_plan_is_caught(build: Case, rule: str, on: date | None) -> None:
    plan, runner = build()
    found = validate(plan, runner)
    assert rule in {v.rule for v in found}, found
    assert on in {v.date for v in found if v.rule == rule}, found


def test_every_condition_rule_has_a_correct_and_a_broken_plan() -> None:
    rules = {"S1", "S2", "S3", "A7", "A8", "A9", "A10", "A11", "R1", "R2", "R3", "R4"}
    assert rules <= {rule for _, _, rule, _ in BROKEN}
    assert rules <= {name.split()[0] for name in CORRECT}


# ------------------------------------------------------------------------ boundaries


def rules_of(case: tuple[Plan, Runner]) -> set[str]:
    return {v.rule for v in validate(*case)}


def of_rule(case: tuple[Plan, Runner], rule: str) -> list[Violation]:
    return [v for v in validate(*case) if v.rule == rule]


@pytest.mark.parametrize(
    ("onset", "n", "caught"),
    [
        pytest.param(W1_TUE, 3, True, id="run on onset + 2: in the window"),
        pytest.param(d(1, 0), 3, False, id="run on onset + 3: after the window"),
        pytest.param(W1_WED, 2, True, id="2 rest days: run on onset + 1"),
        pytest.param(W1_TUE, 2, False, id="2 rest days: run on onset + 2"),
    ],
)
def test_a7_window_end(onset: date, n: int, caught: bool) -> None:
    """The Thursday run (2027-03-11) stays in the plan; the window decides."""
    plan, runner = strain(onset, n)
    sessions = {x.date: list(x.sessions) for w in plan.weeks for x in w.days}
    if not any(s.kind is RUN for s in sessions[W1_THU]):
        sessions = add(sessions, run(W1_THU, 41))
    found = validate(build_plan(sessions, advisories=plan.advisories), runner)
    assert any(v.rule == "A7" and v.date == W1_THU for v in found) is caught, found
    if not caught:
        assert found == []


@pytest.mark.parametrize(
    ("worst", "pain", "eased"),
    [
        pytest.param(3, 2, True, id="pain 2: eased"),
        pytest.param(3, 3, False, id="pain 3 of worst 3: not eased"),
        pytest.param(6, 3, True, id="3 below the worst: eased"),
        pytest.param(6, 4, False, id="2 below the worst: not eased"),
    ],
)
def test_a8_eased_or_not_on_the_window_last_day(worst: int, pain: int, eased: bool) -> None:
    plan, _ = strain()
    runner = profile(
        conditions=[cond("muscle_strain", ONSET)], checkins=[ci(ONSET, worst), ci(W1_THU, pain)]
    )
    found = validate(plan, runner)
    assert (found == []) is eased, found
    if not eased:
        assert any(v.rule == "A8" and v.date == W1_THU and "consult" in v.message for v in found)


def test_a8_ignores_a_check_in_before_the_window_last_day() -> None:
    plan, _ = strain()
    runner = profile(conditions=[cond("muscle_strain", ONSET)], checkins=[ci(W1_WED, 5)])
    assert validate(plan, runner) == []


def test_a8_counts_the_worst_pain_of_the_episode_only() -> None:
    """Pain 6 before the onset is not part of the episode: pain 4 of worst 4 has not eased."""
    plan, _ = strain()
    runner = profile(
        conditions=[cond("muscle_strain", ONSET)],
        checkins=[ci(d(0, 6), 2), ci(ONSET, 4), ci(W1_THU, 4)],
    )
    assert "A8" in rules_of((plan, runner))


def test_undiagnosed_back_pain_starts_at_pain_3_not_2() -> None:
    assert validate(*undiagnosed(3)) == []
    # Pain 2: no episode, so the rested week is an ordinary one (and an L1 reference) ...
    assert rules_of(undiagnosed(2)) == {"L1"}
    # ... and the good plan needs no rest at all.
    assert validate(good_plan(), profile(checkins=[ci(ONSET, 2)])) == []


def test_no_undiagnosed_episode_while_a_condition_is_open() -> None:
    """Pain 5 during the open strain: no new A7 window on that day."""
    plan, runner = a8()
    runner = profile(
        conditions=[cond("muscle_strain", ONSET, d(3, 0))],
        checkins=[ci(ONSET, 6), ci(W1_THU, 4), ci(d(2, 3), 5)],
    )
    assert validate(plan, runner) == []


@pytest.mark.parametrize(
    ("cleared", "caught"),
    [
        pytest.param(d(2, 1), False, id="cleared on the day of the first ladder session"),
        pytest.param(d(2, 2), True, id="cleared the day after"),
    ],
)
def test_clearance_takes_effect_on_its_date(cleared: date, caught: bool) -> None:
    plan, _ = a10(d(2, 1))
    runner = profile(
        conditions=[cond("herniated_disc", date(2027, 2, 20), cleared)], checkins=[ci(START, 0)]
    )
    assert any(v.rule == "A10" and v.date == d(2, 1) for v in validate(plan, runner)) is caught


def test_clinician_check_in_on_the_onset_day_does_not_clear() -> None:
    """A check-in clears a condition only when dated strictly after its onset."""
    plan, _ = a10()
    runner = profile(
        conditions=[cond("herniated_disc", START)],
        checkins=[ci(START, 0, clinician_cleared=True)],
    )
    assert validate(plan, runner) == []


def test_a10_re_review_only_when_still_symptomatic() -> None:
    """Onset 2027-02-20 + 42 = 2027-04-03.  Pain 0 then: no re-review; pain 1: one owed."""
    review = date(2027, 2, 20) + timedelta(days=42)
    assert review == d(4, 5)
    assert validate(*a10(checkins=[ci(START, 0), ci(d(4, 4), 0)])) == []
    symptomatic = a10(checkins=[ci(START, 0), ci(d(4, 5), 1)])
    found = [v for v in of_rule(symptomatic, "A10") if "advisory" in v.message]
    assert [v.date for v in found] == [review]
    plan, runner = symptomatic
    plan = plan.model_copy(update={"advisories": [*plan.advisories, owed(CONSULT, review, "A10")]})
    assert validate(plan, runner) == []


def test_a10_no_check_in_since_onset_counts_as_symptomatic() -> None:
    plan, runner = a10(checkins=[])
    assert d(4, 5) in {v.date for v in of_rule((plan, runner), "A10") if "advisory" in v.message}


def test_a10_pain_free_check_in_opens_cross_training_from_its_date() -> None:
    """A pain-free check-in on Thu 2027-03-04 only: Wed 03-03's bike is caught, Fri's swim not."""
    found = of_rule(a10(checkins=[ci(d(0, 3), 0)]), "A10")
    cross = {v.date for v in found if "cross-training" in v.message}
    assert d(0, 2) in cross and d(0, 4) not in cross


def test_a9_cross_training_allowed_after_a_pain_free_check_in() -> None:
    plan, runner = a9(
        [
            ci(W1_WED, 2, radiating=True),
            ci(W1_THU, 0),
            ci(d(2, 0), 0, clinician_cleared=True),
        ]
    )
    sessions = {x.date: list(x.sessions) for w in plan.weeks for x in w.days}
    with_swim = add(sessions, session(SWIM, W1_FRI, 30, 12))
    assert validate(build_plan(with_swim, advisories=plan.advisories), runner) == []
    with_bike = add(sessions, session(BIKE, W1_WED, 40, 18))
    found = validate(build_plan(with_bike, advisories=plan.advisories), runner)
    assert [(v.rule, v.date) for v in found] == [("A9", W1_WED)]


def test_a9_radiating_check_ins_during_the_stop_are_one_stop() -> None:
    """Radiating pain on two days: one consult (on the first), cleared by the clinician."""
    plan, runner = a9(
        [
            ci(W1_WED, 2, radiating=True),
            ci(W1_FRI, 1, radiating=True),
            ci(d(2, 0), 0, clinician_cleared=True),
        ]
    )
    assert validate(plan, runner) == []


def test_s3_age_boundaries() -> None:
    """Over 50 or under 20: S3.  Exactly 50 and 20: no S3 stop (the plan then rests too long
    and its ladder has no stop to return from, which R2 reports, but S3 is not owed)."""
    assert "S3" not in rules_of(s3(50)) and "S3" not in rules_of(s3(20))
    assert validate(*s3(51)) == [] and validate(*s3(19)) == []


def test_s2_history_needs_back_pain() -> None:
    """A risky history alone, with no pain, changes nothing."""
    assert validate(good_plan(), profile(health={"history": ["cancer"]})) == []
    painless = profile(health={"history": ["cancer"]}, checkins=[ci(ONSET, 0)])
    assert validate(good_plan(), painless) == []


def test_s2_history_starts_again_at_the_next_episode() -> None:
    """After the clearance of the history stop a new episode (a strain) stops training again."""
    runner = profile(
        health={"history": ["steroids"]},
        conditions=[cond("muscle_strain", d(3, 1))],
        checkins=[ci(RED_FLAG, 1), ci(FLAG_CLEARED, 0, clinician_cleared=True)],
    )
    plan, _ = red_flag("S2 history")
    found = of_rule((plan, runner), "S2")
    assert {v.date for v in found} >= {d(3, 1), d(3, 3)}


def test_red_flag_mid_plan_leaves_the_day_before_alone() -> None:
    plan, runner = red_flag("S1")
    assert any(s.kind is RUN for s in plan.weeks[1].days[1].sessions)  # Tue 03-09 run kept
    assert validate(plan, runner) == []


def test_whole_blocked_weeks_need_no_p3() -> None:
    plan, runner = whole_plan_blocked()
    assert not any("P3" in a.rules for a in plan.advisories)
    assert validate(plan, runner) == []


def test_a11_cap_boundary() -> None:
    """The usual run is 120 / 3 = 40 minutes: 40 passes, 41 does not."""
    for minutes, caught in ((40, False), (41, True)):
        plan, runner = also(a11, only_edit(d(3, 5), RUN, duration_min=minutes))()
        assert (d(3, 5) in {v.date for v in of_rule((plan, runner), "A11")}) is caught


def test_a11_needs_pain() -> None:
    runner = profile(checkins=[ci(d(3, 3), 0, after_long_run=True)])
    assert validate(good_plan(), runner) == []


def test_r1_needs_pain_above_2() -> None:
    assert "R1" not in rules_of(r1(2))
    assert validate(*r1(3)) == []


def test_r1_needs_an_earlier_clearance() -> None:
    """Pain 3 while the disc is still stopped (no clearance yet) is no flare."""
    runner = profile(
        conditions=[cond("herniated_disc", date(2027, 2, 20))],
        checkins=[ci(START, 0), ci(d(1, 3), 3)],
    )
    found = validate(*(a10()[0], runner))
    assert "R1" not in {v.rule for v in found}


LADDER_RULES = frozenset({"R2", "R3", "R4"})


def ladder_findings(case: tuple[Plan, Runner]) -> set[tuple[str, date | None]]:
    """The ladder rules' findings (R2-R4) of ``case``, as (rule, date)."""
    return {(v.rule, v.date) for v in validate(*case) if v.rule in LADDER_RULES}


def test_r3_needs_run_pain_above_3() -> None:
    """Run pain 3 does not step the ladder back: the plan going on up passes, and one that
    steps back anyway is caught under R4 (a step goes down only after an R3 check-in)."""
    assert ladder_findings(r3(False, run_pain=3)) == set()
    assert ladder_findings(r3(False, settled_by_morning=True)) == set()
    assert ("R4", d(3, 5)) in ladder_findings(r3(True, run_pain=3))


def test_r3_from_step_1_goes_back_to_the_brisk_walk() -> None:
    """Run pain 5 on the first step-1 session (Thu 2027-03-18): the next session is step 0,
    the brisk walk (Choice: one rung below, not below 0); step 1 again is caught."""
    plan, runner = a9()
    hurt = profile(
        checkins=[*(c.model_dump() for c in runner.checkins), ci(d(2, 3), 0, run_pain=5)]
    )
    assert ("R3", d(2, 5)) in ladder_findings((plan, hurt))
    walk = {d(2, 5): 0, d(3, 1): 1, d(3, 3): 1, d(3, 5): 2, d(4, 1): 2, d(4, 3): 3, d(4, 5): 3}
    stepped = also(lambda: (plan, hurt), lambda s: to_ladder(s, walk))()
    assert ladder_findings(stepped) == set()


def r4_three_times() -> tuple[Plan, Runner]:
    """R2 "at least twice": step 1 done three times (Tue 2027-03-23 too), the ladder then
    going on one session later."""
    steps = {d(3, 1): 1, d(3, 3): 2, d(3, 5): 2, d(4, 1): 3, d(4, 3): 3, d(4, 5): 4}
    return also(a9, lambda s: to_ladder(s, steps))()


CORRECT["R4 at least twice: a step done three times"] = r4_three_times


def test_a_step_done_three_times_passes() -> None:
    plan, runner = r4_three_times()
    assert ladder_findings((plan, runner)) == set()
    derived = vc.derive(plan, runner)
    assert [(v.step, v.done) for v in derived.ladder][3:5] == [(1, 2), (1, 3)]


def test_ladder_pace_needs_windows_that_hold_the_steps() -> None:
    """R4's two sessions a ladder week are asked only where every window holds the ladder's
    longest session (10 + 30 minutes here): Monday's 30-minute window does not."""
    plan, runner = also(
        a9,
        lambda s: to_ladder(
            without(s, [d(3, 3), d(3, 5)], (RUN,)), {d(4, 1): 2, d(4, 3): 3, d(4, 5): 3}
        ),
    )()
    assert ("R4", d(3, 0)) not in ladder_findings((plan, runner))


# --------------------------------------------------------- load and placement rules


def test_restricted_weeks_are_not_l1_references() -> None:
    """Week 2 (143 minutes) follows the window week (48): with the strain the window week is
    restricted and week 2 is measured against week 1 (130); without it, L1 fires."""
    plan, runner = strain()
    assert validate(plan, runner) == []
    assert d(2, 0) in {v.date for v in validate(plan, profile()) if v.rule == "L1"}


def test_restricted_weeks_are_not_l2_checked() -> None:
    """The A10 plan marks no recovery week as such: with the disc, every week is restricted."""
    plan, runner = a10()
    weeks = [w.model_copy(update={"recovery_week": False}) for w in plan.weeks]
    plan = plan.model_copy(update={"weeks": weeks})
    assert "L2" not in rules_of((plan, runner))
    assert "L2" in rules_of((plan, profile()))


def test_l4_skips_ladder_sessions_but_counts_them() -> None:
    """The 35-minute ladder sessions are not L4's business; the ordinary run after the
    ladder is measured against them (35 x 1.1 = 38.5)."""
    plan, runner = logged_ladder()
    assert "L4" not in rules_of((plan, runner))
    longer = also(lambda: (plan, runner), only_edit(d(4, 5), RUN, duration_min=39))()
    assert [v.date for v in of_rule(longer, "L4")] == [d(4, 5)]


def test_a6_does_not_judge_ladder_sessions() -> None:
    """Trail is the softest surface for ordinary runs, but ladders go on flat ground."""
    plan, _ = a9()
    runner = profile(
        surfaces=["trail", "road"],
        checkins=[ci(W1_WED, 2, radiating=True), ci(d(2, 0), 0, clinician_cleared=True)],
    )
    on_trail = {
        x.date: [
            s.model_copy(update={"surface": Surface.ROAD if s.ladder_step else Surface.TRAIL})
            if s.kind is RUN
            else s
            for s in x.sessions
        ]
        for w in plan.weeks
        for x in w.days
    }
    assert validate(build_plan(on_trail, advisories=plan.advisories), runner) == []


def test_home_care_on_top_of_two_training_sessions() -> None:
    """Friday: swim 12:00-12:30 and strength 12:45-13:15, then mobility 20:00-20:15."""
    plan = plan_of(add(S(), mobility(d(0, 4)), ice(d(0, 4))))
    assert validate(plan, profile()) == []


# ------------------------------------------------------------------- messages, API


def test_messages_name_the_session_and_the_stop() -> None:
    plan, runner = also(strain, adding(run(W1_THU, 41)))()
    [v] = [v for v in validate(plan, runner) if v.date == W1_THU]
    assert v.rule == "A7"
    assert 'run "Easy run" on 2027-03-11 at 06:30' in v.message
    assert "muscle_strain" in v.message and "2027-03-09" in v.message


def test_condition_checks_are_registered_and_run() -> None:
    assert len(CONDITION_CHECKS) >= 6
    plan, runner = also(strain, adding(run(W1_THU, 41)))()
    from_checks = sorted(
        (v for check in CONDITION_CHECKS for v in check(Context(plan, runner))),
        key=lambda v: v.message,
    )
    assert from_checks and all(v in validate(plan, runner) for v in from_checks)


def test_runner_without_conditions_derives_nothing() -> None:
    derived = vc.derive(good_plan(), profile())
    assert derived.stops == () and derived.advisories == () and derived.ladder == ()
    assert derived.day(START).mode is vc.Mode.FULL


def test_derivation_of_the_a8_case() -> None:
    plan, runner = a8()
    derived = vc.derive(plan, runner)
    # The not-eased check-in also rests running for a window's length (docs/conditions.md).
    assert [(s.rule, s.start, s.end, s.rest) for s in derived.stops] == [
        ("A7", ONSET, d(1, 4), False),
        ("A7", W1_THU, W1_THU + timedelta(days=3), True),
        ("A8", W1_THU, d(3, 0), False),
    ]
    modes = {x: derived.day(x).mode for x in (d(1, 0), ONSET, d(2, 6), d(3, 0))}
    assert modes == {
        d(1, 0): vc.Mode.FULL,
        ONSET: vc.Mode.NONE,
        d(2, 6): vc.Mode.NONE,
        d(3, 0): vc.Mode.LADDER,
    }
    assert derived.day(ONSET).recovery_words == ("ice",)
    assert derived.day(W1_WED).recovery_words == ("heat",)
    assert derived.restricted_weeks == frozenset({1, 2, 3, 4})
    assert [v.allowed for v in derived.ladder] == [(0,), (0, 1), (1,), (1, 2), (2,), (2, 3)]


@pytest.mark.parametrize(
    ("text", "step", "ok"),
    [
        ("6 x (walk 4 / jog 1)", 1, True),
        ("6 \u00d7 (walk 4 min / jog 1 min)", 1, True),
        ("Repeat 6 times: 4 minutes walking, 1 minute jogging.", 1, True),
        ("6 x (walk 3 / jog 2)", 1, False),
        ("16 x (walk 4 / jog 1)", 1, False),
        ("6 x (walk 3 minutes / jog 2 minutes)", 2, True),
        ("jog 20 min, walk 2 min, jog 8 min", 7, True),
        ("jog 20 min, walk 2 min, jog 9 min", 7, False),
        ("30 min continuous jog", 8, True),
        ("30 min jog", 8, False),
        ("Brisk walk 30 min", 0, True),
        ("Brisk walk 20 min", 0, False),
    ],
)
def test_ladder_intervals_spelled_out(text: str, step: int, ok: bool) -> None:
    assert spells_out_step(LADDER_STEPS[step][1], [text]) is ok


@pytest.mark.parametrize(
    ("texts", "word", "ok"),
    [
        (["Ice for comfort"], "ice", True),
        (["Some advice"], "ice", False),
        (["Heating pad on low"], "heat", True),
        (["Cheat day"], "heat", False),
    ],
)
def test_mentions(texts: list[str], word: str, ok: bool) -> None:
    assert mentions(texts, word) is ok


def test_derivation_does_not_import_the_scheduler_or_the_timeline() -> None:
    module = importlib.import_module("runplan.validation.derivation")
    assert module.__file__ is not None
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m and m.startswith(("runplan.timeline", "runplan.schedule"))}
    assert all(n.level == 0 for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))


def test_s2_advisory_not_owed_during_an_s1_episode() -> None:
    """Both kinds of red flag on one check-in, or fever during an emergency episode: S1's
    "seek emergency care now" is owed, S2's "see a doctor today" is not.  An S2 advisory
    alone does not cover S1, and fever alone needs its S2 advisory."""
    both = profile(checkins=[ci(START, 0, red_flags=["saddle_numbness", "fever"])])
    assert validate(plan_of({}, owed(URGENT, START, "S1")), both) == []
    assert {v.rule for v in validate(plan_of({}, owed(URGENT, START, "S2")), both)} == {"S1"}
    later = profile(
        checkins=[ci(START, 0, red_flags=["chest_pain"]), ci(d(1, 2), 0, red_flags=["fever"])]
    )
    assert validate(plan_of({}, owed(URGENT, START, "S1")), later) == []
    fever_only = profile(checkins=[ci(START, 0, red_flags=["fever"])])
    s1_only = plan_of({}, owed(URGENT, START, "S1"))
    assert {v.rule for v in validate(s1_only, fever_only)} == {"S2"}


def test_overlapping_windows_ask_for_ice_on_the_newer_onset() -> None:
    """A second strain on day 2 of the first window: that day needs ice (not heat too)."""
    runner = profile(
        conditions=[cond("muscle_strain", ONSET), cond("muscle_strain", W1_WED)],
    )
    four = days(ONSET, W1_FRI)
    care = [ice(ONSET), ice(W1_WED), heat(W1_THU), heat(W1_FRI), *map(mobility, four)]
    sessions = add(without(S(), four, TRAINING), *care)
    # P4: the first window's note would fall inside the second window: only the second's
    advisories = [owed(NOTE, d(1, 5), "A7", "A8"), *p3(1)]
    assert validate(plan_of(sessions, advisories), runner) == []
    assert vc.derive(plan_of(sessions), runner).day(W1_THU).recovery_words == ("heat",)
