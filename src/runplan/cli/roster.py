"""``runplan roster``: plan every profile of a folder (docs/roster.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from runplan.cli._args import Today, _date, _datetime, _jobs, _minutes, _weeks

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    """Add ``runplan roster`` to the sub-command parsers ``sub``."""
    r = sub.add_parser(
        "roster",
        help="plan every profile of a folder: one file per runner "
        "and format, plus index.csv and index.md (docs/roster.md)",
    )
    r.add_argument("profiles_dir", type=Path, help="folder of runner profiles (.toml, .json)")
    r.add_argument("--out", type=Path, required=True, help="output folder (made if missing)")
    r.add_argument("--jobs", type=_jobs, default=1, help="worker processes (default 1)")
    r.add_argument("--start", type=_date, help="first day (default: each runner's next week start)")
    r.add_argument("--weeks", type=_weeks, default=4, help="number of weeks, 1-104 (default 4)")
    r.add_argument("--format", default="ics", help="comma-separated: ics, json, text (default ics)")
    r.add_argument("--revision", type=_datetime, help="issue time for the calendars (DTSTAMP)")
    r.add_argument("--alarm", type=_minutes, help="ics: a reminder this many minutes before")


def run(args: argparse.Namespace, out: TextIO, today: Today) -> int:
    """0, or 1 when any runner failed (the roster reports each on ``args.stderr``)."""
    from runplan.roster.run import formats_of, run_roster

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
    )
