"""Issue 13: hostile inputs meet a bounded cost and one readable error.

Each case runs the command in-process and checks what a user sees: exit status 2, one
``runplan: error:`` paragraph of at most 4 KB naming what is wrong, and no traceback.
Speed is not asserted here (benchmarks measure it); the cases that used to run for
minutes (a device read to the end, a day-by-day walk from year 1, a quadratic
de-duplication) fail fast by construction and would hang the suite if they regressed.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

import runplan.cli.plan as plan_command
from runplan._text import plain_line
from runplan.cli import main
from runplan.cli.check import MAX_LISTED
from runplan.models.messages import MAX_PROBLEMS
from runplan.roster.run import _workers

EXAMPLE = Path(__file__).parent.parent / "examples" / "profiles" / "six_free_days.toml"
MAX_ERROR_BYTES = 4096

PROFILE = """name = "x"
timezone = "UTC"
run_days = 3
weekly_run_minutes = 120
equipment = {equipment}
surfaces = ["road"]
[availability]
mon = ["06:00-07:00"]
{extra}"""


#: A regression here means reading a device to its end or walking millions of days: a
#: guard fails the case instead of hanging the suite (not a speed assertion: 60 s is
#: a thousand times what these cases take).
GUARD_SECONDS = 60


class Hung(Exception):  # noqa: N818 - the test's own signal
    pass


@pytest.fixture(autouse=True)
def _guard() -> Iterator[None]:
    def hung(_signum: int, _frame: object) -> None:
        raise Hung(f"the command ran for more than {GUARD_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=lambda _tz: date(2026, 11, 26))
    return code, out.getvalue(), err.getvalue()


def assert_refused(code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    assert err.startswith("runplan: error: ") and err.count("\n") == 1, err
    assert len(err.encode()) <= MAX_ERROR_BYTES
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err


def profile(tmp_path: Path, equipment: str = "[]", extra: str = "") -> str:
    path = tmp_path / "p.toml"
    path.write_text(PROFILE.format(equipment=equipment, extra=extra), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "argv",
    [
        ("plan", "/dev/zero"),
        ("check", str(EXAMPLE), "/dev/zero"),
        ("plan", str(EXAMPLE), "--format", "ics", "--previous", "/dev/zero"),
    ],
    ids=["profile", "plan-to-check", "previous"],
)
def test_a_device_is_refused_without_reading_it(argv: tuple[str, ...]) -> None:
    code, _, err = run(*argv)
    assert_refused(code, err, "/dev/zero", "character device")


def test_a_folder_is_refused_as_a_profile(tmp_path: Path) -> None:
    assert_refused(*run("plan", str(tmp_path))[::2], "folder")


def test_an_oversized_plan_is_refused_after_reading_its_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(10_000_001)  # sparse: costs no disk
    code, _, err = run("check", str(EXAMPLE), str(big))
    assert_refused(code, err, "more than 10000000 bytes")


@pytest.mark.parametrize("start", ["9999-12-20", "0001-01-01", "2200-12-31", "1899-12-31"])
def test_a_start_outside_the_date_range_is_refused(start: str) -> None:
    code, _, err = run("plan", str(EXAMPLE), "--start", start)
    assert_refused(code, err, start, "1900-01-01")


def test_a_profile_date_outside_the_range_is_refused(tmp_path: Path) -> None:
    extra = '[[conditions]]\nkind = "muscle_strain"\nonset = 0001-01-01\n'
    code, _, err = run("plan", profile(tmp_path, extra=extra))
    assert_refused(code, err, "conditions[0].onset", "0001-01-01", "1900-01-01")


def test_sixty_thousand_unknown_values_give_a_short_error(tmp_path: Path) -> None:
    code, _, err = run("plan", profile(tmp_path, equipment=str(["x"] * 60_000)))
    assert_refused(code, err, "equipment[0]", "more problems")
    assert err.count("equipment[") <= MAX_PROBLEMS


def test_a_long_list_of_repeats_is_refused_at_the_first_repeat(tmp_path: Path) -> None:
    """De-duplication is linear (a set), and the error names the repeated value once."""
    code, _, err = run("plan", profile(tmp_path, equipment=str(["bike"] * 60_000)))
    assert_refused(code, err, "'bike' is listed twice")


def test_a_number_longer_than_python_converts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        PROFILE.format(equipment="[]", extra="").replace("120", "9" * 5000), encoding="utf-8"
    )
    assert_refused(*run("plan", str(path))[::2], "too many digits")


def test_a_session_longer_than_a_day_is_refused_in_a_plan(tmp_path: Path) -> None:
    code, out, _ = run("plan", str(EXAMPLE), "--format", "json", "--start", "2027-03-01")
    assert code == 0
    data = json.loads(out)
    data["weeks"][0]["days"][0]["sessions"][0]["duration_min"] = 1e12
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(data), encoding="utf-8")
    assert_refused(*run("check", str(EXAMPLE), str(plan))[::2], "duration_min", "at most 1440")


def test_an_unforeseen_error_is_one_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    """The last guard: a bug is reported in one paragraph (exit 2), never a traceback."""

    def broken(*_args: object, **_kwargs: object) -> None:
        raise TypeError("a bug\nover two lines")

    monkeypatch.setattr(plan_command, "emit", broken)
    code, _, err = run("plan", str(EXAMPLE), "--out", "x.txt")
    assert_refused(code, err, "TypeError: a bug over two lines", "This is a bug")


def test_ctrl_c_exits_130_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(plan_command, "emit", interrupted)
    code, _, err = run("plan", str(EXAMPLE), "--out", "x.txt")
    assert (code, err) == (130, "runplan: interrupted\n")


@pytest.mark.parametrize("zone", ["localtime", "Factory", "posixrules", "posix/Europe/London"])
def test_a_host_dependent_time_zone_is_refused(tmp_path: Path, zone: str) -> None:
    path = Path(profile(tmp_path))
    path.write_text(path.read_text().replace('"UTC"', f'"{zone}"'), encoding="utf-8")
    assert_refused(*run("plan", str(path))[::2], zone, "not a known time zone")


def test_digits_other_than_ascii_are_refused_in_windows(tmp_path: Path) -> None:
    path = Path(profile(tmp_path))
    path.write_text(
        path.read_text().replace(
            "06:00-07:00", "\u0660\u0666:\u0660\u0660-\u0660\u0667:\u0660\u0660"
        ),
        encoding="utf-8",
    )
    assert_refused(*run("plan", str(path))[::2], "availability.mon")


def test_a_name_with_escape_sequences_prints_safely(tmp_path: Path) -> None:
    path = Path(profile(tmp_path))
    hostile = "evil\\u001b]0;pwn\\u0007\\u001b[31mred\\u202egnp.exe"
    path.write_text(path.read_text().replace('name = "x"', f'name = "{hostile}"'), "utf-8")
    code, out, _ = run("profile", str(path))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "evil?]0;pwn??[31mred?gnp.exe" in out


def test_a_mistyped_option_never_echoes_its_value() -> None:
    code, _, err = run("publish", str(EXAMPLE), "--url", "http://x/", "--passw", "hunter2")
    assert_refused(code, err, "--passw", "1 value not shown")
    assert "hunter2" not in err
    code, _, err = run("plan", str(EXAMPLE), "--secret=hunter2")
    assert_refused(code, err, "--secret=...")
    assert "hunter2" not in err


@pytest.mark.parametrize("refresh", ["P999999999999D", "P367D"])
def test_an_extreme_refresh_is_refused(refresh: str) -> None:
    code, _, err = run("plan", str(EXAMPLE), "--format", "ics", "--refresh", refresh)
    assert_refused(code, err, "366")


def test_index_cells_lose_bidirectional_overrides() -> None:
    assert plain_line("a\u202eb\u2066c") == "a b c"


def _ics(*extra: str) -> str:
    code, out, err = run("plan", str(EXAMPLE), "--format", "ics", "--start", "2027-03-01", *extra)
    assert code == 0, err
    return out


def test_a_previous_sequence_at_its_maximum_is_refused_not_overflowed(tmp_path: Path) -> None:
    first = _ics()
    bumped = re.sub(r"SEQUENCE:\d+", "SEQUENCE:2147483647", first)
    bumped = bumped.replace("SUMMARY:", "SUMMARY:Old ", 1)  # so the first event changes
    previous = tmp_path / "previous.ics"
    previous.write_text(bumped, encoding="utf-8")
    code, _, err = run(
        "plan",
        str(EXAMPLE),
        "--format",
        "ics",
        "--start",
        "2027-03-01",
        "--previous",
        str(previous),
    )
    assert_refused(code, err, "SEQUENCE 2147483647", "the largest iCalendar allows")


def test_a_cancelled_event_always_has_a_dtstart(tmp_path: Path) -> None:
    """The previous copy of an event that leaves the plan lacks DTSTART: the cancellation
    still carries one (RFC 5545), the plan day its UID names, as a date."""
    events = _ics("--weeks", "4").split("BEGIN:VEVENT")
    k = max(range(1, len(events)), key=lambda i: re.findall(r"UID:\S+?-(\d{8})-", events[i]))
    uid = re.search(r"UID:(\S+)", events[k])
    assert uid is not None
    events[k] = re.sub(r"DTSTART[^\r\n]*\r\n|DTEND[^\r\n]*\r\n", "", events[k])
    previous = tmp_path / "previous.ics"
    previous.write_text("BEGIN:VEVENT".join(events), encoding="utf-8")
    out = _ics("--weeks", "2", "--previous", str(previous))
    cal = Calendar.from_ical(out)
    (cancelled,) = [e for e in cal.walk("VEVENT") if str(e["UID"]) == uid.group(1)]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    day = cancelled.decoded("DTSTART")
    assert isinstance(day, date) and day.strftime("%Y%m%d") in uid.group(1)


def test_roster_workers_are_bounded_by_the_cpus() -> None:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert _workers(256, 1000) == cpus
    assert _workers(256, 1) == 1


@pytest.mark.parametrize("year", ["9000", "0001"])
def test_a_previous_event_outside_the_date_range_is_refused(tmp_path: Path, year: str) -> None:
    """Re-sending it as cancelled would need a time zone over thousands of years (it ran
    for minutes): the previous file is refused, naming the event and the range."""
    parts = _ics("--weeks", "2").split("BEGIN:VEVENT")
    k = next(i for i, p in enumerate(parts) if re.search(r"DTSTART;TZID=[^:]*:2027031", p))
    parts[k] = re.sub(r"(DT(?:START|END);TZID=[^:]*:)2027", rf"\g<1>{year}", parts[k])
    previous = tmp_path / "previous.ics"
    previous.write_text("BEGIN:VEVENT".join(parts), encoding="utf-8")
    argv = ["plan", str(EXAMPLE), "--format", "ics", "--start", "2027-03-01", "--weeks", "1"]
    code, _, err = run(*argv, "--previous", str(previous))
    assert_refused(code, err, f"DTSTART {year}-03-1", "allowed: dates from 1900-01-01")


def test_a_crafted_plan_is_bounded_in_shape_and_output(tmp_path: Path) -> None:
    """A plan file with thousands of sessions on one day is refused by shape (it made
    the check quadratic: 53 s, 2.6 GB, 900 MB of output); one within the shape that
    breaks a rule on every line prints at most MAX_LISTED violations and the count."""
    code, out, _ = run("plan", str(EXAMPLE), "--format", "json", "--start", "2027-03-01")
    data = json.loads(out)
    crowded = json.loads(out)
    crowded["weeks"][0]["days"][1]["sessions"] *= 4000
    path = tmp_path / "crowded.json"
    path.write_text(json.dumps(crowded), encoding="utf-8")
    assert_refused(*run("check", str(EXAMPLE), str(path))[::2], "at most 12 items")
    for week in data["weeks"]:
        for day in week["days"]:
            day["sessions"] = (day["sessions"] * 12)[:12]
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run("check", str(EXAMPLE), str(path))
    lines = out.splitlines()
    assert code == 1 and err == ""
    assert len(lines) == MAX_LISTED + 2 and lines[-2].startswith("... and ")
    assert lines[-1].endswith("violation(s)") and int(lines[-1].split()[0]) > MAX_LISTED
