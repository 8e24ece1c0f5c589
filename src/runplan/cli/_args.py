"""Argument types shared by the commands, and the parser that raises instead of exiting.

Each type turns one option's text into a value or an ``ArgumentTypeError`` whose text
says what is allowed, so every bad option reads the same in every command.  The types
keep their underscore names: argparse prints a type's ``__name__`` ("invalid _date
value") when it fails unexpectedly, and those messages must not change.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from runplan.errors import UsageError
from runplan.export.formats import MAX_ALARM_MINUTES
from runplan.rules.limits import MAX_WEEKS

__all__ = [
    "MAX_JOBS",
    "RaisingParser",
    "Today",
    "_date",
    "_datetime",
    "_duration",
    "_jobs",
    "_minutes",
    "_weeks",
    "int_in",
]

#: ``--jobs``: worker processes.
MAX_JOBS = 256

#: The injected clock: today's date in a runner's time zone (for the default ``--start``).
Today = Callable[[str], date]

_DURATION = re.compile(r"^P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?)?$")


class RaisingParser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so errors become one paragraph, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if message.startswith(_UNRECOGNIZED):
            message = _UNRECOGNIZED + _redacted(message[len(_UNRECOGNIZED) :].split(" "))
        raise UsageError(f"{self.prog}: {message}")


_UNRECOGNIZED = "unrecognized arguments: "


def _redacted(tokens: list[str]) -> str:
    """Unknown arguments named without their values: a mistyped ``--password`` option
    must not print the password it was given (option names are kept, ``=value`` cut)."""
    names = [t.split("=", 1)[0] + ("=..." if "=" in t else "") for t in tokens if t.startswith("-")]
    hidden = len(tokens) - len(names)
    if hidden:
        names.append(f"({hidden} value{'s' if hidden > 1 else ''} not shown)")
    return " ".join(names)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; allowed: YYYY-MM-DD") from None


def _datetime(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or value.utcoffset() is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date-time with a UTC offset; allowed: e.g. 2026-12-01T09:00:00Z"
        )
    return value


def _duration(text: str) -> timedelta:
    """An ISO 8601 duration of days, hours and minutes (PT12H, P1D, PT30M)."""
    match = _DURATION.match(text.strip().upper())
    if match is None or not any(match.groups()) or text.upper().endswith("T"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a duration; allowed: ISO 8601 such as PT12H, P1D or PT30M"
        )
    days, hours, minutes = (int(g or 0) for g in match.groups())
    try:
        value = timedelta(days=days, hours=hours, minutes=minutes)
    except OverflowError:  # the library states the range (export.ics.render)
        raise argparse.ArgumentTypeError(f"{text!r} is too long; allowed: up to P366D") from None
    if value <= timedelta(0):
        raise argparse.ArgumentTypeError(f"{text!r} must be longer than zero")
    return value


def int_in(low: int, high: int, message: str) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``; ``message`` names what
    is allowed (``{text}`` the value as given, ``{low}``, ``{high}``)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:  # not a number, or more digits than Python converts
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(message.format(text=repr(text), low=low, high=high))
        return value

    return parse


_weeks = int_in(1, MAX_WEEKS, "{text} is out of range; allowed: {low} to {high}")
_minutes = int_in(0, MAX_ALARM_MINUTES, "{text} is not a number of minutes ({low} to {high})")
_jobs = int_in(1, MAX_JOBS, "{text} is not a number of processes ({low} to {high})")
