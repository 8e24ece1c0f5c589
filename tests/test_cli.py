"""The ``runplan`` command, run in-process (``runplan.cli.main``) with an injected clock."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from runplan.cli import main
from runplan.export.jsonout import plan_from_json
from runplan.rules import DISCLAIMER, RULES
from runplan.schedule import next_week_start
from test_profile import BAD, GENERATED, _manifest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
SIX = EXAMPLES / "six_free_days.toml"


def run(*argv: str, today: date = date(2026, 11, 26)) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=lambda _tz: today)
    return code, out.getvalue(), err.getvalue()


def test_plan_json_default_start_is_next_week_start() -> None:
    code, out, err = run("plan", str(SIX), "--format", "json", "--weeks", "2")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["start"] == "2026-11-30"  # 2026-11-26 is a Thursday; week_start = mon
    assert len(data["weeks"]) == 2
    assert data["disclaimer"] == DISCLAIMER


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 29), date(2026, 11, 30)),  # Sunday -> tomorrow
        (date(2026, 11, 30), date(2026, 12, 7)),  # Monday -> next Monday
        (date(2026, 12, 5), date(2026, 12, 7)),
    ],
)
def test_next_week_start(today: date, expected: date) -> None:
    assert next_week_start(today, 0) == expected


def test_plan_text_carries_disclaimer() -> None:
    code, out, _ = run("plan", str(SIX), "--start", "2026-12-07", "--weeks", "1")
    assert code == 0
    assert "Easy run" in out and DISCLAIMER.split(".")[0] in out


def test_plan_ics_to_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    code, out, err = run(
        "plan",
        str(SIX),
        "--start",
        "2026-12-07",
        "--format",
        "ics",
        "--out",
        str(target),
        "--alarm",
        "30",
    )
    assert (code, out, err) == (0, "", "")
    cal = Calendar.from_ical(target.read_bytes())
    events = list(cal.walk("VEVENT"))
    timed = [ev for ev in events if "ADVISORY" not in str(ev.get("CATEGORIES").to_ical())]
    assert len(timed) == 4 * 7  # 3 runs + 2 cross + 2 strength a week
    assert len(cal.walk("VALARM")) == len(timed)
    assert all(a["TRIGGER"].to_ical() == b"-PT30M" for a in cal.walk("VALARM"))
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]  # no temporary file left


def test_same_input_same_bytes(tmp_path: Path) -> None:
    outs = []
    for name in ("a.ics", "b.ics"):
        run(
            "plan",
            str(SIX),
            "--start",
            "2026-12-07",
            "--format",
            "ics",
            "--out",
            str(tmp_path / name),
        )
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]


def test_check_accepts_generated_plan_and_rejects_tampered(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.json"
    assert (
        run("plan", str(SIX), "--start", "2026-12-07", "--format", "json", "--out", str(plan_file))[
            0
        ]
        == 0
    )
    code, out, _ = run("check", str(SIX), str(plan_file))
    assert code == 0 and out.startswith("ok")

    data = json.loads(plan_file.read_text())
    days = data["weeks"][0]["days"]
    runs = [d for d in days if any(s["kind"] == "run" for s in d["sessions"])]
    run_session = next(s for s in runs[0]["sessions"] if s["kind"] == "run")
    nxt = days[days.index(runs[0]) + 1]
    moved = dict(run_session, start=run_session["start"].replace(runs[0]["date"], nxt["date"]))
    nxt["sessions"] = [moved]  # a run the day after a run: A4
    plan_file.write_text(json.dumps(data))
    code, out, _ = run("check", str(SIX), str(plan_file))
    assert code == 1
    assert "A4" in out


def test_check_refuses_a_broken_plan_file(tmp_path: Path) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text('{"runner": 1}')
    code, out, err = run("check", str(SIX), str(bad))
    assert code == 2 and out == ""
    assert "plan.json" in err and "Traceback" not in err


def test_plan_format_choices_are_the_export_registry() -> None:
    from runplan.cli.plan import PLAN_FORMATS
    from runplan.export.formats import FORMATS

    # The order is the one usage and errors have always shown; the set is the registry's.
    assert PLAN_FORMATS == ("json", "text", "ics", "html")
    assert sorted(PLAN_FORMATS) == sorted(FORMATS)
    code, _, err = run("plan", str(SIX), "--format", "xml")
    assert code == 2 and re.search(r"choose from \W*json\W+text\W+ics\W+html\W*\)", err)


def test_rules_lists_every_rule() -> None:
    code, out, _ = run("rules")
    assert code == 0
    for rule_id in RULES:
        assert f"\n{rule_id} " in "\n" + out


@pytest.mark.parametrize("which", ["profile", "plan"])
def test_schema(which: str) -> None:
    code, out, _ = run("schema", which)
    assert code == 0
    schema = json.loads(out)
    assert "properties" in schema


def test_profile_summary() -> None:
    code, out, _ = run("profile", str(SIX))
    assert code == 0 and out.startswith("ok: ")


@pytest.mark.parametrize(
    "argv",
    [
        ["plan"],
        ["plan", str(SIX), "--weeks", "0"],
        ["plan", str(SIX), "--weeks", "105"],
        ["plan", str(SIX), "--start", "2026-13-01"],
        ["plan", str(SIX), "--format", "pdf"],
        ["nonsense"],
        [],
    ],
)
def test_bad_options_exit_2_with_one_paragraph(argv: list[str], tmp_path: Path) -> None:
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err


def _bad_cases() -> list[str]:
    return sorted(_manifest())


@pytest.mark.parametrize("name", _bad_cases())
def test_every_bad_profile_exits_2_without_output(name: str, tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    code, out, err = run("plan", str(BAD / name), "--format", "ics", "--out", str(target))
    assert code == 2 and out == ""
    assert err.startswith("runplan: error: ") and err.count("\n") == 1
    assert name in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("case", GENERATED, ids=lambda c: c.name)
def test_generated_bad_profiles_exit_2(case: object, tmp_path: Path) -> None:
    path = case.path(tmp_path)  # type: ignore[attr-defined]
    code, _, err = run("plan", str(path), "--out", str(tmp_path / "x.txt"))
    assert code == 2 and err.count("\n") == 1
    assert not (tmp_path / "x.txt").exists()


def test_missing_profile_file(tmp_path: Path) -> None:
    code, _, err = run("plan", str(tmp_path / "nope.toml"))
    assert code == 2 and "no such file" in err


def test_unwritable_output_leaves_nothing(tmp_path: Path) -> None:
    code, _, err = run("plan", str(SIX), "--out", str(tmp_path / "missing" / "x.ics"))
    assert code == 2 and "Traceback" not in err
    assert not (tmp_path / "missing").exists()


def test_round_trip_through_cli_json(tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    run("plan", str(SIX), "--start", "2026-12-07", "--format", "json", "--out", str(target))
    text = target.read_text()
    assert json.loads(plan_from_json(text).model_dump_json()) == json.loads(text)


def test_the_command_line_loads_the_library_only_for_the_command_run() -> None:
    """`runplan --help` or `runplan rules` must not pay for pydantic, icalendar or the
    scheduler: each command imports what it needs when it runs."""
    code = (
        "import sys, runplan.cli\n"
        "heavy = [m for m in ('pydantic', 'icalendar', 'runplan.schedule', 'runplan.models') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
