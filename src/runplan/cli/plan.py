"""``runplan plan``: plan the weeks ahead for one profile and print or write them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from runplan._files import UnreadableFile, read_limited
from runplan.cli._args import (
    Today,
    _date,
    _datetime,
    _duration,
    _minutes,
    _weeks,
)
from runplan.cli._io import add_out_option, emit
from runplan.cli._log import add_log_option, read_training_log
from runplan.errors import ExportError
from runplan.export.formats import ExportOptions, render
from runplan.rules.limits import MAX_PLAN_BYTES

__all__ = ["PLAN_FORMATS", "add_parser", "run"]

#: ``--format`` choices in the order usage and errors list them (the names of
#: :data:`runplan.export.formats.FORMATS`; a test keeps the two in step).
PLAN_FORMATS = ("json", "text", "ics", "html")


def add_parser(sub: Any) -> None:
    """Add ``runplan plan`` to the sub-command parsers ``sub``."""
    p = sub.add_parser("plan", help="plan the weeks ahead for one runner profile")
    p.add_argument("profile", type=Path, help="runner profile (.toml or .json)")
    p.add_argument("--start", type=_date, help="first day (default: the next week start)")
    p.add_argument(
        "--weeks",
        type=_weeks,
        help="number of weeks, 1-104 (default 4, or with a race the weeks up to it plus one)",
    )
    p.add_argument("--format", choices=PLAN_FORMATS, default="text", help="output format")
    add_out_option(p)
    p.add_argument(
        "--revision",
        type=_datetime,
        help="issue time for the calendar (DTSTAMP), e.g. 2026-12-01T09:00:00Z",
    )
    p.add_argument("--alarm", type=_minutes, help="ics: a reminder this many minutes before")
    p.add_argument(
        "--previous",
        type=Path,
        metavar="OLD.ics",
        help="ics: the file issued last time; unchanged events keep their SEQUENCE, "
        "changed ones get a higher one, dropped ones are sent as cancelled",
    )
    p.add_argument(
        "--refresh",
        type=_duration,
        metavar="DURATION",
        help="ics: feed refresh hint for a subscribed file, e.g. PT12H",
    )
    p.add_argument("--calendar", metavar="NAME", help="ics: calendar name")
    p.add_argument(
        "--show-away",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="ics: days away as all-day, free-time events (default; --no-show-away leaves "
        "them out of the calendar, D1)",
    )
    add_log_option(p, "what it holds before --start replaces the profile's usual week (H1-H3)")


def run(args: argparse.Namespace, out: TextIO, today: Today) -> int:
    """Plan, render in ``--format`` and write to ``--out`` or ``out``."""
    from runplan.profile import load_profile
    from runplan.schedule import plan
    from runplan.schedule.request import default_weeks, next_week_start

    runner = load_profile(args.profile)
    start = args.start or next_week_start(today(runner.timezone), runner.week_start.number)
    log = read_training_log(args, runner)
    weeks = args.weeks or default_weeks(runner, start)
    result = plan(runner, start=start, weeks=weeks, revision=args.revision, log=log)
    # --previous is read only for the calendar, the one format that uses it.
    previous = _read_previous(args.previous) if args.format == "ics" else None
    options = ExportOptions(
        alarm_minutes=args.alarm,
        refresh=args.refresh,
        calendar_name=args.calendar,
        previous=previous,
        show_away=args.show_away,
    )
    emit(render(result, args.format, options), args.out, out)
    return 0


def _read_previous(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        return read_limited(path, MAX_PLAN_BYTES, "an .ics file")
    except UnreadableFile as exc:
        raise ExportError(f"--previous {path}: {exc.reason}") from None
    except OSError as exc:
        raise ExportError(f"--previous {path}: cannot be read ({exc.strerror or exc})") from None
