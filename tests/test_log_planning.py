"""Re-planning from reality (issue 10, item 3): H1-H3 in the scheduler and the validator.

A log with activities before the plan replaces the profile's assumptions about those
days: L1 grows from the run minutes logged (H1), L4 looks back at the logged runs (H2),
L5 counts the logged load (H3); the validator reads the same log.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from runplan.cli._main import main
from runplan.models import (
    Activity,
    ActivityKind,
    Plan,
    Runner,
    SessionKind,
    TrainingLog,
)
from runplan.profile import load_profile
from runplan.schedule import plan
from runplan.validation import validate
from strategies import HISTORY_START, histories, runners

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
START = date(2026, 12, 7)  # a Monday


def _runner(**changes: Any) -> Runner:
    runner = load_profile(EXAMPLES / "six_free_days.toml")
    return Runner.model_validate({**runner.model_dump(mode="json"), **changes})


def _log(*entries: tuple[int, ActivityKind, float]) -> TrainingLog:
    """Activities ``(days before START, kind, minutes)``."""
    return TrainingLog(
        activities=tuple(
            Activity(date=START - timedelta(days=back), kind=kind, minutes=minutes)
            for back, kind, minutes in entries
        )
    )


def _run_minutes(p: Plan) -> list[int]:
    return [
        sum(s.duration_min for d in w.days for s in d.sessions if s.kind is SessionKind.RUN)
        for w in p.weeks
    ]


def _runs(p: Plan) -> list[int]:
    return [s.duration_min for _, s in p.sessions() if s.kind is SessionKind.RUN]


RUN, BIKE = ActivityKind.RUN, ActivityKind.BIKE


def test_a_week_with_missed_runs_grows_from_what_was_run() -> None:
    """Two of three runs missed: the next week grows from the 45 minutes run, not from
    the 150 the profile (or the plan) asked for; nothing is made up."""
    runner = _runner()
    log = _log((14, RUN, 45), (12, RUN, 45), (9, RUN, 54), (7, RUN, 45), (3, BIKE, 45))
    p = plan(runner, start=START, weeks=4, log=log)
    weeks = _run_minutes(p)
    assert weeks[0] <= 1.1 * 45 and weeks[1] <= 1.1 * max(weeks[0], 45)
    assert weeks[1] <= 1.3 * 45
    assert weeks[0] > 0  # running goes on, gently
    assert validate(p, runner, log) == []
    note = [a for a in p.advisories if "H1" in a.rules]
    assert len(note) == 1 and "45 run minutes logged" in note[0].message
    # Without the log the same runner plans from the profile's 150 minutes.
    assert _run_minutes(plan(runner, start=START, weeks=1))[0] > 1.1 * 45


def test_running_more_than_planned_counts_too() -> None:
    runner = _runner(target_run_minutes=300)
    log = _log(*((back, RUN, 60.0) for back in (13, 11, 9, 6, 4, 2)))  # 180 a week
    weeks = _run_minutes(plan(runner, start=START, weeks=2, log=log))
    without = _run_minutes(plan(runner, start=START, weeks=1))
    assert without[0] < weeks[0] <= 1.1 * 180
    assert weeks[1] <= 1.1 * weeks[0] + 1 and weeks[1] <= 1.3 * 180


def test_an_over_long_logged_run_bounds_the_runs_after_it_h2() -> None:
    """L4 from the logged run: no planned run longer than 1.1 x the 95-minute run."""
    runner = _runner(target_run_minutes=400, weekly_run_minutes=300)
    log = _log((6, RUN, 95), (4, RUN, 90), (2, RUN, 100))
    p = plan(runner, start=START, weeks=2, log=log)
    first = [
        s.duration_min for d in p.weeks[0].days for s in d.sessions if s.kind is SessionKind.RUN
    ]
    assert max(first) <= 1.1 * 100 and max(_runs(p)) <= 1.1 * max(first)
    short = _log((6, RUN, 40), (4, RUN, 40), (2, RUN, 40))
    p = plan(runner, start=START, weeks=1, log=short)
    assert max(_runs(p)) <= 1.1 * 40
    assert validate(p, runner, short) == []


def test_the_validator_names_h1_and_h2_against_the_log() -> None:
    """A plan made from the profile, checked against a log of little running, breaks H1
    (growth) and H2 (the long run) - and passes without the log."""
    runner = _runner()
    p = plan(runner, start=START, weeks=2)
    assert validate(p, runner) == []
    log = _log((6, RUN, 25), (3, RUN, 25))
    rules = {v.rule for v in validate(p, runner, log)}
    assert {"H1", "H2"} <= rules and "L1" not in rules and "L4" not in rules


def test_nothing_logged_before_the_plan_leaves_the_profile_in_charge() -> None:
    runner = _runner()
    after = TrainingLog(activities=(Activity(date=START, kind=RUN, minutes=40),))
    assert plan(runner, start=START, weeks=3, log=after) == plan(runner, start=START, weeks=3)


def test_no_running_logged_restarts_from_one_short_run_and_grows() -> None:
    runner = _runner()
    log = _log((10, RUN, 50), (5, BIKE, 60))  # nothing run in the last 7 days
    p = plan(runner, start=START, weeks=6, log=log)
    weeks = _run_minutes(p)
    short = runner.warmup_minutes + 10
    assert 0 < weeks[0] <= 1.1 * short + 1
    assert weeks[2] > weeks[0]  # it grows again
    assert validate(p, runner, log) == []
    assert any("starts again from one short run" in a.message for a in p.advisories)


def test_a_run_logged_the_day_before_keeps_the_first_day_free_of_running_a4() -> None:
    runner = _runner()
    free = plan(runner, start=START, weeks=1)
    first_runs = [s for s in free.weeks[0].days[0].sessions if s.kind is SessionKind.RUN]
    assert first_runs, "the example runs on its first day without a log"
    log = _log((1, RUN, 45), (3, RUN, 45), (5, RUN, 45))
    p = plan(runner, start=START, weeks=1, log=log)
    assert not [s for s in p.weeks[0].days[0].sessions if s.kind is SessionKind.RUN]
    assert validate(p, runner, log) == []
    assert any(v.rule == "A4" for v in validate(free, runner, log))


def test_logged_load_feeds_l5_h3() -> None:
    """A heavy logged fortnight of riding raises the chronic load; the plan's week totals
    and the validator's reading of them agree only when both read the log."""
    runner = _runner()
    log = _log(
        *((back, BIKE, 120.0) for back in range(1, 15)),
        *((back, RUN, 50.0) for back in (13, 11, 9, 6, 4, 2)),
    )
    p = plan(runner, start=START, weeks=2, log=log)
    assert validate(p, runner, log) == []
    assert any(v.rule == "L5" for v in validate(p, runner))  # its totals read the log
    rpe = Activity(date=START - timedelta(days=2), kind=BIKE, minutes=120, rpe=8)
    heavier = TrainingLog(activities=(*log.activities, rpe))
    assert plan(runner, start=START, weeks=2, log=heavier).weeks[0].totals != p.weeks[0].totals


