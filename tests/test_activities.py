"""runplan.activities: the training log read from FIT, GPX, TCX and typed CSV files.

The files are written by tests/activity_files.py (Garmin's FIT SDK, gpxpy, ElementTree),
never by the reader under test.  Each format is checked for its kind, local date,
minutes and time basis; then the sport table row by row, time zones (DST, midnight),
bad files, duplicates, the CSV format, folders, limits and the examples.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runplan.activities.read as read_module
from activity_files import Leg, fit_bytes, gpx_bytes, tcx_bytes, write
from runplan._files import UnreadableFile
from runplan.activities import SPORTS, read_log, sport_kind
from runplan.activities.csvlog import read_csv
from runplan.errors import LogError, RunplanError
from runplan.models import Activity, ActivityKind, TrainingLog

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "activities"
BERLIN = "Europe/Berlin"
T0 = datetime(2027, 5, 4, 6, 0, tzinfo=UTC)  # 08:00 in Berlin (CEST)


def load(folder: Path, files: dict[str, bytes], zone: str = BERLIN) -> TrainingLog:
    for name, data in files.items():
        write(folder / name, data)
    return read_log(folder, zone)


def only(log: TrainingLog) -> Activity:
    assert not log.skipped, log.skipped
    assert len(log.activities) == 1, log.activities
    return log.activities[0]


def reasons(log: TrainingLog) -> dict[str, str]:
    return {s.file: s.reason for s in log.skipped}


# ------------------------------------------------------------------ each format


def test_fit_gives_kind_local_date_timer_minutes_and_distance(tmp_path: Path) -> None:
    leg = Leg("running", T0, 50, ((20, 6),), 9.0, "trail")
    got = only(load(tmp_path, {"run.fit": fit_bytes(leg)}))
    assert (got.kind, got.date, got.minutes, got.time_basis) == (
        "run",
        date(2027, 5, 4),
        44.0,
        "moving",
    )
    assert got.start == T0 and got.start.utcoffset() == timedelta(hours=2)
    assert (got.distance_km, got.sport, got.source) == (9.0, "running/trail", "run.fit")


def test_gpx_gives_elapsed_minutes_pauses_included(tmp_path: Path) -> None:
    leg = Leg("cycling", T0, 75, ((30, 10),), 30.0)
    got = only(load(tmp_path, {"ride.gpx": gpx_bytes(leg)}))
    assert (got.kind, got.date, got.minutes, got.time_basis) == (
        "bike",
        date(2027, 5, 4),
        75.0,
        "elapsed",
    )
    assert got.distance_km is not None and abs(got.distance_km - 30.0) < 0.3
    assert got.sport == "cycling"


def test_gpx_type_inside_metadata_is_read(tmp_path: Path) -> None:
    leg = Leg("swimming", T0, 40)
    got = only(load(tmp_path, {"swim.gpx": gpx_bytes(leg, metadata_type=True)}))
    assert (got.kind, got.sport) == ("swim", "swimming")


def test_tcx_sums_lap_timer_times_else_spans_trackpoints(tmp_path: Path) -> None:
    leg = Leg("Walking", T0, 48, ((10, 8),), 4.0)
    lap = only(load(tmp_path / "a", {"lap.tcx": tcx_bytes(leg)}))
    nolap = only(load(tmp_path / "b", {"nolap.tcx": tcx_bytes(leg, lap_times=False)}))
    assert (lap.kind, lap.date, lap.minutes, lap.time_basis) == (
        "walk", date(2027, 5, 4), 40.0, "moving",
    )  # fmt: skip
    assert (nolap.minutes, nolap.time_basis) == (48.0, "elapsed")
    assert (lap.distance_km, lap.sport, lap.start) == (4.0, "Walking", T0)


def test_fit_pause_timer_versus_elapsed(tmp_path: Path) -> None:
    """The same paused run: the FIT counts its timer (moving), the GPX its span."""
    leg = Leg("running", T0, 45, ((15, 10),), 7.0)
    fit = only(load(tmp_path / "a", {"r.fit": fit_bytes(leg)}))
    gpx = only(load(tmp_path / "b", {"r.gpx": gpx_bytes(leg)}))
    assert (fit.minutes, fit.time_basis) == (35.0, "moving")
    assert (gpx.minutes, gpx.time_basis) == (45.0, "elapsed")


def test_fit_without_sessions_falls_back_to_its_records(tmp_path: Path) -> None:
    leg = Leg("running", T0, 33.5, (), 6.0)
    got = only(load(tmp_path, {"r.fit": fit_bytes(leg, sessions=False)}))
    assert (got.minutes, got.time_basis, got.kind) == (33.5, "elapsed", "other")
    assert got.distance_km == 6.0


def test_multisport_fit_gives_one_activity_per_session(tmp_path: Path) -> None:
    swim = Leg("swimming", T0, 30, (), 1.5, "open_water")
    bike = Leg("cycling", T0 + timedelta(minutes=33), 80, (), 40.0)
    run = Leg("running", T0 + timedelta(minutes=115), 50, ((20, 2),), 10.0)
    log = load(tmp_path, {"tri.fit": fit_bytes(swim, bike, run)})
    assert not log.skipped
    got = [(a.kind, a.minutes, a.start, a.source) for a in log.activities]
    assert got == [
        ("swim", 30.0, T0, "tri.fit"),
        ("bike", 80.0, T0 + timedelta(minutes=33), "tri.fit"),
        ("run", 48.0, T0 + timedelta(minutes=115), "tri.fit"),
    ]


def test_a_single_file_path_is_read_and_named_by_its_name(tmp_path: Path) -> None:
    path = write(tmp_path / "deep" / "Run.FIT", fit_bytes(Leg("running", T0, 20)))
    got = only(read_log(str(path), BERLIN))
    assert (got.source, got.kind, got.minutes) == ("Run.FIT", "run", 20.0)


# ------------------------------------------------------------------ sport table

FILE_LABELS = [
    ("running", "run"),
    ("Running", "run"),
    ("trail_running", "run"),
    ("TrailRun", "run"),
    ("treadmill", "run"),
    ("track", "run"),
    ("cycling", "bike"),
    ("Biking", "bike"),
    ("indoor_cycling", "bike"),
    ("virtual_ride", "bike"),
    ("VirtualRide", "bike"),
    ("e-bike", "bike"),
    ("EBikeRide", "bike"),
    ("swimming", "swim"),
    ("lap_swimming", "swim"),
    ("pool", "swim"),
    ("open water", "swim"),
    ("walking", "walk"),
    ("hiking", "walk"),
    ("Hike", "walk"),
    ("strength_training", "strength"),
    ("strength", "strength"),
    ("training", "strength"),
    ("WeightTraining", "strength"),
    ("yoga", "other"),
    ("Other", "other"),
    ("kitesurfing", "other"),
]


@pytest.mark.parametrize(("label", "kind"), FILE_LABELS)
def test_sport_label_of_gpx_and_tcx_maps_to_kind_and_is_kept(
    tmp_path: Path, label: str, kind: str
) -> None:
    leg = Leg(label, T0, 30)
    gpx = only(load(tmp_path / "g", {"a.gpx": gpx_bytes(leg)}))
    tcx = only(load(tmp_path / "t", {"a.tcx": tcx_bytes(leg)}))
    assert (gpx.kind, gpx.sport) == (kind, label)
    assert (tcx.kind, tcx.sport) == (kind, label)


FIT_SPORTS = [
    ("running", None, "run", "running"),
    ("running", "trail", "run", "running/trail"),
    ("fitness_equipment", "treadmill", "run", "fitness_equipment/treadmill"),
    ("running", "track", "run", "running/track"),
    ("cycling", None, "bike", "cycling"),
    ("cycling", "indoor_cycling", "bike", "cycling/indoor_cycling"),
    ("cycling", "virtual_activity", "bike", "cycling/virtual_activity"),
    ("e_biking", None, "bike", "e_biking"),
    ("swimming", "lap_swimming", "swim", "swimming/lap_swimming"),
    ("swimming", "open_water", "swim", "swimming/open_water"),
    ("walking", None, "walk", "walking"),
    ("hiking", None, "walk", "hiking"),
    ("training", "strength_training", "strength", "training/strength_training"),
    ("training", None, "strength", "training"),
    ("training", "yoga", "other", "training/yoga"),
    ("golf", None, "other", "golf"),
    ("generic", None, "other", None),
]


@pytest.mark.parametrize(("sport", "sub", "kind", "shown"), FIT_SPORTS)
def test_fit_sport_and_sub_sport_map_to_kind(
    tmp_path: Path, sport: str, sub: str | None, kind: str, shown: str | None
) -> None:
    got = only(load(tmp_path, {"a.fit": fit_bytes(Leg(sport, T0, 30, sub_sport=sub))}))
    assert (got.kind, got.sport) == (kind, shown)


def test_every_kind_is_in_the_table_under_its_own_name() -> None:
    assert {k.value: SPORTS[k.value] for k in ActivityKind} == {k.value: k for k in ActivityKind}
    assert sport_kind("  Trail-Running ") == ActivityKind.RUN
    assert sport_kind("runn") is None


def test_the_documented_sport_table_is_the_code_table() -> None:
    """docs/log.md lists every label under its kind, and nothing else."""
    text = (ROOT / "docs" / "log.md").read_text(encoding="utf-8")
    section = text.split("## Reading activity files", 1)[1].split("\n## ", 1)[0]
    rows = {
        line.split("|")[1].strip(" `"): line.split("|")[2]
        for line in section.split("### Sport mapping", 1)[1].split("\n### ", 1)[0].splitlines()
        if line.startswith("| `")
    }
    documented = {
        label: kind
        for kind, cell in rows.items()
        for label in (part.strip(" `") for part in cell.split(";")[0].split(","))
    }
    assert documented == {label: kind.value for label, kind in SPORTS.items()}


# -------------------------------------------------------- start time and zone


@pytest.mark.parametrize(
    ("start", "zone", "local_date"),
    [
        # Berlin springs forward on 2027-03-28 at 01:00 UTC: 22:30 UTC is 00:30 CEST.
        (datetime(2027, 3, 28, 22, 30, tzinfo=UTC), BERLIN, date(2027, 3, 29)),
        # ... and the night before it is still CET: 23:30 UTC is 00:30 on the 28th.
        (datetime(2027, 3, 27, 23, 30, tzinfo=UTC), BERLIN, date(2027, 3, 28)),
        # New York falls back on 2027-11-07: 04:30 UTC on the 8th is 23:30 EST on the 7th.
        (datetime(2027, 11, 8, 4, 30, tzinfo=UTC), "America/New_York", date(2027, 11, 7)),
        # ... and springs forward on 2027-03-14: 03:30 UTC on the 15th is 23:30 EDT.
        (datetime(2027, 3, 15, 3, 30, tzinfo=UTC), "America/New_York", date(2027, 3, 14)),
        # Near midnight UTC the zone decides the day.
        (datetime(2027, 6, 30, 23, 50, tzinfo=UTC), BERLIN, date(2027, 7, 1)),
        (datetime(2027, 7, 1, 0, 10, tzinfo=UTC), "America/New_York", date(2027, 6, 30)),
        (datetime(2027, 6, 30, 23, 50, tzinfo=UTC), "UTC", date(2027, 6, 30)),
    ],
)
def test_local_date_in_the_runners_zone(
    tmp_path: Path, start: datetime, zone: str, local_date: date
) -> None:
    leg = Leg("running", start, 40, (), 8.0)
    for suffix, data in (("fit", fit_bytes(leg)), ("gpx", gpx_bytes(leg)), ("tcx", tcx_bytes(leg))):
        got = only(load(tmp_path / suffix, {f"a.{suffix}": data}, zone))
        assert got.date == local_date, suffix
        assert got.start == start and got.start.tzinfo is not None
        assert str(got.start.tzinfo) == zone


def test_an_activity_across_the_clock_change_keeps_its_true_length(tmp_path: Path) -> None:
    """00:30-02:00 UTC on 2027-03-28 spans Berlin's jump from 02:00 to 03:00 local."""
    leg = Leg("running", datetime(2027, 3, 28, 0, 30, tzinfo=UTC), 90)
    got = only(load(tmp_path, {"a.gpx": gpx_bytes(leg)}))
    assert (got.minutes, got.date, got.start.hour if got.start else None) == (
        90.0,
        date(2027, 3, 28),
        1,
    )


