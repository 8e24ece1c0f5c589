"""A goal race (issue 14): T1 (taper), T2 (race day and the easy week after), T3 (no
building toward a race while the back says no), the weeks default, and the calendar."""

from __future__ import annotations

import io
import json
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from runplan.cli._main import main
from runplan.errors import ProfileError
from runplan.export.ics import to_ics
from runplan.models import Plan, Runner, Session, SessionKind
from runplan.profile import load_profile, parse_profile
from runplan.schedule import plan
from runplan.validation import validate
from strategies import HISTORY_START, histories, runners

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
HALF = EXAMPLES / "half_marathon.toml"
START = date(2026, 12, 7)


def _runner(path: Path = EXAMPLES / "six_free_days.toml", **changes: Any) -> Runner:
    data = load_profile(path).model_dump(mode="json", by_alias=True)
    return Runner.model_validate({**data, **changes})


def _race(p: Plan) -> list[tuple[date, Session]]:
    return [(d, s) for d, s in p.sessions() if "T2" in s.rules and s.kind is SessionKind.RUN]


def _week_runs(p: Plan, i: int) -> int:
    return sum(
        s.duration_min
        for d in p.weeks[i].days
        for s in d.sessions
        if s.kind is SessionKind.RUN and "T2" not in s.rules
    )


def test_the_half_marathon_example_tapers_into_race_day() -> None:
    runner = load_profile(HALF)
    assert runner.race is not None
    start = date(2027, 3, 1)
    p = plan(runner, start=start, weeks=15)
    assert validate(p, runner) == []
    [(day, race)] = _race(p)
    assert day == date(2027, 6, 6) and race.start.time() == time(9, 0)
    assert race.duration_min == runner.warmup_minutes + 125
    assert race.effort is not None and (race.effort.rpe_low, race.effort.rpe_high) == (7, 9)
    runs = {d for d, s in p.sessions() if s.kind is SessionKind.RUN}
    assert date(2027, 6, 5) not in runs and date(2027, 6, 7) not in runs
    assert [s for d, s in p.sessions() if d == day] == [race]  # alone on its day
    # T1: the two weeks before keep 80 % and 60 % of the last growth week (week 11).
    peak = _week_runs(p, 10)
    assert _week_runs(p, 12) <= 0.8 * peak + 3 and _week_runs(p, 13) <= 0.6 * peak + 3
    assert _week_runs(p, 14) <= 0.6 * peak + 3  # the easy week after
    final = day - timedelta(days=10)
    longest = max(
        s.duration_min for d, s in p.sessions() if s.kind is SessionKind.RUN and d < final
    )
    assert all(
        s.duration_min <= longest
        for d, s in p.sessions()
        if final <= d < day and "T2" not in s.rules
    )
    note = [a for a in p.advisories if "T2" in a.rules]
    assert len(note) == 1 and "L4" in note[0].rules  # longer than the runs before it
    assert len(note[0].message) <= 300


@pytest.mark.parametrize("weeks_out", [6, 12, 20])
@pytest.mark.parametrize("km", [5, 10, 21.1])
def test_races_at_6_12_and_20_weeks_pass_the_validator(weeks_out: int, km: float) -> None:
    day = START + timedelta(weeks=weeks_out - 1, days=5)
    runner = _runner(race={"date": day.isoformat(), "name": "Parkrun", "distance_km": km})
    p = plan(runner, start=START, weeks=weeks_out + 1)
    assert validate(p, runner) == []
    [(got, race)] = _race(p)
    assert got == day and race.duration_min == runner.warmup_minutes + round(km * 6.5)


def test_a_race_inside_a_back_stop_is_not_built_toward_t3() -> None:
    """strain_returning: a strain on 2027-03-02, cleared 03-12, then the walk-run ladder.
    A 10 km on 2027-03-27 falls while running is only returning: no race session, no
    taper, and a note that leaves the decision to the runner and the clinician."""
    race = {"date": "2027-03-27", "name": "Spring 10k", "distance_km": 10}
    runner = _runner(EXAMPLES / "strain_returning.toml", race=race)
    p = plan(runner, start=date(2027, 3, 1), weeks=6)
    assert _race(p) == []
    notes = [a for a in p.advisories if "T3" in a.rules]
    assert len(notes) == 1 and "clinician" in notes[0].message
    assert "promise" in notes[0].message
    assert validate(p, runner) == []
    healthy = _runner(race=race)
    built = plan(healthy, start=date(2027, 3, 1), weeks=6)
    assert _race(built), "the same race without the strain is planned"
    assert any(v.rule == "T3" for v in validate(built, runner))  # a race while stopped