def _random_log(draw: st.DrawFn, start: date) -> TrainingLog:
    kinds = st.sampled_from(list(ActivityKind))
    entries = draw(
        st.lists(
            st.tuples(
                st.integers(min_value=1, max_value=40),
                kinds,
                st.integers(min_value=1, max_value=200),
                st.none() | st.integers(min_value=0, max_value=10),
            ),
            max_size=30,
        )
    )
    return TrainingLog(
        activities=tuple(
            Activity(date=start - timedelta(days=b), kind=k, minutes=m, rpe=r)
            for b, k, m, r in entries
        )
    )


@st.composite
def _runner_and_log(draw: st.DrawFn, *, injured: bool) -> tuple[Runner, date, TrainingLog]:
    runner = draw(runners())
    start = HISTORY_START if injured else draw(st.dates(date(2025, 1, 1), date(2028, 12, 31)))
    if injured:
        conditions, checkins = draw(histories(start))
        runner = Runner.model_validate(
            {**runner.model_dump(mode="json"), "conditions": conditions, "checkins": checkins}
        )
    return runner, start, _random_log(draw, start)


@given(case=_runner_and_log(injured=False), weeks=st.integers(min_value=1, max_value=8))
def test_any_runner_and_log_gives_a_plan_the_validator_passes(
    case: tuple[Runner, date, TrainingLog], weeks: int
) -> None:
    runner, start, log = case
    p = plan(runner, start=start, weeks=weeks, log=log)
    assert validate(p, runner, log) == []


@given(case=_runner_and_log(injured=True), weeks=st.integers(min_value=1, max_value=8))
def test_any_injury_history_and_log_gives_a_plan_the_validator_passes(
    case: tuple[Runner, date, TrainingLog], weeks: int
) -> None:
    runner, start, log = case
    p = plan(runner, start=start, weeks=weeks, log=log)
    assert validate(p, runner, log) == []


