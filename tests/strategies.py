"""Hypothesis strategies for runplan tests: all of them live in this one module.

``runners()`` draws valid :class:`runplan.models.Runner` objects the way a profile
would describe them (plain strings and numbers through ``Runner.model_validate``),
so every drawn runner has passed the same validation as a loaded profile.
``start_dates()`` draws plan start dates.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from runplan.models import (
    WEEKDAYS,
    ConditionKind,
    Equipment,
    HistoryItem,
    RedFlag,
    Runner,
    Surface,
)

__all__ = [
    "DAY_END",
    "DAY_START",
    "HISTORY_START",
    "MAX_WINDOW",
    "MIN_WINDOW",
    "TIMEZONES",
    "availabilities",
    "checkins_near",
    "conditions_near",
    "histories",
    "runners",
    "start_dates",
]

#: IANA zones with awkward properties: DST in either hemisphere, half-hour and
#: 45-minute offsets, Lord Howe's 30-minute DST shift, and no DST at all.
TIMEZONES: tuple[str, ...] = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kolkata",
    "UTC",
)

#: Drawn windows lie between 05:00 and 22:00 local time (minutes after midnight).
DAY_START = 5 * 60
DAY_END = 22 * 60
MIN_WINDOW = 30
MAX_WINDOW = 240


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@st.composite
def _day_windows(draw: st.DrawFn) -> list[str]:
    """0-3 non-overlapping windows (touching allowed), 30-240 minutes, within 05:00-22:00,
    returned in random order (the model sorts them)."""
    wanted = draw(st.integers(min_value=0, max_value=3))
    windows: list[str] = []
    cursor = DAY_START
    for _ in range(wanted):
        if cursor + MIN_WINDOW > DAY_END:
            break
        start = draw(st.integers(min_value=cursor, max_value=DAY_END - MIN_WINDOW))
        length = draw(st.integers(min_value=MIN_WINDOW, max_value=min(MAX_WINDOW, DAY_END - start)))
        windows.append(f"{_hhmm(start)}-{_hhmm(start + length)}")
        cursor = start + length
    return list(draw(st.permutations(windows)))


@st.composite
def availabilities(draw: st.DrawFn) -> dict[str, list[str]]:
    """An ``[availability]`` table as a profile writes it; days without windows are
    sometimes left out and sometimes written as ``[]`` (both mean "not available")."""
    table: dict[str, list[str]] = {}
    for day in WEEKDAYS:
        windows = draw(_day_windows())
        write_empty_day = draw(st.booleans())
        if windows or write_empty_day:
            table[day.value] = windows
    return table


def _subset(values: list[Any], *, min_size: int = 0) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(values), min_size=min_size, max_size=len(values), unique=True)


@st.composite
def runners(draw: st.DrawFn, *, with_conditions: bool = False) -> Runner:
    """Valid runners without conditions or check-ins.

    - ``timezone`` from :data:`TIMEZONES`; ``week_start`` any weekday;
    - ``run_days`` 1-5, ``cross_days`` 0-3 with ``run_days + cross_days <= 7``;
      ``strength_days`` 1-4; ``warmup_minutes`` 5-15;
    - ``weekly_run_minutes`` from the least the model allows
      (``run_days * (warmup_minutes + 10)``) up to 400; ``target_run_minutes``
      optional, from that least up to 600;
    - ``equipment`` any subset (possibly empty); ``pool_days`` only with a pool,
      then ``None`` (open every day) or any subset of days (possibly empty: never open);
    - ``surfaces`` a non-empty subset; ``long_run_day``, ``shoe_km``, ``health`` optional;
    - ``availability`` 0-3 windows a day (see :func:`availabilities`); a runner may have
      no free day at all, which the scheduler must handle too.

    ``with_conditions`` adds conditions and a pain log around 2026-12-07 (see
    :func:`histories`); use :func:`injured_runners` to get a matching plan start.
    """
    run_days = draw(st.integers(min_value=1, max_value=5))
    cross_days = draw(st.integers(min_value=0, max_value=min(3, 7 - run_days)))
    warmup = draw(st.integers(min_value=5, max_value=15))
    least = run_days * (warmup + 10)
    equipment = draw(_subset(list(Equipment)))
    profile: dict[str, Any] = {
        "name": draw(st.text(min_size=1, max_size=40).filter(lambda s: s.strip() != "")),
        "timezone": draw(st.sampled_from(TIMEZONES)),
        "week_start": draw(st.sampled_from(WEEKDAYS)).value,
        "run_days": run_days,
        "cross_days": cross_days,
        "strength_days": draw(st.integers(min_value=1, max_value=4)),
        "warmup_minutes": warmup,
        "weekly_run_minutes": draw(st.integers(min_value=least, max_value=400)),
        "equipment": [e.value for e in equipment],
        "surfaces": [s.value for s in draw(_subset(list(Surface), min_size=1))],
        "availability": draw(availabilities()),
    }
    if Equipment.POOL in equipment and draw(st.booleans()):
        profile["pool_days"] = [d.value for d in draw(_subset(list(WEEKDAYS)))]
    if draw(st.booleans()):
        profile["target_run_minutes"] = draw(st.integers(min_value=least, max_value=600))
    if draw(st.booleans()):
        profile["long_run_day"] = draw(st.sampled_from(WEEKDAYS)).value
    if draw(st.booleans()):
        profile["shoe_km"] = draw(
            st.floats(min_value=0, max_value=1200, allow_nan=False, allow_infinity=False)
        )
    if draw(st.booleans()):
        profile["health"] = {
            "age": draw(st.integers(min_value=16, max_value=80)),
            "history": [h.value for h in draw(_subset(list(HistoryItem)))],
        }
    if with_conditions:
        conditions, checkins = draw(histories(HISTORY_START))
        profile["conditions"], profile["checkins"] = conditions, checkins
    return Runner.model_validate(profile)


#: The plan start that :func:`runners` ``(with_conditions=True)`` draws histories around.
HISTORY_START = date(2026, 12, 7)


@st.composite
def conditions_near(draw: st.DrawFn, start: date) -> dict[str, Any]:
    """A condition with onset from 60 days before ``start`` to 70 days after, maybe cleared."""
    onset = start + timedelta(days=draw(st.integers(min_value=-60, max_value=70)))
    condition: dict[str, Any] = {
        "kind": draw(st.sampled_from(list(ConditionKind))).value,
        "onset": onset.isoformat(),
    }
    if draw(st.booleans()):
        cleared = onset + timedelta(days=draw(st.integers(min_value=0, max_value=60)))
        condition["cleared"] = cleared.isoformat()
    return condition


@st.composite
def checkins_near(draw: st.DrawFn, start: date, *, clinician: bool = True) -> dict[str, Any]:
    """One check-in within 60 days before or 70 days after ``start`` (any values)."""
    day = start + timedelta(days=draw(st.integers(min_value=-60, max_value=70)))
    checkin: dict[str, Any] = {
        "date": day.isoformat(),
        "pain": draw(st.integers(min_value=0, max_value=10)),
        "radiating": draw(st.integers(0, 4)) == 0,
        "after_long_run": draw(st.integers(0, 6)) == 0,
        "clinician_cleared": clinician and draw(st.integers(0, 3)) == 0,
    }
    if draw(st.booleans()):
        checkin["run_pain"] = draw(st.integers(min_value=0, max_value=10))
    if draw(st.booleans()):
        checkin["settled_by_morning"] = draw(st.booleans())
    if draw(st.integers(0, 8)) == 0:
        checkin["red_flags"] = [f.value for f in draw(_subset(list(RedFlag), min_size=1))]
    return checkin


@st.composite
def histories(draw: st.DrawFn, start: date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """0-3 conditions and 0-12 check-ins (one per date) around ``start``."""
    conditions = draw(st.lists(conditions_near(start), max_size=3))
    checkins = draw(st.lists(checkins_near(start), max_size=12, unique_by=lambda c: str(c["date"])))
    return conditions, sorted(checkins, key=lambda c: str(c["date"]))


def start_dates() -> st.SearchStrategy[date]:
    """Plan start dates in 2025-2028 (covers a leap day and several DST changes)."""
    return st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))
