"""FIT workouts for the wrist (issue 12, docs/workouts.md): ``runplan.to_fit_workout``,
``runplan workouts`` and ``runplan roster --format fit``.

Every file is read back by two independent decoders: Garmin's SDK decoder (``is_fit``,
``check_integrity``: the CRCs; no errors) and fitdecode with its CRC check on.  The
steps are checked against the plan, not against the exporter's own records: the decoded
time steps, each repeat written out as a watch does it (a repeat step sends the watch
back to ``duration_step`` until it has done the block ``repeat_steps`` times), must add
up to the session's minutes, warm-up included, within a second a step; their order and
minutes must be the plan's ``intervals``; the repeat count must be the one the session
states in its own words ("6 x (walk 4 min, jog 1 min)").
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Stream
from hypothesis import given
from hypothesis import strategies as st

import runplan
from runplan.cli import main
from runplan.cli.workouts import WORKOUT_KIND_NAMES
from runplan.export.fit import WORKOUT_KINDS, to_fit_workout, write_workouts
from runplan.export.fit.steps import NOTES_BYTES, STEP_NAME_BYTES, WKT_NAME_BYTES, clip_utf8
from runplan.models import Plan, Runner, Session, SessionKind
from strategies import runners, start_dates

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
SIX = EXAMPLES / "six_free_days.toml"
STRAIN = EXAMPLES / "strain_returning.toml"
HOSTILE_NAME = (
    "<script>alert('x')</script> \N{RUNNER}\u200d\u2640\ufe0f \u202eevil\u202c "
    + "\N{PILE OF POO}" * 40
    + "é" * 60
)
FILE_NAME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{4}-[a-z]+-[a-z0-9-]+\.fit")


def swimmer_without_bike() -> Runner:
    """six_free_days with a pool and no bike."""
    text = SIX.read_text(encoding="utf-8").replace('["bike", "pool"]', '["pool"]')
    assert 'equipment = ["pool"]' in text
    return runplan.parse_profile(_toml(text))


def _toml(text: str) -> dict[str, Any]:
    import tomllib

    data: dict[str, Any] = tomllib.loads(text)
    return data


HELD_OUT: dict[str, tuple[Runner, date]] = {
    "healthy": (runplan.load_profile(SIX), date(2026, 12, 7)),
    "strain-ladder": (runplan.load_profile(STRAIN), date(2027, 3, 1)),
    "swimmer-no-bike": (swimmer_without_bike(), date(2026, 12, 7)),
}


def plan_of(key: str, weeks: int = 8) -> Plan:
    runner, start = HELD_OUT[key]
    return runplan.plan(runner, start=start, weeks=weeks)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=lambda _tz: date(2026, 11, 26))
    return code, out.getvalue(), err.getvalue()


# ----------------------------------------------------------------- the decoders


@dataclass(frozen=True)
class Decoded:
    """One workout file as a decoder read it."""

    file_type: str
    name: str
    sport: str
    num_valid_steps: int
    steps: list[dict[str, Any]]  # workout_step messages in file order


def sdk_read(data: bytes) -> Decoded:
    """Garmin's decoder: a FIT file, both CRCs right, no error while reading."""
    assert Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    (file_id,) = messages["file_id_mesgs"]
    (workout,) = messages["workout_mesgs"]
    name = workout.get("wkt_name", "")
    assert isinstance(name, str)  # one string, not an array of them
    return Decoded(
        str(file_id["type"]),
        name,
        str(workout["sport"]),
        workout["num_valid_steps"],
        [dict(step) for step in messages["workout_step_mesgs"]],
    )


def fitdecode_read(data: bytes) -> Decoded:
    """fitdecode, CRCs checked, every error raised."""
    found: dict[str, list[dict[str, Any]]] = {}
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.ENABLED,
        error_handling=fitdecode.ErrorHandling.RAISE,
    ) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                fields = {f.name: f.value for f in frame.fields if f.value is not None}
                found.setdefault(frame.name, []).append(fields)
    (file_id,) = found["file_id"]
    (workout,) = found["workout"]
    return Decoded(
        file_id["type"],
        workout.get("wkt_name", ""),
        workout["sport"],
        workout["num_valid_steps"],
        found.get("workout_step", []),
    )


