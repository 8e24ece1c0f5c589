"""The ``runplan`` command: the parser assembly, dispatch and error reporting.

Exit status: 0 success, 1 a check found rule violations, 2 bad input (profile, plan
file or options) reported as one readable paragraph without a traceback, 3 a server,
network or authentication error (``publish``); each error class carries its status
(:mod:`runplan.errors`).  Output files are written atomically: a failed run never
leaves a half-written file.  Each command lives in its own module with
``add_parser(sub)`` and ``run(args, out, today)``.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, Protocol, TextIO

from runplan._text import terminal_line
from runplan.cli import (
    check,
    checkin,
    plan,
    profile,
    publish,
    report,
    roster,
    rules,
    schema,
    workouts,
)
from runplan.cli._args import RaisingParser, Today
from runplan.errors import RunplanError

__all__ = ["main"]


class _Command(Protocol):
    """What each command module provides (a module satisfies this protocol)."""

    def add_parser(self, sub: Any) -> None: ...

    def run(self, args: argparse.Namespace, out: TextIO, today: Today) -> int: ...


#: The commands in the order ``runplan --help`` lists them.
_COMMANDS: dict[str, _Command] = {
    "plan": plan,
    "workouts": workouts,
    "check": check,
    "checkin": checkin,
    "report": report,
    "profile": profile,
    "roster": roster,
    "rules": rules,
    "schema": schema,
    "publish": publish,
}


def _build_parser() -> argparse.ArgumentParser:
    parser = RaisingParser(
        prog="runplan",
        description=(
            "Weekly cross-training plans for runners, including runners with back pain. "
            "General fitness planning, not medical advice."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=RaisingParser)
    for command in _COMMANDS.values():
        command.add_parser(sub)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    today: Callable[[str], date] | None = None,
) -> int:
    """Run the command; ``today(timezone)`` is the injected clock for the default ``--start``."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    with _terminate_as_interrupt():
        return _run(argv, out, err, today)


def _run(
    argv: Sequence[str] | None, out: TextIO, err: TextIO, today: Callable[[str], date] | None
) -> int:
    try:
        args = _build_parser().parse_args(argv)
        args.stderr = err
        return _COMMANDS[args.command].run(args, out, today or _today)
    except RunplanError as exc:
        err.write(f"runplan: error: {terminal_line(str(exc))}\n")
        return exc.exit_status
    except OSError as exc:
        # An unreadable or unwritable file is bad input too.
        err.write(f"runplan: error: {terminal_line(str(exc))}\n")
        return RunplanError.exit_status
    except KeyboardInterrupt:
        err.write("runplan: interrupted\n")
        return INTERRUPTED
    except Exception as exc:  # the last guard: a paragraph, never a traceback
        err.write(f"runplan: error: {_unexpected(exc)}\n")
        return RunplanError.exit_status


#: The exit status after Ctrl-C (128 + SIGINT), as shells report it; SIGTERM too.
INTERRUPTED = 130


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops a run the way Ctrl-C does: temporary files removed, worker pools
    shut down, one line and exit status 130 (only the main thread can take signals)."""
    try:
        previous = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread: leave the signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _unexpected(exc: Exception) -> str:
    """One paragraph for an error runplan did not foresee (a bug to report): what it
    was, cut to a line, and where to report it; at most a few hundred characters."""
    what = terminal_line(f"{type(exc).__name__}: {exc}")
    if len(what) > 300:
        what = what[:297] + "..."
    return (
        f"runplan failed on this input ({what}). This is a bug: "
        "please report it with the command and the input file."
    )


def _today(timezone: str) -> date:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(timezone)).date()