# --------------------------------------------------------------- bad files


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]


def test_bad_files_are_each_named_and_skipped_while_the_good_ones_load(tmp_path: Path) -> None:
    fit = fit_bytes(Leg("running", T0, 30, (), 5.0))
    log = load(
        tmp_path,
        {
            "good.fit": fit,
            "good.gpx": gpx_bytes(Leg("cycling", T0 + timedelta(days=1), 60)),
            "flipped.fit": flip(
                fit_bytes(Leg("running", T0 + timedelta(days=2), 30)), len(fit) // 2
            ),
            "truncated.fit": fit_bytes(Leg("running", T0 + timedelta(days=3), 30))[:-40],
            "empty.tcx": b"",
            "random.gpx": bytes(range(256)) * 4,
            "malformed.tcx": tcx_bytes(Leg("Running", T0 + timedelta(days=4), 30))[:-30],
            "notes.txt": b"ran well",
            "header-only.fit": fit[:14],
        },
    )
    assert [a.source for a in log.activities] == ["good.fit", "good.gpx"]
    got = reasons(log)
    assert got["flipped.fit"] == "corrupt FIT file: its checksum (CRC) does not match"
    assert got["truncated.fit"] == "truncated FIT file: it ends before its data does"
    assert got["empty.tcx"] == "empty file"
    assert got["random.gpx"].startswith("not a GPX file") or got["random.gpx"].startswith(
        "not a valid GPX file"
    )
    assert got["malformed.tcx"].startswith("malformed XML: ")
    assert got["notes.txt"].startswith("unknown file type; allowed: ")
    assert "header-only.fit" in got
    assert sorted(got) == [s.file for s in log.skipped]
    assert all("\n" not in reason for reason in got.values())