def done_in_order(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The time steps in the order a watch does them, each repeat written out."""
    done: list[dict[str, Any]] = []
    first_at: dict[int, int] = {}
    for step in steps:
        if step["duration_type"] == "repeat_until_steps_cmplt":
            block = done[first_at[step["duration_step"]] :]
            done += block * (step["repeat_steps"] - 1)
        else:
            assert step["duration_type"] == "time"
            first_at[step["message_index"]] = len(done)
            done.append(step)
    return done


def repeats(steps: list[dict[str, Any]]) -> list[int]:
    return [s["repeat_steps"] for s in steps if s["duration_type"] == "repeat_until_steps_cmplt"]


def stated_repeats(session: Session) -> list[int]:
    """The repeat counts the session states in its own words: ``6 x (walk 4 min, ...)``."""
    return [int(n) for line in session.content for n in re.findall(r"(\d+) x \(", line)]


def fits(text: str, size: int) -> bool:
    return len(text.encode("utf-8")) <= size - 1


# --------------------------------------------------------------- what is checked


def check_workout(session: Session, data: bytes) -> None:
    """Both decoders read ``data`` alike, and it is the session's workout."""
    sdk, other = sdk_read(data), fitdecode_read(data)
    assert sdk.file_type == other.file_type == "workout"
    assert sdk.name == other.name and sdk.sport == other.sport
    assert sdk.num_valid_steps == other.num_valid_steps == len(sdk.steps) == len(other.steps)
    check_names(session, sdk)
    for decoded in (sdk, other):
        assert [s["message_index"] for s in decoded.steps] == list(range(len(decoded.steps)))
        done = done_in_order(decoded.steps)
        seconds = sum(s["duration_time"] for s in done)
        assert abs(seconds - session.duration_min * 60) <= len(done), (session.title, seconds)
        check_warmup(session, done)
        if session.intervals and session.kind is not SessionKind.MOBILITY:
            check_intervals(session, decoded.steps, done)


def check_names(session: Session, decoded: Decoded) -> None:
    start = session.start
    assert decoded.name.startswith(f"{start.month:02d}-{start.day:02d} ")
    assert fits(decoded.name, WKT_NAME_BYTES)
    for step in decoded.steps:
        assert fits(step.get("wkt_step_name", ""), STEP_NAME_BYTES)
        assert fits(step.get("notes", ""), NOTES_BYTES)


def check_warmup(session: Session, done: list[dict[str, Any]]) -> None:
    warmup = session.warmup.steps if session.warmup else []
    for planned, step in zip(warmup, done, strict=False):
        assert step["intensity"] == "warmup"
        assert step["duration_time"] == planned.minutes * 60
    if warmup and warmup[-1].kind.value == "back_stretch":
        notes = done[len(warmup) - 1]["notes"]
        assert notes and notes.rstrip(".") in warmup[-1].text


def check_intervals(
    session: Session, steps: list[dict[str, Any]], done: list[dict[str, Any]]
) -> None:
    assert session.intervals is not None
    skip = len(session.warmup.steps) if session.warmup else 0
    main_part = done[skip : skip + len(session.intervals)]
    assert [(s["wkt_step_name"].split()[0].lower(), s["duration_time"]) for s in main_part] == [
        (i.kind.value, i.minutes * 60) for i in session.intervals
    ]
    assert repeats(steps) == stated_repeats(session)


def workout_sessions(plan: Plan) -> list[tuple[date, Session]]:
    return [(d, s) for d, s in plan.sessions() if s.kind in WORKOUT_KINDS]


# ---------------------------------------------------------------- held-out plans


@pytest.fixture(scope="module", params=sorted(HELD_OUT))
def written(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Plan, Path]]:
    plan = plan_of(request.param)
    folder = tmp_path_factory.mktemp(request.param)
    write_workouts(plan, folder)
    yield plan, folder


def test_every_session_of_eight_weeks_has_a_workout_both_decoders_read(
    written: tuple[Plan, Path],
) -> None:
    plan, folder = written
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    sessions = workout_sessions(plan)
    assert len(sessions) == len(manifest["workouts"]) > 20
    fit_files = sorted(p.name for p in folder.glob("*.fit"))
    assert fit_files == sorted(w["file"] for w in manifest["workouts"])
    for (day, session), entry in zip(sessions, manifest["workouts"], strict=True):
        assert FILE_NAME.fullmatch(entry["file"])
        assert entry["file"].startswith(f"{day.isoformat()}-{session.start:%H%M}-{session.kind}")
        assert (entry["date"], entry["title"]) == (day.isoformat(), session.title)
        assert entry["steps"] and entry["minutes"] == session.duration_min
        check_workout(session, (folder / entry["file"]).read_bytes())


