"""``runplan checkin``: log how the back feels in the profile and say what that changes.

The check-in is added to the profile file in place (:mod:`runplan.profile.checkin`),
the plans before and after it are compared over the next days
(:mod:`runplan.export.changes`), and ``--replan`` re-issues the runner's calendar
through ``runplan plan``'s own code (docs/log.md).
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from runplan.cli import plan as plan_command
from runplan.cli._args import RaisingParser, Today, _date, _datetime, _duration, _minutes, _weeks
from runplan.cli._log import add_log_option
from runplan.errors import PlanRequestError, RunplanError, UsageError
from runplan.rules.limits import EMERGENCY_FLAGS, URGENT_FLAGS

if TYPE_CHECKING:  # the models load with the command, not with ``runplan --help``
    from runplan.models import CheckIn, Runner

__all__ = ["add_parser", "run"]

#: The check-in's fields as options, for messages about a bad value.
_OPTION = {
    "date": "--date",
    "pain": "--pain",
    "run_pain": "--run-pain",
    "red_flags": "--red-flag",
}
#: The red-flag codes for ``--help`` (the profile's own check validates them).
_FLAGS = f"S1 {', '.join(sorted(EMERGENCY_FLAGS))}; S2 {', '.join(sorted(URGENT_FLAGS))}"
#: ``--replan``'s default number of weeks, as ``plan``'s.
_WEEKS = 4
#: The options only ``--replan`` reads.
_REPLAN_OPTIONS = (
    "out",
    "previous",
    "start",
    "weeks",
    "revision",
    "alarm",
    "refresh",
    "calendar",
    "log",
)


def add_parser(sub: Any) -> None:
    """Add ``runplan checkin`` to the sub-command parsers ``sub``."""
    p = sub.add_parser(
        "checkin",
        help="log a check-in (pain, red flags, clearance) in a profile and see what changes",
    )
    p.add_argument("profile", type=Path, help="runner profile (.toml or .json), edited in place")
    p.add_argument("--date", type=_date, help="the day (default: today in the runner's zone)")
    p.add_argument("--pain", type=_whole, required=True, help="back pain today, 0-10")
    p.add_argument("--radiating", action="store_true", help="the pain runs into a leg (A9)")
    p.add_argument("--run-pain", type=_whole, metavar="N", help="pain during a run, 0-10 (R3)")
    p.add_argument(
        "--not-settled", action="store_true", help="the pain had not settled by morning (R3)"
    )
    p.add_argument("--after-long-run", action="store_true", help="the pain came after a long run")
    p.add_argument(
        "--red-flag",
        dest="red_flags",
        action="extend",
        nargs="+",
        default=[],
        metavar="CODE",
        help=f"red-flag symptoms, repeatable: {_FLAGS}",
    )
    p.add_argument("--cleared", action="store_true", help="a clinician cleared running today")
    p.add_argument("--replace", action="store_true", help="replace this date's check-in")
    _add_replan(p)


def _add_replan(p: Any) -> None:
    p.add_argument(
        "--replan",
        action="store_true",
        help="then re-issue the calendar --out as 'runplan plan --format ics' does",
    )
    p.add_argument("--out", type=Path, help="--replan: the calendar file (.ics) to re-issue")
    p.add_argument(
        "--previous",
        type=Path,
        metavar="OLD.ics",
        help="--replan: the calendar issued last time (default: --out when it exists)",
    )
    p.add_argument("--start", type=_date, help="--replan: first day (default: the check-in date)")
    p.add_argument("--weeks", type=_weeks, help="--replan: number of weeks, 1-104 (default 4)")
    p.add_argument("--revision", type=_datetime, help="--replan: issue time, as for plan")
    p.add_argument("--alarm", type=_minutes, help="--replan: a reminder, as for plan")
    p.add_argument("--refresh", type=_duration, help="--replan: refresh hint, as for plan")
    p.add_argument("--calendar", metavar="NAME", help="--replan: calendar name, as for plan")
    add_log_option(p, "--replan: re-plan with it, as plan --log (H1-H3)")


def _whole(text: str) -> int:
    """A whole number; its range is the profile's to check (the message names it)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number; allowed: 0 to 10"
        ) from None


def run(args: argparse.Namespace, out: TextIO, today: Today) -> int:
    """Add the check-in, print what changes, and re-issue the calendar on ``--replan``."""
    from runplan.profile import load_profile
    from runplan.profile.checkin import edit_profile, write_profile
    from runplan.schedule.request import check_start

    _check_options(args)
    runner = load_profile(args.profile)
    checkin = _checkin(args, args.date or today(runner.timezone))
    if args.replan:  # a calendar that cannot be made is refused before the profile changes
        check_start(args.start or checkin.date, args.weeks or _WEEKS)
    edit = edit_profile(args.profile, checkin, replace=args.replace)
    lines = _changes(edit.before, edit.after, checkin.date)
    write_profile(args.profile, edit.data)
    for line in lines:
        out.write(line + "\n")
    done = "replaced" if edit.replaced else "added"
    out.write(f"Check-in for {checkin.date} {done} in {args.profile}.\n")
    if args.replan:
        _replan(args, checkin.date, out, today)
    return 0