def test_files_that_parse_but_hold_no_activity_are_skipped(tmp_path: Path) -> None:
    no_time = (
        gpx_bytes(Leg("running", T0, 10)).replace(b"<time>", b"<!--").replace(b"</time>", b"-->")
    )
    log = load(
        tmp_path,
        {
            "notime.gpx": no_time,
            "other.tcx": b"<?xml version='1.0'?><gpx/>",
            "far.gpx": gpx_bytes(Leg("running", datetime(2300, 1, 1, tzinfo=UTC), 10)),
            "long.tcx": tcx_bytes(Leg("Running", T0, 25 * 60)),
        },
    )
    assert not log.activities
    got = reasons(log)
    assert got["notime.gpx"].startswith("no time in this GPX file")
    assert got["other.tcx"].startswith("not a TCX file")
    assert got["far.gpx"] == "it starts on 2300-01-01; allowed: 1900-01-01 to 2200-12-31"
    assert got["long.tcx"] == "it lasts 1500 minutes; allowed: at most 1440"


def test_hostile_gpx_namespace_words_are_refused_before_gpxpy_scans_them(tmp_path: Path) -> None:
    """gpxpy's namespace scan would take the square of this file's length."""
    hostile = b"<gpx>" + b" xmlns" * 200_000 + b"</gpx>"
    log = load(tmp_path, {"h.gpx": hostile, "one.gpx": b"<gpx><desc> xmlns </desc></gpx>"})
    assert reasons(log) == {
        "h.gpx": "not a valid GPX file: xmlns words without a value",
        "one.gpx": "no time in this GPX file: no track point has a <time>",
    }


