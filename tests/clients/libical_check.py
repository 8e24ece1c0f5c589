"""Parse iCalendar files with libical (through GObject introspection) and report.

Run with Debian's Python, which has ``python3-gi`` and ``gir1.2-ical-3.0``::

    /usr/bin/python3 -I tests/clients/libical_check.py FILE [FILE ...]

Prints one JSON object: ``{"files": {FILE: REPORT, ...}}``.  REPORT holds

* ``parsed``: a VCALENDAR came back;
* ``errors``: the X-LIC-ERROR properties libical added while parsing (each one a parse
  error: a line it could not read, a value it dropped, ...), as text;
* ``restriction_errors``: the X-LIC-ERROR properties added by libical's RFC restriction
  check (``icalcomponent_check_restrictions``), and ``restrictions_ok``;
* ``vevents``, ``vtimezones`` (TZIDs), ``unresolved_tzids`` (TZIDs an event uses that no
  VTIMEZONE in the file defines);
* ``events``: per VEVENT its UID, SUMMARY, STATUS, SEQUENCE, whether it is all-day, and
  DTSTART/DTEND as the file's own VTIMEZONE says (POSIX seconds), or as dates.

This script imports nothing from runplan and needs nothing but the standard library and
libical, so what it reports is libical's reading, not ours.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

_KIND = ICalGLib.ComponentKind
_XLICERROR = ICalGLib.PropertyKind.XLICERROR_PROPERTY


def _errors(component: Any) -> list[str]:
    """The text of every X-LIC-ERROR property in ``component`` and below it."""
    found: list[str] = []
    prop = component.get_first_property(_XLICERROR)
    while prop is not None:
        found.append(prop.as_ical_string().replace("\r\n ", "").strip())
        prop = component.get_next_property(_XLICERROR)
    child = component.get_first_component(_KIND.ANY_COMPONENT)
    while child is not None:
        found += _errors(child)
        child = component.get_next_component(_KIND.ANY_COMPONENT)
    return found


def _children(component: Any, kind: Any) -> list[Any]:
    out = []
    child = component.get_first_component(kind)
    while child is not None:
        out.append(child)
        child = component.get_next_component(kind)
    return out


def _tzid(prop: Any) -> str | None:
    """The TZID parameter of a property, as written in the file."""
    param = prop.get_first_parameter(ICalGLib.ParameterKind.TZID_PARAMETER)
    return param.get_tzid() if param is not None else None


def _moment(calendar: Any, event: Any, kind: Any, unresolved: set[str]) -> Any:
    """DTSTART or DTEND of ``event``: a DATE as ``YYYY-MM-DD``; a DATE-TIME as POSIX
    seconds, evaluated with the VTIMEZONE the file itself defines for its TZID (None,
    and the TZID noted as unresolved, when the file has no such VTIMEZONE)."""
    prop = event.get_first_property(kind)
    if prop is None:
        return None
    is_start = kind == ICalGLib.PropertyKind.DTSTART_PROPERTY
    value = prop.get_dtstart() if is_start else prop.get_dtend()
    if value is None or value.is_null_time():
        return None
    if value.is_date():
        return f"{value.get_year():04d}-{value.get_month():02d}-{value.get_day():02d}"
    if value.is_utc():
        return value.as_timet_with_zone(ICalGLib.Timezone.get_utc_timezone())
    tzid = _tzid(prop)
    if not tzid:
        unresolved.add("(floating)")
        return None
    zone = calendar.get_timezone(tzid)  # only the VTIMEZONEs of this file
    if zone is None:
        unresolved.add(tzid)
        return None
    return value.as_timet_with_zone(zone)


def check(text: str) -> dict[str, Any]:
    calendar = ICalGLib.Component.new_from_string(text)
    if calendar is None or calendar.isa() != _KIND.VCALENDAR_COMPONENT:
        return {
            "parsed": False,
            "errors": ["no VCALENDAR"],
            "restriction_errors": [],
            "restrictions_ok": False,
            "vevents": 0,
            "vtimezones": [],
            "unresolved_tzids": [],
            "events": [],
        }
    errors = _errors(calendar)
    unresolved: set[str] = set()
    events = []
    for event in _children(calendar, _KIND.VEVENT_COMPONENT):
        start = event.get_first_property(ICalGLib.PropertyKind.DTSTART_PROPERTY)
        status = event.get_first_property(ICalGLib.PropertyKind.STATUS_PROPERTY)
        events.append(
            {
                "uid": event.get_uid(),
                "summary": event.get_summary(),
                "status": status.get_value_as_string() if status is not None else None,
                "sequence": event.get_sequence(),
                "all_day": bool(start is not None and start.get_dtstart().is_date()),
                "tzid": _tzid(start) if start is not None else None,
                "start": _moment(
                    calendar, event, ICalGLib.PropertyKind.DTSTART_PROPERTY, unresolved
                ),
                "end": _moment(calendar, event, ICalGLib.PropertyKind.DTEND_PROPERTY, unresolved),
                "alarms": len(_children(event, _KIND.VALARM_COMPONENT)),
            }
        )
    zones = [
        tz.get_first_property(ICalGLib.PropertyKind.TZID_PROPERTY).get_value_as_string()
        for tz in _children(calendar, _KIND.VTIMEZONE_COMPONENT)
    ]
    restrictions_ok = bool(calendar.check_restrictions())
    restriction_errors = _errors(calendar)[len(errors) :]
    return {
        "parsed": True,
        "errors": errors,
        "restriction_errors": restriction_errors,
        "restrictions_ok": restrictions_ok,
        "vevents": len(events),
        "vtimezones": zones,
        "unresolved_tzids": sorted(unresolved),
        "events": events,
    }


def main(paths: list[str]) -> int:
    if not paths:
        print("usage: libical_check.py FILE [FILE ...]", file=sys.stderr)
        return 2
    report = {}
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            report[path] = check(handle.read())
    json.dump({"files": report}, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
