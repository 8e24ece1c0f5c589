"""``runplan workouts``: plan one profile and write a FIT workout file per session into a
folder, with ``manifest.json`` (docs/workouts.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from runplan._text import plural, terminal_line
from runplan.cli._args import Today, _date, _weeks
from runplan.cli._log import add_log_option, read_training_log
from runplan.errors import UsageError

if TYPE_CHECKING:  # the models load with the command, not with ``runplan --help``
    from runplan.models import SessionKind

__all__ = ["WORKOUT_KIND_NAMES", "add_parser", "kinds_of", "run"]

#: ``--kinds`` choices, in order: every session kind
#: (:data:`runplan.export.fit.WORKOUT_KINDS`, a test keeps the two in step).
WORKOUT_KIND_NAMES = ("run", "bike", "swim", "strength", "walk", "mobility", "recovery")


def add_parser(sub: Any) -> None:
    """Add ``runplan workouts`` to the sub-command parsers ``sub``."""
    p = sub.add_parser(
        "workouts",
        help="write a FIT workout file per planned session for a watch, plus manifest.json "
        "(docs/workouts.md)",
    )
    p.add_argument("profile", type=Path, help="runner profile (.toml or .json)")
    p.add_argument(
        "--out", type=Path, required=True, help="output folder (made if missing)", metavar="DIR"
    )
    p.add_argument("--start", type=_date, help="first day (default: the next week start)")
    p.add_argument("--weeks", type=_weeks, default=4, help="number of weeks, 1-104 (default 4)")
    p.add_argument(
        "--kinds",
        default=",".join(WORKOUT_KIND_NAMES),
        help=f"comma-separated kinds that get a file (default: all of "
        f"{','.join(WORKOUT_KIND_NAMES)})",
    )
    add_log_option(p, "what it holds before --start replaces the profile's usual week (H1-H3)")


def kinds_of(text: str) -> tuple[SessionKind, ...]:
    """Parse ``--kinds run,bike``; raises :class:`UsageError` naming what is allowed."""
    from runplan.models import SessionKind

    chosen = tuple(dict.fromkeys(k.strip().lower() for k in text.split(",") if k.strip()))
    unknown = [k for k in chosen if k not in WORKOUT_KIND_NAMES]
    if unknown or not chosen:
        raise UsageError(
            f"--kinds: {terminal_line(text)!r} is not a list of session kinds; allowed: a "
            f"comma-separated list of {', '.join(WORKOUT_KIND_NAMES)}"
        )
    return tuple(SessionKind(k) for k in chosen)


def run(args: argparse.Namespace, out: TextIO, today: Today) -> int:
    """Plan, write the workouts into ``--out`` and say how many."""
    from runplan.export.fit import write_workouts
    from runplan.profile import load_profile
    from runplan.schedule import plan
    from runplan.schedule.request import next_week_start

    kinds = kinds_of(args.kinds)
    folder: Path = args.out
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"--out {terminal_line(str(folder))}: is a file; allowed: a folder (made if missing)"
        )
    runner = load_profile(args.profile)
    start = args.start or next_week_start(today(runner.timezone), runner.week_start.number)
    log = read_training_log(args, runner)
    result = plan(runner, start=start, weeks=args.weeks, log=log)
    written = write_workouts(result, folder, kinds=kinds)
    workouts = len(written.files) - 1  # the manifest is the last
    removed = f"; {plural(len(written.removed), 'earlier file')} removed" if written.removed else ""
    out.write(
        f"{plural(workouts, 'workout')} written to {terminal_line(str(folder))} "
        f"(manifest: {terminal_line(str(folder / 'manifest.json'))}){removed}\n"
    )
    return 0
