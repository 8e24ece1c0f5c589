"""The validator's conventions: calendar units, session-kind groups, the float slack, and
how a message names a session or a week.

Every checker and the derivation share these, so that a violation names the same
session the same way whichever rule it breaks.  None of it is a contract number (those
are in :mod:`runplan.rules.limits`).
"""

from __future__ import annotations

from datetime import date, timedelta

from runplan.models import Session, SessionKind, Week

__all__ = [
    "AT_HOME_KINDS",
    "CROSS_KINDS",
    "DAYS_PER_WEEK",
    "ONE_DAY",
    "TOLERANCE",
    "TRAINING_KINDS",
    "label",
    "week_dates",
    "week_label",
    "week_last",
]

#: Slack for float ratios only (1.1 x 130 is 143.00000000000003); nothing else is lenient.
TOLERANCE = 1e-9
DAYS_PER_WEEK = 7
ONE_DAY = timedelta(days=1)

CROSS_KINDS = frozenset({SessionKind.BIKE, SessionKind.SWIM})
TRAINING_KINDS = frozenset({SessionKind.RUN, SessionKind.STRENGTH} | CROSS_KINDS)
#: P1: ice/heat, walking and gentle mobility happen at home, outside the windows.
AT_HOME_KINDS = frozenset({SessionKind.RECOVERY, SessionKind.WALK, SessionKind.MOBILITY})


def label(day: date, session: Session) -> str:
    """How a message names a session: kind, title, date and the wall time it states."""
    start = session.start  # the wall time it states (no strftime: labels are many)
    return f'{session.kind.value} "{session.title}" on {day} at {start.hour:02d}:{start.minute:02d}'


def week_label(index: int, week: Week) -> str:
    """How a message names a week: its 1-based number and its start."""
    return f"week {index + 1} ({week.start})"


def week_last(week: Week) -> date:
    """The last date of a week, by its start (whatever days it holds)."""
    return week.start + timedelta(days=DAYS_PER_WEEK - 1)


def week_dates(week: Week) -> list[date]:
    """The seven dates of a week, by its start (whatever days it holds)."""
    return [week.start + timedelta(days=k) for k in range(DAYS_PER_WEEK)]