def test_a_file_with_too_many_sessions_is_skipped(tmp_path: Path) -> None:
    legs = [Leg("Running", T0 + timedelta(hours=i), 20) for i in range(101)]
    log = load(tmp_path, {"many.tcx": tcx_bytes(*legs), "ok.tcx": tcx_bytes(*legs[:100])})
    assert reasons(log) == {"many.tcx": "more than 100 sessions; allowed: at most 100"}
    assert len(log.activities) == 100


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from(["fit", "gpx", "tcx", "csv"]))
def test_any_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    log = load(tmp_path, {f"x.{suffix}": data})
    assert log.activities or log.skipped or suffix == "csv"
    assert all(s.file.startswith("x.") for s in log.skipped)


def test_a_valid_fit_with_any_one_byte_flipped_is_never_read_wrong(tmp_path: Path) -> None:
    """Past the header, every flipped byte is caught: the checksum covers them all."""
    leg = Leg("running", T0, 30, (), 5.0)
    data = fit_bytes(leg)
    for at in range(14, len(data), 7):
        log = load(tmp_path / str(at), {"x.fit": flip(data, at)})
        assert not log.activities, at
        assert len(log.skipped) == 1, at


# --------------------------------------------------------------- duplicates


def test_fit_and_gpx_of_one_run_count_once_keeping_the_fit(tmp_path: Path) -> None:
    leg = Leg("running", T0, 45, ((20, 5),), 8.0)
    shifted = Leg("running", T0 + timedelta(seconds=90), 43.5, (), 8.0)
    log = load(
        tmp_path,
        {
            "a-export.gpx": gpx_bytes(shifted),
            "z-watch.fit": fit_bytes(leg),
            "m.tcx": tcx_bytes(leg),
        },
    )
    assert [(a.source, a.minutes) for a in log.activities] == [("z-watch.fit", 40.0)]
    assert reasons(log) == {
        "a-export.gpx": "duplicate of z-watch.fit",
        "m.tcx": "duplicate of z-watch.fit",
    }


