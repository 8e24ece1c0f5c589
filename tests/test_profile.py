"""Profile loading: good profiles load, bad ones fail with one readable paragraph.

Bad profiles live in tests/data/bad_profiles/, listed with what their message must
name in EXPECTED.toml; a few are generated here instead (binary, larger than 1 MB).
"""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from pydantic import ValidationError

from runplan.errors import ProfileError
from runplan.models import WEEKDAYS, Equipment, Runner, Surface, Weekday
from runplan.profile import MAX_PROFILE_BYTES, load_profile, parse_profile
from strategies import DAY_END, DAY_START, MAX_WINDOW, MIN_WINDOW, TIMEZONES, runners, start_dates

TESTS = Path(__file__).resolve().parent
BAD = TESTS / "data" / "bad_profiles"
MANIFEST = BAD / "EXPECTED.toml"
EXAMPLES = TESTS.parent / "examples" / "profiles"

#: A value in EXPECTED.toml that looks like this is a field path that must open a problem.
FIELD_PATH = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*|\[\d+\])*$")

MINIMAL: dict[str, Any] = {
    "name": "Min Imal",
    "timezone": "UTC",
    "run_days": 2,
    "weekly_run_minutes": 60,
    "equipment": [],
    "surfaces": ["road"],
    "availability": {"mon": ["06:00-07:30"]},
}

# ------------------------------------------------------------------ bad profiles


@dataclass(frozen=True)
class BadCase:
    """One malformed profile: a committed file, or one ``make`` writes into tmp_path."""

    name: str
    expected: str
    make: Callable[[Path], None] | None = None

    def path(self, tmp_path: Path) -> Path:
        if self.make is None:
            return BAD / self.name
        path = tmp_path / self.name
        self.make(path)
        return path


def _manifest() -> dict[str, str]:
    with MANIFEST.open("rb") as f:
        data = tomllib.load(f)
    assert all(isinstance(v, str) for v in data.values())
    return {str(k): str(v) for k, v in data.items()}


def _write_binary(path: Path) -> None:
    path.write_bytes(b'name = "Bin"\n\x00\x01\x02\xff\xfe\x00timezone = "UTC"\n')


