"""The contract's numbers (RULES.md, docs/conditions.md), each declared once.

Data only: the scheduling side and the independent validator both import these, so a
threshold cannot drift between the one who plans and the one who checks.  Keys that
name a surface, a red flag or a condition are their profile codes (plain strings that
compare equal to the ``StrEnum`` members of :mod:`runplan.models`), which keeps this
module a leaf that imports nothing of runplan.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "AGE_OLD",
    "AGE_YOUNG",
    "DISC_CONDITIONS",
    "EASED_DROP",
    "EASED_PAIN",
    "EFFORT",
    "EMERGENCY_FLAGS",
    "EPISODE_PAIN",
    "FLARE_PAIN",
    "LADDER",
    "LADDER_REPEATS",
    "LONG_RUN_GROWTH",
    "LOOKBACK_DAYS",
    "MAX_SESSIONS_PER_DAY",
    "R3_RUN_PAIN",
    "RECOVERY_EVERY",
    "RECOVERY_RATIO",
    "RE_REVIEW_DAYS",
    "SHOE_REPLACE_KM",
    "SHOE_WARN_KM",
    "SOFTNESS",
    "STOP_PAIN",
    "STRAIN_CONDITIONS",
    "TWO_WEEK_GROWTH",
    "URGENT_FLAGS",
    "WARMUP_RANGE",
    "WEEKLY_GROWTH",
    "EffortBand",
    "LadderStep",
]

# ----------------------------------------------------------------------- load (L)

WEEKLY_GROWTH = 1.10  # L1: against the last week that was not a recovery week
TWO_WEEK_GROWTH = 1.30  # L1: against the non-recovery week before that
RECOVERY_EVERY = 4  # L2: week i (0-based) is a recovery week iff (i + 1) % 4 == 0
RECOVERY_RATIO = 0.75  # L2: of the week before
LONG_RUN_GROWTH = 1.10  # L4: of the longest run of the lookback
LOOKBACK_DAYS = 30  # L4

# -------------------------------------------------------------------- article (A)

WARMUP_RANGE = (5, 15)  # A2 (and R2), minutes
SHOE_WARN_KM, SHOE_REPLACE_KM = 480, 800  # A5
#: A6: softness class of each surface code, lower is softer.
SOFTNESS: MappingProxyType[str, int] = MappingProxyType(
    {"grass": 0, "dirt": 0, "trail": 0, "track": 1, "treadmill": 2, "road": 3}
)
#: A7/A8: conditions with a no-running window; A10: disc conditions.
STRAIN_CONDITIONS = frozenset({"muscle_strain", "back_pain"})
DISC_CONDITIONS = frozenset({"herniated_disc", "degenerative_disc", "sciatica"})
EPISODE_PAIN = 3  # a check-in at or above this, with no open episode, starts back_pain
EASED_PAIN = 2  # A8: eased at or below this ...
EASED_DROP = 3  # ... or at least this far below the worst since onset
RE_REVIEW_DAYS = 42  # A10: the 6-week re-review

# ---------------------------------------------------------------- safety (S) / return (R)

#: S1: emergency red flags; S2: urgent ones (history items are S2 too).
EMERGENCY_FLAGS = frozenset(
    {"saddle_numbness", "bladder_bowel", "both_legs", "leg_weakness", "major_trauma", "chest_pain"}
)
URGENT_FLAGS = frozenset({"fever", "weight_loss", "night_pain"})
AGE_YOUNG, AGE_OLD = 20, 50  # S3: new back pain under 20 or over 50
FLARE_PAIN = 2  # R1: running stops again above this
R3_RUN_PAIN = 3  # R3: run pain above this steps the ladder back


class LadderStep(NamedTuple):
    """One rung of the R2 walk-run ladder (minutes after the warm-up)."""

    text: str
    minutes: int
    jog: int


#: R2: the walk-run ladder, step 1 first.
LADDER: tuple[LadderStep, ...] = (
    LadderStep("5 x (walk 4 min, jog 1 min)", 25, 5),
    LadderStep("5 x (walk 3 min, jog 3 min)", 30, 15),
    LadderStep("2 x (jog 14 min, walk 2 min)", 32, 28),
    LadderStep("30 min continuous easy jog", 30, 30),
)
LADDER_REPEATS = 2  # R2: each step at least twice; two top-step sessions end the ladder

# ----------------------------------------------------------- effort (A13) and load (L5)


class EffortBand(NamedTuple):
    """A planned effort: RPE on Foster's 0-10 scale and the talk-test cue (A13)."""

    rpe_low: int
    rpe_high: int
    cue: str


#: A13: the effort of each kind of session.  ``easy`` is every run, walk-run, ride and
#: swim; ``brisk`` the ladder's brisk-walk step; ``care`` home care (mobility, easy walks,
#: ice, heat), which carries no load (L5).
EFFORT: MappingProxyType[str, EffortBand] = MappingProxyType(
    {
        "easy": EffortBand(2, 3, "you can talk in full sentences"),
        "brisk": EffortBand(3, 4, "you can talk, in shorter sentences"),
        "strength": EffortBand(4, 5, "you can talk between sets; stop before your form slips"),
        "care": EffortBand(1, 2, "very easy: you could sing"),
    }
)
STOP_PAIN = 3  # A13/R3: pain above this during a session means stop

# ----------------------------------------------------------------- placement (P)

MAX_SESSIONS_PER_DAY = 2  # P2