def test_activities_apart_in_time_or_kind_are_not_duplicates(tmp_path: Path) -> None:
    log = load(
        tmp_path,
        {
            "a.fit": fit_bytes(Leg("running", T0, 30)),
            "b.gpx": gpx_bytes(Leg("running", T0 + timedelta(minutes=2, seconds=30), 30)),
            "c.gpx": gpx_bytes(Leg("cycling", T0, 30)),
        },
    )
    assert not log.skipped
    assert sorted(a.source for a in log.activities) == ["a.fit", "b.gpx", "c.gpx"]


def test_a_typed_row_duplicating_a_file_keeps_the_file(tmp_path: Path) -> None:
    csv = b"2027-05-04,run,40.5\n2027-05-04,run,40\n2027-05-04,bike,40\n2027-05-05,run,40\n"
    log = load(tmp_path, {"w.fit": fit_bytes(Leg("running", T0, 40)), "log.csv": csv})
    # One file absorbs one row (here the shorter of the two within a minute).
    assert reasons(log) == {"log.csv:2": "duplicate of w.fit"}
    # A typed row has no start: it sorts at midnight, before the timed ones of its day.
    assert [a.source for a in log.activities] == ["log.csv:3", "log.csv:1", "w.fit", "log.csv:4"]


# --------------------------------------------------------------------- CSV


def test_csv_with_header_bom_comments_and_blank_lines(tmp_path: Path) -> None:
    text = (
        "\ufeff# my log\n"
        "Date, Kind ,Minutes,RPE,distance_km,note\r\n"
        "\n"
        "  # a comment\n"
        "2027-05-01,strength,25,5,,core, then stretching\r\n"
        ",,,\n"
        '2027-05-02,Trail Running,55.25,3,9.5,"hilly, slow"\n'
    )
    log = load(tmp_path, {"log.csv": text.encode("utf-8")})
    assert not log.skipped
    first, second = log.activities
    assert (first.date, first.kind, first.minutes, first.rpe, first.distance_km) == (
        date(2027, 5, 1), "strength", 25.0, 5.0, None,
    )  # fmt: skip
    assert (first.note, first.time_basis, first.start, first.source) == (
        "core, then stretching", "typed", None, "log.csv:5",
    )  # fmt: skip
    assert (second.kind, second.minutes, second.sport, second.note) == (
        "run", 55.2, "Trail Running", "hilly, slow",
    )  # fmt: skip


def test_csv_without_header_and_with_reordered_header(tmp_path: Path) -> None:
    log = load(
        tmp_path,
        {
            "a.csv": b"2027-05-01,walk,30\n2027-05-02,swim,40,4,2\n",
            "b.csv": b"minutes,date,kind,note\n20,2027-05-03,bike,easy spin\n",
        },
    )
    assert not log.skipped
    got = [(a.date.day, a.kind, a.minutes, a.rpe, a.distance_km, a.note) for a in log.activities]
    assert got == [
        (1, "walk", 30.0, None, None, None),
        (2, "swim", 40.0, 4.0, 2.0, None),
        (3, "bike", 20.0, None, None, "easy spin"),
    ]


