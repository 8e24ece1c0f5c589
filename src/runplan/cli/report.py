"""``runplan report``: planned vs done, from a profile (or an issued plan) and the
training log (docs/log.md "Planned vs done: runplan report")."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from runplan.cli._args import Today, _date
from runplan.cli._io import add_out_option, emit, read_plan_file
from runplan.cli._log import read_training_log
from runplan.errors import UsageError
from runplan.rules.limits import DATE_MAX, DATE_MIN, MAX_WEEKS

if TYPE_CHECKING:  # the models load with the command, not with ``runplan --help``
    from runplan.models import Plan, Runner, TrainingLog

__all__ = ["REPORT_FORMATS", "add_parser", "run"]

#: ``--format`` choices, the default first.
REPORT_FORMATS = ("text", "json")


def add_parser(sub: Any) -> None:
    """Add ``runplan report`` to the sub-command parsers ``sub``."""
    p = sub.add_parser("report", help="planned vs done: a plan matched with the training log")
    p.add_argument("profile", type=Path, help="runner profile (.toml or .json)")
    p.add_argument(
        "--log",
        type=Path,
        required=True,
        metavar="PATH",
        help="the training log: an activity file, a CSV log or a folder of them",
    )
    p.add_argument(
        "--since",
        type=_date,
        metavar="DATE",
        help="first day (default: the first logged activity; at most 104 weeks back)",
    )
    p.add_argument(
        "--until",
        type=_date,
        metavar="DATE",
        help="last day (default: yesterday in the runner's time zone)",
    )
    p.add_argument("--format", choices=REPORT_FORMATS, default="text", help="output format")
    add_out_option(p)
    p.add_argument(
        "--plan",
        type=Path,
        metavar="PLAN.json",
        help="the plan as issued (JSON); default: the profile planned again over the days",
    )


def run(args: argparse.Namespace, out: TextIO, today: Today) -> int:
    """Match the plan with the log from ``--since`` to ``--until`` and write the report."""
    from runplan.adherence import match, report_json, report_text
    from runplan.profile import load_profile

    runner = load_profile(args.profile)
    until = args.until or today(runner.timezone) - timedelta(days=1)
    _check_dates(args.since, until)
    log = read_training_log(args, runner, notes=False)
    assert log is not None  # --log is required
    since = _since(args, runner, log, until)
    issued = args.plan
    plan = read_plan_file(issued) if issued is not None else _replan(runner, since, until)
    report = match(plan, log, since=since, until=until)
    text = report_json(report) if args.format == "json" else report_text(report)
    emit(text.encode("utf-8"), args.out, out)
    return 0


def _week_start(day: date, runner: Runner) -> date:
    """The first day of the runner's week (``week_start``) that holds ``day``."""
    return day - timedelta(days=(day.weekday() - runner.week_start.number) % 7)


def _check_dates(since: date | None, until: date) -> None:
    """Both dates in range, ``--since`` on or before ``--until`` (before reading the log)."""
    _in_range("--until", until)
    if since is not None:
        _in_range("--since", since)
        if since > until:
            raise UsageError(
                f"--since {since.isoformat()} is after --until {until.isoformat()}; "
                "allowed: a first day on or before the last"
            )


def _since(args: argparse.Namespace, runner: Runner, log: TrainingLog, until: date) -> date:
    """``--since``, else the first logged activity (else the week holding ``until``);
    clipped to the 104 weeks that end with ``until``'s week, saying so on stderr."""
    if args.since is not None:
        since: date = args.since
    else:
        logged = [a.date for a in log.activities if a.date <= until]
        since = min(logged) if logged else _week_start(until, runner)
    earliest = _week_start(until, runner) - timedelta(weeks=MAX_WEEKS - 1)
    if since < earliest:
        args.stderr.write(
            f"runplan: note: the report starts on {earliest.isoformat()}, {MAX_WEEKS} weeks "
            f"before {until.isoformat()} at most (not {since.isoformat()})\n"
        )
        since = earliest
    return since


def _in_range(option: str, day: date) -> None:
    """A date the plan and the report can hold, 104 weeks of history included."""
    low = DATE_MIN + timedelta(weeks=MAX_WEEKS)
    if not low <= day <= DATE_MAX:
        raise UsageError(
            f"{option} {day.isoformat()} is out of range; allowed: "
            f"{low.isoformat()} to {DATE_MAX.isoformat()}"
        )


def _replan(runner: Runner, since: date, until: date) -> Plan:
    """The profile planned from the start of the runner's week holding ``since`` through
    ``until``: what ``runplan plan PROFILE --start <that day>`` gives.  The log is not
    its history: the report compares the plan as issued with what was done, and a plan
    made from the profile is the one a coach most likely issued (``--plan`` gives
    another)."""
    from runplan.schedule import plan

    start = _week_start(since, runner)
    return plan(runner, start=start, weeks=(until - start).days // 7 + 1)
