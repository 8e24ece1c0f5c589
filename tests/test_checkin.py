"""``runplan checkin`` (issue 10, item 4): a check-in added to the profile file in place,
the rest of the file kept byte for byte, bad values refused with the file untouched,
what changes printed in plain words, and ``--replan`` re-issuing the calendar."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from icalendar import Calendar

from runplan.cli._main import main
from runplan.errors import ProfileError
from runplan.models import CheckIn
from runplan.profile import MAX_PROFILE_BYTES, load_profile
from runplan.profile.checkin import add_checkin, edit_profile, write_profile
from runplan.rules import DISCLAIMER
from strategies import checkins_near

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
TODAY = date(2027, 3, 10)

#: six_free_days.toml with comments, blank lines and odd spacing added, and two
#: check-ins at the end, one with comments of its own.
COMMENTED = (EXAMPLES / "six_free_days.toml").read_text(encoding="utf-8").replace(
    'name = "Alex Doe"', '# who\nname   =   "Alex Doe"    # spaced out\n\n\n'
) + (
    "\n\n# the pain log, newest last\n"
    "[[checkins]]   # first\n"
    "date = 2027-03-01\n"
    "pain=1\n"
    "\n"
    "[[checkins]]\n"
    "date = 2027-03-03        # after the race\n"
    "pain = 2\n"
    "after_long_run = true\n"
    "# end of the log\n"
)


def run(*argv: str, today: date = TODAY) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=lambda _tz: today)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def _copy(tmp_path: Path, name: str, text: str | None = None) -> Path:
    target = tmp_path / name
    if text is None:
        shutil.copyfile(EXAMPLES / name, target)
    else:
        target.write_bytes(text.encode("utf-8"))
    return target


def _inserted(old: bytes, new: bytes) -> bytes:
    """What ``new`` adds to ``old``, asserting that it is one insertion and nothing else."""
    head = 0
    while head < len(old) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < len(old) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    assert head + tail == len(old), "the old text is not kept around one inserted block"
    return new[head : len(new) - tail]


def _changed(old: bytes, new: bytes) -> tuple[bytes, bytes]:
    """The one differing stretch of ``old`` and of ``new`` (common head and tail cut)."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return old[head : len(old) - tail], new[head : len(new) - tail]


# ------------------------------------------------------------------ keeping the file


def test_commented_toml_is_kept_byte_for_byte_and_the_block_appended(tmp_path: Path) -> None:
    path = _copy(tmp_path, "alex.toml", COMMENTED)
    old = path.read_bytes()
    code, out, _ = run("checkin", str(path), "--pain", "2", "--run-pain", "3", "--not-settled")
    assert code == 0
    new = path.read_bytes()
    assert new.startswith(old)
    added = new[len(old) :].decode()
    assert added == (
        "\n[[checkins]]\ndate = 2027-03-10\npain = 2\nrun_pain = 3\nsettled_by_morning = false\n"
    )
    assert f"Check-in for 2027-03-10 added in {path}." in out
    runner = load_profile(path)
    assert runner.checkins[-1] == CheckIn(date=TODAY, pain=2, run_pain=3, settled_by_morning=False)