def test_csv_bad_rows_are_each_named_with_field_value_and_allowed(tmp_path: Path) -> None:
    text = (
        "date,kind,minutes,rpe,distance_km\n"
        "2027-05-01,run,30\n"
        "2027-5-2,run,30\n"
        "2027-02-30,run,30\n"
        "2027-05-03,runn,30\n"
        "2027-05-04,run,-5\n"
        "2027-05-05,run,1441\n"
        "2027-05-06,run,30,11\n"
        "2027-05-07,run,30,3,nan\n"
        "2027-05-08,run\n"
        "2027-05-09,run,30,3,5,extra\n"
        "1899-12-31,run,30\n"
        "2027-05-10,bike,45\n"
    )
    log = load(tmp_path, {"log.csv": text.encode()})
    assert [a.source for a in log.activities] == ["log.csv:2", "log.csv:13"]
    assert reasons(log) == {
        "log.csv:3": "date: '2027-5-2' is not a date; allowed: YYYY-MM-DD",
        "log.csv:4": "date: '2027-02-30' is not a day of the calendar",
        "log.csv:5": "kind: 'runn' is not a known sport; allowed: run, bike, swim, walk, "
        "strength, other, or a sport name such as running or cycling",
        "log.csv:6": "minutes: '-5' is not a number from 0 to 1440; "
        "allowed: a plain decimal such as 45 or 7.5",
        "log.csv:7": "minutes: '1441' is not a number from 0 to 1440; "
        "allowed: a plain decimal such as 45 or 7.5",
        "log.csv:8": "rpe: '11' is not a number from 0 to 10; "
        "allowed: a plain decimal such as 45 or 7.5",
        "log.csv:9": "distance_km: 'nan' is not a number from 0 to 1000; "
        "allowed: a plain decimal such as 45 or 7.5",
        "log.csv:10": "minutes: missing; allowed: a number from 0 to 1440",
        "log.csv:11": "6 cells; allowed: at most 5 (date, kind, minutes, rpe, distance_km)",
        "log.csv:12": "date: 1899-12-31 is out of range; allowed: 1900-01-01 to 2200-12-31",
    }
    assert [s.file for s in log.skipped] == [f"log.csv:{n}" for n in range(3, 13)]  # by line


def test_csv_header_problems(tmp_path: Path) -> None:
    log = load(
        tmp_path,
        {
            "nominutes.csv": b"date,kind\n2027-05-01,run\n",
            "extra.csv": b"date,kind,minutes,shoe\n2027-05-01,run,30,old\n",
            "latin1.csv": "2027-05-01,run,30,caf\u00e9\n".encode("latin-1"),
        },
    )
    got = reasons(log)
    assert got["nominutes.csv"].startswith("the header row (nominutes.csv:1) has no column minutes")
    assert got["extra.csv:1"].startswith("column 'shoe' is unknown or repeated")
    assert got["latin1.csv"] == "not UTF-8 text; allowed: a CSV file saved as UTF-8"
    assert [a.source for a in log.activities] == ["extra.csv:2"]


def test_a_csv_line_the_csv_module_refuses_is_one_bad_row(tmp_path: Path) -> None:
    huge = "x" * 200_000
    log = load(tmp_path, {"log.csv": f"2027-05-01,run,30,,,{huge}\n2027-05-02,run,30\n".encode()})
    assert reasons(log) == {"log.csv:1": "not a CSV line: field larger than field limit (131072)"}
    assert [a.source for a in log.activities] == ["log.csv:2"]


LINES = st.one_of(
    st.text(max_size=40),
    st.builds(
        ",".join,
        st.lists(
            st.one_of(
                st.sampled_from(["2027-05-01", "run", "30", "5", "", "#", '"', "date"]),
                st.text(max_size=8),
            ),
            max_size=7,
        ),
    ),
)


