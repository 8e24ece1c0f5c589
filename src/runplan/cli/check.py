"""``runplan check``: validate a plan file (JSON) against the rules for a profile."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from runplan.cli._args import Today
from runplan.cli._io import read_plan_file
from runplan.cli._log import add_log_option, read_training_log

__all__ = ["MAX_LISTED", "add_parser", "run"]

#: At most this many violations are printed (a crafted plan may break a rule on every
#: line; the count is always given in full).
MAX_LISTED = 500


def add_parser(sub: Any) -> None:
    """Add ``runplan check`` to the sub-command parsers ``sub``."""
    c = sub.add_parser("check", help="check a plan (JSON) against the rules for a profile")
    c.add_argument("profile", type=Path)
    c.add_argument("plan", type=Path)
    add_log_option(c, "check against it as the plan was made with it (H1-H3)")


def run(args: argparse.Namespace, out: TextIO, today: Today) -> int:
    """One line per violation and exit status 1, or "ok" and 0."""
    from runplan.profile import load_profile
    from runplan.validation import validate

    runner = load_profile(args.profile)
    checked = read_plan_file(args.plan)
    violations = validate(checked, runner, read_training_log(args, runner))
    for v in violations[:MAX_LISTED]:
        when = f"{v.date.isoformat()} " if v.date else ""
        out.write(f"{when}{v.rule}: {v.message}\n")
    if len(violations) > MAX_LISTED:
        out.write(f"... and {len(violations) - MAX_LISTED} more (fix these and check again)\n")
    if violations:
        out.write(f"{len(violations)} violation(s)\n")
        return 1
    out.write("ok: the plan follows every checked rule\n")
    return 0