def test_the_validator_names_a_long_run_in_the_taper_and_a_missing_note() -> None:
    runner = load_profile(HALF)
    p = plan(runner, start=date(2027, 3, 1), weeks=15)
    day = date(2027, 6, 6)
    runs = [(d, s) for d, s in p.sessions() if s.kind is SessionKind.RUN and d < day]
    when, last = runs[-1]
    longer = last.model_copy(update={"duration_min": last.duration_min + 60})
    edited = _replace_session(p, when, last, longer)
    assert any(v.rule == "T1" for v in validate(edited, runner))
    silent = p.model_copy(update={"advisories": [a for a in p.advisories if "T2" not in a.rules]})
    assert any(v.rule == "T2" for v in validate(silent, runner))


def _replace_session(p: Plan, day: date, old: Session, new: Session) -> Plan:
    weeks = []
    for w in p.weeks:
        days = []
        for d in w.days:
            sessions = [new if (d.date == day and s == old) else s for s in d.sessions]
            days.append(d.model_copy(update={"sessions": sessions}))
        weeks.append(w.model_copy(update={"days": days}))
    return p.model_copy(update={"weeks": weeks})


def test_weeks_default_to_the_race_plus_one_and_the_calendar_holds_it(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["plan", str(HALF), "--start", "2027-03-01", "--format", "json"],
        stdout=out,
        stderr=err,
        today=lambda _: date(2027, 2, 20),
    )
    assert code == 0, err.getvalue()
    assert len(json.loads(out.getvalue())["weeks"]) == 15
    runner = load_profile(HALF)
    cal = Calendar.from_ical(to_ics(plan(runner, start=date(2027, 3, 1), weeks=15)))
    races = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Race: Riverside")]
    assert len(races) == 1
    assert races[0].decoded("DTSTART").replace(tzinfo=None).isoformat() == "2027-06-06T09:00:00"


@pytest.mark.parametrize(
    ("race", "field"),
    [
        ({"date": "2027-06-06", "name": "", "distance_km": 21.1}, "race.name"),
        ({"date": "2027-06-06", "name": "x", "distance_km": 0}, "race.distance_km"),
        (
            {"date": "2027-06-06", "name": "x", "distance_km": 5, "expected_minutes": 2},
            "race.expected_minutes",
        ),
        ({"date": "3027-06-06", "name": "x", "distance_km": 5}, "race.date"),
        ({"date": "2027-06-06", "name": "x", "distance_km": 5, "pace": 5}, "race.pace"),
    ],
)
def test_an_invalid_race_names_its_field(race: dict[str, Any], field: str) -> None:
    data = load_profile(HALF).model_dump(mode="json", by_alias=True)
    data["race"] = race
    with pytest.raises(ProfileError, match=field.replace(".", r"\.")):
        parse_profile(data)


@given(
    runner=runners(),
    weeks_out=st.integers(min_value=1, max_value=10),
    km=st.sampled_from([5, 10, 21.1, 42.2]),
    minutes=st.none() | st.integers(min_value=15, max_value=300),
)
def test_any_runner_with_a_race_gets_a_plan_the_validator_passes(
    runner: Runner, weeks_out: int, km: float, minutes: int | None
) -> None:
    day = START + timedelta(weeks=weeks_out - 1, days=3)
    race: dict[str, Any] = {"date": day.isoformat(), "name": "R", "distance_km": km}
    if minutes is not None:
        race["expected_minutes"] = minutes
    data = runner.model_dump(mode="json", by_alias=True)
    with_race = Runner.model_validate({**data, "race": race})
    p = plan(with_race, start=START, weeks=weeks_out + 1)
    assert validate(p, with_race) == []


