"""Sessions a runner can follow: A13 effort and stop rule on every session, A14 strength
and walking progressions, day status, the missed-session guidance, and the outputs that
show them (text view, JSON, calendar descriptions of at most 700 characters).

Validator cases are hand-broken copies of the good plan of :mod:`plan_factory`; the
scheduler cases read plans of the bundled examples and of small profiles.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, vCategory

from plan_factory import (
    START,
    advisory,
    build_plan,
    coached,
    day_of,
    exercises,
    good_plan,
    good_runner,
    good_sessions,
    remove,
    session,
)
from runplan import load_profile, plan, to_ics, to_json, to_text
from runplan.export.ics.render import MAX_DESCRIPTION
from runplan.export.words import intervals_text
from runplan.models import (
    DayStatus,
    Effort,
    Interval,
    IntervalKind,
    Plan,
    Runner,
    SessionKind,
)
from runplan.profile import parse_profile
from runplan.rules import DISCLAIMER, RULES
from runplan.rules.limits import EFFORT, STRENGTH_LEVELS, WALK_START, WALK_TOP
from runplan.schedule import content
from runplan.validation import Violation, validate
from runplan.validation.effort import stop_walk
from sample_plans import all_plans
from strategies import runners, start_dates

RUN, BIKE, SWIM = SessionKind.RUN, SessionKind.BIKE, SessionKind.SWIM
STRENGTH, WALK, MOBILITY = SessionKind.STRENGTH, SessionKind.WALK, SessionKind.MOBILITY
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
TUE0, FRI0 = day_of(0, 1), day_of(0, 4)


def of_rule(plan: Plan, rule: str, runner: Runner | None = None) -> list[Violation]:
    return [v for v in validate(plan, runner or good_runner()) if v.rule == rule]


def rebuilt(p: Plan, day: date, kind: SessionKind, **update: Any) -> Plan:
    """``p`` with the first ``kind`` session on ``day`` changed *after* the factory coached
    it (so that a field can be removed)."""
    weeks = []
    for week in p.weeks:
        days = []
        for d in week.days:
            sessions = list(d.sessions)
            hits = [i for i, s in enumerate(sessions) if s.kind is kind and d.date == day]
            if hits:
                sessions[hits[0]] = sessions[hits[0]].model_copy(update=update)
            days.append(d.model_copy(update={"sessions": sessions}))
        weeks.append(week.model_copy(update={"days": days}))
    return p.model_copy(update={"weeks": weeks})


def example(name: str, weeks: int = 12) -> tuple[Plan, Runner]:
    runner = load_profile(EXAMPLES / f"{name}.toml")
    return plan(runner, start=date(2027, 3, 1), weeks=weeks), runner


# ------------------------------------------------------------------ A13: validator


def test_the_good_plan_states_effort_load_and_stop_rules() -> None:
    p = good_plan()
    assert validate(p, good_runner()) == []
    run = next(s for _, s in p.sessions() if s.kind is RUN)
    assert run.effort is not None and (run.effort.rpe_low, run.effort.rpe_high) == (2, 3)
    assert run.load == 2.5 * run.duration_min and run.stop_rule


@pytest.mark.parametrize("kind", [RUN, BIKE, STRENGTH, WALK])
def test_a13_missing_effort(kind: SessionKind) -> None:
    day = {RUN: TUE0, BIKE: day_of(0, 2), STRENGTH: day_of(0, 0), WALK: day_of(0, 6)}[kind]
    found = of_rule(rebuilt(good_plan(), day, kind, effort=None), "A13")
    assert [v.date for v in found] == [day] and "no effort" in found[0].message


@pytest.mark.parametrize(
    ("kind", "band"),
    [(RUN, (3, 4)), (RUN, (4, 5)), (BIKE, (1, 2)), (STRENGTH, (2, 3)), (WALK, (2, 3))],
)
def test_a13_wrong_rpe_band(kind: SessionKind, band: tuple[int, int]) -> None:
    day = {RUN: TUE0, BIKE: day_of(0, 2), STRENGTH: day_of(0, 0), WALK: day_of(0, 6)}[kind]
    effort = Effort(rpe_low=band[0], rpe_high=band[1], cue="x")
    found = of_rule(rebuilt(good_plan(), day, kind, effort=effort), "A13")
    assert any("RPE" in v.message and v.date == day for v in found), found


def test_a13_load_follows_the_effort_and_home_care_carries_none() -> None:
    p = good_plan()
    assert of_rule(rebuilt(p, TUE0, RUN, load=None), "A13")
    assert of_rule(rebuilt(p, TUE0, RUN, load=10.0), "A13")
    walk = next(s for s in p.weeks[0].days[6].sessions if s.kind is WALK)
    assert walk.load == 0.0
    found = of_rule(rebuilt(p, day_of(0, 6), WALK, load=2.5 * walk.duration_min), "A13")
    assert found and "home care" in found[0].message


def test_a13_empty_cue() -> None:
    effort = Effort(rpe_low=2, rpe_high=3, cue=" ")
    assert of_rule(rebuilt(good_plan(), TUE0, RUN, effort=effort), "A13")


@pytest.mark.parametrize(
    "stop",
    [None, "", "Stop if it hurts.", "Pain above 3/10: stop.", "Not settled by morning: stop."],
)
def test_a13_run_without_a_full_stop_rule(stop: str | None) -> None:
    found = of_rule(rebuilt(good_plan(), TUE0, RUN, stop_rule=stop), "A13")
    assert [v.date for v in found] == [TUE0] and "stop rule" in found[0].message


def test_a13_the_ladder_walk_is_brisk_carries_load_and_a_stop_rule() -> None:
    sun = day_of(0, 6)
    walk = session(WALK, sun, 30, 10).model_copy(update={"ladder_step": 0})
    sessions = {**good_sessions(), sun: [walk]}
    p = build_plan(sessions)
    coached_walk = p.weeks[0].days[6].sessions[0]
    assert coached_walk.effort is not None and coached_walk.effort.rpe_low == 2
    assert coached_walk.load == 2.5 * 30 and coached_walk.stop_rule
    assert not of_rule(p, "A13")
    assert of_rule(rebuilt(p, sun, WALK, stop_rule=None), "A13")
    assert of_rule(rebuilt(p, sun, WALK, load=0.0), "A13")
    care = Effort(rpe_low=1, rpe_high=2, cue="easy")
    assert of_rule(rebuilt(p, sun, WALK, effort=care), "A13")


def test_a13_a_plain_walk_needs_no_stop_rule() -> None:
    assert not of_rule(rebuilt(good_plan(), day_of(0, 6), WALK, stop_rule=None), "A13")


# ------------------------------------------------------------------ A14: validator


def levels(p: Plan) -> list[list[int]]:
    """Strength levels per week, read from the exercises."""
    table = [[(e.name, e.sets, e.reps, e.hold_s, e.side) for e in level] for level in LEVELS]
    return [
        [
            table.index([(e.name, e.sets, e.reps, e.hold_s, e.side) for e in s.exercises or ()]) + 1
            for d in w.days
            for s in d.sessions
            if s.kind is STRENGTH
        ]
        for w in p.weeks
    ]


LEVELS = [exercises(level) for level in range(1, 5)]


def test_the_factory_and_the_library_agree_on_the_levels() -> None:
    assert len(STRENGTH_LEVELS) == 4
    for level in range(1, 5):
        assert content.strength_exercises(level) == exercises(level)


def test_a14_good_plan_levels() -> None:
    # weeks 1-2 at level 1, then level 2; week 4 (recovery) holds, week 5 is its second
    assert levels(good_plan()) == [[1, 1], [1, 1], [2, 2], [2, 2], [2, 2]]


def test_a14_progressing_too_early() -> None:
    day = day_of(1, 0)  # week 2 still at level 1
    found = of_rule(rebuilt(good_plan(), day, STRENGTH, exercises=exercises(2)), "A14")
    assert [v.date for v in found] == [day] and "level 1" in found[0].message


def test_a14_not_progressing() -> None:
    day = day_of(2, 4)  # week 3 is at level 2
    found = of_rule(rebuilt(good_plan(), day, STRENGTH, exercises=exercises(1)), "A14")
    assert [v.date for v in found] == [day] and "level 2" in found[0].message


def test_a14_a_recovery_week_does_not_count() -> None:
    # week 5 would be level 3 if the recovery week 4 counted
    day = day_of(4, 0)
    assert of_rule(rebuilt(good_plan(), day, STRENGTH, exercises=exercises(3)), "A14")


def test_a14_a_week_without_strength_steps_back() -> None:
    sessions = good_sessions()
    for weekday in (0, 4):
        sessions = remove(sessions, day_of(2, weekday), STRENGTH)
    p = build_plan(sessions, advisories=[advisory(day_of(2, 6), "P3")])
    assert levels(p)[1:4] == [[1, 1], [], [1, 1]]  # level 2 earned, then lost
    assert validate(p, good_runner()) == []
    day = day_of(3, 0)
    found = of_rule(rebuilt(p, day, STRENGTH, exercises=exercises(2)), "A14")
    assert [v.date for v in found] == [day]


def test_a14_exercises_of_no_level() -> None:
    odd = [*exercises(1)[:-1]]
    found = of_rule(rebuilt(good_plan(), day_of(0, 0), STRENGTH, exercises=odd), "A14")
    assert found and "no strength level" in found[0].message
    found = of_rule(rebuilt(good_plan(), day_of(0, 0), STRENGTH, exercises=None), "A14")
    assert found


def test_a14_strength_ceiling_and_step_back_in_the_scheduler() -> None:
    p, runner = example("six_free_days", weeks=16)
    assert validate(p, runner) == []
    per_week = [set(week) for week in levels(p)]
    assert per_week[:9] == [{1}, {1}, {2}, {2}, {2}, {3}, {3}, {4}, {4}]
    assert all(w <= {len(STRENGTH_LEVELS)} for w in per_week[8:])
    for level in range(1, len(STRENGTH_LEVELS) + 1):
        assert content.strength_minutes(level) <= content.STRENGTH_MINUTES


def disc_runner(**update: Any) -> Runner:
    fields: dict[str, Any] = {
        "name": "Disc",
        "timezone": "Europe/London",
        "run_days": 3,
        "weekly_run_minutes": 120,
        "equipment": ["bike"],
        "surfaces": ["grass"],
        "availability": {d: ["07:00-09:00"] for d in ("mon", "tue", "wed", "thu", "sat")},
        "conditions": [{"kind": "herniated_disc", "onset": date(2027, 2, 26)}],
    }
    return parse_profile({**fields, **update})


def test_a14_walking_during_a_stop_grows_to_30_brisk() -> None:
    runner = disc_runner()
    p = plan(runner, start=date(2027, 3, 1), weeks=6)
    assert validate(p, runner) == []
    walks = {
        d.date: sum(i.minutes for i in s.intervals or ())
        for w in p.weeks
        for d in w.days
        for s in d.sessions
        if s.kind is MOBILITY
    }
    by_week = [
        sorted({m for day, m in walks.items() if (day - p.start).days // 7 == k}) for k in range(6)
    ]
    assert by_week == [[15], [20], [25], [30], [30], [30]]
    top = next(s for _, s in p.sessions() if s.kind is MOBILITY and "brisk" in s.title)
    assert top.effort is not None and top.effort.rpe_low == EFFORT["brisk"].rpe_low
    assert "A14" in top.rules and top.load == 0.0


def test_a14_walk_not_growing_or_above_30() -> None:
    runner = disc_runner()
    p = plan(runner, start=date(2027, 3, 1), weeks=6)
    day8 = p.start + timedelta(days=7)
    stuck = rebuilt(p, day8, MOBILITY, intervals=[Interval(kind=IntervalKind.WALK, minutes=15)])
    found = of_rule(stuck, "A14", runner)
    assert [v.date for v in found] == [day8] and "asks for 20" in found[0].message
    day30 = p.start + timedelta(days=30)
    over = rebuilt(p, day30, MOBILITY, intervals=[Interval(kind=IntervalKind.WALK, minutes=35)])
    assert [v.date for v in of_rule(over, "A14", runner)] == [day30]
    none = rebuilt(p, day8, MOBILITY, intervals=None)
    assert [v.date for v in of_rule(none, "A14", runner)] == [day8]


def test_a14_walk_boundaries() -> None:
    assert [stop_walk(k) for k in range(6)] == [15, 20, 25, 30, 30, 30]
    assert [content.walk_minutes(k) for k in range(6)] == [15, 20, 25, 30, 30, 30]
    assert stop_walk(0) == WALK_START and stop_walk(100) == WALK_TOP
    # day 7 of a stop is still its first week; day 8 its second
    runner = disc_runner()
    p = plan(runner, start=date(2027, 3, 1), weeks=2)
    seventh, eighth = p.weeks[0].days[6], p.weeks[1].days[0]
    walk = [
        sum(i.minutes for i in s.intervals or ()) for s in seventh.sessions if s.kind is MOBILITY
    ]
    assert walk == [15]
    walk = [
        sum(i.minutes for i in s.intervals or ()) for s in eighth.sessions if s.kind is MOBILITY
    ]
    assert walk == [20]


# ------------------------------------------------------------------- day status


def test_status_of_every_scheduled_day() -> None:
    for name in ("four_free_days", "sciatica_age_55", "strain_returning"):
        p, runner = example(name)
        assert all(d.status is not None for w in p.weeks for d in w.days), name
        assert not [v for v in validate(p, runner) if v.rule == "PLAN"], name


def test_status_values() -> None:
    runner = disc_runner()
    p = plan(runner, start=date(2027, 3, 1), weeks=2)
    statuses = {d.status for w in p.weeks for d in w.days}
    assert statuses <= {DayStatus.HOME_CARE, DayStatus.NO_RUNNING}
    p, _ = example("four_free_days", weeks=2)
    assert {d.status for w in p.weeks for d in w.days} == {DayStatus.TRAINING, DayStatus.REST}
    red = disc_runner(
        conditions=[], checkins=[{"date": date(2027, 3, 2), "pain": 5, "red_flags": ["fever"]}]
    )
    p = plan(red, start=date(2027, 3, 1), weeks=1)
    assert p.weeks[0].days[0].status in {DayStatus.TRAINING, DayStatus.REST}
    assert all(d.status is DayStatus.NO_TRAINING for d in p.weeks[0].days[1:])
    assert validate(p, red) == []


def with_status(p: Plan, index: int, status: DayStatus) -> Plan:
    week = p.weeks[0]
    days = list(week.days)
    days[index] = days[index].model_copy(update={"status": status})
    return p.model_copy(update={"weeks": [week.model_copy(update={"days": days}), *p.weeks[1:]]})


@pytest.mark.parametrize(
    ("index", "wrong"),
    [
        (1, DayStatus.REST),  # a run day
        (6, DayStatus.REST),  # a walk only: home care
        (6, DayStatus.TRAINING),
        (3, DayStatus.NO_RUNNING),  # nothing stops running
    ],
)
def test_wrong_day_status_is_caught(index: int, wrong: DayStatus) -> None:
    p = good_plan()
    right = {1: DayStatus.TRAINING, 3: DayStatus.TRAINING, 6: DayStatus.HOME_CARE}[index]
    assert validate(with_status(p, index, right), good_runner()) == []
    found = of_rule(with_status(p, index, wrong), "PLAN")
    assert [v.date for v in found] == [p.weeks[0].days[index].date]


def test_wrong_status_on_stop_and_red_flag_days() -> None:
    runner = disc_runner()
    p = plan(runner, start=date(2027, 3, 1), weeks=1)
    home = next(i for i, d in enumerate(p.weeks[0].days) if d.status is DayStatus.HOME_CARE)
    assert of_rule(with_status(p, home, DayStatus.REST), "PLAN", runner)
    red = disc_runner(
        conditions=[], checkins=[{"date": date(2027, 3, 1), "pain": 5, "red_flags": ["fever"]}]
    )
    p = plan(red, start=date(2027, 3, 1), weeks=1)
    assert of_rule(with_status(p, 2, DayStatus.REST), "PLAN", red)


def test_a_stopped_day_with_cross_training_is_no_running() -> None:
    runner = disc_runner(
        checkins=[{"date": date(2027, 2, 27), "pain": 0}],
    )
    p = plan(runner, start=date(2027, 3, 1), weeks=2)
    assert validate(p, runner) == []
    with_bike = [d for w in p.weeks for d in w.days if any(s.kind is BIKE for s in d.sessions)]
    assert with_bike and all(d.status is DayStatus.NO_RUNNING for d in with_bike)


# --------------------------------------------------------------- every session


@given(runner=runners(), start=start_dates(), weeks=st.integers(min_value=1, max_value=6))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_generated_session_states_effort_and_runs_a_stop_rule(
    runner: Runner, start: date, weeks: int
) -> None:
    p = plan(runner, start=start, weeks=weeks)
    for _, s in p.sessions():
        assert s.effort is not None and s.load is not None and "A13" in s.rules
        if s.kind is RUN or (s.kind is WALK and s.ladder_step == 0):
            assert s.stop_rule and "3/10" in s.stop_rule and "morning" in s.stop_rule
    assert all(d.status is not None for w in p.weeks for d in w.days)
    assert p.guidance == [content.MISSED_SESSION]
    for event in Calendar.from_ical(to_ics(p)).walk("VEVENT"):
        assert len(str(event["DESCRIPTION"])) <= MAX_DESCRIPTION
        assert str(event["DESCRIPTION"]).endswith(DISCLAIMER)


# -------------------------------------------------------------------- outputs


def descriptions(p: Plan) -> list[tuple[str, str]]:
    cal = Calendar.from_ical(to_ics(p))
    out = []
    for event in cal.walk("VEVENT"):
        kinds = event["CATEGORIES"]
        assert isinstance(kinds, vCategory)
        out.append((str(kinds.cats[0]), str(event["DESCRIPTION"])))
    return out


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.toml")))
def test_run_descriptions_fit_and_say_what_to_do_first(name: str) -> None:
    p, _ = example(name)
    runs = [(c, d) for c, d in descriptions(p) if c in {"RUN", "WALK"}]
    for _, text in descriptions(p):
        assert len(text) <= MAX_DESCRIPTION
        assert text.endswith(f"\n\n{DISCLAIMER}") and text.count("Rules: ") <= 1
    for _, text in runs:
        rules = text.index("Rules: ")
        assert text.index("RPE ") < rules and text.index("3/10") < rules
    ordinary = [d for c, d in runs if "Warm-up" in d and "Then run" in d]
    for text in ordinary:  # an ordinary run keeps its notes and its warm-up steps
        assert content.FORM_CUES in text and content.SHOE_NOTE in text
        assert re.search(r"Warm-up \d+ min: .*walk.* \d+ min.*back stretches", text)
    plain = [d for d in ordinary if "L2 " not in d and "L6 " not in d]
    assert all("knee hugs" in d for d in plain)  # and, unless recovery or long, step texts


@pytest.mark.parametrize("name", sorted(all_plans()))
def test_sample_plan_descriptions_fit(name: str) -> None:
    for kind, text in descriptions(all_plans()[name]):
        if kind != "ADVISORY":
            assert len(text) <= MAX_DESCRIPTION, (kind, len(text))


def test_an_overlong_session_is_cut_but_keeps_effort_stop_rule_rules_and_disclaimer() -> None:
    p = good_plan()
    long_text = ["A very long step. " * 20] * 5
    notes = ["A long note. " * 10] * 4
    broken = rebuilt(p, TUE0, RUN, content=long_text, notes=notes)
    (text,) = [d for c, d in descriptions(broken) if c == "RUN" and "A very long step" in d]
    assert len(text) <= MAX_DESCRIPTION
    assert "RPE 2-3/10" in text and "3/10" in text and "morning" in text
    assert "Rules: A1 run and cross-train" in text and text.endswith(DISCLAIMER)
    assert "..." in text


def test_calendar_description_says_the_missed_session_rule_once() -> None:
    p, _ = example("four_free_days", weeks=4)
    cal = Calendar.from_ical(to_ics(p))
    assert content.MISSED_SESSION in str(cal["DESCRIPTION"])
    assert str(cal["DESCRIPTION"]).endswith(DISCLAIMER)
    events = [str(e["DESCRIPTION"]) for e in cal.walk("VEVENT")]
    assert not any(content.MISSED_SESSION in e for e in events)


def test_json_carries_guidance_status_effort_exercises() -> None:
    p, _ = example("strain_returning", weeks=4)
    data = json.loads(to_json(p))
    assert data["guidance"] == [content.MISSED_SESSION]
    day = data["weeks"][0]["days"][0]
    assert day["status"] in {s.value for s in DayStatus}
    sessions = [s for w in data["weeks"] for d in w["days"] for s in d["sessions"]]
    assert all(s["effort"]["cue"] for s in sessions)
    strength = next(s for s in sessions if s["kind"] == "strength")
    assert strength["exercises"][0] == {
        "name": "bird-dog",
        "sets": 2,
        "reps": 8,
        "hold_s": None,
        "side": "each",
    }


def test_text_view_shows_status_effort_intervals_exercises_and_guidance_once() -> None:
    p, _ = example("strain_returning", weeks=6)
    text = to_text(p)
    flat = " ".join(text.split())
    assert flat.count(content.MISSED_SESSION) == 1
    assert flat.count(content.STOP_RULE) == 1
    assert "effort RPE 2-3" in text and "effort RPE 4-5" in text
    assert "exercises: bird-dog 2 x 8 each side; dead bug 2 x 8 each side" in text
    assert "side plank on the knees 2 x 20 s each side" in text
    for word in ("training", "rest day", "home care only"):
        assert f"  {word}" in text
    ladder = [s for _, s in p.sessions() if s.intervals and s.kind is RUN]
    if ladder:
        assert f"intervals: {intervals_text(ladder[0].intervals or [])}" in text
    for line in text.splitlines():
        assert len(line) <= 100


def test_intervals_text() -> None:
    walk, jog = IntervalKind.WALK, IntervalKind.JOG
    items = [Interval(kind=walk, minutes=4), Interval(kind=jog, minutes=1)] * 5
    assert intervals_text(items) == "5 x (walk 4 min, jog 1 min)"
    tail = [*items, Interval(kind=walk, minutes=2)]
    assert intervals_text(tail) == "5 x (walk 4 min, jog 1 min), then walk 2 min"
    head = [Interval(kind=walk, minutes=5), *items]
    assert intervals_text(head) == "walk 5 min, 5 x (walk 4 min, jog 1 min)"
    assert intervals_text([Interval(kind=jog, minutes=30)]) == "jog 30 min"


def test_rule_titles_used_by_the_calendar() -> None:
    assert RULES["A13"].title and RULES["A14"].title
    assert coached(session(BIKE, START, 30, 18)).load == 75.0
