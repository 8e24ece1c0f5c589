"""The runner profile (input).  Strict: unknown keys, unknown codes, impossible windows
and impossible counts are refused with a message that names the field, the value and
what is allowed.
"""

from __future__ import annotations

import itertools
import re
from datetime import time
from typing import Annotated, Any, Self, TypeVar
from zoneinfo import ZoneInfo

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from runplan.models.codes import (
    ConditionKind,
    Equipment,
    HistoryItem,
    RedFlag,
    Surface,
    Weekday,
)
from runplan.models.dates import BoundedDate
from runplan.models.recurrence import RuleError, check_rule, first_date
from runplan.models.zones import portable_zone

__all__ = [
    "Availability",
    "Away",
    "CheckIn",
    "Condition",
    "Health",
    "Race",
    "Runner",
    "Unavailable",
    "Window",
]


_STRICT = ConfigDict(extra="forbid", frozen=True)
_WINDOW_RE = re.compile(r"^\s*([0-9]{1,2}):([0-9]{2})\s*-\s*([0-9]{1,2}):([0-9]{2})\s*$")


def _err(template: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError("runplan", template, context)


class Window(BaseModel):
    """A local time window ``start``-``end`` on one weekday (end ``24:00`` = midnight)."""

    model_config = _STRICT

    start: time
    end_minute: int = Field(ge=1, le=24 * 60)

    @property
    def start_minute(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def minutes(self) -> int:
        return self.end_minute - self.start_minute

    def __str__(self) -> str:
        h, m = divmod(self.end_minute, 60)
        return f"{self.start:%H:%M}-{h:02d}:{m:02d}"

    @classmethod
    def parse(cls, value: object) -> Window:
        """Parse ``"HH:MM-HH:MM"``; the error says what is wrong with the text."""
        if isinstance(value, Window):
            return value
        if not isinstance(value, str):
            raise _err(
                '{value} is not a time window; allowed: a string "HH:MM-HH:MM"', value=repr(value)
            )
        match = _WINDOW_RE.match(value)
        if match is None:
            raise _err(
                '"{value}" is not a time window; allowed: "HH:MM-HH:MM" such as "06:30-08:00"',
                value=value,
            )
        sh, sm, eh, em = (int(g) for g in match.groups())
        if sh > 23 or sm > 59 or eh > 24 or em > 59 or (eh == 24 and em):
            raise _err(
                '"{value}" has an impossible time; allowed: 00:00 to 23:59, or 24:00 as an end',
                value=value,
            )
        start_minute, end_minute = sh * 60 + sm, eh * 60 + em
        if end_minute <= start_minute:
            raise _err(
                '"{value}" ends before it starts; a window must end later the same day',
                value=value,
            )
        return cls(start=time(sh, sm), end_minute=end_minute)


WindowText = Annotated[
    Window,
    BeforeValidator(Window.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}-\d{1,2}:\d{2}$"}),
]
DayWindows = Annotated[list[WindowText], Field(max_length=12)]


class Availability(BaseModel):
    """Local time windows per weekday; a missing or empty day is not available."""

    model_config = _STRICT

    mon: DayWindows = Field(default_factory=list)
    tue: DayWindows = Field(default_factory=list)
    wed: DayWindows = Field(default_factory=list)
    thu: DayWindows = Field(default_factory=list)
    fri: DayWindows = Field(default_factory=list)
    sat: DayWindows = Field(default_factory=list)
    sun: DayWindows = Field(default_factory=list)

    @field_validator("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    @classmethod
    def _no_overlap(cls, windows: list[Window]) -> list[Window]:
        ordered = sorted(enumerate(windows), key=lambda iw: iw[1].start_minute)
        for (i, a), (j, b) in itertools.pairwise(ordered):
            if b.start_minute < a.end_minute:
                raise _err(
                    '[{j}] "{b}" overlaps [{i}] "{a}"; windows of one day must not overlap',
                    i=i,
                    j=j,
                    a=str(a),
                    b=str(b),
                )
        return sorted(windows, key=lambda w: w.start_minute)

    def on(self, day: Weekday) -> list[Window]:
        """The windows of ``day``, earliest first."""
        windows: list[Window] = getattr(self, day.value)
        return windows


class Health(BaseModel):
    """Screening facts used by the safety rules S2 and S3."""

    model_config = _STRICT

    age: StrictInt | None = Field(default=None, ge=5, le=120)
    history: list[HistoryItem] = Field(default_factory=list)

    @field_validator("history")
    @classmethod
    def _unique(cls, items: list[HistoryItem]) -> list[HistoryItem]:
        return _unique_list(items)


class Condition(BaseModel):
    """A back condition with its onset and, optionally, the date a clinician cleared running."""

    model_config = _STRICT

    kind: ConditionKind
    onset: BoundedDate
    cleared: BoundedDate | None = None

    @model_validator(mode="after")
    def _cleared_after_onset(self) -> Self:
        if self.cleared is not None and self.cleared < self.onset:
            raise _err(
                "cleared: {cleared} is before onset {onset}; a clearance must be on or after onset",
                cleared=self.cleared.isoformat(),
                onset=self.onset.isoformat(),
            )
        return self


class CheckIn(BaseModel):
    """One day of the pain log."""

    model_config = _STRICT

    date: BoundedDate
    pain: StrictInt = Field(ge=0, le=10)
    radiating: StrictBool = False
    run_pain: StrictInt | None = Field(default=None, ge=0, le=10)
    settled_by_morning: StrictBool | None = None
    after_long_run: StrictBool = False
    red_flags: list[RedFlag] = Field(default_factory=list)
    clinician_cleared: StrictBool = False

    @field_validator("red_flags")
    @classmethod
    def _unique(cls, items: list[RedFlag]) -> list[RedFlag]:
        return _unique_list(items)


_EXCEPTIONS = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Away(BaseModel):
    """Days away (a work trip, a holiday), ``from`` to ``to`` inclusive: no session."""

    model_config = _EXCEPTIONS

    from_: BoundedDate = Field(alias="from")
    to: BoundedDate
    note: StrictStr | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.to < self.from_:
            raise _err(
                "to: {to} is before from {start}; allowed: a last day on or after the first",
                to=self.to.isoformat(),
                start=self.from_.isoformat(),
            )
        return self


def _rule_text(value: object) -> object:
    """An RRULE as the profile gives it, checked part by part (D2)."""
    if not isinstance(value, str):
        return value
    try:
        return check_rule(value)
    except RuleError as exc:
        raise _err("{reason}", reason=str(exc)) from None


RuleText = Annotated[StrictStr, BeforeValidator(_rule_text)]


class Unavailable(BaseModel):
    """A recurring exception: on the dates ``rule`` gives (from ``from`` on), the listed
    ``windows`` ("HH:MM-HH:MM", wall clock) are not available, or the whole day when
    none are listed."""

    model_config = _EXCEPTIONS

    rule: RuleText
    from_: BoundedDate = Field(alias="from")
    windows: DayWindows = Field(default_factory=list)
    note: StrictStr | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _ever(self) -> Self:
        if first_date(self.rule, self.from_) is None:
            raise _err(
                'rule: "{rule}" gives no date from {start} on; allowed: a rule that matches',
                rule=self.rule,
                start=self.from_.isoformat(),
            )
        return self


class Race(BaseModel):
    """A goal race: the plan builds toward it, tapers, and rests after it (T1-T3)."""

    model_config = _EXCEPTIONS

    date: BoundedDate
    name: StrictStr = Field(min_length=1, max_length=200)
    distance_km: StrictFloat | StrictInt = Field(gt=0, le=250)
    start_time: time | None = None
    expected_minutes: StrictInt | None = Field(default=None, ge=5, le=1440)


_T = TypeVar("_T")


def _unique_list(items: list[_T]) -> list[_T]:
    """``items`` if no value repeats (a set: linear in a list of any length)."""
    seen: set[_T] = set()
    for item in items:
        if item in seen:
            raise _err("{item} is listed twice; list each value once", item=repr(str(item)))
        seen.add(item)
    return items


def _check_timezone(name: object) -> object:
    if not isinstance(name, str):
        return name  # the str type check that follows reports it
    if portable_zone(name) is None:
        raise _err(
            '"{name}" is not a known time zone; allowed: an IANA name such as "Europe/London"',
            name=name,
        )
    return name


Minutes = Annotated[StrictInt, Field(ge=1, le=1200)]


class Runner(BaseModel):
    """A runner profile (DESIGN.md "Runner profile").

    ``warmup_minutes`` extends the contract: the A2 warm-up length (5-15, default 10);
    so does ``strain_rest_days``: the A7 no-running window after a strain (2-7, default 3).
    """

    model_config = _STRICT

    name: StrictStr = Field(min_length=1, max_length=200)
    #: The runner's identity in calendar UIDs (issue 13): two profiles with one name
    #: get different UIDs, and an ``id`` keeps them across a change of name or file.
    #: Read from a file without one, it is "<name> / <file name>" (docs/calendar.md).
    id: StrictStr | None = Field(default=None, min_length=1, max_length=200)
    timezone: Annotated[StrictStr, BeforeValidator(_check_timezone)]
    week_start: Weekday = Weekday.MON
    run_days: StrictInt = Field(ge=1, le=7)
    cross_days: StrictInt = Field(default=2, ge=0, le=7)
    strength_days: StrictInt = Field(default=2, ge=1, le=4)
    long_run_day: Weekday | None = None
    weekly_run_minutes: Minutes
    target_run_minutes: Minutes | None = None
    #: The longest run of the last 30 days, warm-up included (L4, L6 before the plan).
    long_run_minutes: Minutes | None = None
    warmup_minutes: StrictInt = Field(default=10, ge=5, le=15)
    strain_rest_days: StrictInt = Field(default=3, ge=2, le=7)
    equipment: list[Equipment]
    pool_days: list[Weekday] | None = None
    surfaces: list[Surface] = Field(min_length=1)
    shoe_km: float | None = Field(default=None, ge=0, le=10000, strict=True)
    health: Health | None = None
    availability: Availability
    conditions: list[Condition] = Field(default_factory=list, max_length=100)
    checkins: list[CheckIn] = Field(default_factory=list, max_length=3660)
    #: Days away, recurring exceptions and a goal race (docs/races.md; D1, D2, T1-T3).
    away: list[Away] = Field(default_factory=list, max_length=200)
    unavailable: list[Unavailable] = Field(default_factory=list, max_length=50)
    race: Race | None = None

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, name: str) -> str:
        if not name.strip():
            raise _err("the name is blank; allowed: any non-empty text")
        return name

    @field_validator("id")
    @classmethod
    def _id_not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise _err("the id is blank; allowed: any non-empty text, e.g. a club number")
        return value

    @field_validator("equipment", "surfaces", "pool_days")
    @classmethod
    def _unique(cls, items: list[Any] | None) -> list[Any] | None:
        return None if items is None else _unique_list(items)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.run_days + self.cross_days > 7:
            raise _err(
                "run_days + cross_days: {run} + {cross} = {total}, but a week has 7 days and "
                "run days and cross-training days are different days; allowed: a sum of at most 7",
                run=self.run_days,
                cross=self.cross_days,
                total=self.run_days + self.cross_days,
            )
        least = self.run_days * (self.warmup_minutes + 10)
        if self.weekly_run_minutes < least:
            raise _err(
                "weekly_run_minutes: {value} is too little for {runs} runs that each start with a "
                "{warmup}-minute warm-up and run at least 10 minutes; allowed: at least {least}, "
                "or fewer run_days",
                value=self.weekly_run_minutes,
                runs=self.run_days,
                warmup=self.warmup_minutes,
                least=least,
            )
        if self.pool_days is not None and Equipment.POOL not in self.equipment:
            raise _err(
                'pool_days: given, but equipment has no "pool"; add "pool" to equipment '
                "or remove pool_days"
            )
        dates = [c.date for c in self.checkins]
        if len(set(dates)) != len(dates):
            twice = sorted({d for d in dates if dates.count(d) > 1})[0]
            raise _err(
                "checkins: two check-ins for {day}; allowed: one check-in per date",
                day=twice.isoformat(),
            )
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def can_swim_on(self, day: Weekday) -> bool:
        """Swimming needs a pool, and the pool must be open that day (``pool_days``)."""
        if Equipment.POOL not in self.equipment:
            return False
        return self.pool_days is None or day in self.pool_days

    @property
    def has_bike(self) -> bool:
        return Equipment.BIKE in self.equipment