def test_the_strain_return_climbs_the_ladder_in_repeats() -> None:
    plan = plan_of("strain-ladder")
    ladder = [s for _, s in plan.sessions() if s.ladder_step and s.intervals]
    assert {s.ladder_step for s in ladder} >= {1, 2, 3, 4, 5, 6, 7, 8}
    counts = {s.ladder_step: repeats(sdk_read(to_fit_workout(s)).steps) for s in ladder}
    assert counts[1] == [6] and counts[5] == [3] and counts[7] == [] and counts[8] == []
    for session in ladder:
        steps = sdk_read(to_fit_workout(session)).steps
        walks = [s for s in steps if s.get("wkt_step_name") == "Walk"]
        assert all(s["intensity"] == "recovery" for s in walks)


def test_the_swimmer_without_a_bike_swims_and_never_rides() -> None:
    plan = plan_of("swimmer-no-bike")
    kinds = {s.kind for _, s in workout_sessions(plan)}
    assert SessionKind.SWIM in kinds and SessionKind.BIKE not in kinds
    swim = next(s for _, s in plan.sessions() if s.kind is SessionKind.SWIM)
    decoded = fitdecode_read(to_fit_workout(swim))
    assert decoded.sport == "swimming"
    assert [s["duration_time"] for s in decoded.steps] == [swim.duration_min * 60]


def test_strength_is_one_step_per_exercise_in_rounds() -> None:
    plan = plan_of("healthy")
    session = next(s for _, s in plan.sessions() if s.kind is SessionKind.STRENGTH)
    assert session.exercises
    steps = sdk_read(to_fit_workout(session)).steps
    time_steps = [s for s in steps if s["duration_type"] == "time"]
    assert len(time_steps) == len(session.exercises)
    assert repeats(steps) == [session.exercises[0].sets]
    for step, exercise in zip(time_steps, session.exercises, strict=True):
        assert exercise.name.startswith(step["wkt_step_name"])
        dose = str(exercise.reps) if exercise.reps else f"{exercise.hold_s} s"
        assert step["notes"].startswith(exercise.name) and dose in step["notes"]


def test_a_run_carries_its_effort_cue() -> None:
    plan = plan_of("healthy")
    session = next(s for _, s in plan.sessions() if s.kind is SessionKind.RUN)
    assert session.effort is not None
    run_step = sdk_read(to_fit_workout(session)).steps[-1]
    assert run_step["intensity"] == "active"
    assert (
        run_step["wkt_step_name"] == f"Run RPE {session.effort.rpe_low}-{session.effort.rpe_high}"
    )
    assert session.effort.cue in run_step["notes"]


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    write_workouts(plan_of("strain-ladder", weeks=4), tmp_path / "a")
    write_workouts(plan_of("strain-ladder", weeks=4), tmp_path / "b")
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert first == second and len(first) > 10


# ------------------------------------------------------------------- hostile text


def test_names_survive_hostile_titles_and_runner_names(tmp_path: Path) -> None:
    plan = plan_of("healthy", weeks=1)
    hostile_title = "\u202e<script>\x00\x1b[31m" + "\N{RUNNER}\u200d\u2640\ufe0f" * 3 + "x" * 300
    weeks = [
        week.model_copy(
            update={
                "days": [
                    day.model_copy(
                        update={
                            "sessions": [
                                s.model_copy(update={"title": hostile_title}) for s in day.sessions
                            ]
                        }
                    )
                    for day in week.days
                ]
            }
        )
        for week in plan.weeks
    ]
    hostile = plan.model_copy(update={"weeks": weeks, "runner": "\ud800" + HOSTILE_NAME * 2})
    written = write_workouts(hostile, tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_bytes().decode("utf-8"))
    assert manifest["runner"].endswith(HOSTILE_NAME)
    for (_, session), entry in zip(workout_sessions(hostile), manifest["workouts"], strict=True):
        assert FILE_NAME.fullmatch(entry["file"]) and entry["file"] in written.files
        data = (tmp_path / entry["file"]).read_bytes()
        check_workout(session, data)
        name = sdk_read(data).name
        assert name == entry["name"] and not set(name) & {"\u202e", "\x00", "\x1b", "\u200d"}


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Easy bike ride", 15, "Easy bike ride"),
        ("12-08 Easy bike ride", 15, "12-08 Easy bike"),
        ("é" * 10, 15, "é" * 7),  # 2-byte characters: never half of one
        ("\N{PILE OF POO}" * 5, 15, "\N{PILE OF POO}" * 3),  # 4-byte characters
        ("ab\N{RUNNER}\u200d\u2640", 9, "ab"),  # never half a joined emoji
        ("ab\N{RUNNER}\U0001f3fd", 7, "ab"),  # nor an emoji without its skin tone
        ("e\u0301" * 8, 5, "e\u0301"),  # nor a letter without its accent
    ],
)
def test_clip_cuts_between_characters(text: str, limit: int, expected: str) -> None:
    clipped = clip_utf8(text, limit)
    assert clipped == expected
    assert len(clipped.encode("utf-8")) <= limit


