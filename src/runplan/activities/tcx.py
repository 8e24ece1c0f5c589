"""TCX (Training Center XML) activities, read with the standard library's ElementTree.

Not with tcxreader: it does not read a lap's ``TotalTimeSeconds`` (the timer time, the
only moving time a TCX file has), nor the activity ``Id`` or a lap's ``StartTime``; it
drops laps without GPS points, gives ``...Z`` times without their offset, and reads
only from a path, so the size limit of the bytes already read could not apply.  Each
``<Activity>`` is one activity (a multisport TCX file has several).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import datetime
from xml.etree.ElementTree import Element

from runplan._files import UnreadableFile
from runplan.activities.common import MAX_SESSIONS, Found, as_utc, too_many

__all__ = ["read_tcx"]


def read_tcx(data: bytes) -> list[Found]:
    """Every activity of a TCX file; :class:`UnreadableFile` if it is not TCX XML or
    holds no activity."""
    try:
        # Strava's exports start with spaces before the XML declaration (see gpx.py).
        text = data.removeprefix(b"\xef\xbb\xbf").lstrip()
        root = ET.fromstring(text)  # expat refuses entity bombs, fetches no DTD
    except ET.ParseError as error:
        raise UnreadableFile(f"malformed XML: {error}") from None
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    if root.tag[len(ns) :] != "TrainingCenterDatabase":
        raise UnreadableFile(
            f"not a TCX file: its root element is <{root.tag[len(ns) :][:40]}>; "
            "allowed: <TrainingCenterDatabase>"
        )
    activities = list(root.iter(ns + "Activity"))
    if len(activities) > MAX_SESSIONS:
        raise too_many()
    found = [_activity(activity, ns) for activity in activities]
    if not found:
        raise UnreadableFile("no activity in this TCX file")
    return found


def _activity(activity: Element, ns: str) -> Found:
    """Lap timer times summed (moving) when every lap has one, else the trackpoints'
    first-to-last span (elapsed)."""
    laps = activity.findall(ns + "Lap")
    first, last = _ends(activity, ns)
    start = _time(activity.findtext(ns + "Id"))
    if start is None and laps:
        start = _time(laps[0].get("StartTime"))
    start = start or first
    if start is None:
        raise UnreadableFile("a TCX activity has no start time (no Id, lap or track time)")
    timers = [_number(lap.findtext(ns + "TotalTimeSeconds")) for lap in laps]
    distances = [_number(lap.findtext(ns + "DistanceMeters")) for lap in laps]
    known = [d for d in distances if d is not None]
    distance = sum(known) if known else None
    labels = (activity.get("Sport"),)
    if laps and None not in timers:
        return Found(start, sum(t for t in timers if t is not None), "moving", labels, distance)
    if first is None or last is None:
        raise UnreadableFile("a TCX activity has neither lap times nor timed trackpoints")
    return Found(start, (last - first).total_seconds(), "elapsed", labels, distance)


def _ends(activity: Element, ns: str) -> tuple[datetime | None, datetime | None]:
    """The first and last trackpoint times (one pass, nothing kept in between)."""
    first = last = None
    for element in activity.iter(ns + "Time"):
        moment = _time(element.text)
        if moment is not None:
            first = first or moment
            last = moment
    return first, last


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return as_utc(datetime.fromisoformat(text.strip()))
    except ValueError:
        return None


def _number(text: str | None) -> float | None:
    try:
        value = float(text) if text else math.nan
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None
