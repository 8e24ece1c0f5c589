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
    Intensity,
    SessionKind,
    StepKind,
    Surface,
)

__all__ = [
    "Advisory",
    "Day",
    "Plan",
    "Session",
    "Warmup",
    "WarmupStep",
    "Week",
]


_PLAN = ConfigDict(extra="forbid", frozen=True)

LocalDateTime = Annotated[
    datetime,
    PlainSerializer(lambda dt: dt.isoformat(), return_type=str),
]


class WarmupStep(BaseModel):
    model_config = _PLAN

    kind: StepKind
    minutes: int = Field(ge=1)
    text: str


class Warmup(BaseModel):
    """The warm-up that opens a run: easy walking plus gentle back stretches (A2)."""

    model_config = _PLAN

    duration_min: int = Field(ge=0)
    steps: list[WarmupStep]


class Session(BaseModel):
    """One thing to do at a given local time; ``duration_min`` includes the warm-up.

    ``content`` extends the contract: the steps of the session itself (intervals,
    exercises, recovery actions), after the warm-up; so does ``ladder_step``: the R2
    walk-run step (1-4) of a return-to-running session.
    """

    model_config = _PLAN

    kind: SessionKind
    title: str
    start: LocalDateTime
    duration_min: int = Field(ge=1)
    warmup: Warmup | None = None
    surface: Surface | None = None
    intensity: Intensity = Intensity.EASY
    content: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)
    ladder_step: int | None = Field(default=None, ge=1, le=4)

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

    date: date
    sessions: list[Session] = Field(default_factory=list)


class Week(BaseModel):
    """Seven consecutive days.  ``recovery_week`` extends the contract (L2)."""

    model_config = _PLAN

    start: date
    days: list[Day]
    recovery_week: bool = False


class Advisory(BaseModel):
    model_config = _PLAN

    kind: AdvisoryKind
    date: date
    message: str
    rules: list[str] = Field(default_factory=list)


class Plan(BaseModel):
    """A multi-week plan (DESIGN.md "Plan").

    ``revision`` (UTC) and ``generator`` extend the contract: the time the plan was
    issued, used as the calendar DTSTAMP, and the library version that made it.
    """

    model_config = _PLAN

    runner: str
    timezone: str
    start: date
    weeks: list[Week]
    advisories: list[Advisory] = Field(default_factory=list)
    disclaimer: str
    revision: LocalDateTime | None = None
    generator: str = "runplan"

    def sessions(self) -> list[tuple[date, Session]]:
        """Every session of the plan with its date, in order."""
        return [(day.date, s) for week in self.weeks for day in week.days for s in day.sessions]
