"""The contract's numbers (RULES.md, docs/conditions.md), each declared once.

Data only: the scheduling side and the independent validator both import these, so a
threshold cannot drift between the one who plans and the one who checks.  Keys that
name a surface, a red flag or a condition are their profile codes (plain strings that
compare equal to the ``StrEnum`` members of :mod:`runplan.models`), which keeps this
module a leaf that imports nothing of runplan.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "ADVISORY_MAX_CHARS",
    "AGE_OLD",
    "AGE_YOUNG",
    "DATE_MAX",
    "DATE_MIN",
    "DISC_CONDITIONS",
    "EASED_DROP",
    "EASED_PAIN",
    "EFFORT",
    "EMERGENCY_FLAGS",
    "EPISODE_PAIN",
    "FLARE_PAIN",
    "L5_ACUTE_DAYS",
    "L5_CHRONIC_DAYS",
    "L5_FLOOR",
    "L5_RATIO",
    "L5_STRENGTH_MINUTES",
    "L6_MAX_RATIO",
    "L6_MIN_RATIO",
    "L7_EASY_RATIO",
    "L7_RIDE_RATIO",
    "L7_SWIM_MAX",
    "LADDER",
    "LADDER_DAYS",
    "LADDER_FINAL_MAX",
    "LADDER_GROWTH",
    "LADDER_GROWTH_ADD",
    "LADDER_REPEATS",
    "LADDER_WALK",
    "LADDER_WALK_REPEATS",
    "LADDER_WEEKLY",
    "LOG_GROWN_SHARE",
    "LOG_RPE",
    "LONG_RACE_KM",
    "LONG_RUN_GROWTH",
    "LOOKBACK_DAYS",
    "MAX_PLAN_BYTES",
    "MAX_SESSIONS_PER_DAY",
    "MAX_WEEKS",
    "R3_RUN_PAIN",
    "R4_NO_RECOVERY_DAYS",
    "RACE_CLEAR_DAYS",
    "RACE_PACE",
    "RECOVERY_EVERY",
    "RECOVERY_RATIO",
    "RE_REVIEW_DAYS",
    "SHOE_REPLACE_KM",
    "SHOE_WARN_KM",
    "SHORT_RUN_RUNNING",
    "SOFTNESS",
    "STOP_PAIN",
    "STRAIN_CONDITIONS",
    "STRENGTH_LEVELS",
    "STRENGTH_PROGRESS_WEEKS",
    "TAPER_FINAL_DAYS",
    "TAPER_LONG",
    "TAPER_SHORT",
    "TWO_WEEK_GROWTH",
    "URGENT_FLAGS",
    "WALK_GROWTH",
    "WALK_MIN_STEP",
    "WALK_START",
    "WALK_TOP",
    "WARMUP_RANGE",
    "WEEKLY_GROWTH",
    "X2_BAND",
    "EffortBand",
    "LadderStep",
    "StrengthMove",
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
    """One rung of the R2 walk-run ladder after the warm-up: ``repeats`` times the
    ``block`` of ``(kind, minutes)`` stretches in order (kinds ``walk``, ``jog``, ``run``)."""

    block: tuple[tuple[str, int], ...]
    repeats: int = 1

    @property
    def stretches(self) -> tuple[tuple[str, int], ...]:
        """The whole step in order, each stretch as ``(kind, minutes)``."""
        return self.block * self.repeats

    @property
    def minutes(self) -> int:
        return sum(m for _, m in self.stretches)

    @property
    def jog(self) -> int:
        """Minutes of jogging (or running) in the step."""
        return sum(m for k, m in self.stretches if k != "walk")

    @property
    def longest(self) -> int:
        """The longest continuous jog (adjacent jog stretches count as one)."""
        best = run = 0
        for kind, m in self.stretches:
            run = 0 if kind == "walk" else run + m
            best = max(best, run)
        return best


# R2/R4 (walk-run ladder, issue 9): step 0 is the brisk walk, then the table's running
# steps whose longest continuous jog is shorter than the final jog, then the final
# continuous jog of min(usual run - warm-up, LADDER_FINAL_MAX) minutes (docs/coaching.md).
#: R2: step 0, a pain-free brisk walk (a ``walk`` session), done once.
LADDER_WALK = LadderStep((("walk", 30),))
#: R2: the running steps of the table, step 1 first (each one at most doubles, or adds
#: at most 5 minutes to, the total and the longest jog of the step before).
LADDER: tuple[LadderStep, ...] = (
    LadderStep((("walk", 4), ("jog", 1)), 6),
    LadderStep((("walk", 3), ("jog", 2)), 6),
    LadderStep((("walk", 3), ("jog", 3)), 5),
    LadderStep((("walk", 2), ("jog", 4)), 5),
    LadderStep((("walk", 2), ("jog", 8)), 3),
    LadderStep((("walk", 2), ("jog", 13)), 2),
    LadderStep((("jog", 20), ("walk", 2), ("jog", 8))),
)
LADDER_FINAL_MAX = 30  # R2: the final continuous jog lasts at most this
LADDER_GROWTH, LADDER_GROWTH_ADD = 2, 5  # R2: a step at most doubles, or adds 5 minutes
LADDER_REPEATS = 2  # R2: each running step at least twice; two final sessions end it
LADDER_WALK_REPEATS = 1  # R2 (Choice): one pain-free brisk walk opens the ladder
LADDER_WEEKLY = 2  # R4: ladder sessions a week where windows allow
LADDER_DAYS = 42  # R4: the ladder completes within this many days of the clearance

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
        "brisk": EffortBand(2, 3, "brisk, yet you can still talk in full sentences"),
        "strength": EffortBand(4, 5, "you can talk between sets; stop before your form slips"),
        "care": EffortBand(1, 2, "very easy: you could sing"),
        "race": EffortBand(7, 9, "hard but even: a few words at a time"),  # T2
    }
)
STOP_PAIN = 3  # A13/R3: pain above this during a session means stop

#: H1/H2: a short run, the least a week restarts from: the warm-up and this many minutes.
SHORT_RUN_RUNNING = 10
#: L2 with H1: a logged week of at most this share of the week before it rested.
LOG_GROWN_SHARE = 0.8

# ------------------------------------------------------------------- races (T1-T3)

#: T2: minutes a kilometre when a race gives no expected time (a documented convention
#: for a recreational runner's race pace).
RACE_PACE = 6.5
#: T1: the share of the last growth week each taper week keeps, by weeks before the race
#: week (0: the race week itself), for races over :data:`LONG_RACE_KM` and shorter ones;
#: the easy week after the race keeps the smallest share (T2).
TAPER_LONG: MappingProxyType[int, float] = MappingProxyType({1: 0.8, 0: 0.6})
TAPER_SHORT: MappingProxyType[int, float] = MappingProxyType({0: 0.6})
LONG_RACE_KM = 10
TAPER_FINAL_DAYS = 10  # T1: no run longer than before in these days before the race
RACE_CLEAR_DAYS = 14  # T3: running fully open on the race day and these days before

#: H3: the RPE a logged activity counts at when the log gives none (docs/log.md): the
#: middle of the band the plan would have asked for (A13).  Walks are home care and
#: carry no load (L5), unless the log gives their RPE; an unknown sport counts as easy.
LOG_RPE: MappingProxyType[str, float] = MappingProxyType(
    {"run": 2.5, "bike": 2.5, "swim": 2.5, "strength": 4.5, "walk": 0.0, "other": 2.5}
)

# ------------------------------------------------------------------- the request

MAX_WEEKS = 104  # a plan is 1 to 104 weeks long
#: The dates runplan plans and reads (issue 13): a date outside is refused, never walked
#: day by day, so no input date can make the cost unbounded.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2200, 12, 31)
MAX_PLAN_BYTES = 10_000_000  # a plan (JSON) to check, or a previous calendar (issue 13)

# ----------------------------------------------------------------- placement (P)

MAX_SESSIONS_PER_DAY = 2  # P2

# ------------------------------------- sessions: strength and walking progressions (A14)


class StrengthMove(NamedTuple):
    """One exercise of an A14 strength level: ``sets`` of ``reps`` repetitions or of a
    ``hold_s``-second hold; ``side`` ``"each"`` when done on each side."""

    name: str
    sets: int
    reps: int | None
    hold_s: int | None
    side: str | None


def _level(sets: int, reps: int, bridge: int, hold: int) -> tuple[StrengthMove, ...]:
    """One level of the circuit: the same six movements, more rounds, reps or hold time."""
    return (
        StrengthMove("bird-dog", sets, reps, None, "each"),
        StrengthMove("dead bug", sets, reps, None, "each"),
        StrengthMove("glute bridge", sets, bridge, None, None),
        StrengthMove("side plank on the knees", sets, None, hold, "each"),
        StrengthMove("front plank on the forearms", sets, None, hold, None),
        StrengthMove("prone back extension, small range", sets, reps, None, None),
    )


#: A14: the core and back strength levels, level 1 first; the last one is the ceiling.
STRENGTH_LEVELS: tuple[tuple[StrengthMove, ...], ...] = (
    _level(2, 8, 10, 20),
    _level(2, 10, 12, 30),
    _level(3, 10, 12, 30),
    _level(3, 10, 12, 40),
)
STRENGTH_PROGRESS_WEEKS = 2  # A14: non-recovery weeks with strength per level up
WALK_START, WALK_TOP = 15, 30  # A14: walking during a running stop, minutes
WALK_GROWTH, WALK_MIN_STEP = 0.10, 5  # A14: weekly growth, whichever adds more

# ----------------------------------------------------------------- advisories (P4)

ADVISORY_MAX_CHARS = 300  # P4: no advisory message is longer than this

# --------------------------- load ratio, long run, session caps, cross-training (L5-L7, X2)

L5_RATIO = 1.3  # L5: a rising acute load at most this x the larger of chronic and the floor
L5_FLOOR = 0.25  # L5: the floor, a share of the usual week's load
L5_ACUTE_DAYS, L5_CHRONIC_DAYS = 7, 28  # L5: acute and chronic windows, days
L5_STRENGTH_MINUTES = 25  # L5 (Choice): the usual strength session in the usual week
L6_MIN_RATIO, L6_MAX_RATIO = 1.25, 1.5  # L6: long run over the mean of the other runs
L7_EASY_RATIO = 1.2  # L7: an easy run, when fewer runs fit, at most this x the usual run
L7_RIDE_RATIO = 1.2  # L7: a ride at most this x the usual run, every week
L7_SWIM_MAX = 60  # L7: a swim at most this many minutes, every week
X2_BAND = (0.80, 1.10)  # X2: no-running days hold this share of the usual week's minutes
R4_NO_RECOVERY_DAYS = 14  # R4: no recovery week (L2) within this many days after the ladder
