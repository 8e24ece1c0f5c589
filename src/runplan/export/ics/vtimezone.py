"""VTIMEZONE components built from the IANA data, for the dates a calendar uses.

icalendar's ``Timezone.from_tzid`` adds a COMMENT, puts spring-forward onsets one gap
too late (after the transition instead of before it), and
``Calendar.add_missing_timezones`` iterates a set (order depends on the hash seed).  So
the observances are found here: one per transition, RFC 5545 onsets (local time
*before* each transition), no COMMENT, no RRULE, sorted, so strict parsers and old
clients read them the same way and the same plan gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from icalendar import Component, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

from runplan.export.zone import load_zone

__all__ = ["Observance", "ZoneState", "timezones", "vtimezone"]


class ZoneState(NamedTuple):
    """What a zone's clocks say between two transitions."""

    offset: timedelta
    name: str
    daylight: bool


class Observance(NamedTuple):
    """One STANDARD or DAYLIGHT part: from ``onset`` (local wall time before the
    transition, offset ``offset_from``) the zone is in ``state``."""

    onset: datetime
    offset_from: timedelta
    state: ZoneState


class _Span(NamedTuple):
    first: date
    last: date


def timezones(events: Iterable[Event]) -> list[Timezone]:
    """One VTIMEZONE per TZID used by the events, sorted by TZID, each covering only
    the dates its events use (plus a day either side)."""
    spans: dict[str, _Span] = {}
    for event in events:
        for name in ("DTSTART", "DTEND"):
            if name not in event:
                continue
            value = event.decoded(name)
            if isinstance(value, datetime) and isinstance(value.tzinfo, ZoneInfo):
                key = value.tzinfo.key
                lo, hi = spans.get(key, _Span(value.date(), value.date()))
                spans[key] = _Span(min(lo, value.date()), max(hi, value.date()))
    return [
        vtimezone(key, span.first - timedelta(days=1), span.last + timedelta(days=2))
        for key, span in sorted(spans.items())
    ]


def vtimezone(tzid: str, first: date, last: date) -> Timezone:
    """A VTIMEZONE for ``tzid`` valid from ``first`` to ``last`` (local midnights).

    One observance (STANDARD or DAYLIGHT) per transition, sorted by onset; each onset is
    the local time before the transition, as RFC 5545 requires.  No COMMENT, no RRULE,
    so strict parsers and old clients read it the same way.
    """
    timezone = Timezone()
    timezone.add("TZID", tzid)
    for onset, offset_from, state in _observances(tzid, first, last):
        part: Component = TimezoneDaylight() if state.daylight else TimezoneStandard()
        part.add("DTSTART", onset)
        part.add("TZNAME", vText(state.name))
        part.add("TZOFFSETFROM", offset_from)
        part.add("TZOFFSETTO", state.offset)
        timezone.add_component(part)
    return timezone


@lru_cache(maxsize=256)
def _observances(tzid: str, first: date, last: date) -> tuple[Observance, ...]:
    """Every observance from ``first`` to ``last``, sorted; cached, since a roster asks
    for the same zone and dates again and again."""
    zone = load_zone(tzid)
    begin = int(datetime.combine(first, time(), zone).timestamp())
    end = int(datetime.combine(last, time(), zone).timestamp())

    current = _state(zone, begin)
    observances = [Observance(_local(begin, current.offset), current.offset, current)]
    hour = 3600
    ts = begin
    while ts < end:
        nxt = ts + hour
        if _state(zone, nxt) == current:
            ts = nxt
            continue
        ts = _transition(zone, ts, nxt, current)
        new = _state(zone, ts)
        observances.append(Observance(_local(ts, current.offset), current.offset, new))
        current = new
    return tuple(sorted(observances, key=lambda o: (o.onset, o.state.offset, o.state.name)))


def _state(zone: ZoneInfo, ts: int) -> ZoneState:
    local = datetime.fromtimestamp(ts, zone)
    offset = local.utcoffset() or timedelta(0)
    dst = local.dst() or timedelta(0)
    return ZoneState(offset, local.tzname() or _offset_text(offset), dst > timedelta(0))


def _transition(zone: ZoneInfo, lo: int, hi: int, before: ZoneState) -> int:
    """The first second in ``(lo, hi]`` whose state is not ``before`` (bisection;
    ``_state(lo) == before != _state(hi)``)."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _state(zone, mid) == before:
            lo = mid
        else:
            hi = mid
    return hi


def _local(ts: int, offset: timedelta) -> datetime:
    """Local wall time (naive) of the POSIX time ``ts`` at a fixed ``offset``."""
    return datetime(1970, 1, 1) + timedelta(seconds=ts) + offset


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{mins:02d}"
