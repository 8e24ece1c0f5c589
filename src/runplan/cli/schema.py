"""``runplan schema``: print the JSON Schema of a profile or a plan."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from runplan.cli._args import Today

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    """Add ``runplan schema`` to the sub-command parsers ``sub``."""
    s = sub.add_parser("schema", help="print the JSON Schema of a profile or a plan")
    s.add_argument("which", choices=("profile", "plan"))


def run(args: argparse.Namespace, out: TextIO, today: Today) -> int:
    """The schema as sorted, indented JSON (stable for diffs)."""
    from runplan.models import Plan, Runner

    model = Runner if args.which == "profile" else Plan
    out.write(json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n")
    return 0
