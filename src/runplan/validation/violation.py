"""The validator's one result type: a broken rule, said so a person can act on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["Violation"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: its id, a readable message naming what is wrong, and the date
    it concerns (``None`` for the plan as a whole)."""

    rule: str
    message: str
    date: date | None = None
