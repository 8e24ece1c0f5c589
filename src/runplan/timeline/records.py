"""The records the event replay keeps: episodes, stops and the advisories they gave.

They sit apart from the replay so that the advice (dated advisories) and the day walk
can read them without importing the replay itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from runplan.models import Advisory, ConditionKind

__all__ = ["RUNNING_STOPS", "Episode", "Note", "Stop"]

#: Stops whose clearance returns running through the ladder (R1/R2); all of them stop running.
RUNNING_STOPS = frozenset({"S1", "S2", "S3", "A8", "A9", "A10", "R1"})


@dataclass
class Episode:
    """A condition from its onset (or a painful check-in's back pain) until it is cleared.

    ``worst`` is the worst pain of its check-ins so far, which A8's "eased" compares with.
    """

    kind: ConditionKind
    start: date
    cleared: date | None  # the condition's own cleared date
    closed: date | None = None  # the day a clinician's clearance closed it
    worst: int = 0

    def open_on(self, day: date) -> bool:
        ends = [d for d in (self.cleared, self.closed) if d is not None]
        return self.start <= day and (not ends or day < min(ends))


@dataclass
class Stop:
    """One rule that stops something (S1-S3, A8-A11, R1) from ``begin`` until a clearance."""

    rule: str
    begin: date
    episode: Episode | None = None  # a clearance of this episode's condition ends the stop
    ended: date | None = None
    history: bool = False  # S2 stop from health.history

    def active(self, day: date) -> bool:
        return self.begin <= day and (self.ended is None or day < self.ended)


class Note(NamedTuple):
    """An advisory as given, and the stop that gave it: the stop decides whether an
    advisory from before the plan is carried to its first day, and how long it holds
    (``until``, P4).  ``reason`` is the advisory's cause in a few words, which a consult
    combined with others on its day names (P4: at most one consult a day)."""

    advisory: Advisory
    stop: Stop
    reason: str = ""
