"""The closed vocabularies of the contracts: weekdays, surfaces, conditions, red flags,
session and advisory kinds.  Their values are the codes profiles and plans use.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

__all__ = [
    "WEEKDAYS",
    "AdvisoryKind",
    "ConditionKind",
    "DayStatus",
    "Equipment",
    "HistoryItem",
    "Intensity",
    "IntervalKind",
    "RedFlag",
    "SessionKind",
    "StepKind",
    "Surface",
    "Weekday",
]


class Weekday(StrEnum):
    """Day of the week, as written in profiles (``mon`` ... ``sun``)."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """0 for Monday ... 6 for Sunday, like :meth:`datetime.date.weekday`."""
        return WEEKDAYS.index(self)

    @classmethod
    def of(cls, day: date) -> Weekday:
        return WEEKDAYS[day.weekday()]


WEEKDAYS: tuple[Weekday, ...] = tuple(Weekday)


class Equipment(StrEnum):
    """Cross-training equipment: a bike, or a pool to swim in."""

    BIKE = "bike"
    POOL = "pool"


class Surface(StrEnum):
    """Where the runner can run."""

    GRASS = "grass"
    DIRT = "dirt"
    TRAIL = "trail"
    TRACK = "track"
    TREADMILL = "treadmill"
    ROAD = "road"


class ConditionKind(StrEnum):
    """Back conditions named by the source article (plus undiagnosed back pain)."""

    MUSCLE_STRAIN = "muscle_strain"
    HERNIATED_DISC = "herniated_disc"
    DEGENERATIVE_DISC = "degenerative_disc"
    SCIATICA = "sciatica"
    BACK_PAIN = "back_pain"


class RedFlag(StrEnum):
    """Red-flag symptom codes a check-in may report (RULES.md, S1 and S2)."""

    SADDLE_NUMBNESS = "saddle_numbness"
    BLADDER_BOWEL = "bladder_bowel"
    BOTH_LEGS = "both_legs"
    LEG_WEAKNESS = "leg_weakness"
    MAJOR_TRAUMA = "major_trauma"
    CHEST_PAIN = "chest_pain"
    FEVER = "fever"
    WEIGHT_LOSS = "weight_loss"
    NIGHT_PAIN = "night_pain"


class HistoryItem(StrEnum):
    """Medical history items that make back pain urgent (RULES.md, S2)."""

    CANCER = "cancer"
    STEROIDS = "steroids"
    IMMUNOSUPPRESSION = "immunosuppression"
    OSTEOPOROSIS = "osteoporosis"
    IV_DRUG_USE = "iv_drug_use"


class SessionKind(StrEnum):
    RUN = "run"
    BIKE = "bike"
    SWIM = "swim"
    STRENGTH = "strength"
    MOBILITY = "mobility"
    WALK = "walk"
    RECOVERY = "recovery"


class Intensity(StrEnum):
    EASY = "easy"
    GENTLE = "gentle"
    MODERATE = "moderate"
    HARD = "hard"  # a goal race (T2)


class StepKind(StrEnum):
    WALK = "walk"
    BACK_STRETCH = "back_stretch"


class IntervalKind(StrEnum):
    """What a stretch of a walk-run session is (DESIGN.md "Plan contract additions")."""

    WALK = "walk"
    JOG = "jog"
    RUN = "run"


class DayStatus(StrEnum):
    """A day at a glance, the first that applies: a red-flag block, only home care, a
    rule stops running, a full rest day, or training."""

    NO_TRAINING = "no_training"
    HOME_CARE = "home_care"
    NO_RUNNING = "no_running"
    REST = "rest"
    TRAINING = "training"


class AdvisoryKind(StrEnum):
    """``urgent``: red flags, no training, seek care now.  ``consult``: see a spine
    specialist.  ``note``: everything else (shortfalls, shoes, surfaces, daylight saving)."""

    URGENT = "urgent"
    CONSULT = "consult"
    NOTE = "note"
