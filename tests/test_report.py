"""Planned vs done: :func:`runplan.adherence.match`, its renderers and ``runplan report``
(docs/log.md "Planned vs done: runplan report", DESIGN.md "Activity report").

Plans and logs are built by hand, so each expected figure is written down from the
rules, not from the code under test.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runplan.adherence import match, report_json, report_text
from runplan.cli import main
from runplan.errors import PlanRequestError
from runplan.export.jsonout import to_json
from runplan.models import (
    Activity,
    ActivityKind,
    ActivityReport,
    Day,
    Plan,
    ReportSession,
    Session,
    SessionKind,
    SkippedFile,
    TrainingLog,
    Week,
)
from runplan.profile import load_profile
from runplan.rules import DISCLAIMER
from runplan.schedule import plan as runplan_plan

ZONE = "Europe/London"
MONDAY = date(2027, 3, 8)
SUNDAY = MONDAY + timedelta(days=6)

#: (day offset from MONDAY, kind, minutes) of the two-week plan most tests use.
PLANNED: tuple[tuple[int, SessionKind, int], ...] = (
    (0, SessionKind.STRENGTH, 30),
    (1, SessionKind.RUN, 47),
    (2, SessionKind.BIKE, 40),
    (2, SessionKind.MOBILITY, 15),
    (3, SessionKind.RUN, 100),
    (4, SessionKind.SWIM, 30),
    (4, SessionKind.STRENGTH, 30),
    (5, SessionKind.RUN, 60),
    (6, SessionKind.WALK, 30),
    (6, SessionKind.RECOVERY, 10),
    (8, SessionKind.RUN, 50),
    (10, SessionKind.RUN, 40),
    (10, SessionKind.RUN, 30),
)


def make_plan(planned: Sequence[tuple[int, SessionKind, int]] = PLANNED, *, weeks: int = 2) -> Plan:
    """A plan from MONDAY with the sessions ``planned``, in that order within a day."""
    zone = ZoneInfo(ZONE)
    plan_weeks = []
    for w in range(weeks):
        days = []
        for d in range(7):
            offset = 7 * w + d
            day = MONDAY + timedelta(days=offset)
            sessions = [
                Session(
                    kind=kind,
                    title=kind.value,
                    start=datetime.combine(day, time(7 + i), zone),
                    duration_min=minutes,
                )
                for i, (o, kind, minutes) in enumerate(planned)
                if o == offset
            ]
            days.append(Day(date=day, sessions=sessions))
        plan_weeks.append(Week(start=MONDAY + timedelta(days=7 * w), days=days))
    return Plan(
        runner="Alex Doe",
        timezone=ZONE,
        start=MONDAY,
        weeks=plan_weeks,
        disclaimer=DISCLAIMER,
    )


def act(
    offset: int,
    kind: str,
    minutes: float,
    source: str = "",
    rpe: float | None = None,
) -> Activity:
    """An activity ``offset`` days after MONDAY (negative: before it)."""
    return Activity(
        date=MONDAY + timedelta(days=offset),
        kind=ActivityKind(kind),
        minutes=minutes,
        rpe=rpe,
        source=source or f"{offset}-{kind}-{minutes}.fit",
    )


def report(
    *activities: Activity,
    plan: Plan | None = None,
    since: date = MONDAY,
    until: date = MONDAY + timedelta(days=13),
    skipped: Sequence[SkippedFile] = (),
) -> ActivityReport:
    log = TrainingLog(activities=activities, skipped=tuple(skipped))
    return match(plan or make_plan(), log, since=since, until=until)


def rows(result: ActivityReport, day: date, kind: str) -> list[ReportSession]:
    return [s for s in result.sessions if s.date == day and s.kind.value == kind]


def one(result: ActivityReport, offset: int, kind: str) -> ReportSession:
    (row,) = rows(result, MONDAY + timedelta(days=offset), kind)
    return row


# ----------------------------------------------------------------- statuses


def test_done_at_80_percent_partial_at_79() -> None:
    assert one(report(act(3, "run", 80)), 3, "run").status == "done"
    assert one(report(act(3, "run", 79)), 3, "run").status == "partial"
    assert one(report(act(3, "run", 79.9)), 3, "run").status == "partial"
    assert one(report(act(3, "run", 120)), 3, "run").status == "done"


def test_the_80_percent_line_is_exact_in_tenths() -> None:
    # 0.8 x 47 = 37.6: no floating-point rounding may push 37.6 to partial.
    assert one(report(act(1, "run", 37.6)), 1, "run").status == "done"
    assert one(report(act(1, "run", 37.5)), 1, "run").status == "partial"


def test_a_done_row_says_what_and_where_from() -> None:
    row = one(report(act(1, "run", 45, "2027-03-09-run.fit")), 1, "run")
    assert row == ReportSession(
        date=MONDAY + timedelta(days=1),
        kind=ActivityKind.RUN,
        planned_min=47,
        done_min=45.0,
        status="done",
        source="2027-03-09-run.fit",
    )


def test_missed_when_nothing_of_the_kind_was_logged() -> None:
    # A bike ride on the run day does not stand in for the run.
    result = report(act(1, "bike", 47))
    run = one(result, 1, "run")
    assert (run.status, run.planned_min, run.done_min, run.source) == ("missed", 47, None, None)
    assert one(result, 1, "bike").status == "extra"


def test_extra_when_logged_and_not_planned() -> None:
    row = one(report(act(1, "swim", 25.26, "pool.fit")), 1, "swim")
    assert (row.status, row.planned_min, row.done_min, row.source) == (
        "extra",
        None,
        25.3,
        "pool.fit",
    )


def test_kind_other_is_always_extra_never_dropped() -> None:
    result = report(act(1, "other", 30, "yoga.fit"), act(1, "run", 47))
    assert one(result, 1, "other").status == "extra"
    assert one(result, 1, "other").done_min == 30.0
    assert one(result, 1, "run").status == "done"


def test_two_parts_of_a_run_add_up() -> None:
    result = report(act(3, "run", 45, "a.fit"), act(3, "run", 40, "b.fit"))
    row = one(result, 3, "run")
    assert (row.status, row.done_min, row.source) == ("done", 85.0, "a.fit, b.fit")
    assert one(report(act(3, "run", 45, "a.fit")), 3, "run").status == "partial"


def test_unplanned_parts_add_up_to_one_extra() -> None:
    result = report(act(0, "bike", 20, "a.fit"), act(0, "bike", 15.5, "b.fit"))
    row = one(result, 0, "bike")
    assert (row.status, row.done_min, row.source) == ("extra", 35.5, "a.fit, b.fit")


def test_a_day_with_two_planned_kinds() -> None:
    # Friday: swim 30 and strength 30; only the swim was logged.
    result = report(act(4, "swim", 30))
    assert one(result, 4, "swim").status == "done"
    strength = one(result, 4, "strength")
    assert (strength.status, strength.planned_min) == ("missed", 30)


def test_two_planned_sessions_of_a_kind_fill_in_order() -> None:
    # Day 10: runs of 40 then 30.
    day = MONDAY + timedelta(days=10)
    both = rows(report(act(10, "run", 40, "a.fit"), act(10, "run", 20, "b.fit")), day, "run")
    assert [(r.planned_min, r.status, r.source) for r in both] == [
        (40, "done", "a.fit"),
        (30, "partial", "b.fit"),
    ]
    # The first is not done yet: both parts go to it and the second is missed.
    short = rows(report(act(10, "run", 20, "a.fit"), act(10, "run", 10, "b.fit")), day, "run")
    assert [(r.planned_min, r.status, r.done_min) for r in short] == [
        (40, "partial", 30.0),
        (30, "missed", None),
    ]


def test_home_care_is_left_out() -> None:
    result = report()
    kinds = {s.kind.value for s in result.sessions}
    assert "mobility" not in kinds
    assert "recovery" not in kinds
    assert one(result, 6, "walk").status == "missed"  # a planned walk is expected


def test_sessions_after_until_and_outside_since_are_left_out() -> None:
    until = MONDAY + timedelta(days=3)
    result = report(
        act(-1, "run", 30),
        act(2, "bike", 40),
        act(4, "swim", 30),
        since=MONDAY + timedelta(days=1),
        until=until,
    )
    assert {s.date for s in result.sessions} == {MONDAY + timedelta(days=d) for d in (1, 2, 3)}
    assert [(s.date, s.kind.value, s.status) for s in result.sessions] == [
        (MONDAY + timedelta(days=1), "run", "missed"),
        (MONDAY + timedelta(days=2), "bike", "done"),
        (MONDAY + timedelta(days=3), "run", "missed"),
    ]


def test_since_after_until_is_refused() -> None:
    with pytest.raises(PlanRequestError, match="since"):
        report(since=MONDAY + timedelta(days=1), until=MONDAY)


# ----------------------------------------------------------------- weeks


def test_week_minutes_by_kind() -> None:
    result = report(
        act(1, "run", 45),
        act(3, "run", 50.04),
        act(3, "run", 30),
        act(5, "other", 20),
        act(6, "bike", 12.5),  # an extra counts in done minutes
        act(8, "run", 50),
    )
    first, second = result.weeks
    assert first.start == MONDAY
    assert first.planned_min == {
        ActivityKind.RUN: 47 + 100 + 60,
        ActivityKind.BIKE: 40,
        ActivityKind.SWIM: 30,
        ActivityKind.WALK: 30,
        ActivityKind.STRENGTH: 60,
    }
    assert first.done_min == {
        ActivityKind.RUN: 125.0,
        ActivityKind.BIKE: 12.5,
        ActivityKind.OTHER: 20.0,
    }
    assert second.planned_min == {ActivityKind.RUN: 50 + 40 + 30}
    assert second.done_min == {ActivityKind.RUN: 50.0}


def test_week_clipped_to_since_and_until() -> None:
    result = report(since=MONDAY + timedelta(days=3), until=MONDAY + timedelta(days=8))
    first, second = result.weeks
    assert (first.start, first.first, first.last) == (MONDAY, MONDAY + timedelta(days=3), SUNDAY)
    assert first.planned_min[ActivityKind.RUN] == 100 + 60
    assert (second.first, second.last) == (MONDAY + timedelta(days=7), MONDAY + timedelta(days=8))
    assert second.planned_min == {ActivityKind.RUN: 50}


def test_done_share() -> None:
    # Week 1 plans 8 counted sessions (mobility and recovery left out): 3 done, 1 partial.
    result = report(
        act(0, "strength", 30), act(1, "run", 47), act(2, "bike", 20), act(5, "run", 60)
    )
    first, second = result.weeks
    assert (first.planned, first.done, first.missed) == (8, 3, 4)
    assert first.done_share == round(3 / 8, 2)
    assert second.done_share == 0.0
    empty = match(make_plan(()), TrainingLog(), since=MONDAY, until=SUNDAY)
    assert empty.weeks[0].done_share is None


def test_load_ratio_by_hand_with_history_before_since() -> None:
    result = report(
        act(-22, "run", 100),  # 2027-02-14: just outside the 28 days ending 2027-03-14
        act(-21, "bike", 10),  # 2027-02-15: the chronic window's first day, 2.5 x 10 = 25
        act(-16, "run", 60),  # 2.5 x 60 = 150
        act(-7, "bike", 40, rpe=5),  # 5 x 40 = 200
        act(-1, "swim", 20),  # 2027-03-07: chronic only, 2.5 x 20 = 50
        act(0, "swim", 20),  # 2027-03-08: the acute window's first day, 50
        act(1, "run", 40),  # 2.5 x 40 = 100
        act(4, "strength", 20),  # 4.5 x 20 = 90
        act(6, "walk", 30),  # a walk without RPE carries no load
        act(9, "run", 30, rpe=4),  # after the first week's last day: not in its ratio
        until=SUNDAY,
    )
    (week,) = result.weeks
    acute = 50 + 100 + 90
    chronic = (25 + 150 + 200 + 50 + 50 + 100 + 90) / 4
    assert week.last == SUNDAY
    assert week.load_ratio == round(acute / chronic, 2) == 1.44


def test_load_ratio_at_until_and_none_without_chronic_load() -> None:
    until = MONDAY + timedelta(days=9)
    history = act(-27, "walk", 30)  # the log reaches back 28 days before the first week ends
    result = report(history, act(1, "run", 40), act(9, "run", 20, rpe=5), until=until)
    first, second = result.weeks
    assert first.load_ratio == 4.0  # 100 over a chronic mean of 100 / 4 (walks carry none)
    assert second.last == until
    # On 2027-03-17 the acute window 03-11..03-17 holds only the last run (5 x 20).
    assert second.load_ratio == round(100 / ((100 + 100) / 4), 2) == 2.0
    assert report(history, act(20, "run", 30)).weeks[0].load_ratio is None  # no load


def test_no_load_ratio_until_the_log_reaches_back_28_days() -> None:
    """Days before the log began are unknown, not rest: a log that starts this week
    gives no ratio rather than a spike that never happened."""
    # Week 1 ends on MONDAY + 6: its 28 days begin on MONDAY - 21, before the log did.
    result = report(act(-20, "run", 40), act(1, "run", 40), act(8, "run", 40))
    assert [w.load_ratio for w in result.weeks] == [None, 2.0]
    assert report(act(-21, "run", 40), act(1, "run", 40)).weeks[0].load_ratio == 2.0


# ----------------------------------------------------------------- JSON


def test_json_keys_follow_the_contract() -> None:
    text = report_json(
        report(
            act(1, "run", 45, "r.fit"),
            act(2, "swim", 20, "s.fit"),
            skipped=[SkippedFile(file="broken.fit", reason="truncated")],
        )
    )
    data = json.loads(text)
    contract = {"runner", "since", "until", "sessions", "weeks", "skipped"}
    assert contract <= set(data)
    assert set(data) - contract == {"counts", "disclaimer"}
    assert (data["runner"], data["since"], data["until"]) == (
        "Alex Doe",
        "2027-03-08",
        "2027-03-21",
    )
    session_keys = {"date", "kind", "planned_min", "done_min", "status", "source"}
    assert all(set(s) == session_keys for s in data["sessions"])
    week_keys = {"start", "planned_min", "done_min", "done_share", "load_ratio"}
    assert all(week_keys <= set(w) for w in data["weeks"])
    assert data["skipped"] == [{"file": "broken.fit", "reason": "truncated"}]
    assert data["weeks"][0]["planned_min"]["run"] == 207
    by = {(s["date"], s["kind"]): s for s in data["sessions"]}
    assert by["2027-03-10", "swim"] == {
        "date": "2027-03-10",
        "kind": "swim",
        "planned_min": None,
        "done_min": 20.0,
        "status": "extra",
        "source": "s.fit",
    }
    missed = by["2027-03-08", "strength"]
    assert (missed["done_min"], missed["source"], missed["planned_min"]) == (None, None, 30)
    assert data["disclaimer"] == DISCLAIMER


def test_json_sessions_sorted_by_date_then_kind() -> None:
    data = json.loads(report_json(report(act(4, "bike", 10), act(0, "walk", 5))))
    keys = [(s["date"], s["kind"]) for s in data["sessions"]]
    assert keys == sorted(keys)
    assert ("2027-03-12", "bike") in keys


def test_json_round_trips_and_is_deterministic() -> None:
    result = report(act(1, "run", 45.5), act(3, "other", 12), act(-3, "bike", 40))
    text = report_json(result)
    assert ActivityReport.model_validate_json(text) == result
    assert report_json(ActivityReport.model_validate_json(text)) == text


# ----------------------------------------------------------------- text


def test_text_view_week_by_week() -> None:
    result = report(
        act(1, "run", 30, "part.fit"),
        act(2, "other", 15, "odd\x1b[31m.fit"),
        skipped=[SkippedFile(file="bad\n.fit", reason="not a FIT file")],
    )
    text = report_text(result)
    assert text.startswith("Planned vs done: Alex Doe, 2027-03-08 to 2027-03-21\n")
    assert "Week of Mon 2027-03-08\n" in text
    assert "  run        207 planned    30.0 done\n" in text
    assert "  partial: Tue 2027-03-09 run, 30.0 of 47 min (part.fit)\n" in text
    assert "  missed: Mon 2027-03-08 strength, 30 min\n" in text
    assert "  extra: Wed 2027-03-10 other, 15.0 min (odd?[31m.fit)\n" in text
    assert "  bad .fit: not a FIT file\n" in text
    assert "done 0 of 8 planned sessions (share 0.00); load ratio - (log under 28 days)" in text
    assert text.rstrip().endswith(DISCLAIMER)
    assert "\x1b" not in text


# ----------------------------------------------------------------- property

_KINDS = st.sampled_from([k.value for k in ActivityKind])


@st.composite
def logs(draw: st.DrawFn) -> list[Activity]:
    items = draw(
        st.lists(
            st.tuples(
                st.integers(-10, 24),
                _KINDS,
                st.floats(0, 180, allow_nan=False).map(lambda m: round(m, 2)),
                st.none() | st.floats(0, 10, allow_nan=False),
            ),
            max_size=25,
        )
    )
    return [
        act(offset, kind, minutes, f"f{i}.fit", rpe)
        for i, (offset, kind, minutes, rpe) in enumerate(items)
    ]


@given(logs(), st.integers(0, 6), st.integers(0, 13))
def test_every_activity_in_range_appears_once(
    activities: list[Activity], since_offset: int, length: int
) -> None:
    since = MONDAY + timedelta(days=since_offset)
    until = since + timedelta(days=length)
    result = report(*activities, since=since, until=until)
    sources = [src for s in result.sessions if s.source for src in s.source.split(", ")]
    inside = [a.source for a in activities if since <= a.date <= until]
    assert sorted(sources) == sorted(inside)
    for row in result.sessions:
        assert since <= row.date <= until
        same = [r for r in result.sessions if (r.date, r.kind) == (row.date, row.kind)]
        if row.status == "missed":
            assert row.done_min is None and row.source is None and row.planned_min
            # Nothing of the kind that day, unless an earlier session of it took it all.
            logged = [a for a in activities if (a.date, a.kind) == (row.date, row.kind)]
            assert not logged or any(r.status != "missed" for r in same)
        elif row.status == "extra":
            assert row.planned_min is None and row.done_min is not None
        else:
            assert row.planned_min is not None and row.done_min is not None
            assert (row.done_min >= 0.8 * row.planned_min - 1e-9) == (row.status == "done")
    assert sum(result.counts.values()) == len(result.sessions)


# ----------------------------------------------------------------- the command

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
SIX = EXAMPLES / "six_free_days.toml"  # Alex Doe, Europe/London, weeks start on Monday
CSV_LOG = "date,kind,minutes\n2027-03-09,run,45\n2027-03-10,bike,40\n2027-03-12,other,30\n"


def cli(*argv: str, today: date = date(2027, 3, 15)) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=lambda _tz: today)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """A typed CSV log and the hand-built plan as issued (JSON)."""
    log = tmp_path / "log.csv"
    log.write_text(CSV_LOG, encoding="utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(to_json(make_plan()), encoding="utf-8")
    return log, plan


def test_cli_json_with_the_issued_plan(files: tuple[Path, Path]) -> None:
    log, plan = files
    code, out, err = cli(
        "report", str(SIX), "--log", str(log), "--plan", str(plan), "--format", "json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    # until: yesterday (2027-03-14); since: the first logged activity.
    assert (data["since"], data["until"]) == ("2027-03-09", "2027-03-14")
    got = [(s["date"], s["kind"], s["status"]) for s in data["sessions"]]
    assert got == [
        ("2027-03-09", "run", "done"),
        ("2027-03-10", "bike", "done"),
        ("2027-03-11", "run", "missed"),
        ("2027-03-12", "other", "extra"),
        ("2027-03-12", "strength", "missed"),
        ("2027-03-12", "swim", "missed"),
        ("2027-03-13", "run", "missed"),
        ("2027-03-14", "walk", "missed"),
    ]
    assert "log.csv" in data["sessions"][0]["source"]
    (week,) = data["weeks"]
    assert (week["start"], week["planned_min"]["run"]) == ("2027-03-08", 207)
    assert week["done_min"] == {"run": 45.0, "bike": 40.0, "other": 30.0}


def test_cli_text_and_out(files: tuple[Path, Path], tmp_path: Path) -> None:
    log, plan = files
    args = ("report", str(SIX), "--log", str(log), "--plan", str(plan), "--since", "2027-03-08")
    code, out, err = cli(*args, "--until", "2027-03-16")
    assert (code, err) == (0, "")
    assert out.startswith("Planned vs done: Alex Doe, 2027-03-08 to 2027-03-16\n")
    assert "Week of Mon 2027-03-15 (2027-03-15 to 2027-03-16)\n" in out
    assert "  missed: Mon 2027-03-08 strength, 30 min\n" in out
    assert "  extra: Fri 2027-03-12 other, 30.0 min" in out
    assert DISCLAIMER in out
    target = tmp_path / "report.json"
    code, out, err = cli(*args, "--format", "json", "--out", str(target))
    assert (code, out, err) == (0, "", "")
    assert json.loads(target.read_text(encoding="utf-8"))["since"] == "2027-03-08"


def test_cli_plans_the_profile_when_no_plan_is_given(files: tuple[Path, Path]) -> None:
    """Without --plan, the planned sessions are the profile's plan from the week holding
    --since, as `runplan plan --start` gives it: a log reaching back before that week
    (here a fortnight of little running) does not change what was planned."""
    log, _ = files
    with log.open("a", encoding="utf-8") as handle:
        handle.write("2027-02-25,run,20\n2027-03-03,run,20\n")
    since = ("--since", "2027-03-09")
    code, out, err = cli("report", str(SIX), "--log", str(log), *since, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    runner = load_profile(SIX)
    expected = runplan_plan(runner, start=MONDAY, weeks=1)
    planned = sorted(
        (day.isoformat(), s.kind.value, s.duration_min)
        for day, s in expected.sessions()
        if s.kind.value in {"run", "bike", "swim", "strength", "walk"}
        and date(2027, 3, 9) <= day <= date(2027, 3, 14)
    )
    got = sorted(
        (s["date"], s["kind"], s["planned_min"]) for s in data["sessions"] if s["planned_min"]
    )
    assert planned and got == planned


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--since", "2027-02-30"), "is not a date"),
        (("--until", "yesterday"), "is not a date"),
        (("--since", "2027-03-10", "--until", "2027-03-09"), "is after --until"),
        (("--format", "html"), "invalid choice"),
    ],
)
def test_cli_bad_input_exits_2(
    files: tuple[Path, Path], extra: tuple[str, ...], message: str
) -> None:
    log, plan = files
    code, out, err = cli("report", str(SIX), "--log", str(log), "--plan", str(plan), *extra)
    assert (code, out) == (2, "")
    assert message in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_cli_missing_log_exits_2(tmp_path: Path) -> None:
    code, out, err = cli("report", str(SIX), "--log", str(tmp_path / "nowhere.csv"))
    assert (code, out) == (2, "")
    assert "--log" in err and "no such file or folder" in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_cli_unreadable_plan_exits_2(files: tuple[Path, Path], tmp_path: Path) -> None:
    log, _ = files
    broken = tmp_path / "broken.json"
    broken.write_text('{"runner": "Alex Doe"', encoding="utf-8")
    for plan, message in ((tmp_path / "none.json", "no such file"), (broken, "not valid JSON")):
        code, out, err = cli("report", str(SIX), "--log", str(log), "--plan", str(plan))
        assert (code, out) == (2, "")
        assert message in err and "Traceback" not in err


def test_cli_clips_to_104_weeks_and_says_so(files: tuple[Path, Path]) -> None:
    log, plan = files
    argv = ("report", str(SIX), "--log", str(log), "--plan", str(plan), "--format", "json")
    code, out, err = cli(*argv, "--since", "2020-01-01")
    assert code == 0
    earliest = date(2027, 3, 8) - timedelta(weeks=103)  # the 104th week before until's
    assert json.loads(out)["since"] == earliest.isoformat()
    assert "note" in err and earliest.isoformat() in err
