"""Days away and recurring exceptions (issue 14, D1 and D2): no session on a day away or
in a window a recurring exception takes out, a plain note, no make-up afterwards, and a
clear error for each invalid rule."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runplan.errors import ProfileError
from runplan.models import Plan, Runner, SessionKind
from runplan.models.calendar import windows_on
from runplan.profile import load_profile, parse_profile
from runplan.schedule import plan
from runplan.validation import validate
from strategies import runners

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
START = date(2026, 12, 7)  # a Monday


def _runner(**changes: Any) -> Runner:
    data = load_profile(EXAMPLES / "six_free_days.toml").model_dump(mode="json", by_alias=True)
    return Runner.model_validate({**data, **changes})


def _on(p: Plan, day: date) -> list[str]:
    return [s.kind.value for w in p.weeks for d in w.days if d.date == day for s in d.sessions]


def _run_minutes(p: Plan) -> list[int]:
    return [
        sum(s.duration_min for d in w.days for s in d.sessions if s.kind is SessionKind.RUN)
        for w in p.weeks
    ]


def test_no_session_on_a_day_away_and_a_note_d1() -> None:
    runner = _runner(away=[{"from": "2026-12-16", "to": "2026-12-22", "note": "work trip"}])
    p = plan(runner, start=START, weeks=4)
    for k in range(7):
        assert _on(p, date(2026, 12, 16) + timedelta(days=k)) == []
    notes = [a for a in p.advisories if "D1" in a.rules]
    assert len(notes) == 1 and "work trip" in notes[0].message
    assert (notes[0].date, notes[0].until) == (date(2026, 12, 16), date(2026, 12, 22))
    assert validate(p, runner) == []


def test_the_weeks_after_a_week_away_make_nothing_up() -> None:
    """L1 grows from the last full week, never from a catch-up: the week after a whole
    week away runs at most 1.1 x the week before it."""
    runner = _runner(target_run_minutes=300, away=[{"from": "2026-12-14", "to": "2026-12-20"}])
    weeks = _run_minutes(plan(runner, start=START, weeks=3))
    assert weeks[1] == 0
    assert weeks[2] <= 1.1 * weeks[0] + 1
    free = _run_minutes(plan(_runner(target_run_minutes=300), start=START, weeks=3))
    assert weeks[2] <= free[2]  # nothing added to make up the week away


def test_a_session_on_a_day_away_is_a_d1_violation() -> None:
    runner = _runner()
    p = plan(runner, start=START, weeks=1)
    busy = next(d.date for d in p.weeks[0].days if d.sessions)
    away = _runner(away=[{"from": busy.isoformat(), "to": busy.isoformat()}])
    assert any(v.rule == "D1" and v.date == busy for v in validate(p, away))


def test_alternate_saturdays_and_tuesday_evenings_are_left_out_d2() -> None:
    runner = _runner(
        unavailable=[
            {"rule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "from": "2026-12-12"},
            {"rule": "FREQ=WEEKLY;BYDAY=TU", "from": "2026-12-01", "windows": ["18:00-20:00"]},
        ]
    )
    p = plan(runner, start=START, weeks=4)
    for saturday in (date(2026, 12, 12), date(2026, 12, 26)):
        assert _on(p, saturday) == []
    assert any(_on(p, day) for day in (date(2026, 12, 19), date(2027, 1, 2)))
    for _, s in p.sessions():
        if s.start.weekday() == 1:
            assert s.start.hour < 18  # the Tuesday evening window is gone
    assert validate(p, runner) == []
    assert windows_on(runner, date(2026, 12, 15))[0].start.hour == 6


def test_an_exception_across_a_clock_change_keeps_its_dates() -> None:
    """Saturdays from 2027-03-20 to 2027-04-03 in London, the clocks change on 03-28:
    the rule is about dates, so every one of those Saturdays is out, and the next is
    back (without the rule each of them holds a run)."""
    rule = {"rule": "FREQ=WEEKLY;BYDAY=SA;UNTIL=20270403T235959Z", "from": "2027-03-20"}
    runner = _runner(unavailable=[rule])
    p = plan(runner, start=date(2027, 3, 15), weeks=4)
    free = plan(_runner(), start=date(2027, 3, 15), weeks=4)
    saturdays = [date(2027, 3, 20) + timedelta(weeks=k) for k in range(4)]
    assert all(_on(free, day) for day in saturdays)
    assert [bool(_on(p, day)) for day in saturdays] == [False, False, False, True]
    assert validate(p, runner) == []


@pytest.mark.parametrize(
    ("rule", "part"),
    [
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY=XX"),
        ("FREQ=HOURLY", "FREQ=HOURLY"),
        ("BYDAY=SA", "FREQ=(missing)"),
        ("FREQ=WEEKLY;UNTIL=garbage", "UNTIL=garbage"),
        ("FREQ=MONTHLY;BYMONTHDAY=40", "BYMONTHDAY=40"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "BYMONTHDAY=30"),
        ("FREQ=WEEKLY;BYHOUR=7", "BYHOUR=7"),
        ("FREQ=MONTHLY;BYDAY=6SA", "BYDAY=6SA"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "COUNT"),
        ("FREQ=WEEKLY;BYDAY=SA;UNTIL=19990101", "gives no date"),
        ("FREQ=WEEKLY;;", None),
        ("FREQ=WEEKLY;UNTIL=2027", "UNTIL=2027"),
        ("FREQ=WEEKLY;FREQ=DAILY", "FREQ"),
    ],
)
def test_an_invalid_rule_names_the_field_and_the_part(rule: str, part: str | None) -> None:
    data = load_profile(EXAMPLES / "six_free_days.toml").model_dump(mode="json", by_alias=True)
    data["unavailable"] = [{"rule": rule, "from": "2001-01-06"}]
    if part is None:  # a trailing ";" is harmless, names are case-insensitive
        assert parse_profile(data).unavailable[0].rule == "FREQ=WEEKLY"
        return
    with pytest.raises(ProfileError) as caught:
        parse_profile(data)
    message = str(caught.value)
    assert "unavailable[0]" in message and part in message


def test_an_invalid_rule_is_exit_2_on_the_command_line(tmp_path: Path) -> None:
    import io

    from runplan.cli._main import main

    text = (EXAMPLES / "six_free_days.toml").read_text(encoding="utf-8")
    path = tmp_path / "p.toml"
    path.write_text(
        text + '\n[[unavailable]]\nrule = "FREQ=WEEKLY;BYDAY=SATURDAY"\nfrom = 2027-01-02\n',
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    code = main(["plan", str(path)], stdout=out, stderr=err, today=lambda _: START)
    assert code == 2 and out.getvalue() == ""
    assert err.getvalue().count("\n") == 1 and "BYDAY=SATURDAY" in err.getvalue()


@st.composite
def _with_exceptions(draw: st.DrawFn) -> Runner:
    runner = draw(runners())
    data = runner.model_dump(mode="json", by_alias=True)
    aways = []
    for _ in range(draw(st.integers(0, 3))):
        first = START + timedelta(days=draw(st.integers(-10, 50)))
        aways.append(
            {
                "from": first.isoformat(),
                "to": (first + timedelta(days=draw(st.integers(0, 12)))).isoformat(),
            }
        )
    rules = draw(
        st.lists(
            st.sampled_from(
                [
                    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
                    "FREQ=WEEKLY;BYDAY=MO,WE",
                    "FREQ=MONTHLY;BYDAY=1SU",
                    "FREQ=DAILY;INTERVAL=3",
                ]
            ),
            max_size=2,
        )
    )
    windows = draw(st.sampled_from([[], ["06:00-08:00"], ["18:00-21:00"]]))
    data["away"] = aways
    data["unavailable"] = [{"rule": r, "from": "2026-11-01", "windows": windows} for r in rules]
    return Runner.model_validate(data)


@given(runner=_with_exceptions(), weeks=st.integers(min_value=1, max_value=8))
def test_any_runner_with_days_away_and_exceptions_passes_the_validator(
    runner: Runner, weeks: int
) -> None:
    p = plan(runner, start=START, weeks=weeks)
    assert validate(p, runner) == []
    for day, s in p.sessions():
        local = s.start.astimezone(runner.zone)
        minute = local.hour * 60 + local.minute
        assert any(
            w.start_minute <= minute and minute + s.duration_min <= w.end_minute
            for w in windows_on(runner, local.date())
        ), (day, s.kind)


def test_days_away_in_the_calendar_are_free_time_and_can_be_left_out(tmp_path: Path) -> None:
    import io

    from icalendar import Calendar

    from runplan.cli._main import main

    text = (EXAMPLES / "six_free_days.toml").read_text(encoding="utf-8")
    path = tmp_path / "p.toml"
    path.write_text(text + "\n[[away]]\nfrom = 2026-12-16\nto = 2026-12-18\n", encoding="utf-8")

    def events(*extra: str) -> list[Any]:
        out = io.StringIO()
        argv = ["plan", str(path), "--start", "2026-12-07", "--format", "ics", *extra]
        assert main(argv, stdout=out, stderr=io.StringIO(), today=lambda _: START) == 0
        cal = Calendar.from_ical(out.getvalue().encode("utf-8"))
        return [e for e in cal.walk("VEVENT") if "Away from 2026-12-16" in str(e["DESCRIPTION"])]

    shown = events()
    assert len(shown) == 1 and str(shown[0]["TRANSP"]) == "TRANSPARENT"
    span = (shown[0].decoded("DTSTART"), shown[0].decoded("DTEND"))
    assert span == (date(2026, 12, 16), date(2026, 12, 19))  # all three days away
    assert events("--show-away") == shown
    assert events("--no-show-away") == []


def test_rule_names_are_case_insensitive() -> None:
    data = load_profile(EXAMPLES / "six_free_days.toml").model_dump(mode="json", by_alias=True)
    data["unavailable"] = [{"rule": "rrule:freq=weekly;byday=sa", "from": "2027-01-02"}]
    assert parse_profile(data).unavailable[0].rule == "FREQ=WEEKLY;BYDAY=SA"