def test_a_profile_without_checkins_gets_a_first_block_at_its_end(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    old = path.read_bytes()
    assert run("checkin", str(path), "--pain", "1", "--red-flag", "fever")[0] == 0
    new = path.read_bytes()
    assert new.startswith(old)
    assert (
        new[len(old) :] == b'\n[[checkins]]\ndate = 2027-03-10\npain = 1\nred_flags = ["fever"]\n'
    )


def test_checkins_before_other_tables_get_the_new_one_after_the_last(tmp_path: Path) -> None:
    text = COMMENTED.replace(
        "[availability]", "[[checkins]]\ndate = 2027-02-01\npain = 0\n\n[availability]", 1
    )
    path = _copy(tmp_path, "alex.toml", text)
    old = path.read_bytes()
    assert run("checkin", str(path), "--pain", "0")[0] == 0
    new = path.read_bytes()
    assert _inserted(old, new).strip() == b"[[checkins]]\ndate = 2027-03-10\npain = 0"
    assert [c.date for c in load_profile(path).checkins][-1] == TODAY


def test_crlf_file_stays_crlf(tmp_path: Path) -> None:
    path = tmp_path / "alex.toml"
    path.write_bytes(COMMENTED.encode().replace(b"\n", b"\r\n"))
    old = path.read_bytes()
    assert run("checkin", str(path), "--pain", "1")[0] == 0
    added = _inserted(old, path.read_bytes())
    assert added.count(b"\n") == added.count(b"\r\n") > 0


def test_replace_changes_only_that_check_ins_block(tmp_path: Path) -> None:
    path = _copy(tmp_path, "alex.toml", COMMENTED)
    old = path.read_bytes()
    code, _, _ = run("checkin", str(path), "--date", "2027-03-01", "--pain", "5", "--replace")
    assert code == 0
    was, now = _changed(old, path.read_bytes())
    assert b"2027-03-03" not in was + now  # the other check-in is untouched
    assert b"pain=1" in was and b"pain = 5" in now
    assert b"# first" not in now  # the header's comment went with the block it described
    runner = load_profile(path)
    assert [(c.date, c.pain) for c in runner.checkins] == [
        (date(2027, 3, 1), 5),
        (date(2027, 3, 3), 2),
    ]


def test_json_profile_keeps_key_order_and_indentation(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.json")
    old = path.read_bytes()
    assert run("checkin", str(path), "--pain", "3", "--radiating")[0] == 0
    new = path.read_bytes()
    added = _inserted(old, new)
    assert (
        added
        == b',\n  "checkins": [\n    {"date": "2027-03-10", "pain": 3, "radiating": true}\n  ]'
    )
    keys = list(json.loads(new))
    assert keys == [*json.loads(old), "checkins"]
    # a second check-in goes into the array, in the style of the first
    assert run("checkin", str(path), "--date", "2027-03-11", "--pain", "2")[0] == 0
    again = _inserted(new, path.read_bytes())
    assert again == b',\n    {"date": "2027-03-11", "pain": 2}'
    assert [c.pain for c in load_profile(path).checkins] == [3, 2]


def test_json_with_tabs_and_indented_check_ins(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "six_free_days.json").read_text())
    data["checkins"] = [{"date": "2027-03-01", "pain": 1}]
    path = tmp_path / "tabs.json"
    path.write_text(json.dumps(data, indent="\t") + "\n")
    old = path.read_bytes()
    assert run("checkin", str(path), "--pain", "4", "--cleared")[0] == 0
    added = _inserted(old, path.read_bytes()).decode()
    assert added == (
        ',\n\t\t{\n\t\t\t"date": "2027-03-10",\n\t\t\t"pain": 4,\n'
        '\t\t\t"clinician_cleared": true\n\t\t}'
    )


def test_toml_inline_array_gets_an_inline_entry(tmp_path: Path) -> None:
    text = COMMENTED.split("\n\n# the pain log")[0].replace(
        "\n[health]",
        "\ncheckins = [\n  {date = 2027-03-01, pain = 1},   # a good day\n]\n\n[health]",
        1,
    )
    path = _copy(tmp_path, "inline.toml", text)
    old = path.read_bytes()
    assert run("checkin", str(path), "--pain", "2")[0] == 0
    new = path.read_bytes()
    assert _inserted(old, new).strip() == b"{date = 2027-03-10, pain = 2},"
    assert b"[[checkins]]" not in new
    assert [c.pain for c in load_profile(path).checkins] == [1, 2]


def test_date_defaults_to_today_in_the_runners_zone(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    zones: list[str] = []

    def today(zone: str) -> date:
        zones.append(zone)
        return date(2027, 4, 2)

    code = main(["checkin", str(path), "--pain", "0"], stdout=io.StringIO(), today=today)
    assert code == 0 and zones == ["Europe/London"]
    assert load_profile(path).checkins[-1].date == date(2027, 4, 2)


def test_a_symlinked_profile_is_edited_where_it_lives(tmp_path: Path) -> None:
    real = _copy(tmp_path, "six_free_days.toml")
    link = tmp_path / "me.toml"
    link.symlink_to(real)
    assert run("checkin", str(link), "--pain", "1")[0] == 0
    assert link.is_symlink()
    assert load_profile(real).checkins[-1].pain == 1


# ------------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--pain", "11"], "--pain: 11"),
        (["--pain", "-1"], "--pain: -1"),
        (["--pain", "two"], "--pain"),
        (["--pain", "2", "--run-pain", "12"], "--run-pain: 12"),
        (["--pain", "2", "--red-flag", "dizzy"], '--red-flag: "dizzy"'),
        (["--pain", "2", "--red-flag", "fever", "fever"], "--red-flag"),
        (["--pain", "2", "--date", "1899-12-31"], "--date: 1899-12-31 is out of range"),
        (["--pain", "2", "--date", "2201-01-01"], "--date: 2201-01-01 is out of range"),
        (["--pain", "2", "--date", "2027-02-30"], "--date"),
        (["--radiating"], "--pain"),
        (["--pain", "2", "--replan"], "--replan needs --out"),
        (["--pain", "2", "--out", "x.ics"], "--out is for --replan"),
        (["--pain", "2", "--replan", "--out", "-"], "--replan needs --out"),
        (["--pain", "2", "--replan", "--out", "x.ics", "--start", "2200-12-30"], "start"),
    ],
)
def test_bad_values_exit_2_and_leave_the_file_alone(
    tmp_path: Path, options: list[str], named: str
) -> None:
    path = _copy(tmp_path, "alex.toml", COMMENTED)
    old = path.read_bytes()
    code, out, err = run("checkin", str(path), *options)
    assert code == 2 and out == ""
    assert err.startswith("runplan: error: ") and err.count("\n") == 1
    assert named in err
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alex.toml"]


