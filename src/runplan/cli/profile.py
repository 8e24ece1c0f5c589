"""``runplan profile``: check a runner profile and summarise it in one line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from runplan.cli._args import Today

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    """Add ``runplan profile`` to the sub-command parsers ``sub``."""
    pr = sub.add_parser("profile", help="check a runner profile and summarise it")
    pr.add_argument("profile", type=Path)


def run(args: argparse.Namespace, out: TextIO, today: Today) -> int:
    """Print the summary line; a bad profile raises (exit status 2)."""
    from runplan._text import terminal_line
    from runplan.models import WEEKDAYS
    from runplan.profile import load_profile

    r = load_profile(args.profile)
    free = [d.value for d in WEEKDAYS if r.availability.on(d)]
    out.write(
        f"ok: {terminal_line(r.name)} ({r.timezone}): {r.run_days} runs, {r.cross_days} bike/swim, "
        f"{r.strength_days} strength a week; {r.weekly_run_minutes} run min/week"
        f"{f' -> {r.target_run_minutes}' if r.target_run_minutes else ''}; "
        f"free days: {', '.join(free) or 'none'}; conditions: {len(r.conditions)}; "
        f"check-ins: {len(r.checkins)}\n"
    )
    return 0
