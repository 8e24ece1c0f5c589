"""Issue 13, item 4: a roster that stops part-way leaves nothing that lies.

Ctrl-C or SIGTERM at any point: exit 130 with one line, no index of an earlier run
beside this run's files, no temporary file, no worker process left; a full disk names
the file; a file name that is not UTF-8 is reported and skipped.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

import runplan.roster.run as roster_run
from runplan.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
START = "2026-12-07"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=lambda _tz: date(2026, 11, 26))
    return code, out.getvalue(), err.getvalue()


def profiles(tmp_path: Path, copies: int) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir()
    text = (EXAMPLES / "six_free_days.toml").read_text("utf-8")
    for k in range(copies):
        (folder / f"runner{k:03d}.toml").write_text(
            text.replace("name = ", f'name = "R{k}" #'), "utf-8"
        )
    return folder


def test_an_interrupted_roster_leaves_no_earlier_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, out = profiles(tmp_path, 4), tmp_path / "out"
    assert run("roster", str(folder), "--out", str(out), "--start", START)[0] == 0
    assert (out / "index.csv").exists()
    written: list[str] = []
    real_write = roster_run._Outputs.write

    def write_then_stop(self: roster_run._Outputs, profile: Path, outcome: object) -> object:
        if written:
            raise KeyboardInterrupt
        written.append(profile.name)
        return real_write(self, profile, outcome)  # type: ignore[arg-type]

    monkeypatch.setattr(roster_run._Outputs, "write", write_then_stop)
    code, _, err = run("roster", str(folder), "--out", str(out), "--start", "2027-01-04")
    assert code == 130 and err.endswith("runplan: interrupted\n") and "Traceback" not in err
    names = {p.name for p in out.iterdir()}
    assert not names & {"index.csv", "index.md"}
    assert not [n for n in names if n.endswith(".tmp")]


def test_a_full_disk_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "plan.ics"
    code, _, err = run("plan", str(EXAMPLES / "six_free_days.toml"), "--out", str(target))
    assert code == 2 and err.count("\n") == 1
    assert str(target) in err and "No space left on device" in err
    assert list(tmp_path.iterdir()) == []  # no temporary file, no half-written plan


def test_a_file_name_that_is_not_utf8_is_reported_and_skipped(tmp_path: Path) -> None:
    folder, out = profiles(tmp_path, 2), tmp_path / "out"
    odd = os.fsdecode(b"caf\xe9.toml")
    (folder / odd).write_bytes((EXAMPLES / "six_free_days.toml").read_bytes())
    code, stdout, err = run("roster", str(folder), "--out", str(out), "--start", START)
    assert code == 1
    assert "runplan: error: caf\\xe9.toml: the file name is not valid UTF-8; skipped" in err
    assert stdout.startswith("2 of 2 runners planned")
    assert (out / "index.csv").read_text("utf-8").count("\n") == 3  # header and two rows


def _children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads worker processes from /proc")
def test_sigterm_stops_a_roster_and_its_workers(tmp_path: Path) -> None:
    folder, out = profiles(tmp_path, 120), tmp_path / "out"
    argv = [sys.executable, "-m", "runplan", "roster", str(folder), "--out", str(out)]
    argv += ["--start", START, "--weeks", "52", "--jobs", "2", "--format", "ics,json,text"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(out.glob("*.ics")):
        workers |= _children(proc.pid)
        time.sleep(0.05)
    workers |= _children(proc.pid)
    assert proc.poll() is None, "the roster finished before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert (proc.returncode, err) == (130, "runplan: interrupted\n")
    time.sleep(5)
    assert not _alive(workers)
    names = {p.name for p in out.iterdir()}
    assert not names & {"index.csv", "index.md"}
    assert not [n for n in names if n.endswith(".tmp")]