# ---------------------------------------------------------------- the property


@given(runner=runners(with_conditions=True), start=start_dates(), weeks=st.integers(1, 3))
def test_every_session_of_any_plan_encodes_and_round_trips(
    runner: Runner, start: date, weeks: int
) -> None:
    plan = runplan.plan(runner, start=start, weeks=weeks)
    for _, session in plan.sessions():  # every kind, home care included
        check_workout(session, to_fit_workout(session))


# ---------------------------------------------------------------------- the CLI


def test_cli_writes_the_workouts_and_the_manifest(tmp_path: Path) -> None:
    out = tmp_path / "watch"
    code, stdout, err = run(
        "workouts", str(SIX), "--out", str(out), "--start", "2026-12-07", "--weeks", "2"
    )
    assert (code, err) == (0, "")
    files = sorted(p.name for p in out.iterdir())
    assert "manifest.json" in files
    assert f"{len(files) - 1} workouts written to {out}" in stdout
    assert all(FILE_NAME.fullmatch(f) for f in files if f != "manifest.json")
    assert {f.split("-")[4] for f in files if f.endswith(".fit")} == {
        "run",
        "bike",
        "swim",
        "strength",
    }


def test_cli_kinds_selects_the_sessions(tmp_path: Path) -> None:
    code, _, err = run(
        "workouts", str(SIX), "--out", str(tmp_path), "--start", "2026-12-07", "--kinds", "run,swim"
    )
    assert (code, err) == (0, "")
    kinds = {p.name.split("-")[4] for p in tmp_path.glob("*.fit")}
    assert kinds == {"run", "swim"}


def test_the_kinds_choices_are_the_workout_kinds() -> None:
    assert tuple(k.value for k in WORKOUT_KINDS) == WORKOUT_KIND_NAMES
    assert set(WORKOUT_KINDS) == set(SessionKind)  # every planned session has a file


def test_every_planned_session_has_a_file_home_care_included(tmp_path: Path) -> None:
    plan = plan_of("strain-ladder", weeks=2)
    assert any(s.kind in (SessionKind.MOBILITY, SessionKind.RECOVERY) for _, s in plan.sessions())
    written = write_workouts(plan, tmp_path)
    assert len([f for f in written.files if f.endswith(".fit")]) == len(list(plan.sessions()))
    assert [f for f in written.files if "-mobility-" in f or "-recovery-" in f]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--kinds", "yoga"], "allowed: a comma-separated list of run, bike, swim"),
        (["--kinds", ""], "--kinds"),
        (["--kinds", "run,\x1b[31mbike"], "--kinds"),
        (["--weeks", "0"], "--weeks"),
        (["--start", "someday"], "not a date"),
    ],
)
def test_cli_bad_options_exit_2_with_one_line(tmp_path: Path, argv: list[str], needle: str) -> None:
    code, out, err = run("workouts", str(SIX), "--out", str(tmp_path / "w"), *argv)
    assert code == 2 and out == ""
    assert needle in err and err.count("\n") == 1 and "\x1b" not in err
    assert not (tmp_path / "w").exists()


def test_cli_refuses_a_file_as_out_and_a_missing_profile(tmp_path: Path) -> None:
    a_file = tmp_path / "file.txt"
    a_file.write_text("keep me")
    code, _, err = run("workouts", str(SIX), "--out", str(a_file))
    assert code == 2 and "is a file; allowed: a folder" in err
    assert a_file.read_text() == "keep me"
    code, _, err = run("workouts", str(tmp_path / "nobody.toml"), "--out", str(tmp_path / "w"))
    assert code == 2 and "nobody.toml" in err and err.count("\n") == 1