def test_the_red_flag_message_lists_the_allowed_codes(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    _, _, err = run("checkin", str(path), "--pain", "1", "--red-flag", "dizzy")
    assert "allowed:" in err and "saddle_numbness" in err and "night_pain" in err


def test_an_invalid_profile_is_refused_untouched(tmp_path: Path) -> None:
    path = _copy(tmp_path, "bad.toml", COMMENTED.replace("run_days = 3", "run_days = 9"))
    old = path.read_bytes()
    code, _, err = run("checkin", str(path), "--pain", "1")
    assert code == 2 and "run_days" in err and "invalid runner profile" in err
    assert path.read_bytes() == old


def test_a_full_log_is_refused_by_the_profile_rules(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "six_free_days.json").read_text())
    data["checkins"] = [
        {"date": date.fromordinal(date(2000, 1, 1).toordinal() + i).isoformat(), "pain": 0}
        for i in range(3660)
    ]
    path = tmp_path / "full.json"
    path.write_text(json.dumps(data))
    old = path.read_bytes()
    code, _, err = run("checkin", str(path), "--pain", "1")
    assert code == 2 and "checkins" in err and "3660" in err
    assert path.read_bytes() == old


def test_a_profile_that_would_grow_past_the_size_limit_is_refused(tmp_path: Path) -> None:
    text = COMMENTED + "#" * (MAX_PROFILE_BYTES - len(COMMENTED.encode()) - 2) + "\n"
    path = _copy(tmp_path, "big.toml", text)
    assert len(path.read_bytes()) < MAX_PROFILE_BYTES and load_profile(path).checkins
    old = path.read_bytes()
    code, _, err = run("checkin", str(path), "--pain", "1")
    assert code == 2 and f"more than {MAX_PROFILE_BYTES} bytes" in err
    assert path.read_bytes() == old


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + COMMENTED.encode())
    old = path.read_bytes()
    assert run("checkin", str(path), "--pain", "1")[0] == 0
    assert path.read_bytes().startswith(old)


def test_a_second_check_in_for_a_date_is_refused_unless_replace(tmp_path: Path) -> None:
    path = _copy(tmp_path, "alex.toml", COMMENTED)
    old = path.read_bytes()
    code, _, err = run("checkin", str(path), "--date", "2027-03-03", "--pain", "4")
    assert code == 2
    assert "2027-03-03 already has a check-in" in err and "--replace" in err
    assert path.read_bytes() == old
    code, out, _ = run("checkin", str(path), "--date", "2027-03-03", "--pain", "4", "--replace")
    assert code == 0 and "Check-in for 2027-03-03 replaced" in out
    checkins = load_profile(path).checkins
    assert [c for c in checkins if c.date == date(2027, 3, 3)] == [
        CheckIn(date=date(2027, 3, 3), pain=4)
    ]


def test_replace_without_a_check_in_that_day_adds_one(tmp_path: Path) -> None:
    path = _copy(tmp_path, "alex.toml", COMMENTED)
    code, out, _ = run("checkin", str(path), "--pain", "1", "--replace")
    assert code == 0 and "added" in out
    assert len(load_profile(path).checkins) == 3


