"""``runplan roster --log DIR``: each runner's training log, found by the profile's file
name, so a coach keeps one folder of logs beside the folder of profiles.

``DIR/<profile file stem>/`` (a folder of activity files) is read if it is there, else
``DIR/<profile file stem>.csv``; a runner with neither has no log.  Logs are read one at
a time in the roster's own process, as each plan comes back (docs/roster.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from runplan._text import terminal_line
from runplan.activities import read_log
from runplan.errors import LogError, RosterError
from runplan.models import TrainingLog

__all__ = ["RunnerLog", "check_log_dir", "runner_log"]


@dataclass(frozen=True, slots=True)
class RunnerLog:
    """A runner's log as read (``log`` None: unreadable), and what to tell the coach
    about it (files skipped, why it could not be read), one line each."""

    log: TrainingLog | None
    notes: tuple[str, ...] = ()


def check_log_dir(log_dir: Path) -> None:
    """Raise :class:`RosterError` unless ``log_dir`` is a folder (checked before any
    runner is planned, so a typo costs nothing)."""
    if not log_dir.is_dir():
        what = "is not a folder" if log_dir.exists() else "no such folder"
        raise RosterError(
            f"--log {terminal_line(str(log_dir))}: {what}; allowed: a folder holding each "
            "runner's log as <profile file stem>/ or <profile file stem>.csv"
        )


def runner_log(log_dir: Path, profile: Path, timezone: str) -> RunnerLog | None:
    """The log of the runner of ``profile`` in ``log_dir`` (None: the runner has none),
    its dates local to ``timezone``."""
    folder = log_dir / profile.stem
    path = folder if folder.is_dir() else log_dir / f"{profile.stem}.csv"
    if not path.exists():
        return None
    shown = terminal_line(path.name)
    try:
        log = read_log(path, timezone)
    except LogError as exc:
        return RunnerLog(None, (f"{shown}: not read: {terminal_line(str(exc))}",))
    if not log.skipped:
        return RunnerLog(log)
    first = log.skipped[0]
    more = f" and {len(log.skipped) - 1} more" if len(log.skipped) > 1 else ""
    note = f"{shown}: skipped {terminal_line(first.file)} ({terminal_line(first.reason)}){more}"
    return RunnerLog(log, (note,))