@given(
    runner=runners(),
    history=histories(HISTORY_START),
    weeks_out=st.integers(min_value=1, max_value=8),
    km=st.sampled_from([5, 21.1]),
)
def test_any_injury_history_with_a_race_passes_the_validator(
    runner: Runner,
    history: tuple[list[dict[str, Any]], list[dict[str, Any]]],
    weeks_out: int,
    km: float,
) -> None:
    """Whatever the back does around the race, the plan passes: T3 where the back says
    no, T1/T2 where it allows the race."""
    conditions, checkins = history
    day = HISTORY_START + timedelta(weeks=weeks_out - 1, days=5)
    data = runner.model_dump(mode="json", by_alias=True)
    data |= {"conditions": conditions, "checkins": checkins}
    data["race"] = {"date": day.isoformat(), "name": "R", "distance_km": km}
    injured = Runner.model_validate(data)
    p = plan(injured, start=HISTORY_START, weeks=weeks_out + 1)
    assert validate(p, injured) == []
    assert bool(_race(p)) != any("T3" in a.rules for a in p.advisories)


def test_a_race_on_a_day_away_is_not_planned_d1_first() -> None:
    race = {"date": "2026-12-19", "name": "Away 5k", "distance_km": 5}
    runner = _runner(race=race, away=[{"from": "2026-12-18", "to": "2026-12-20"}])
    p = plan(runner, start=START, weeks=3)
    assert _race(p) == [] and not any({"T1", "T2", "T3"} & set(a.rules) for a in p.advisories)
    assert validate(p, runner) == []


def test_a_race_after_the_ladder_is_done_is_planned_t3_only_while_returning() -> None:
    """strain_returning: the plan's own walk-run ladder ends in April; a race on
    2027-05-30 is planned (T3 reads the plan's ladder, not only the check-ins)."""
    race = {"date": "2027-05-30", "name": "Late Half", "distance_km": 21.1}
    runner = _runner(EXAMPLES / "strain_returning.toml", race=race)
    p = plan(runner, start=date(2027, 3, 1), weeks=14)
    assert _race(p) and not any("T3" in a.rules for a in p.advisories)
    assert validate(p, runner) == []


def test_a_race_week_on_a_recovery_week_keeps_its_taper_share() -> None:
    """The 4th week's recovery and the race week coincide: the race week keeps about 60 %
    of the last growth week (the L6 recovery cut does not apply in a taper)."""
    day = START + timedelta(weeks=11, days=6)  # a Sunday in week 12, an L2 week
    runner = _runner(
        target_run_minutes=300, race={"date": day.isoformat(), "name": "10k", "distance_km": 10}
    )
    p = plan(runner, start=START, weeks=13)
    assert p.weeks[11].recovery_week
    peak = _week_runs(p, 10)
    assert 0.45 * peak <= _week_runs(p, 11) <= 0.6 * peak + 3
    assert validate(p, runner) == []


def test_the_taper_steps_down_and_the_week_after_stays_a_training_week() -> None:
    runner = load_profile(HALF)
    p = plan(runner, start=date(2027, 3, 1), weeks=15)
    taper = [_week_runs(p, i) for i in (11, 12, 13)]
    assert taper == sorted(taper, reverse=True)  # never up inside the taper
    after = [s.kind for d in p.weeks[14].days for s in d.sessions]
    assert after.count(SessionKind.RUN) >= 2 and SessionKind.STRENGTH in after


def test_a_race_start_in_the_skipped_hour_is_the_same_moment_after_the_change() -> None:
    race = {"date": "2027-03-28", "name": "Night", "distance_km": 5, "start_time": "01:30:00"}
    runner = _runner(race=race)
    p = plan(runner, start=date(2027, 3, 15), weeks=3)
    [(_, s)] = _race(p)
    assert s.start.isoformat() == "2027-03-28T02:30:00+01:00"
    assert validate(p, runner) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"away": [{"from": "2026-12-18", "to": "2026-12-20"}]},
        {"unavailable": [{"rule": "FREQ=WEEKLY;BYDAY=SA", "from": "2026-12-01"}]},
    ],
)
def test_a_race_on_a_day_taken_is_not_planned_and_a_note_says_so(changes: dict[str, Any]) -> None:
    race = {"date": "2026-12-19", "name": "Taken 5k", "distance_km": 5}
    runner = _runner(race=race, **changes)
    p = plan(runner, start=START, weeks=3)
    assert _race(p) == []
    notes = [a for a in p.advisories if "Taken 5k" in a.message]
    assert len(notes) == 1 and "P3" in notes[0].rules
    assert validate(p, runner) == []