def test_library_refuses_the_same_date_without_writing(tmp_path: Path) -> None:
    path = _copy(tmp_path, "alex.toml", COMMENTED)
    old = path.read_bytes()
    with pytest.raises(ProfileError, match="already has a check-in"):
        add_checkin(path, CheckIn(date=date(2027, 3, 1), pain=0))
    assert path.read_bytes() == old
    data = add_checkin(path, CheckIn(date=date(2027, 3, 1), pain=0), replace=True)
    assert path.read_bytes() == old  # add_checkin only returns the new text
    assert b"pain = 0" in data


# -------------------------------------------------------------- what changes, said


def _lines(out: str) -> list[str]:
    return out.splitlines()


def test_a_radiating_check_in_pauses_running_with_a9(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    code, out, _ = run("checkin", str(path), "--pain", "3", "--radiating")
    assert code == 0
    lines = _lines(out)
    runs = next(line for line in lines if "runs" in line)
    assert runs.startswith("From 2027-03-10: runs paused") and "A9: leg pain" in runs
    assert any("see a specialist (A9)" in line and "spine specialist" in line for line in lines)
    assert DISCLAIMER in lines
    assert lines[-1] == f"Check-in for 2027-03-10 added in {path}."


def test_an_emergency_red_flag_says_seek_care_now_first(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    code, out, _ = run("checkin", str(path), "--pain", "2", "--red-flag", "saddle_numbness")
    assert code == 0
    first = _lines(out)[0]
    assert first.startswith("From 2027-03-10, urgent (S1): Seek emergency care now")
    assert "runs paused (S1: emergency red flags)" in out


def test_an_urgent_red_flag_says_see_a_doctor_today_first(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    code, out, _ = run("checkin", str(path), "--pain", "0", "--red-flag", "fever", "night_pain")
    assert code == 0
    assert _lines(out)[0].startswith("From 2027-03-10, urgent (S2): See a doctor today")
    assert load_profile(path).checkins[-1].red_flags == ["fever", "night_pain"]


def test_a_cleared_check_in_brings_back_the_walk_run_ladder(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    assert run("checkin", str(path), "--date", "2027-03-01", "--pain", "4", "--radiating")[0] == 0
    code, out, _ = run("checkin", str(path), "--pain", "0", "--cleared")
    assert code == 0
    assert "walk-run ladder sessions added (" in out and "R2: walk-run ladder" in out
    assert "home care (mobility, walks, ice or heat) paused" in out
    assert "runs paused" not in out


def test_a_check_in_that_changes_nothing_says_so(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    code, out, _ = run("checkin", str(path), "--pain", "1")
    assert code == 0
    assert _lines(out) == [
        "From 2027-03-10: nothing changes in your plan for the next 14 days.",
        DISCLAIMER,
        f"Check-in for 2027-03-10 added in {path}.",
    ]


# -------------------------------------------------------------------------- replan


def _events(path: Path) -> dict[str, str]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): str(e.get("STATUS", "")) for e in calendar.walk("VEVENT")}


def test_replan_reissues_the_calendar_with_the_same_uids(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    calendar = tmp_path / "alex.ics"
    code, _, _ = run(
        "plan", str(path), "--format", "ics", "--start", "2027-03-10", "--out", str(calendar)
    )
    assert code == 0
    before = _events(calendar)
    code, out, _ = run(
        "checkin", str(path), "--pain", "4", "--radiating", "--replan", "--out", str(calendar)
    )
    assert code == 0
    assert (
        f"Calendar {calendar} re-issued from 2027-03-10 for 4 weeks (previous: {calendar})." in out
    )
    after = _events(calendar)
    cancelled = {uid for uid, status in after.items() if status == "CANCELLED"}
    assert cancelled, "the dropped runs are sent as cancelled"
    assert cancelled <= before.keys()  # cancelled under the UIDs the runner's calendar has
    assert before.keys() <= after.keys()  # every event issued before is updated or cancelled
    kept = before.keys() & {uid for uid, status in after.items() if status != "CANCELLED"}
    assert kept, "sessions that stay keep their UIDs"


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def test_replan_options_reach_the_plan(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    calendar = tmp_path / "new.ics"
    code, out, _ = run(
        "checkin", str(path), "--pain", "0", "--replan", "--out", str(calendar),
        "--start", "2027-03-15", "--weeks", "2", "--calendar", "Alex",
    )  # fmt: skip
    assert code == 0 and "re-issued from 2027-03-15 for 2 weeks." in out
    parsed = Calendar.from_ical(calendar.read_bytes())
    assert str(parsed["X-WR-CALNAME"]) == "Alex"
    starts = sorted(_day(e.decoded("DTSTART")) for e in parsed.walk("VEVENT"))
    assert starts[0] >= date(2027, 3, 15) and starts[-1] < date(2027, 3, 29)


def test_replan_failure_after_saving_says_the_check_in_was_saved(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    folder = tmp_path / "calendar"
    folder.mkdir()
    code, _, err = run("checkin", str(path), "--pain", "1", "--replan", "--out", str(folder))
    assert code == 2
    assert "the check-in was saved" in err and "is a folder" in err
    assert load_profile(path).checkins[-1].date == TODAY


def test_replan_out_may_not_be_the_profile(tmp_path: Path) -> None:
    path = _copy(tmp_path, "six_free_days.toml")
    old = path.read_bytes()
    code, _, err = run("checkin", str(path), "--pain", "1", "--replan", "--out", str(path))
    assert code == 2 and "--out is the profile itself" in err
    assert path.read_bytes() == old


# ------------------------------------------------------------------------ property


INLINE = COMMENTED.split("\n\n# the pain log")[0].replace(
    "\n[health]", "\ncheckins = [{date = 2027-03-01, pain = 1}]\n[health]", 1
)
COMPACT = json.dumps(
    {**json.loads((EXAMPLES / "six_free_days.json").read_text()), "checkins": []},
    separators=(",", ":"),
)

_BASES: dict[str, Callable[[Path], Path]] = {
    "toml": lambda folder: _copy(folder, "alex.toml", COMMENTED),
    "toml-crlf": lambda folder: _copy(folder, "crlf.toml", COMMENTED.replace("\n", "\r\n")),
    "toml-inline": lambda folder: _copy(folder, "inline.toml", INLINE),
    "json": lambda folder: _copy(folder, "six_free_days.json"),
    "json-compact": lambda folder: _copy(folder, "compact.json", COMPACT),
}


@given(
    st.sampled_from(sorted(_BASES)),
    checkins_near(date(2027, 3, 1)).map(CheckIn.model_validate),
    st.booleans(),
)
def test_any_accepted_check_in_round_trips(kind: str, checkin: CheckIn, replace: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _BASES[kind](Path(folder))
        old = path.read_bytes()
        try:
            edit = edit_profile(path, checkin, replace=replace)
        except ProfileError:
            assume(False)
            raise
        write_profile(path, edit.data)
        runner = load_profile(path)
        assert checkin in runner.checkins
        assert runner == edit.after
        if not edit.replaced:
            assert runner.checkins == [*edit.before.checkins, checkin]
            _inserted(old, path.read_bytes())
            if kind in {"toml", "toml-crlf"}:
                assert path.read_bytes().startswith(old)


def test_replan_with_the_log_grows_from_what_was_logged(tmp_path: Path) -> None:
    """--replan --log re-plans as plan --log does (H1): the calendar carries the note."""
    path = _copy(tmp_path, "six_free_days.toml")
    log = tmp_path / "log.csv"
    log.write_text("2027-03-10,run,40\n2027-03-12,run,40\n", encoding="utf-8")
    calendar = tmp_path / "new.ics"
    code, _, err = run(
        "checkin", str(path), "--pain", "0", "--date", "2027-03-14", "--replan",
        "--out", str(calendar), "--start", "2027-03-15", "--log", str(log),
    )  # fmt: skip
    assert code == 0, err
    text = calendar.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "Training log: 80 run minutes logged" in text
    code, _, err = run("checkin", str(path), "--pain", "0", "--log", str(log))
    assert code == 2 and "--log" in err


def test_a_block_inserted_before_other_tables_adds_no_newline_at_the_end(
    tmp_path: Path,
) -> None:
    """[[checkins]] before [availability] in a file without a final newline: the new
    block goes after the last check-in and the file still ends as it did."""
    path = _copy(tmp_path, "six_free_days.toml")
    text = path.read_text(encoding="utf-8").rstrip("\n")
    head, tail = text.split("[availability]", 1)
    old = head + "[[checkins]]\ndate = 2026-12-01\npain = 1\n\n[availability]" + tail
    path.write_text(old, encoding="utf-8")
    code, _, err = run("checkin", str(path), "--pain", "2", "--date", "2026-12-02")
    assert code == 0, err
    new = path.read_text(encoding="utf-8")
    assert not new.endswith("\n") and new.endswith(old[-40:])
    before = old.index("[availability]")
    assert new[:before] == old[:before]
    assert new[new.index("[availability]") :] == old[before:]
