"""``runplan rules``: print the rule catalog (id, text, default and source)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from runplan.cli._args import Today
from runplan.rules import RULES

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    """Add ``runplan rules`` to the sub-command parsers ``sub``."""
    sub.add_parser("rules", help="print the rule catalog")


def run(args: argparse.Namespace, out: TextIO, today: Today) -> int:
    """Two lines per rule, in catalog order."""
    for rule in RULES.values():
        out.write(f"{rule.id:<4} {rule.text}\n")
        out.write(f"     default: {rule.default}; source: {rule.source}\n")
    return 0