def _check_options(args: argparse.Namespace) -> None:
    """``--replan`` needs ``--out`` (a file); its other options need ``--replan``."""
    given = [f"--{name}" for name in _REPLAN_OPTIONS if getattr(args, name) is not None]
    if not args.replan and given:
        raise UsageError(f"runplan checkin: {given[0]} is for --replan; add --replan or drop it")
    if not args.replan:
        return
    if args.out is None or str(args.out) == "-":
        raise UsageError(
            "runplan checkin: --replan needs --out FILE: the calendar file to re-issue "
            "(standard output is for the changes)"
        )
    both = os.path.exists(args.out) and os.path.exists(args.profile)
    if both and os.path.samefile(args.out, args.profile):
        raise UsageError("runplan checkin: --out is the profile itself; allowed: an .ics file")


def _checkin(args: argparse.Namespace, day: date) -> CheckIn:
    """The check-in the options describe, validated as a profile's check-in is."""
    from pydantic import ValidationError

    from runplan.models import CheckIn
    from runplan.models.messages import describe_errors

    values: dict[str, Any] = {
        "date": day,
        "pain": args.pain,
        "radiating": args.radiating,
        "run_pain": args.run_pain,
        "settled_by_morning": False if args.not_settled else None,
        "after_long_run": args.after_long_run,
        "red_flags": args.red_flags,
        "clinician_cleared": args.cleared,
    }
    try:
        return CheckIn.model_validate(values)
    except ValidationError as exc:
        problems = [_as_option(line) for line in describe_errors(exc, CheckIn)]
        raise UsageError("runplan checkin: " + "; ".join(problems)) from None


def _as_option(problem: str) -> str:
    """``red_flags[0]: ...`` -> ``--red-flag: ...``: the option the value came from."""
    field, sep, rest = problem.partition(":")
    name = field.split("[", 1)[0]
    return f"{_OPTION[name]}{sep}{rest}" if sep and name in _OPTION else problem


def _changes(before: Runner, after: Runner, since: date) -> list[str]:
    """What changes for the runner from ``since``: the two plans compared."""
    from runplan.export.changes import WINDOW_DAYS, describe_changes
    from runplan.rules import DISCLAIMER
    from runplan.schedule import plan
    from runplan.schedule.request import check_start

    weeks = WINDOW_DAYS // 7
    try:
        check_start(since, weeks)
    except PlanRequestError:
        return [f"From {since}: no plan reaches that far, so nothing is compared.", DISCLAIMER]
    was, now = plan(before, start=since, weeks=weeks), plan(after, start=since, weeks=weeks)
    return describe_changes(was, now, since)


def _plan_defaults(profile: Path) -> argparse.Namespace:
    """``runplan plan PROFILE`` parsed by plan's own parser: every option it has, at
    its default, so the re-issue follows plan's code path as plan grows."""
    parser = RaisingParser(prog="runplan")
    plan_command.add_parser(parser.add_subparsers(dest="command", parser_class=RaisingParser))
    return parser.parse_args(["plan", str(profile)])


def _replan(args: argparse.Namespace, day: date, out: TextIO, today: Today) -> None:
    """``runplan plan PROFILE --format ics --start S --weeks N --previous P --out FILE``."""
    previous = args.previous
    if previous is None and Path(args.out).is_file():
        previous = args.out
    start, weeks = args.start or day, args.weeks or _WEEKS
    plan_args = _plan_defaults(args.profile)
    plan_args.format, plan_args.out, plan_args.previous = "ics", args.out, previous
    plan_args.start, plan_args.weeks, plan_args.revision = start, weeks, args.revision
    plan_args.alarm, plan_args.refresh, plan_args.calendar = args.alarm, args.refresh, args.calendar
    plan_args.log = args.log
    plan_args.stderr = getattr(args, "stderr", None)
    try:
        plan_command.run(plan_args, out, today)
    except (RunplanError, OSError) as exc:
        error = RunplanError(
            f"the check-in was saved in {args.profile}, but the calendar was not re-issued: {exc}"
        )
        error.exit_status = getattr(exc, "exit_status", RunplanError.exit_status)
        raise error from None
    again = f" (previous: {previous})" if previous is not None else ""
    out.write(f"Calendar {args.out} re-issued from {start} for {weeks} weeks{again}.\n")