@given(lines=st.lists(LINES, max_size=12))
def test_any_csv_text_never_raises_and_every_row_is_read_or_skipped(lines: list[str]) -> None:
    """Whatever is typed, each content line is an activity, a skipped row or the header;
    only a whole-file problem (a header without a needed column) is raised, as the
    internal UnreadableFile that read_log turns into one skipped entry."""
    data = "\n".join(lines).encode("utf-8")
    try:
        rows, bad = read_csv(data, "f.csv")
    except UnreadableFile as error:
        assert error.reason.startswith("the header row (f.csv:")
        return
    read = [int(item.source.rsplit(":", 1)[1]) for item in rows]
    skipped = {int(item.file.rsplit(":", 1)[1]) for item in bad}
    content = [
        n
        for n, line in enumerate(data.decode("utf-8-sig").split("\n"), 1)
        if line.strip() and not line.strip().startswith("#") and line.strip().strip(",")
    ]
    assert len(read) == len(set(read)) and not set(read) & skipped
    unaccounted = set(content) - set(read) - skipped
    assert unaccounted <= set(content[:1])  # at most the header row, read as such


# --------------------------------------------------------- folders and errors


def test_a_folder_with_subfolders_is_walked_in_name_order(tmp_path: Path) -> None:
    log = load(
        tmp_path,
        {
            "2027/05/b.gpx": gpx_bytes(Leg("hiking", T0 + timedelta(days=1), 120)),
            "2027/04/a.FIT": fit_bytes(Leg("running", T0 - timedelta(days=20), 30)),
            "z.tcx": tcx_bytes(Leg("Biking", T0 - timedelta(days=30), 60)),
            "2027/05/notes.md": b"# notes",
        },
    )
    assert [a.source for a in log.activities] == ["z.tcx", "2027/04/a.FIT", "2027/05/b.gpx"]
    assert list(reasons(log)) == ["2027/05/notes.md"]
    assert reasons(log)["2027/05/notes.md"].startswith("unknown file type")


def test_a_symlinked_folder_is_listed_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "a.gpx", gpx_bytes(Leg("running", T0, 30)))
    (tmp_path / "log").mkdir()
    (tmp_path / "log" / "link").symlink_to(outside, target_is_directory=True)
    (tmp_path / "log" / "loop").symlink_to(tmp_path / "log", target_is_directory=True)
    log = read_log(tmp_path / "log", BERLIN)
    assert not log.activities
    assert sorted(reasons(log)) == ["link", "loop"]
    assert reasons(log)["link"].startswith("a symbolic link to a folder, not followed")


def test_activities_and_skipped_are_sorted(tmp_path: Path) -> None:
    csv = b"2027-05-04,walk,20\n2027-05-04,bike,10\nbad\n"
    log = load(
        tmp_path,
        {
            "b.gpx": gpx_bytes(Leg("running", T0 + timedelta(hours=3), 30)),
            "a.gpx": gpx_bytes(Leg("running", T0 + timedelta(hours=1), 30)),
            "log.csv": csv,
            "0.txt": b"x",
        },
    )
    order = [(a.date, a.kind, a.source) for a in log.activities]
    assert [o[2] for o in order] == ["log.csv:2", "log.csv:1", "a.gpx", "b.gpx"]
    assert [s.file for s in log.skipped] == ["0.txt", "log.csv:3"]


def test_limits_on_files_and_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_module, "MAX_FILES", 3)
    monkeypatch.setattr(read_module, "MAX_FILE_BYTES", 1000)
    files = {f"{i}.gpx": gpx_bytes(Leg("running", T0 + timedelta(days=i), 3)) for i in range(5)}
    files["0.gpx"] = b"<gpx>" + b" " * 2000 + b"</gpx>"
    log = load(tmp_path, files)
    assert [a.source for a in log.activities] == ["1.gpx", "2.gpx"]
    got = reasons(log)
    assert got["0.gpx"] == "the file has more than 1000 bytes; allowed: at most 1000 bytes"
    assert got["3.gpx"].startswith("more than 3 files and folders in the log: this one and")
    assert "4.gpx" not in got


def test_a_missing_path_raises_log_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(LogError, match="nope: no such file or folder; allowed: an activity"):
        read_log(missing, BERLIN)
    assert issubclass(LogError, RunplanError) and LogError.exit_status == 2


