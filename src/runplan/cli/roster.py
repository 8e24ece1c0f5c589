"""``runplan roster``: plan every profile of a folder (docs/roster.md)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from runplan.cli._args import Today, _date, _datetime, _jobs, _minutes, _weeks
from runplan.errors import ClusterError, UsageError

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    """Add ``runplan roster`` to the sub-command parsers ``sub``."""
    r = sub.add_parser(
        "roster",
        help="plan every profile of a folder: one file per runner "
        "and format, plus index.csv and index.md, and with html the dashboard index.html "
        "(docs/roster.md)",
    )
    r.add_argument("profiles_dir", type=Path, help="folder of runner profiles (.toml, .json)")
    r.add_argument("--out", type=Path, required=True, help="output folder (made if missing)")
    r.add_argument(
        "--jobs", type=_jobs, default=1, help="worker processes, at most the CPUs (default 1)"
    )
    r.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="plan on the Dask distributed scheduler at ADDRESS (e.g. tcp://host:8786); "
        "needs the optional extra: pip install 'runplan[cluster]'",
    )
    r.add_argument("--start", type=_date, help="first day (default: each runner's next week start)")
    r.add_argument("--weeks", type=_weeks, default=4, help="number of weeks, 1-104 (default 4)")
    r.add_argument(
        "--format",
        default="ics",
        help="comma-separated: ics, json, text, html, fit (default ics); html: a page per "
        "runner and the dashboard index.html (docs/html.md); fit: a folder of workout files "
        "per runner (docs/workouts.md)",
    )
    r.add_argument("--revision", type=_datetime, help="issue time for the calendars (DTSTAMP)")
    r.add_argument("--alarm", type=_minutes, help="ics: a reminder this many minutes before")
    r.add_argument(
        "--log",
        type=Path,
        metavar="DIR",
        help="training logs: a folder holding each runner's log as <profile file stem>/ (a "
        "folder of FIT, GPX, TCX or CSV files) or <profile file stem>.csv; the dashboard "
        "(--format html) shows the share of the last 7 days' sessions done",
    )


def run(args: argparse.Namespace, out: TextIO, today: Today) -> int:
    """0, or 1 when any runner failed (the roster reports each on ``args.stderr``)."""
    from runplan.roster.run import formats_of, run_roster

    if args.cluster is not None and args.jobs != 1:
        raise UsageError("--jobs and --cluster: give one; the cluster's workers do the work")
    with _cluster_executor(args.cluster) as executor:
        return run_roster(
            args.profiles_dir,
            args.out,
            out=out,
            err=args.stderr,
            jobs=args.jobs,
            start=args.start,
            weeks=args.weeks,
            formats=formats_of(args.format),
            revision=args.revision,
            alarm_minutes=args.alarm,
            today=today,
            executor=executor,
            log_dir=args.log,
        )


#: How long ``--cluster`` waits for the scheduler before it gives up.
CONNECT_TIMEOUT_S = 10


@contextmanager
def _cluster_executor(address: str | None) -> Iterator[Executor | None]:
    """The executor of a Dask client connected to ``address`` (None: no cluster)."""
    if address is None:
        yield None
        return
    try:
        import distributed
    except ImportError:
        raise UsageError(
            "--cluster needs Dask: pip install 'runplan[cluster]' (docs/roster.md)"
        ) from None
    try:
        # distributed ships no type hints for these two calls
        client = distributed.Client(  # type: ignore[no-untyped-call]
            address, timeout=CONNECT_TIMEOUT_S, set_as_default=False
        )
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(
            f"--cluster {address}: cannot reach the Dask scheduler ({exc}); allowed: the "
            "address of a running scheduler, e.g. tcp://host:8786"
        ) from None
    with client:
        yield client.get_executor()  # type: ignore[no-untyped-call]
