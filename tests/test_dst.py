"""Daylight saving: no session starts at a skipped or repeated local time; windows that the
change cuts are said so; the calendar file keeps the wall times (issue 4, item 2)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from runplan import parse_profile, plan, to_ics, validate
from runplan.models import Plan, Runner

#: (zone, a Monday before a clock change, the change day) - both directions where it has DST.
CASES = [
    ("Europe/London", date(2027, 3, 22), date(2027, 3, 28)),  # 01:00 -> 02:00
    ("Europe/London", date(2027, 10, 25), date(2027, 10, 31)),  # 02:00 -> 01:00
    ("America/Los_Angeles", date(2027, 3, 8), date(2027, 3, 14)),  # 02:00 -> 03:00
    ("America/Los_Angeles", date(2027, 11, 1), date(2027, 11, 7)),  # 02:00 -> 01:00
    ("Australia/Lord_Howe", date(2027, 9, 27), date(2027, 10, 3)),  # 02:00 -> 02:30
    ("Australia/Lord_Howe", date(2027, 3, 29), date(2027, 4, 4)),  # 02:00 -> 01:30
    ("Pacific/Chatham", date(2027, 9, 20), date(2027, 9, 26)),  # 02:45 -> 03:45
    ("Pacific/Chatham", date(2027, 3, 29), date(2027, 4, 4)),  # 03:45 -> 02:45
    ("Asia/Kolkata", date(2027, 3, 22), None),  # no DST
    ("Asia/Tokyo", date(2027, 3, 22), None),  # no DST
]


def night_owl(zone: str) -> Runner:
    """Free every night 00:00-04:30 (and mornings), so change days hit the windows."""
    nights = ["00:00-04:30", "06:00-08:00"]
    return parse_profile(
        {
            "name": "Night Owl",
            "timezone": zone,
            "run_days": 3,
            "weekly_run_minutes": 150,
            "long_run_day": "sun",
            "equipment": ["bike"],
            "surfaces": ["grass"],
            "availability": {d: nights for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
        }
    )


def clean(local: datetime) -> bool:
    """The wall time exists once: it round-trips through UTC and is not ambiguous."""
    zone = local.tzinfo
    assert isinstance(zone, ZoneInfo)
    wall = local.replace(tzinfo=None)
    first = wall.replace(tzinfo=zone, fold=0)
    again = first.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)
    return again == wall and first.utcoffset() == wall.replace(tzinfo=zone, fold=1).utcoffset()


def starts(p: Plan, zone: ZoneInfo) -> list[datetime]:
    return [s.start.astimezone(zone) for _, s in p.sessions()]


@pytest.mark.parametrize(("zone", "monday", "change"), CASES, ids=[f"{z}-{m}" for z, m, _ in CASES])
def test_no_session_at_a_skipped_or_repeated_time(
    zone: str, monday: date, change: date | None
) -> None:
    runner = night_owl(zone)
    p = plan(runner, start=monday, weeks=2)
    tz = ZoneInfo(zone)
    assert all(clean(t) for t in starts(p, tz))
    assert validate(p, runner) == []
    notes = [a for a in p.advisories if "P1" in a.rules]
    if change is None:
        assert notes == []
    else:
        assert [a.date for a in notes] == [change]
        assert "clocks change" in notes[0].message.lower()
        on_change = [s for d, s in p.sessions() if d == change]
        for s in on_change:  # nothing straddles the change: wall length == real length
            local = s.start.astimezone(tz)
            end = (s.start + timedelta(minutes=s.duration_min)).astimezone(tz)
            assert end.utcoffset() == local.utcoffset()


@pytest.mark.parametrize(
    ("zone", "monday", "change"),
    [c for c in CASES if c[2]],
    ids=[f"{z}-{m}" for z, m, c in CASES if c],
)
def test_calendar_keeps_wall_times_across_the_change(zone: str, monday: date, change: date) -> None:
    runner = night_owl(zone)
    p = plan(runner, start=monday, weeks=2)
    cal = Calendar.from_ical(to_ics(p))
    tz = ZoneInfo(zone)
    expected = sorted(t.replace(tzinfo=None) for t in starts(p, tz))
    timed = [ev for ev in cal.walk("VEVENT") if isinstance(ev.decoded("DTSTART"), datetime)]
    got = sorted(ev.decoded("DTSTART").astimezone(tz).replace(tzinfo=None) for ev in timed)
    assert got == expected
    assert all(ev["DTSTART"].params["TZID"] == zone for ev in timed)


def test_a_window_wholly_inside_the_gap_is_skipped() -> None:
    runner = parse_profile(
        {
            "name": "Gap",
            "timezone": "America/Los_Angeles",
            "run_days": 1,
            "weekly_run_minutes": 30,
            "cross_days": 0,
            "strength_days": 1,
            "equipment": [],
            "surfaces": ["road"],
            "availability": {"sun": ["02:00-03:00"], "wed": ["07:00-08:00"]},
        }
    )
    p = plan(runner, start=date(2027, 3, 8), weeks=1)
    sunday = [s for d, s in p.sessions() if d == date(2027, 3, 14)]
    assert sunday == []
    note = next(a for a in p.advisories if "P1" in a.rules)
    assert "02:00-03:00" in note.message and "nothing" in note.message