def test_cli_refuses_to_write_over_a_folder(tmp_path: Path) -> None:
    plan = runplan.plan(runplan.load_profile(SIX), start=date(2026, 12, 7), weeks=1)
    first = workout_sessions(plan)[0][1]
    from runplan.export.fit import file_name

    (tmp_path / file_name(first)).mkdir()
    code, _, err = run(
        "workouts", str(SIX), "--out", str(tmp_path), "--start", "2026-12-07", "--weeks", "1"
    )
    assert code == 2 and "is a folder" in err and err.count("\n") == 1


def test_a_new_run_removes_only_what_the_last_manifest_listed(tmp_path: Path) -> None:
    argv = ["workouts", str(SIX), "--out", str(tmp_path), "--start", "2026-12-07"]
    assert run(*argv, "--weeks", "2")[0] == 0
    two_weeks = {p.name for p in tmp_path.glob("*.fit")}
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "2099-01-01-0600-run-mine.fit").write_bytes(b"not listed")
    code, out, _ = run(*argv, "--weeks", "1")
    assert code == 0
    one_week = {p.name for p in tmp_path.glob("*.fit")} - {"2099-01-01-0600-run-mine.fit"}
    assert one_week < two_weeks
    assert f"{len(two_weeks) - len(one_week)} earlier files removed" in out
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert (tmp_path / "2099-01-01-0600-run-mine.fit").exists()
    listed = {w["file"] for w in json.loads((tmp_path / "manifest.json").read_text())["workouts"]}
    assert listed == one_week


def test_a_crafted_manifest_never_removes_outside_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside.fit"
    outside.write_bytes(b"keep")
    folder = tmp_path / "w"
    folder.mkdir()
    (folder / "manifest.json").write_text(
        json.dumps({"workouts": [{"file": "../outside.fit"}, {"file": str(outside)}, {"file": 3}]})
    )
    assert run("workouts", str(SIX), "--out", str(folder), "--start", "2026-12-07")[0] == 0
    assert outside.read_bytes() == b"keep"


def test_hostile_runner_name_in_a_profile(tmp_path: Path) -> None:
    text = SIX.read_text(encoding="utf-8").replace(
        'name = "Alex Doe"', f"name = {json.dumps(HOSTILE_NAME, ensure_ascii=False)}"
    )
    profile = tmp_path / "hostile.toml"
    profile.write_text(text, encoding="utf-8")
    out = tmp_path / "w"
    code, _, err = run(
        "workouts", str(profile), "--out", str(out), "--start", "2026-12-07", "--weeks", "1"
    )
    assert (code, err) == (0, "")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["runner"] == HOSTILE_NAME
    for entry in manifest["workouts"]:
        assert FILE_NAME.fullmatch(entry["file"])
        sdk_read((out / entry["file"]).read_bytes())


# -------------------------------------------------------------------- the roster


def test_roster_format_fit_writes_a_folder_per_runner(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "Alex Doe.toml").write_bytes(SIX.read_bytes())
    hostile = SIX.read_text(encoding="utf-8").replace(
        'name = "Alex Doe"', f"name = {json.dumps(HOSTILE_NAME, ensure_ascii=False)}"
    )
    (profiles / "<script> \N{RUNNER}.toml").write_text(hostile, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(
        "roster",
        str(profiles),
        "--out",
        str(out),
        "--start",
        "2026-12-07",
        "--weeks",
        "1",
        "--format",
        "ics,fit",
    )
    assert code == 0, err
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == ["alex-doe", "script"]
    assert (out / "alex-doe.ics").is_file() and (out / "script.ics").is_file()
    for folder in folders:
        manifest = json.loads((out / folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["workouts"]
        for entry in manifest["workouts"]:
            fitdecode_read((out / folder / entry["file"]).read_bytes())
    index = (out / "index.csv").read_text(encoding="utf-8")
    assert "alex-doe.ics alex-doe/" in index


def test_roster_fit_alone_and_an_unknown_format(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "alex.toml").write_bytes(SIX.read_bytes())
    code, _, err = run(
        "roster",
        str(profiles),
        "--out",
        str(tmp_path / "o"),
        "--start",
        "2026-12-07",
        "--format",
        "fit",
    )
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["alex", "index.csv", "index.md"]
    code, _, err = run("roster", str(profiles), "--out", str(tmp_path / "o"), "--format", "fit,gpx")
    assert code == 2 and "fit" in err and "gpx" in err
