"""D1 and D2: days away and recurring exceptions, as the week loop reads them.

The windows themselves come from :func:`runplan.models.calendar.windows_on` (a day away
offers none; a matching ``unavailable`` rule takes its windows out), so placement never
puts a session there.  What this module adds: the plain note for each time away, and
whether a week lost days to it, so that L1 neither measures later weeks against a week
the runner was away for nor makes up what it missed (docs/races.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from runplan.models import Advisory, AdvisoryKind, Runner
from runplan.models.calendar import away_on

__all__ = ["away_days", "away_notes"]


def away_days(runner: Runner, week_start: date) -> int:
    """How many days of the week from ``week_start`` the runner is away (D1)."""
    return sum(away_on(runner, week_start + timedelta(days=k)) is not None for k in range(7))


def away_notes(runner: Runner, start: date, days: int) -> Sequence[Advisory]:
    """One note per time away that overlaps the plan's ``days`` from ``start`` (D1)."""
    last = start + timedelta(days=days - 1)
    notes = []
    for away in sorted(runner.away, key=lambda a: (a.from_, a.to)):
        first, until = max(away.from_, start), min(away.to, last)
        if first > until:
            continue
        what = f" ({away.note.strip()[:80]})" if away.note and away.note.strip() else ""
        notes.append(
            Advisory(
                kind=AdvisoryKind.NOTE,
                date=first,
                until=until if until > first else None,
                rules=["D1"],
                message=(
                    f"Away from {away.from_.isoformat()} to {away.to.isoformat()}{what}: no "
                    "sessions on those days, and the training they would have held is not "
                    "made up afterwards; the weeks after go on from the plan's own level."
                ),
            )
        )
    return notes
