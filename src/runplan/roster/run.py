"""``runplan roster``: plan every profile of a folder, one file per runner and format.

Every ``*.toml`` and ``*.json`` file of the folder (not its subfolders, not hidden
files) is one runner (:mod:`~runplan.roster.names`).  Every file is written atomically.
The folder format ``fit`` writes a folder per runner instead, ``<slug>/``, of FIT workout
files and their ``manifest.json`` (docs/workouts.md).
Beside the plans go ``index.csv`` and ``index.md`` (:mod:`~runplan.roster.index`), and
with the ``html`` format the coach's dashboard ``index.html``
(:mod:`~runplan.roster.dashboard`), with adherence when ``log_dir`` holds logs.  A
bad profile is reported with its file name and message and the others still plan; the
exit status is then 1.  See docs/roster.md.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from runplan._text import plural
from runplan.batch import PlanOutcome, plan_many
from runplan.errors import RosterError
from runplan.export.files import write_atomic
from runplan.export.formats import FOLDER_FORMATS, FORMATS
from runplan.roster.dashboard import INDEX_HTML, Glance, dashboard_html, failed, glance
from runplan.roster.index import (
    INDEX_CSV,
    INDEX_MD,
    RosterRow,
    index_csv,
    index_markdown,
    roster_row,
)
from runplan.roster.logs import check_log_dir, runner_log
from runplan.roster.names import assign_slugs, find_profiles
from runplan.roster.progress import Progress, progress_for

__all__ = ["formats_of", "run_roster"]


def run_roster(
    profiles_dir: Path,
    out_dir: Path,
    *,
    out: TextIO,
    err: TextIO,
    jobs: int = 1,
    start: date | None = None,
    weeks: int = 4,
    formats: Sequence[str] = ("ics",),
    revision: datetime | None = None,
    alarm_minutes: int | None = None,
    today: Callable[[str], date] | None = None,
    executor: Executor | None = None,
    log_dir: Path | None = None,
) -> int:
    """Plan every profile of ``profiles_dir`` into ``out_dir``; 0, or 1 if any failed.

    ``jobs`` > 1 plans on that many worker processes (``executor`` overrides it).
    With the ``html`` format the dashboard reads each runner's plan on ``today`` (the
    injected clock; without one, the plan's first day) and, from ``log_dir``, their
    training log.  Raises :class:`RosterError` or :class:`OSError` when nothing can be
    done (no folder, no profiles, an output that cannot be written).
    """
    profiles, unnamed = _named(find_profiles(profiles_dir))
    outputs = _Outputs(out_dir, tuple(formats), assign_slugs(p.name for p in profiles))
    board = _Board(today, log_dir) if outputs.dashboard else None
    _prepare(profiles_dir, out_dir, log_dir, board, unnamed, err)
    with ExitStack() as stack:
        if executor is None and jobs > 1 and len(profiles) > 1:
            executor = stack.enter_context(_process_pool(_workers(jobs, len(profiles))))
        progress = progress_for(len(profiles), err)
        stack.callback(progress.close)
        outcomes = plan_many(
            profiles,
            start=start,
            weeks=weeks,
            revision=revision,
            formats=outputs.file_formats,
            # a folder format (fit) writes from the plan; the dashboard reads it
            keep_plans=outputs.needs_plans or board is not None,
            alarm_minutes=alarm_minutes,
            executor=executor,
            ordered=False,
            today=today,
        )
        rows = _collect(stack.enter_context(closing(outcomes)), profiles, outputs, progress, board)
    rows.sort(key=RosterRow.sort_key)
    _write_indexes(out_dir, rows, weeks, board)
    return max(_summary(rows, out_dir, out, err, board is not None), 1 if unnamed else 0)


def _write_indexes(out_dir: Path, rows: list[RosterRow], weeks: int, board: _Board | None) -> None:
    """The CSV and Markdown index, then the dashboard: written last, after every
    runner's files, so that an index never lists a file a crash left unwritten."""
    write_atomic(out_dir / INDEX_CSV, index_csv(rows))
    write_atomic(out_dir / INDEX_MD, index_markdown(rows, weeks))
    if board is not None:
        write_atomic(out_dir / INDEX_HTML, dashboard_html(board.entries))


