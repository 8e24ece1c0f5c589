"""``runplan publish``: read the options, then publish through :mod:`runplan.publish`.

The password is taken only from an environment variable named on the command line:
``--password`` is refused without echoing its value, and a URL with credentials in it
is refused, because both would end up in shell history and process listings.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

from runplan.cli._args import Today, _date, _weeks, int_in
from runplan.errors import PublishError, RunplanError

if TYPE_CHECKING:
    from runplan.publish import PublishReport

__all__ = ["add_parser", "run"]

_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]{0,127}$")


def add_parser(sub: Any) -> None:
    """Add ``runplan publish`` to the sub-command parsers ``sub``."""
    p = sub.add_parser(
        "publish",
        allow_abbrev=False,
        help="publish the plan to a CalDAV calendar (needs runplan[caldav])",
        description=(
            "Create or update one calendar object per session and advisory on a CalDAV "
            "server; delete the ones runplan published for this runner that left the "
            "plan; never touch other events. Exit status 3 on a server, network or "
            "authentication error."
        ),
    )
    p.add_argument("profile", type=Path, help="runner profile (.toml or .json)")
    p.add_argument(
        "--url",
        required=True,
        type=_url,
        help="CalDAV server or principal URL (http:// or https://)",
    )
    p.add_argument(
        "--calendar",
        metavar="NAME",
        help='calendar display name (default "Training plan - <runner>"); created when missing',
    )
    p.add_argument("--user", metavar="U", help="user name for the server")
    p.add_argument(
        "--password-env",
        metavar="VAR",
        help="name of the environment variable that holds the password",
    )
    p.add_argument("--password", nargs="?", action=_RefusePassword, help=argparse.SUPPRESS)
    p.add_argument("--start", type=_date, help="first day (default: the next week start)")
    p.add_argument("--weeks", type=_weeks, default=4, help="number of weeks, 1-104 (default 4)")
    p.add_argument(
        "--dry-run", action="store_true", help="print what would change and change nothing"
    )
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_DEADLINE_S,
        metavar="SECONDS",
        help=f"give up after this many seconds in all (default {DEFAULT_DEADLINE_S}); "
        "a server that answers slowly cannot keep the command running longer",
    )


#: ``--timeout``: the whole publish, not one read (a server that trickles a byte at a
#: time resets a per-read timeout for ever).
DEFAULT_DEADLINE_S = 300
_MAX_DEADLINE_S = 24 * 3600


_seconds = int_in(1, _MAX_DEADLINE_S, "{text} is not a number of seconds; allowed: {low} to {high}")


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Raise :class:`PublishError` in the main thread once ``seconds`` have passed (a
    timer signal interrupts even a read that keeps receiving a byte at a time)."""

    def expired(_signum: int, _frame: object) -> None:
        raise PublishError(
            f"the publish did not finish within {seconds} s (--timeout): the changes "
            "sent before stay, and one under way may or may not have been applied "
            "(unknown); run the same command again to finish and check"
        )

    try:
        previous = signal.signal(signal.SIGALRM, expired)
    except ValueError:  # not the main thread: no timer signal here
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(args: argparse.Namespace, out: TextIO, today: Today) -> int:
    """Publish and print the summary (with ``--dry-run``, every change it would make).

    The profile and the password are checked before the server is contacted.
    """
    from runplan.profile import load_profile
    from runplan.publish import publish_plan
    from runplan.schedule.request import next_week_start

    runner = load_profile(args.profile)
    password = _password(args.user, args.password_env, os.environ)
    start = args.start or next_week_start(today(runner.timezone), runner.week_start.number)
    with _deadline(args.timeout):
        report = publish_plan(
            runner,
            args.url,
            start=start,
            weeks=args.weeks,
            revision=datetime.now(UTC),  # the command line is where the clock is read
            calendar_name=args.calendar,
            user=args.user,
            password=password,
            dry_run=args.dry_run,
        )
    _print(report, args.url, out)
    return 0


def _print(report: PublishReport, url: str, out: TextIO) -> None:
    name = report.calendar_name
    where = f'calendar "{name}"' + (f" ({report.calendar_url})" if report.calendar_url else "")
    if report.dry_run:
        if report.calendar_created:
            out.write(f'create calendar "{name}" at {url}\n')
        for change in report.changes:
            out.write(change.describe() + "\n")
        out.write(
            f"dry run, nothing was changed on {where}; publishing would give: {report.summary()}\n"
        )
        return
    if report.calendar_created:
        out.write(f"created {where}\n")
    out.write(report.summary() + "\n")


class _RefusePassword(argparse.Action):
    """``--password`` is refused without echoing its value."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        raise RunplanError(
            "--password is not accepted (a password on the command line is visible to "
            "other users and kept in shell history); put it in an environment variable "
            "and give its name with --password-env VAR"
        )


def _url(text: str) -> str:
    parts = urlsplit(text)
    if parts.username is not None or parts.password is not None:
        raise argparse.ArgumentTypeError(
            "must not contain a user name or password; use --user and --password-env"
        )
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a CalDAV URL; allowed: http:// or https:// with a host, "
            "e.g. https://cal.example.com/dav/"
        )
    return text if parts.path else text + "/"


def _password(user: str | None, var: str | None, environ: Mapping[str, str]) -> str | None:
    """The password from the variable named ``var``: None without a user, "" for a
    user without ``--password-env``."""
    if var is None:
        if user is None:
            return None
        return ""
    if user is None:
        raise RunplanError("--password-env needs --user (the user name the password is for)")
    value = environ.get(var)
    if value is None:
        shown = f"{var!r} is" if _ENV_NAME.match(var) else "the variable named by it is"
        raise RunplanError(
            f"--password-env: {shown} not set in the environment; give the name of a "
            "variable that holds the password, not the password itself"
        )
    return value