def test_a_special_file_or_an_unknown_zone_raises_log_error(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(LogError, match="pipe: is a FIFO"):
        read_log(fifo, BERLIN)
    with pytest.raises(LogError, match="timezone: 'Mars/Olympus' is not a known zone"):
        read_log(tmp_path, "Mars/Olympus")


def test_a_fifo_inside_the_folder_is_skipped_not_waited_for(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.fit")
    log = read_log(tmp_path, BERLIN)
    assert reasons(log) == {"pipe.fit": "this is a FIFO (named pipe); allowed: a regular file"}


# ----------------------------------------------------------------- examples


def make_activities() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_activities", ROOT / "examples" / "make_activities.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_activities", module)
    spec.loader.exec_module(module)
    return module


def test_the_example_files_are_reproducible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert make_activities().main([str(tmp_path)]) == 0
    fresh = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    committed = {
        p.relative_to(EXAMPLES): p.read_bytes() for p in EXAMPLES.rglob("*") if p.is_file()
    }
    assert sorted(fresh) == sorted(committed)
    for name, data in fresh.items():
        assert data == committed[name], f"examples/activities/{name} differs: rerun the script"
    capsys.readouterr()


def test_the_example_log_reads_five_activities_and_skips_two() -> None:
    log = read_log(EXAMPLES, BERLIN)
    got = [
        (a.date.isoformat(), a.kind.value, a.minutes, a.time_basis, a.source)
        for a in log.activities
    ]
    assert got == [
        ("2027-03-22", "run", 39.0, "moving", "2027-03-22-morning-run.fit"),
        ("2027-03-23", "strength", 25.0, "typed", "log.csv:3"),
        ("2027-03-24", "bike", 60.0, "elapsed", "2027-03-24-ride.gpx"),
        ("2027-03-26", "walk", 35.0, "moving", "2027-03-26-walk.tcx"),
        ("2027-03-27", "run", 30.0, "typed", "log.csv:5"),
    ]
    assert reasons(log) == {
        "2027-03-25-damaged.fit": "corrupt FIT file: its checksum (CRC) does not match",
        "exported/2027-03-22-morning-run.gpx": "duplicate of 2027-03-22-morning-run.fit",
    }


def test_strava_exports_numeric_types_and_leading_spaces(tmp_path: Path) -> None:
    """Strava writes its own type numbers (9 run, 1 ride) and starts its GPX and TCX
    exports with spaces before the XML declaration: both read as the sport they are."""
    run = gpx_bytes(Leg("9", T0, 30))
    ride = b"          " + gpx_bytes(Leg("1", T0 + timedelta(hours=5), 60))
    walk = b"   \n" + tcx_bytes(Leg("Running", T0 + timedelta(hours=9), 25))
    log = load(tmp_path, {"run.gpx": run, "ride.gpx": ride, "walk.tcx": walk})
    assert not log.skipped
    kinds = {a.source: (a.kind, round(a.minutes)) for a in log.activities}
    assert kinds == {
        "run.gpx": (ActivityKind.RUN, 30),
        "ride.gpx": (ActivityKind.BIKE, 60),
        "walk.tcx": (ActivityKind.RUN, 25),
    }


def test_an_export_without_a_sport_duplicating_a_known_one_counts_once(tmp_path: Path) -> None:
    """A GPX without ``<type>`` (kind other) of the run a FIT recorded: one run."""
    untyped = gpx_bytes(Leg("running", T0 + timedelta(seconds=40), 30)).replace(
        b"<type>running</type>", b""
    )
    log = load(
        tmp_path,
        {
            "run.fit": fit_bytes(Leg("running", T0, 30)),
            "run.gpx": untyped,
            "yoga.gpx": gpx_bytes(Leg("yoga", T0 + timedelta(hours=3), 30)),
        },
    )
    assert [(a.source, a.kind) for a in log.activities] == [
        ("run.fit", ActivityKind.RUN),
        ("yoga.gpx", ActivityKind.OTHER),
    ]
    assert [(s.file, s.reason) for s in log.skipped] == [("run.gpx", "duplicate of run.fit")]