# --------------------------------------------------------------- the command line


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=lambda _tz: date(2027, 3, 28))
    return code, out.getvalue(), err.getvalue()


ACTIVITIES = EXAMPLES.parent / "activities"
SIX = EXAMPLES / "six_free_days.toml"


def test_plan_with_the_example_log_grows_from_what_it_holds() -> None:
    """The example folder logs 39 + 30 run minutes in the week before 2027-03-29; the
    damaged file and the duplicate export are named on stderr, the plan is on stdout."""
    code, out, err = _cli(
        "plan", str(SIX), "--log", str(ACTIVITIES), "--start", "2027-03-29", "--format", "json"
    )
    assert code == 0, err
    weeks = json.loads(out)["weeks"]
    run_min = [w["totals"]["run_min"] for w in weeks]
    assert 0 < run_min[0] <= 1.1 * 69
    assert "2027-03-25-damaged.fit" in err and "duplicate of" in err
    assert all(line.startswith("runplan: note: --log: ") for line in err.splitlines())


def test_check_reads_the_log_the_plan_was_made_with(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    rows = [f"{START - timedelta(days=b)},run,70" for b in (13, 11, 9, 6, 4, 2)]
    log.write_text("date,kind,minutes\n" + "\n".join(rows) + "\n", encoding="utf-8")
    made = tmp_path / "plan.json"
    code, _, err = _cli(
        "plan", str(SIX), "--log", str(log), "--start", str(START), "--format", "json",
        "--out", str(made),
    )  # fmt: skip
    assert code == 0, err
    assert _cli("check", str(SIX), str(made), "--log", str(log))[:2] == (
        0,
        "ok: the plan follows every checked rule\n",
    )
    code, out, _ = _cli("check", str(SIX), str(made))
    assert code == 1 and "L1: " in out  # against the profile's 150 minutes it grew too fast


def test_a_missing_log_is_exit_2_in_one_paragraph(tmp_path: Path) -> None:
    made = tmp_path / "plan.json"
    assert _cli("plan", str(SIX), "--format", "json", "--out", str(made))[0] == 0
    for argv in (
        ("plan", str(SIX), "--log", str(tmp_path / "none")),
        ("check", str(SIX), str(made), "--log", str(tmp_path / "none")),
    ):
        code, out, err = _cli(*argv)
        assert (code, out) == (2, "")
        assert err.count("\n") == 1 and "--log" in err and "no such file or folder" in err


_DONE = {
    SessionKind.RUN: ActivityKind.RUN,
    SessionKind.BIKE: ActivityKind.BIKE,
    SessionKind.SWIM: ActivityKind.SWIM,
    SessionKind.STRENGTH: ActivityKind.STRENGTH,
}


def test_re_planning_every_week_still_brings_the_recovery_week_l2() -> None:
    """A runner who does every session and re-plans each week from the log: the logged
    growth weeks count toward L2's fourth week, so a recovery week still comes (before,
    every re-plan was a first week and the volume grew without a break)."""
    runner = _runner(target_run_minutes=300)
    done: list[Activity] = []
    recovery = []
    for k in range(6):
        start = START + timedelta(weeks=k)
        log = TrainingLog(activities=tuple(done))
        p = plan(runner, start=start, weeks=1, log=log)
        assert validate(p, runner, log) == []
        recovery.append(p.weeks[0].recovery_week)
        done += [
            Activity(date=d, kind=_DONE[s.kind], minutes=s.duration_min)
            for d, s in p.sessions()
            if s.kind in _DONE
        ]
    assert recovery.count(True) == 1 and not any(recovery[:3])


def test_three_logged_growth_weeks_make_the_first_week_a_recovery_week() -> None:
    runner = _runner()
    log = _log(
        *((b, RUN, 40.0) for b in (27, 25, 23)),  # 120
        *((b, RUN, 44.0) for b in (20, 18, 16)),  # 132
        *((b, RUN, 48.0) for b in (13, 11, 9)),  # 144
        *((b, RUN, 52.0) for b in (6, 4, 2)),  # 156
    )
    p = plan(runner, start=START, weeks=2, log=log)
    assert [w.recovery_week for w in p.weeks] == [True, False]
    assert _run_minutes(p)[0] <= 0.75 * 156
    assert validate(p, runner, log) == []
    # The same plan checked as if nothing grew before it: its week 1 is no recovery week.
    assert any(v.rule == "L2" for v in validate(p, runner, _log((2, RUN, 52.0))))
