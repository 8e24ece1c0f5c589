"""Step 2 of the pipeline: conditions, check-ins, health and clearances -> a per-day
allowance (what the back allows), the walk-run ladder's state and dated advisories.

``records`` holds what the replay keeps, ``episodes`` replays the events into episodes
and stops, ``advice`` words and dates the advisories, ``derive`` walks the days and
``allowance`` holds the types the scheduler reads.
"""

from __future__ import annotations

from runplan.rules.limits import EMERGENCY_FLAGS
from runplan.timeline.allowance import (
    FULL,
    Allowance,
    LadderState,
    RunMode,
    Timeline,
    final_jog,
    ladder_steps,
    new_ladder,
)
from runplan.timeline.derive import LADDER_STEPS, derive_timeline

__all__ = [
    "EMERGENCY_FLAGS",
    "FULL",
    "LADDER_STEPS",
    "Allowance",
    "LadderState",
    "RunMode",
    "Timeline",
    "derive_timeline",
    "final_jog",
    "ladder_steps",
    "new_ladder",
]
