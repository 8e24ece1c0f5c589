"""``runplan roster`` (in-process) and ``runplan.plan_many`` (serial, process pool, dask).

tests/data/roster holds six profiles: two plain runners whose file stems slug alike
("Ann Lee.toml", "ann-lee.toml"; the second with a name hostile to Markdown and to
spreadsheets), one with a red flag (urgent), one JSON profile with a disc condition
(consult), and two broken ones (bad TOML, bad field); README.txt is not a profile.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import distributed  # the test extra installs runplan[cluster]: the route is tested
import pytest
from hypothesis import given
from hypothesis import strategies as st

import runplan
import runplan.cli.roster as roster_command
from runplan.cli import main
from runplan.roster import assign_slugs, slugify

ROSTER = Path(__file__).resolve().parent / "data" / "roster"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
START = "2026-12-07"
GOOD = {
    "Ann Lee.toml": "ann-lee",
    "ann-lee.toml": "ann-lee-2",
    "red_flag.toml": "red-flag",
    "disc.json": "disc",
}
BAD = {"broken_syntax.toml": "not valid TOML", "broken_fields.toml": "run_days: 9"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

T = TypeVar("T")
#: dask.distributed, typed loosely: it ships no hints for its constructors.
DASK: Any = distributed


def run(*argv: str, stderr: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), stderr if stderr is not None else io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=lambda _tz: date(2026, 11, 26))
    return code, out.getvalue(), err.getvalue()


def roster(out: Path, *extra: str, stderr: io.StringIO | None = None) -> tuple[int, str, str]:
    return run(
        "roster",
        str(ROSTER),
        "--out",
        str(out),
        "--start",
        START,
        "--format",
        "ics,json",
        *extra,
        stderr=stderr,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ------------------------------------------------------------------- the command


def test_roster_plans_the_good_and_reports_the_bad(tmp_path: Path) -> None:
    code, out, err = roster(tmp_path / "out")
    assert code == 1
    expected = {f"{slug}.{ext}" for slug in GOOD.values() for ext in ("ics", "json")}
    assert set(snapshot(tmp_path / "out")) == expected | {"index.csv", "index.md"}
    for name, phrase in BAD.items():
        line = next(x for x in err.splitlines() if x.startswith(f"runplan: error: {name}: "))
        assert phrase in line
    assert err.splitlines()[-1] == (
        "runplan: roster: 2 of 6 profiles failed: broken_fields.toml, broken_syntax.toml"
    )
    assert "Traceback" not in err
    assert out.startswith("4 of 6 runners planned into ")
    for profile, slug in GOOD.items():  # every file is that runner's own plan
        data = json.loads((tmp_path / "out" / f"{slug}.json").read_text("utf-8"))
        assert data["start"] == START and len(data["weeks"]) == 4
        assert data["runner"] == runplan.load_profile(ROSTER / profile).name


def test_roster_all_good_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    for name in ("six_free_days.toml", "six_free_days.json", "four_free_days.toml"):
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    code, out, err = run("roster", str(folder), "--out", str(tmp_path / "out"), "--start", START)
    assert (code, err.count("error")) == (0, 0)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "four-free-days.ics",
        "index.csv",
        "index.md",
        "six-free-days-2.ics",
        "six-free-days.ics",
    ]  # six_free_days.json sorts before .toml
    assert out.startswith("3 of 3 runners planned")


def test_index_flags_urgent_then_consult_and_lists_every_advisory(tmp_path: Path) -> None:
    roster(tmp_path)
    with (tmp_path / "index.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["flag"], r["profile"]) for r in rows] == [
        ("URGENT", "red_flag.toml"),
        ("CONSULT", "disc.json"),
        ("FAILED", "broken_fields.toml"),
        ("FAILED", "broken_syntax.toml"),
        ("", "Ann Lee.toml"),
        ("", "ann-lee.toml"),
    ]
    for row in rows:
        if row["flag"] == "FAILED":
            assert row["error"] and not row["files"] and row["weeks"] == "0"
            continue
        plan = json.loads((tmp_path / f"{GOOD[row['profile']]}.json").read_text("utf-8"))
        lines = row["advisories"].splitlines() if row["advisories"] else []
        assert len(lines) == len(plan["advisories"])
        for advisory in plan["advisories"]:
            assert any(advisory["message"] in x and x.startswith(advisory["date"]) for x in lines)
        kinds = [x.split()[1] for x in lines]
        assert kinds == sorted(kinds, key=["urgent", "consult", "note"].index)
        sessions = sum(len(d["sessions"]) for w in plan["weeks"] for d in w["days"])
        assert (row["weeks"], row["sessions"]) == ("4", str(sessions))
    urgent = rows[0]
    assert urgent["first_alert"] == "2026-12-08" and urgent["urgent"] == "1"
    assert urgent["advisories"].splitlines()[0].startswith("2026-12-08 urgent [S1]: ")
    # A name that starts like a formula is neutralised for spreadsheets.
    assert rows[-1]["runner"] == "'=Ann | Lee *two* <b>"


def test_index_markdown(tmp_path: Path) -> None:
    roster(tmp_path)
    md = (tmp_path / "index.md").read_text("utf-8")
    table = [x for x in md.splitlines() if x.startswith("| ")][2:]
    assert [x.split(" | ")[0] for x in table] == [
        "| **URGENT**",
        "| **CONSULT**",
        "| **FAILED**",
        "| **FAILED**",
        "| ",
        "| ",
    ]
    # The hostile name cannot break the table or inject HTML.
    assert r"=Ann \| Lee \*two\* \<b\>" in md and "<b>" not in md
    assert all(x.count(" | ") == 6 for x in table)
    assert "### URGENT: Ruth Flag (red\\_flag.toml)" in md
    assert "## Failed profiles" in md and "broken\\_syntax.toml: invalid runner profile" in md
    assert "[ann-lee-2.ics](<ann-lee-2.ics>)" in md
    assert "not medical advice" in md


def test_same_folder_same_names_and_bytes_and_no_temporary_files(tmp_path: Path) -> None:
    roster(tmp_path / "a")
    roster(tmp_path / "b")
    roster(tmp_path / "a")  # again over its own output
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert a == b
    assert not [n for n in a if n.startswith(".") or n.endswith(".tmp")]


def test_jobs_2_uses_worker_processes_and_gives_the_same_files(tmp_path: Path) -> None:
    roster(tmp_path / "serial")
    code, _, err = roster(tmp_path / "pool", "--jobs", "2")
    assert code == 1 and "broken_syntax.toml" in err
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "pool")


def test_failed_runner_keeps_no_new_file_and_others_still_written(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "good.toml").write_bytes((ROSTER / "Ann Lee.toml").read_bytes())
    (folder / "bad.json").write_text("[1, 2]", encoding="utf-8")
    code, _, err = run("roster", str(folder), "--out", str(tmp_path / "out"), "--start", START)
    assert code == 1
    assert (
        "runplan: error: bad.json: invalid runner profile (1 problem): the JSON top level "
        "is an array" in err
    )
    assert sorted(snapshot(tmp_path / "out")) == ["good.ics", "index.csv", "index.md"]


# ---------------------------------------------------------------------- progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_plain_lines_off_a_terminal(tmp_path: Path) -> None:
    _, _, err = roster(tmp_path)
    done = [x for x in err.splitlines() if "profiles done" in x]
    assert done[-1] == "runplan: roster: 6/6 profiles done (2 failed)"
    assert len(done) == 6 and "\r" not in err


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    terminal = _Terminal()
    code, _, err = roster(tmp_path, stderr=terminal)
    assert code == 1
    assert "\r" in err and "planning" in err and "6/6" in err and "2 failed" in err
    assert "profiles done" not in err
    # Error lines are printed above the bar, whole: what a terminal shows of each line.
    shown = [line.split("\r")[-1] for line in err.split("\n")]
    assert any(
        x.startswith("runplan: error: broken_fields.toml: ") and "run_days" in x for x in shown
    )


# ------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("argv", "phrase"),
    [
        (["roster", "{missing}", "--out", "{out}"], "no such folder"),
        (["roster", "{file}", "--out", "{out}"], "is a file; allowed: a folder of profiles"),
        (["roster", "{empty}", "--out", "{out}"], "no profiles found"),
        (["roster", "{roster}", "--out", "{file}"], "is a file; allowed: a folder"),
        (["roster", "{roster}", "--out", "{out}", "--format", "ics,pdf"], "allowed: a comma"),
        (["roster", "{roster}", "--out", "{out}", "--format", ","], "allowed: a comma"),
        (["roster", "{roster}", "--out", "{out}", "--jobs", "0"], "number of processes"),
        (["roster", "{roster}", "--out", "{out}", "--weeks", "105"], "out of range"),
        (["roster", "{roster}"], "--out"),
    ],
)
def test_bad_requests_exit_2_in_one_paragraph(tmp_path: Path, argv: list[str], phrase: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "file.toml").write_text("x = 1\n", encoding="utf-8")
    names = {
        "missing": tmp_path / "nope",
        "file": tmp_path / "file.toml",
        "empty": tmp_path / "empty",
        "out": tmp_path / "out",
        "roster": ROSTER,
    }
    code, out, err = run(*(a.format(**names) for a in argv))
    assert (code, out) == (2, "")
    assert err.startswith("runplan: error: ") and err.count("\n") == 1 and phrase in err
    assert not (tmp_path / "out").exists()


def test_out_may_not_be_the_profiles_folder(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_bytes((ROSTER / "Ann Lee.toml").read_bytes())
    (tmp_path / "sub").mkdir()
    code, _, err = run("roster", f"{tmp_path}/sub/..", "--out", str(tmp_path))
    assert code == 2 and "is the profiles folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "sub"]


# -------------------------------------------------------------------------- slugs


@pytest.mark.parametrize(
    ("stem", "slug"),
    [
        ("Ann Lee", "ann-lee"),
        ("Zoë Ärnö", "zoe-arno"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "runner-" + __import__("hashlib").sha256(b"..").hexdigest()[:10]),
        ("--x--", "x"),
        ("CON", "con-runner"),
        ("index", "index-runner"),
        ("a" * 100, "a" * 64),
        ("a" * 63 + "-b", "a" * 63),
    ],
)
def test_slugify(stem: str, slug: str) -> None:
    assert slugify(stem) == slug


def test_slugify_non_latin_is_stable_and_distinct() -> None:
    assert slugify("李雷") == slugify("李雷") != slugify("韩梅梅")
    assert slugify("李雷").startswith("runner-")


def test_assign_slugs_collisions() -> None:
    assert assign_slugs(["ann-lee.toml", "Ann Lee.toml"]) == {
        "Ann Lee.toml": "ann-lee",
        "ann-lee.toml": "ann-lee-2",
    }
    # A suffix never takes another file's own slug.
    assert assign_slugs(["a.toml", "a.json", "a-2.toml"]) == {
        "a-2.toml": "a-2",
        "a.json": "a",
        "a.toml": "a-3",
    }


@given(
    st.lists(
        st.text(min_size=1, max_size=30).map(lambda s: s.replace("/", "_") + ".toml"), max_size=12
    )
)
def test_assign_slugs_properties(names: list[str]) -> None:
    slugs = assign_slugs(names)
    assert set(slugs) == set(names)
    assert len(set(slugs.values())) == len(slugs)  # no collisions
    assert all(SLUG.match(s) and len(s) <= 80 for s in slugs.values())  # no traversal
    assert assign_slugs(reversed(names)) == slugs  # independent of listing order


# ---------------------------------------------------------------------- plan_many


def _inputs() -> list[Any]:
    return [
        runplan.load_profile(EXAMPLES / "six_free_days.toml"),
        ROSTER / "broken_fields.toml",
        str(ROSTER / "disc.json"),
        ROSTER / "Ann Lee.toml",
        42,
    ]


def _index_of(digest: tuple[object, ...]) -> int:
    """The input position a :func:`_digest` starts with."""
    index = digest[0]
    assert isinstance(index, int)
    return index


def _digest(outcome: runplan.PlanOutcome) -> tuple[object, ...]:
    return (
        outcome.index,
        outcome.source,
        outcome.runner,
        outcome.weeks,
        outcome.sessions,
        outcome.advisories,
        dict(outcome.outputs),
        outcome.error,
        outcome.ok,
    )


def test_plan_many_serial() -> None:
    outcomes = list(
        runplan.plan_many(_inputs(), start=date(2026, 12, 7), weeks=2, formats=["json", "ics"])
    )
    assert [o.index for o in outcomes] == [0, 1, 2, 3, 4]
    first = outcomes[0]
    assert first.ok and first.plan is not None and first.violations == ()
    assert first.outputs["json"] == runplan.to_json(first.plan).encode("utf-8")
    assert first.outputs["ics"] == runplan.to_ics(first.plan)
    assert (first.source, first.runner, first.weeks) == ("Alex Doe", "Alex Doe", 2)
    assert not outcomes[1].ok and "run_days: 9 is too large" in (outcomes[1].error or "")
    assert outcomes[1].error_type == "ProfileError" and outcomes[1].plan is None
    assert any(a.kind.value == "consult" for a in outcomes[2].advisories)
    assert outcomes[4].error_type == "TypeError" and "not a runner" in (outcomes[4].error or "")


def test_plan_many_on_a_process_pool_matches_serial() -> None:
    options: dict[str, Any] = {"start": date(2026, 12, 7), "weeks": 2, "formats": ["ics"]}
    serial = [_digest(o) for o in runplan.plan_many(_inputs(), **options)]
    with ProcessPoolExecutor(2) as pool:
        pooled = [_digest(o) for o in runplan.plan_many(_inputs(), executor=pool, **options)]
        unordered = sorted(
            (
                _digest(o)
                for o in runplan.plan_many(
                    _inputs(), executor=pool, ordered=False, keep_plans=False, **options
                )
            ),
            key=_index_of,
        )
    assert pooled == serial
    assert unordered == serial


class _CountingExecutor(Executor):
    """A thread pool that records how many submitted tasks are not yet finished."""

    def __init__(self, workers: int) -> None:
        self.pool = ThreadPoolExecutor(workers)
        self._max_workers = workers
        self.lock = threading.Lock()
        self.outstanding = self.peak = self.submitted = 0

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        with self.lock:
            self.submitted += 1
            self.outstanding += 1
            self.peak = max(self.peak, self.outstanding)
        future = self.pool.submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        return future

    def _done(self, _: object) -> None:
        with self.lock:
            self.outstanding -= 1

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.pool.shutdown(wait, cancel_futures=cancel_futures)


@pytest.mark.parametrize("ordered", [True, False])
def test_plan_many_streams_with_a_bounded_number_in_flight(ordered: bool) -> None:
    runner = runplan.load_profile(EXAMPLES / "six_free_days.toml")
    taken: list[int] = []

    def runners() -> Iterator[runplan.Runner]:
        for i in range(40):
            taken.append(i)
            yield runner

    executor = _CountingExecutor(2)
    stream = runplan.plan_many(
        runners(), start=date(2026, 12, 7), weeks=1, executor=executor, ordered=ordered
    )
    first = next(stream)
    # Streaming: the first outcome comes before the input is drained.  (How many were
    # taken by then depends on which finished first: in input order a later task may end
    # before the first, freeing its slot; the bound that holds is on tasks in flight.)
    assert first.ok and len(taken) < 40
    rest = list(stream)
    executor.shutdown()
    assert executor.peak <= 4 and executor.submitted == 40
    assert sorted(o.index for o in [first, *rest]) == list(range(40))
    if ordered:
        assert [o.index for o in [first, *rest]] == list(range(40))


def test_plan_many_leaving_early_cancels_the_rest() -> None:
    runner = runplan.load_profile(EXAMPLES / "six_free_days.toml")
    executor = _CountingExecutor(1)
    stream = runplan.plan_many(
        [runner] * 50, start=date(2026, 12, 7), weeks=1, executor=executor, max_in_flight=3
    )
    next(stream)
    stream.close()
    executor.shutdown()
    assert executor.submitted <= 4


def test_plan_many_checks_its_arguments_at_once() -> None:
    with pytest.raises(runplan.PlanRequestError, match="weeks"):
        runplan.plan_many([], weeks=0)
    with pytest.raises(ValueError, match="formats: 'pdf'"):
        runplan.plan_many([], formats=["pdf"])
    with pytest.raises(ValueError, match="max_in_flight"):
        runplan.plan_many([], executor=ThreadPoolExecutor(1), max_in_flight=0)


def test_plan_many_default_start_uses_each_runners_clock() -> None:
    runner = runplan.load_profile(EXAMPLES / "six_free_days.toml")
    seen: list[str] = []

    def today(zone: str) -> date:
        seen.append(zone)
        return date(2026, 11, 26)

    (outcome,) = runplan.plan_many([runner], today=today)
    assert seen == ["Europe/London"]
    assert outcome.plan is not None and outcome.plan.start == date(2026, 11, 30)


def test_plan_many_on_dask_distributed() -> None:
    """The route beyond one machine: the same roster on a dask.distributed cluster."""
    profiles = sorted(ROSTER.glob("*.toml")) + sorted(ROSTER.glob("*.json"))
    options: dict[str, Any] = {
        "start": date(2026, 12, 7),
        "weeks": 2,
        "formats": ["ics"],
        "keep_plans": False,
    }
    serial = [_digest(o) for o in runplan.plan_many(profiles, **options)]
    with (
        DASK.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        DASK.Client(cluster) as client,
    ):
        executor = client.get_executor()
        clustered = [
            _digest(o)
            for o in runplan.plan_many(profiles, executor=executor, max_in_flight=4, **options)
        ]
    assert clustered == serial
    assert sum(1 for d in clustered if d[-1]) == 4  # four good profiles, two broken


def test_roster_cluster_option_plans_on_a_dask_scheduler(tmp_path: Path) -> None:
    """``roster --cluster ADDRESS``: the same files as a serial run, planned by the
    workers of a real scheduler (a LocalCluster on this machine, over TCP)."""
    code, _, _ = roster(tmp_path / "serial")
    assert code == 1
    with DASK.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        code, out, err = roster(tmp_path / "cluster", "--cluster", cluster.scheduler_address)
    assert code == 1 and "Traceback" not in err
    assert out.startswith("4 of 6 runners planned")
    assert snapshot(tmp_path / "cluster") == snapshot(tmp_path / "serial")


def test_roster_cluster_that_cannot_be_reached_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roster_command, "CONNECT_TIMEOUT_S", 1)
    code, _, err = roster(tmp_path / "out", "--cluster", "tcp://127.0.0.1:9")
    assert code == 3
    assert err.startswith("runplan: error: --cluster tcp://127.0.0.1:9: cannot reach")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out" / "index.csv").exists()


def test_roster_jobs_and_cluster_are_exclusive(tmp_path: Path) -> None:
    code, _, err = roster(tmp_path / "out", "--jobs", "2", "--cluster", "tcp://127.0.0.1:9")
    assert code == 2 and "give one" in err


# ------------------------------------------------------------------ lazy imports


def test_import_runplan_is_light_and_names_resolve() -> None:
    code = (
        "import sys, runplan\n"
        "heavy = [m for m in ('pydantic', 'icalendar', 'dateutil', 'runplan.models') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "import warnings; warnings.simplefilter('ignore', DeprecationWarning)\n"
        "import runplan.validate\n"  # the deprecated submodule must not hide the function
        "assert callable(runplan.validate)\n"
        "assert runplan.validate.__module__ == 'runplan.validation.checks'\n"
        "assert runplan.to_json.__module__ == 'runplan.export.jsonout'\n"
        "assert 'icalendar' not in sys.modules\n"
        "assert runplan.to_ics.__module__ == 'runplan.export.ics.render'\n"
        "ns = {}\n"
        "exec('from runplan import *', ns)\n"
        "assert set(runplan.__all__) <= set(ns) | {'__version__'}\n"
        "assert set(runplan.__all__) <= set(dir(runplan))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert {"plan_many", "PlanOutcome"} <= set(runplan.__all__)
    with pytest.raises(AttributeError, match="no_such_name"):
        runplan.no_such_name  # noqa: B018
