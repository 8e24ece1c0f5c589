"""``--log PATH``, shared by ``plan`` and ``check``: the training log (docs/log.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runplan._text import terminal_line
from runplan.errors import UsageError

if TYPE_CHECKING:  # the models load with the command, not with ``runplan --help``
    from runplan.models import Runner, TrainingLog

__all__ = ["MAX_NOTES", "add_log_option", "read_training_log"]

#: At most this many skipped files are named on standard error (the count is given).
MAX_NOTES = 20


def add_log_option(parser: Any, what: str) -> None:
    """Add ``--log`` to ``parser``; ``what`` says what the log is used for."""
    parser.add_argument(
        "--log",
        type=Path,
        metavar="PATH",
        help=f"training log: an activity file (FIT, GPX, TCX), a CSV log or a folder; {what}",
    )


def read_training_log(
    args: argparse.Namespace, runner: Runner, *, notes: bool = True
) -> TrainingLog | None:
    """The log ``--log`` names (None without it); with ``notes``, each file skipped is
    named on standard error, so the output itself stays the plan (a report lists them
    itself)."""
    if args.log is None:
        return None
    from runplan.activities import read_log

    path: Path = args.log
    if not path.exists():
        raise UsageError(
            f"--log {terminal_line(str(path))}: no such file or folder; allowed: an activity "
            "file (FIT, GPX, TCX), a CSV log or a folder of them"
        )
    log = read_log(path, runner.timezone)
    err = getattr(args, "stderr", None)
    if err is not None and notes:
        for skipped in log.skipped[:MAX_NOTES]:
            err.write(
                f"runplan: note: --log: skipped {terminal_line(skipped.file)}: "
                f"{terminal_line(skipped.reason)}\n"
            )
        if len(log.skipped) > MAX_NOTES:
            err.write(f"runplan: note: --log: {len(log.skipped) - MAX_NOTES} more skipped\n")
    return log
