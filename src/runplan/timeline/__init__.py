"""Step 2 of the pipeline: conditions, check-ins, health and clearances -> a per-day
allowance (what the back allows), the walk-run ladder's state and dated advisories."""

from __future__ import annotations

from runplan.timeline.derive import (
    EMERGENCY_FLAGS,
    FULL,
    LADDER_STEPS,
    Allowance,
    LadderState,
    RunMode,
    Timeline,
    derive_timeline,
)

__all__ = [
    "EMERGENCY_FLAGS",
    "FULL",
    "LADDER_STEPS",
    "Allowance",
    "LadderState",
    "RunMode",
    "Timeline",
    "derive_timeline",
]