def _prepare(
    profiles_dir: Path,
    out_dir: Path,
    log_dir: Path | None,
    board: _Board | None,
    unnamed: Sequence[str],
    err: TextIO,
) -> None:
    """Check the request, make ``out_dir``, remove the earlier run's indexes first (an
    interrupted run never leaves them beside this run's files), and name the profiles
    whose file names cannot be shown."""
    _check_log(log_dir, board)
    _check_out(out_dir, profiles_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_index(out_dir)
    for name in unnamed:
        err.write(f"runplan: error: {name}: the file name is not valid UTF-8; skipped\n")


def _named(found: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The profiles whose file names are text, and the others' names shown escaped (a
    name that is not valid UTF-8 cannot go into the index or a message as it is)."""
    good: list[Path] = []
    bad: list[str] = []
    for path in found:
        try:
            path.name.encode("utf-8")
        except UnicodeEncodeError:
            bad.append(os.fsencode(path.name).decode("utf-8", "backslashreplace"))
        else:
            good.append(path)
    if not good:
        raise RosterError(
            f"{found[0].parent}: no profile has a file name that is valid UTF-8; rename them"
        )
    return good, bad


def _remove_index(out_dir: Path) -> None:
    """Remove the index of an earlier run before any runner file is written: if this run
    stops part-way (Ctrl-C, a full disk), no index describes files it did not write.  The
    dashboard goes too, even when this run writes none: it would describe old files."""
    for name in (INDEX_CSV, INDEX_MD, INDEX_HTML):
        (out_dir / name).unlink(missing_ok=True)


def _check_log(log_dir: Path | None, board: _Board | None) -> None:
    """``--log`` feeds the dashboard only: refused without it, and checked to be a folder
    before anything is planned or removed."""
    if log_dir is None:
        return
    if board is None:
        raise RosterError(
            "--log: only the dashboard reads the training logs; allowed: with --format "
            "including html"
        )
    check_log_dir(log_dir)


def _check_out(out_dir: Path, profiles_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise RosterError(f"--out {out_dir}: is a file; allowed: a folder (made if missing)")
    if out_dir.resolve() == profiles_dir.resolve():
        raise RosterError(
            f"--out {out_dir}: is the profiles folder, where .json plans would be read as "
            "profiles next time; allowed: another folder"
        )


def _collect(
    outcomes: Iterator[PlanOutcome],
    profiles: Sequence[Path],
    outputs: _Outputs,
    progress: Progress,
    board: _Board | None,
) -> list[RosterRow]:
    """Write each runner's files as its outcome arrives; its row, in arrival order.  The
    dashboard takes its glance at the plan here, and the plan is let go with the outcome."""
    rows: list[RosterRow] = []
    for outcome in _guarded(outcomes):
        profile = profiles[outcome.index]
        row = outputs.write(profile, outcome)
        if row.error:
            progress.say(f"runplan: error: {row.profile}: {row.error}")
        if board is not None:
            for note in board.add(profile, row, outcome):
                progress.say(f"runplan: note: --log: {note}")
        rows.append(row)
        progress.step(bool(row.error))
    return rows


@dataclass
class _Board:
    """The dashboard's rows as the outcomes arrive: each plan is read at once (and its
    runner's log, in this process, one at a time) into a small :class:`Glance`, so no
    plan outlives its outcome and memory stays flat for a long roster."""

    today: Callable[[str], date] | None
    log_dir: Path | None
    entries: list[tuple[RosterRow, Glance]] = field(default_factory=list)

    def add(self, profile: Path, row: RosterRow, outcome: PlanOutcome) -> tuple[str, ...]:
        """Take the runner's glance; the notes about its log (files skipped)."""
        plan = outcome.plan
        if row.error or plan is None:
            self.entries.append((row, failed(row.error)))
            return ()
        day = self.today(plan.timezone) if self.today is not None else plan.start
        found = runner_log(self.log_dir, profile, plan.timezone) if self.log_dir else None
        log = found.log if found is not None else None
        self.entries.append((row, glance(plan, day, log)))
        return found.notes if found is not None else ()


@dataclass(frozen=True)
class _Outputs:
    """Where each runner's files go: ``<slug><suffix>`` in ``out_dir``, one per format;
    a folder format (``fit``) into the folder ``<slug>/`` (named ``<slug>/`` in the index)."""

    out_dir: Path
    formats: tuple[str, ...]
    slugs: Mapping[str, str]

    @property
    def file_formats(self) -> tuple[str, ...]:
        """The formats rendered with the plan (one file each)."""
        return tuple(f for f in self.formats if f not in FOLDER_FORMATS)

    @property
    def dashboard(self) -> bool:
        """The HTML format is asked for: the runners' pages get their dashboard."""
        return "html" in self.formats

    @property
    def needs_plans(self) -> bool:
        """A folder format is asked for: its writer needs the plan itself."""
        return any(f in FOLDER_FORMATS for f in self.formats)

    def write(self, profile: Path, outcome: PlanOutcome) -> RosterRow:
        """Write the runner's files (none for a failure) and return its index row."""
        slug = self.slugs[profile.name]
        files: list[str] = []
        if outcome.ok:
            for fmt in self.formats:
                if fmt in FOLDER_FORMATS and outcome.plan is not None:
                    FOLDER_FORMATS[fmt].write(outcome.plan, self.out_dir / slug)
                    files.append(f"{slug}/")
                elif fmt in FORMATS:
                    name = f"{slug}{FORMATS[fmt].suffix}"
                    write_atomic(self.out_dir / name, outcome.outputs[fmt])
                    files.append(name)
        return roster_row(profile, slug, outcome, files)


def _workers(jobs: int, profiles: int) -> int:
    """Worker processes: what ``--jobs`` asks, but no more than there are profiles or
    CPUs this process may use (planning is CPU-bound: more would only add memory)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(jobs, profiles, cpus or 1))


def _process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, started the platform's default way.

    The pipeline's modules are imported first, so that workers made by ``fork`` (the
    Linux default before Python 3.14) start with them instead of each importing them
    again; the processes start at the first task, before anything else runs a thread
    (the progress bar runs none, see :mod:`runplan.roster.progress`).
    """
    import runplan.export.ics
    import runplan.export.jsonout
    import runplan.export.text
    import runplan.profile
    import runplan.schedule
    import runplan.validation  # noqa: F401

    return ProcessPoolExecutor(workers, initializer=_worker_ignores_ctrl_c)


def _worker_ignores_ctrl_c() -> None:
    """Ctrl-C reaches every process of the terminal's group: the workers leave it to
    the main process, which cancels what is queued and stops them (no traceback from
    each worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _guarded(outcomes: Iterator[PlanOutcome]) -> Iterator[PlanOutcome]:
    """A worker pool that dies (a worker killed for memory, say) ends the roster with a
    readable error instead of a traceback."""
    from concurrent.futures import BrokenExecutor

    try:
        yield from outcomes
    except BrokenExecutor as exc:
        raise RosterError(f"the worker processes stopped unexpectedly ({exc})") from None


def _summary(
    rows: Sequence[RosterRow], out_dir: Path, out: TextIO, err: TextIO, dashboard: bool
) -> int:
    failures = sorted(r.profile for r in rows if r.error)
    urgent = sum(1 for r in rows if r.flag == "URGENT")
    consult = sum(1 for r in rows if r.flag == "CONSULT")
    board = f", {out_dir / INDEX_HTML}" if dashboard else ""
    out.write(
        f"{len(rows) - len(failures)} of {plural(len(rows), 'runner')} planned into {out_dir} "
        f"({urgent} urgent, {consult} consult); index: {out_dir / INDEX_MD}, "
        f"{out_dir / INDEX_CSV}{board}\n"
    )
    if failures:
        err.write(
            f"runplan: roster: {len(failures)} of {plural(len(rows), 'profile')} failed: "
            f"{', '.join(failures)}\n"
        )
        return 1
    return 0


def formats_of(text: str) -> tuple[str, ...]:
    """Parse ``--format ics,json``; raises :class:`RosterError` naming what is allowed."""
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS and f not in FOLDER_FORMATS]
    if unknown or not chosen:
        raise RosterError(
            f"--format: {text!r} is not a list of formats; allowed: a comma-separated list "
            f"of {', '.join([*FORMATS, *FOLDER_FORMATS])} (e.g. ics,json)"
        )
    return chosen
