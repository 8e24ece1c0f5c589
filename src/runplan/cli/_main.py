"""The ``runplan`` command.

Exit status: 0 success, 1 a check found rule violations, 2 bad input (profile, plan
file or options) reported as one readable paragraph without a traceback, 3 a server,
network or authentication error (``publish``).  Output files
are written atomically: a failed run never leaves a half-written file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TextIO

from runplan.errors import ExportError, RunplanError, UsageError
from runplan.export.files import write_atomic
from runplan.schedule.request import next_week_start

__all__ = ["main"]

FORMATS = ("json", "text", "ics")


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


_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$")


def _duration(text: str) -> timedelta:
    """An ISO 8601 duration of days, hours and minutes (PT12H, P1D, PT30M)."""
    match = _DURATION.match(text.strip().upper())
    if match is None or not any(match.groups()) or text.upper().endswith("T"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a duration; allowed: ISO 8601 such as PT12H, P1D or PT30M"
        )
    days, hours, minutes = (int(g or 0) for g in match.groups())
    value = timedelta(days=days, hours=hours, minutes=minutes)
    if value <= timedelta(0):
        raise argparse.ArgumentTypeError(f"{text!r} must be longer than zero")
    return value


def _weeks(text: str) -> int:
    from runplan.schedule import MAX_WEEKS

    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"{text!r} is out of range; allowed: 1 to {MAX_WEEKS}")
    return value


def _minutes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 10080:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of minutes (0 to 10080)")
    return value


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 to 256)")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so errors become one paragraph, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="runplan",
        description=(
            "Weekly cross-training plans for runners, including runners with back pain. "
            "General fitness planning, not medical advice."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("plan", help="plan the weeks ahead for one runner profile")
    p.add_argument("profile", type=Path, help="runner profile (.toml or .json)")
    p.add_argument("--start", type=_date, help="first day (default: the next week start)")
    p.add_argument("--weeks", type=_weeks, default=4, help="number of weeks, 1-104 (default 4)")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format")
    p.add_argument("--out", type=Path, help="write here (atomically) instead of stdout")
    p.add_argument(
        "--revision",
        type=_datetime,
        help="issue time for the calendar (DTSTAMP), e.g. 2026-12-01T09:00:00Z",
    )
    p.add_argument("--alarm", type=_minutes, help="ics: a reminder this many minutes before")
    p.add_argument(
        "--previous",
        type=Path,
        metavar="OLD.ics",
        help="ics: the file issued last time; unchanged events keep their SEQUENCE, "
        "changed ones get a higher one, dropped ones are sent as cancelled",
    )
    p.add_argument(
        "--refresh",
        type=_duration,
        metavar="DURATION",
        help="ics: feed refresh hint for a subscribed file, e.g. PT12H",
    )
    p.add_argument("--calendar", metavar="NAME", help="ics: calendar name")

    c = sub.add_parser("check", help="check a plan (JSON) against the rules for a profile")
    c.add_argument("profile", type=Path)
    c.add_argument("plan", type=Path)

    pr = sub.add_parser("profile", help="check a runner profile and summarise it")
    pr.add_argument("profile", type=Path)

    r = sub.add_parser(
        "roster",
        help="plan every profile of a folder: one file per runner "
        "and format, plus index.csv and index.md (docs/roster.md)",
    )
    r.add_argument("profiles_dir", type=Path, help="folder of runner profiles (.toml, .json)")
    r.add_argument("--out", type=Path, required=True, help="output folder (made if missing)")
    r.add_argument("--jobs", type=_jobs, default=1, help="worker processes (default 1)")
    r.add_argument("--start", type=_date, help="first day (default: each runner's next week start)")
    r.add_argument("--weeks", type=_weeks, default=4, help="number of weeks, 1-104 (default 4)")
    r.add_argument("--format", default="ics", help="comma-separated: ics, json, text (default ics)")
    r.add_argument("--revision", type=_datetime, help="issue time for the calendars (DTSTAMP)")
    r.add_argument("--alarm", type=_minutes, help="ics: a reminder this many minutes before")

    sub.add_parser("rules", help="print the rule catalog")

    s = sub.add_parser("schema", help="print the JSON Schema of a profile or a plan")
    s.add_argument("which", choices=("profile", "plan"))

    from runplan.publish import add_publish_parser

    add_publish_parser(sub, _date, _weeks)
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
    try:
        args = _build_parser().parse_args(argv)
        args.stderr = err
        handler = _HANDLERS[args.command]
        return handler(args, out, today or _today)
    except RunplanError as exc:
        err.write(f"runplan: error: {_one_paragraph(str(exc))}\n")
        return int(getattr(exc, "exit_status", 2))
    except OSError as exc:
        err.write(f"runplan: error: {_one_paragraph(str(exc))}\n")
        return 2


def _one_paragraph(text: str) -> str:
    return " ".join(text.split())


def _today(timezone: str) -> date:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(timezone)).date()


def _emit(data: bytes | str, target: Path | None, out: TextIO) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if target is None:
        if isinstance(data, str):
            out.write(data)
        else:
            out.write(raw.decode("utf-8"))
        return
    write_atomic(target, raw)


def _cmd_plan(args: argparse.Namespace, out: TextIO, today: Callable[[str], date]) -> int:
    from runplan.profile import load_profile
    from runplan.schedule import plan

    runner = load_profile(args.profile)
    start = args.start or next_week_start(today(runner.timezone), runner.week_start.number)
    result = plan(runner, start=start, weeks=args.weeks, revision=args.revision)
    if args.format == "json":
        from runplan.export.jsonout import to_json

        _emit(to_json(result), args.out, out)
    elif args.format == "text":
        from runplan.export.text import to_text

        _emit(to_text(result), args.out, out)
    else:
        from runplan.export.ics import to_ics

        previous = None
        if args.previous is not None:
            try:
                previous = args.previous.read_bytes()
            except OSError as exc:
                raise ExportError(
                    f"--previous {args.previous}: cannot be read ({exc.strerror or exc})"
                ) from None
        _emit(
            to_ics(
                result,
                alarm_minutes=args.alarm,
                refresh=args.refresh,
                calendar_name=args.calendar,
                previous=previous,
            ),
            args.out,
            out,
        )
    return 0


def _cmd_check(args: argparse.Namespace, out: TextIO, today: Callable[[str], date]) -> int:
    from runplan.errors import PlanFormatError
    from runplan.export.jsonout import plan_from_json
    from runplan.profile import load_profile
    from runplan.validation import validate

    runner = load_profile(args.profile)
    try:
        text = args.plan.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFormatError([f"cannot be read ({exc})"], str(args.plan)) from None
    violations = validate(plan_from_json(text, source=str(args.plan)), runner)
    for v in violations:
        when = f"{v.date.isoformat()} " if v.date else ""
        out.write(f"{when}{v.rule}: {v.message}\n")
    if violations:
        out.write(f"{len(violations)} violation(s)\n")
        return 1
    out.write("ok: the plan follows every checked rule\n")
    return 0


def _cmd_profile(args: argparse.Namespace, out: TextIO, today: Callable[[str], date]) -> int:
    from runplan.models import WEEKDAYS
    from runplan.profile import load_profile

    r = load_profile(args.profile)
    free = [d.value for d in WEEKDAYS if r.availability.on(d)]
    out.write(
        f"ok: {r.name} ({r.timezone}): {r.run_days} runs, {r.cross_days} bike/swim, "
        f"{r.strength_days} strength a week; {r.weekly_run_minutes} run min/week"
        f"{f' -> {r.target_run_minutes}' if r.target_run_minutes else ''}; "
        f"free days: {', '.join(free) or 'none'}; conditions: {len(r.conditions)}; "
        f"check-ins: {len(r.checkins)}\n"
    )
    return 0


def _cmd_rules(args: argparse.Namespace, out: TextIO, today: Callable[[str], date]) -> int:
    from runplan.rules import RULES

    for rule in RULES.values():
        out.write(f"{rule.id:<4} {rule.text}\n")
        out.write(f"     default: {rule.default}; source: {rule.source}\n")
    return 0


def _cmd_schema(args: argparse.Namespace, out: TextIO, today: Callable[[str], date]) -> int:
    from runplan.models import Plan, Runner

    model = Runner if args.which == "profile" else Plan
    out.write(json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n")
    return 0


def _cmd_publish(args: argparse.Namespace, out: TextIO, today: Callable[[str], date]) -> int:
    from runplan.publish import run_publish

    return run_publish(args, out, today)


def _cmd_roster(args: argparse.Namespace, out: TextIO, today: Callable[[str], date]) -> int:
    from runplan.roster.run import formats_of, run_roster

    return run_roster(
        args.profiles_dir,
        args.out,
        out=out,
        err=args.stderr,
        jobs=args.jobs,
        start=args.start,
        weeks=args.weeks,
        formats=formats_of(args.format),
        revision=args.revision,
        alarm_minutes=args.alarm,
        today=today,
    )


_HANDLERS: dict[str, Callable[[argparse.Namespace, TextIO, Callable[[str], date]], int]] = {
    "check": _cmd_check,
    "plan": _cmd_plan,
    "profile": _cmd_profile,
    "publish": _cmd_publish,
    "roster": _cmd_roster,
    "rules": _cmd_rules,
    "schema": _cmd_schema,
}
