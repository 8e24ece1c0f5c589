"""What a plan is asked for: the start date rule, the number of weeks, the issue time.

The library never reads the wall clock: the command line passes today's date in, and
:func:`next_week_start` turns it into the default ``--start``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from runplan.errors import PlanRequestError
from runplan.models import Runner
from runplan.rules.limits import DATE_MAX, DATE_MIN, MAX_WEEKS

__all__ = [
    "MAX_WEEKS",
    "check_revision",
    "check_start",
    "check_weeks",
    "default_weeks",
    "next_week_start",
    "plan_revision",
]


def next_week_start(today: date, week_start_index: int) -> date:
    """The first ``week_start`` weekday after ``today`` (tomorrow at the earliest)."""
    return today + timedelta(days=(week_start_index - today.weekday() - 1) % 7 + 1)


#: Weeks planned when none are asked for and no race lies ahead.
DEFAULT_WEEKS = 4


def default_weeks(runner: Runner, start: date) -> int:
    """The weeks a plan from ``start`` gets when none are asked for: with a race on or
    after ``start``, the weeks up to the race's week plus the easy week after it (T2,
    at most :data:`MAX_WEEKS`); else 4."""
    race = runner.race
    if race is None or race.date < start:
        return DEFAULT_WEEKS
    return min(MAX_WEEKS, (race.date - start).days // 7 + 2)


def check_weeks(weeks: object) -> int:
    """``weeks`` as a whole number from 1 to :data:`MAX_WEEKS`, or :class:`PlanRequestError`."""
    if not isinstance(weeks, int) or isinstance(weeks, bool) or not 1 <= weeks <= MAX_WEEKS:
        raise PlanRequestError(f"weeks: {weeks!r} is out of range; allowed: 1 to {MAX_WEEKS}")
    return weeks


def check_start(start: date, weeks: int) -> None:
    """The plan's days lie within DATE_MIN..DATE_MAX, else :class:`PlanRequestError`."""
    last = DATE_MAX - timedelta(days=7 * weeks - 1)
    if not DATE_MIN <= start <= last:
        raise PlanRequestError(
            f"start: {start.isoformat()} is out of range for {weeks} weeks; allowed: "
            f"{DATE_MIN.isoformat()} to {last.isoformat()}"
        )


def check_revision(revision: datetime | None) -> None:
    """``revision`` is None or aware, else :class:`PlanRequestError`."""
    if revision is not None and revision.utcoffset() is None:
        raise PlanRequestError("revision: needs a time zone (an aware datetime)")


def plan_revision(start: date, revision: datetime | None) -> datetime:
    """The issue time in UTC: ``revision``, or ``start`` at 00:00 UTC when none is given."""
    check_revision(revision)
    return (revision or datetime.combine(start, time(0), tzinfo=UTC)).astimezone(UTC)
