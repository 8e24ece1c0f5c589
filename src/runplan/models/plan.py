"""The plan (output): weeks of days of sessions, advisories and the disclaimer.
The exporters read these; they decide nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
)
from pydantic_core import PydanticCustomError

from runplan.models.codes import (
    AdvisoryKind,
    DayStatus,
    Intensity,
    IntervalKind,
    SessionKind,
    StepKind,
    Surface,
)
from runplan.models.dates import BoundedDate
from runplan.rules.limits import MAX_WEEKS

__all__ = [
    "Advisory",
    "Day",
    "Effort",
    "Exercise",
    "Interval",
    "Plan",
    "Session",
    "Warmup",
    "WarmupStep",
    "Week",
    "WeekTotals",
]

#: Structural bounds on what a plan file may hold, far above any plan runplan writes
#: (P2 allows two training sessions a day, plus home care), so that a crafted file
#: cannot make a check quadratic in its size (issue 13).
MAX_DAY_ENTRIES = 12
MAX_ADVISORIES = 2000

#: No session (or part of one) lasts longer than a day: a bound on what a plan file may
#: claim, so that no date arithmetic on it can overflow (issue 13).
MINUTES_PER_DAY = 24 * 60


_PLAN = ConfigDict(extra="forbid", frozen=True)

#: ``date`` under another name, for fields of models that also have a field ``date``.
_Date = date

LocalDateTime = Annotated[
    datetime,
    PlainSerializer(lambda dt: dt.isoformat(), return_type=str),
]


class WarmupStep(BaseModel):
    model_config = _PLAN

    kind: StepKind
    minutes: int = Field(ge=1, le=MINUTES_PER_DAY)
    text: str


class Warmup(BaseModel):
    """The warm-up that opens a run: easy walking plus gentle back stretches (A2)."""

    model_config = _PLAN

    duration_min: int = Field(ge=0, le=MINUTES_PER_DAY)
    steps: list[WarmupStep]


class Effort(BaseModel):
    """How hard a session is meant to feel: RPE on Foster's 0-10 scale and a talk-test
    cue (A13)."""

    model_config = _PLAN

    rpe_low: int = Field(ge=0, le=10)
    rpe_high: int = Field(ge=0, le=10)
    cue: str


class Interval(BaseModel):
    """One stretch of a walk-run session after the warm-up, in order (R2)."""

    model_config = _PLAN

    kind: IntervalKind
    minutes: int = Field(ge=1)


class Exercise(BaseModel):
    """One strength exercise: sets of repetitions or of a hold, per side when ``side``
    is ``"each"`` (A3, A14)."""

    model_config = _PLAN

    name: str
    sets: int = Field(ge=1)
    reps: int | None = Field(default=None, ge=1)
    hold_s: int | None = Field(default=None, ge=1)
    side: str | None = None


class Session(BaseModel):
    """One thing to do at a given local time; ``duration_min`` includes the warm-up.

    ``content`` extends the contract: the steps of the session itself (intervals,
    exercises, recovery actions), after the warm-up; so does ``ladder_step``: the R2
    walk-run step of a return-to-running session (0: the brisk-walk entry step).
    ``effort``, ``load`` (mean RPE x ``duration_min``, L5), ``stop_rule`` (runs, A13),
    ``intervals`` (walk-run sessions) and ``exercises`` (strength) are the coaching
    additions of DESIGN.md.
    """

    model_config = _PLAN

    kind: SessionKind
    title: str
    start: LocalDateTime
    duration_min: int = Field(ge=1, le=MINUTES_PER_DAY)
    warmup: Warmup | None = None
    surface: Surface | None = None
    intensity: Intensity = Intensity.EASY
    content: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)
    ladder_step: int | None = Field(default=None, ge=0, le=20)
    effort: Effort | None = None
    load: float | None = Field(default=None, ge=0)
    stop_rule: str | None = None
    intervals: list[Interval] | None = None
    exercises: list[Exercise] | None = None

    @field_validator("start")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None or value.utcoffset() is None:
            raise PydanticCustomError(
                "runplan", "start: {value} has no UTC offset", {"value": value.isoformat()}
            )
        return value


class Day(BaseModel):
    model_config = _PLAN

    date: BoundedDate
    sessions: list[Session] = Field(default_factory=list, max_length=MAX_DAY_ENTRIES)
    status: DayStatus | None = None


class WeekTotals(BaseModel):
    """A week's planned minutes by kind, its load and its load ratio (for display; the
    validator recomputes them, L5)."""

    model_config = _PLAN

    run_min: int = Field(ge=0)
    cross_min: int = Field(ge=0)
    strength_min: int = Field(ge=0)
    load: float = Field(ge=0)
    acwr: float | None = Field(default=None, ge=0)


class Week(BaseModel):
    """Seven consecutive days.  ``recovery_week`` extends the contract (L2)."""

    model_config = _PLAN

    start: BoundedDate
    days: list[Day] = Field(max_length=7)
    recovery_week: bool = False
    totals: WeekTotals | None = None


class Advisory(BaseModel):
    model_config = _PLAN

    kind: AdvisoryKind
    date: date
    message: str
    rules: list[str] = Field(default_factory=list)
    until: _Date | None = None  # the last date of the range the advisory covers (P4)


class Plan(BaseModel):
    """A multi-week plan (DESIGN.md "Plan").

    ``revision`` (UTC) and ``generator`` extend the contract: the time the plan was
    issued, used as the calendar DTSTAMP, and the library version that made it.
    ``guidance`` (additive) holds what the plan says once for all its sessions, such as
    what to do after a missed session (skip it; never stack it on another day).
    """

    model_config = _PLAN

    runner: str
    timezone: str
    start: BoundedDate
    weeks: list[Week] = Field(max_length=MAX_WEEKS)
    advisories: list[Advisory] = Field(default_factory=list, max_length=MAX_ADVISORIES)
    disclaimer: str
    guidance: list[str] = Field(default_factory=list)
    revision: LocalDateTime | None = None
    generator: str = "runplan"
    #: The identity calendar UIDs derive from: the profile's ``id`` (or file name);
    #: absent, the runner's name, as plans made before it had one (docs/calendar.md).
    runner_id: str | None = None

    def sessions(self) -> list[tuple[date, Session]]:
        """Every session of the plan with its date, in order."""
        return [(day.date, s) for week in self.weeks for day in week.days for s in day.sessions]
