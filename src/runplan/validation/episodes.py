"""Back-pain episodes: the profile's conditions, and undiagnosed back pain the pain log
starts, each with its clearance.

Several stops (the S2 history stop, S3, the A7 window, A8, A10) begin at an episode's
start, so the episodes are read once and the stops are derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runplan.models import Condition, ConditionKind, Runner
from runplan.rules.limits import EPISODE_PAIN
from runplan.validation.painlog import PainLog, clearance

__all__ = ["Episode", "find_episodes"]


@dataclass(frozen=True, slots=True)
class Episode:
    """One episode of a back condition, open from ``start`` until ``end``."""

    kind: ConditionKind
    start: date
    end: date | None  # the clearance (exclusive)
    condition: Condition | None  # None: undiagnosed back pain started by a check-in

    def open(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def name(self) -> str:
        return str(self.kind) if self.condition is not None else "undiagnosed back_pain"


def find_episodes(runner: Runner, log: PainLog) -> list[Episode]:
    """Profile conditions, then undiagnosed back pain from check-ins with pain >= 3 on
    days when no episode is open (check-ins in date order, so earlier undiagnosed
    episodes count as open)."""
    episodes = [
        Episode(c.kind, c.onset, clearance(c.onset, [c], log), c) for c in runner.conditions
    ]
    for checkin in log.checkins:
        if checkin.pain >= EPISODE_PAIN and not any(e.open(checkin.date) for e in episodes):
            end = log.clearance_after(checkin.date)
            episodes.append(Episode(ConditionKind.BACK_PAIN, checkin.date, end, None))
    return sorted(episodes, key=lambda e: (e.start, e.kind.value))