def _write_huge(path: Path) -> None:
    valid = (EXAMPLES / "six_free_days.toml").read_text(encoding="utf-8")
    padding = ("# " + "x" * 98 + "\n") * (MAX_PROFILE_BYTES // 100 + 100)
    path.write_text(valid + padding, encoding="utf-8")
    assert path.stat().st_size > max(MAX_PROFILE_BYTES, 1_000_000)


GENERATED: tuple[BadCase, ...] = (
    BadCase("binary.toml", "the file is binary", _write_binary),
    BadCase("huge.toml", f"at most {MAX_PROFILE_BYTES} bytes", _write_huge),
)


def _bad_params() -> list[Any]:
    params = []
    for name, expected in sorted(_manifest().items()):
        params.append(pytest.param(BadCase(name, expected), id=name))
    params += [pytest.param(case, id=case.name) for case in GENERATED]
    return params


def assert_profile_error(path: Path, expected: str) -> ProfileError:
    """``load_profile(path)`` fails with exactly ProfileError: one paragraph that names
    the file and ``expected`` (a field path opening a problem, or a phrase)."""
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    exc = info.value
    assert type(exc) is ProfileError
    # profile.py raises `from None`: no cause, and pydantic's error is never shown as context
    assert not isinstance(exc.__cause__, ValidationError)
    assert exc.__cause__ is None
    assert exc.__suppress_context__ or not isinstance(exc.__context__, ValidationError)

    message = str(exc)
    assert "\n" not in message and "\r" not in message, message
    assert path.name in message
    assert exc.problems and all("\n" not in p for p in exc.problems)
    if FIELD_PATH.match(expected):
        assert any(p.startswith(f"{expected}:") for p in exc.problems), exc.problems
    else:
        assert expected in message, message
    return exc


def test_manifest_lists_every_bad_profile() -> None:
    on_disk = {p.name for p in BAD.iterdir() if p.name != MANIFEST.name}
    listed = set(_manifest())
    assert on_disk == listed
    assert not listed & {case.name for case in GENERATED}
    assert len(listed) + len(GENERATED) >= 30


@pytest.mark.parametrize("case", _bad_params())
def test_bad_profile_is_refused_with_one_paragraph(case: BadCase, tmp_path: Path) -> None:
    assert_profile_error(case.path(tmp_path), case.expected)


def test_single_problem_per_bad_file() -> None:
    """Each committed bad profile has exactly one defect, so its message has one problem
    (a message that lists several would hide which check fired)."""
    for name in _manifest():
        with pytest.raises(ProfileError) as info:
            load_profile(BAD / name)
        assert len(info.value.problems) == 1, (name, info.value.problems)


def test_missing_file_is_a_profile_error(tmp_path: Path) -> None:
    assert_profile_error(tmp_path / "nowhere.toml", "no such file")


def test_parse_profile_refuses_a_non_mapping() -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile([MINIMAL], source="roster.json")  # type: ignore[arg-type]
    assert type(info.value) is ProfileError
    assert "roster.json" in str(info.value)


# ----------------------------------------------------------------- good profiles


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.toml")) + sorted(EXAMPLES.glob("*.json"))


def _free_days(runner: Runner) -> list[Weekday]:
    return [day for day in WEEKDAYS if runner.availability.on(day)]


def test_examples_exist() -> None:
    names = {p.name for p in EXAMPLE_FILES}
    assert {
        "six_free_days.toml",
        "six_free_days.json",
        "four_free_days.toml",
        "swimmer_pool_no_bike.toml",
    } <= names


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_profile_loads(path: Path) -> None:
    runner = load_profile(path)
    assert isinstance(runner, Runner)
    if path.stem in {"six_free_days", "four_free_days", "swimmer_pool_no_bike"}:
        assert runner.conditions == [] and runner.checkins == []  # the core examples
    # most free days fit a 60-70 minute run plus a 25 minute strength session
    free = _free_days(runner)
    roomy = [d for d in free if max(w.minutes for w in runner.availability.on(d)) >= 95]
    assert len(roomy) * 2 > len(free)


def test_six_free_days_toml_and_json_are_the_same_runner() -> None:
    from_toml = load_profile(EXAMPLES / "six_free_days.toml")
    from_json = load_profile(EXAMPLES / "six_free_days.json")
    # The same runner but for its identity, which defaults to the file's name.
    assert (from_toml.id, from_json.id) == (
        "Alex Doe / six_free_days.toml",
        "Alex Doe / six_free_days.json",
    )
    assert from_toml.model_copy(update={"id": None}) == from_json.model_copy(update={"id": None})
    assert len(_free_days(from_toml)) == 6
    assert from_toml.timezone == "Europe/London"
    assert set(from_toml.equipment) == {Equipment.BIKE, Equipment.POOL}
    assert from_toml.long_run_day is Weekday.SAT
    assert (from_toml.weekly_run_minutes, from_toml.target_run_minutes) == (150, 200)
    assert set(from_toml.surfaces) == {Surface.GRASS, Surface.ROAD}


def test_four_free_days_cannot_fit_every_wish() -> None:
    runner = load_profile(EXAMPLES / "four_free_days.toml")
    assert _free_days(runner) == [Weekday.MON, Weekday.TUE, Weekday.THU, Weekday.SAT]
    assert runner.equipment == [Equipment.BIKE]
    assert runner.timezone == "America/New_York"
    assert runner.run_days + runner.cross_days > len(_free_days(runner))


def test_swimmer_has_pool_days_and_no_bike() -> None:
    runner = load_profile(EXAMPLES / "swimmer_pool_no_bike.toml")
    assert runner.equipment == [Equipment.POOL] and not runner.has_bike
    assert runner.pool_days == [Weekday.TUE, Weekday.THU, Weekday.SAT]
    swim_days = [d for d in WEEKDAYS if runner.can_swim_on(d)]
    assert swim_days == [Weekday.TUE, Weekday.THU, Weekday.SAT]
    assert runner.surfaces == [Surface.TRAIL, Surface.TRACK, Surface.ROAD]
    assert runner.timezone == "Australia/Sydney"


def test_defaults() -> None:
    runner = parse_profile(MINIMAL)
    assert runner.cross_days == 2
    assert runner.strength_days == 2
    assert runner.week_start is Weekday.MON
    assert runner.warmup_minutes == 10
    assert runner.long_run_day is None and runner.target_run_minutes is None
    assert runner.pool_days is None and runner.shoe_km is None and runner.health is None
    assert runner.conditions == [] and runner.checkins == []


def _with_windows(day: str, windows: list[str]) -> Runner:
    return parse_profile({**MINIMAL, "availability": {day: windows}})


def test_availability_windows_are_sorted() -> None:
    runner = _with_windows("wed", ["18:00-19:00", "06:00-07:00", "12:00-12:30"])
    assert [str(w) for w in runner.availability.wed] == [
        "06:00-07:00",
        "12:00-12:30",
        "18:00-19:00",
    ]


def test_window_may_end_at_midnight() -> None:
    (window,) = _with_windows("fri", ["22:30-24:00"]).availability.fri
    assert window.end_minute == 24 * 60 and window.minutes == 90
    assert str(window) == "22:30-24:00"


def test_touching_windows_are_accepted() -> None:
    windows = _with_windows("tue", ["07:00-08:00", "06:00-07:00"]).availability.tue
    assert [str(w) for w in windows] == ["06:00-07:00", "07:00-08:00"]


# -------------------------------------------------------------------- Hypothesis


@given(runners())
def test_runner_round_trips_through_json(runner: Runner) -> None:
    dumped = runner.model_dump(mode="json")
    assert Runner.model_validate(dumped) == runner
    # and through JSON text, the way a program stores a profile
    assert parse_profile(json.loads(json.dumps(dumped))) == runner


@given(runners())
def test_runner_strategy_invariants(runner: Runner) -> None:
    assert runner.timezone in TIMEZONES
    assert 1 <= runner.run_days <= 5
    assert 0 <= runner.cross_days <= 3
    assert runner.run_days + runner.cross_days <= 7
    assert 1 <= runner.strength_days <= 4
    least = runner.run_days * (runner.warmup_minutes + 10)
    assert least <= runner.weekly_run_minutes <= 400
    assert runner.surfaces
    assert runner.pool_days is None or Equipment.POOL in runner.equipment
    assert runner.conditions == [] and runner.checkins == []
    for day in WEEKDAYS:
        windows = runner.availability.on(day)
        assert len(windows) <= 3
        for window in windows:
            assert window.start_minute >= DAY_START
            assert window.end_minute <= DAY_END
            assert MIN_WINDOW <= window.minutes <= MAX_WINDOW
        for a, b in itertools.pairwise(windows):
            assert a.end_minute <= b.start_minute


@given(runners(with_conditions=True))
def test_runner_strategy_with_conditions_round_trips(runner: Runner) -> None:
    dates = [c.date for c in runner.checkins]
    assert len(dates) == len(set(dates))
    assert all(c.cleared is None or c.cleared >= c.onset for c in runner.conditions)
    assert Runner.model_validate(runner.model_dump(mode="json")) == runner


@given(start_dates())
def test_start_dates_in_range(day: date) -> None:
    assert isinstance(day, date)
    assert 2025 <= day.year <= 2028
