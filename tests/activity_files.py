"""A small, deterministic writer of activity files (FIT, GPX, TCX) for the log tests, the
examples (examples/make_activities.py) and the benchmark.

Each file is built from :class:`Leg` values: the sport label as the format spells it, an
aware start, the elapsed minutes, the pauses inside them and the distance.  The same leg
gives the same bytes on every run and every machine, so the committed examples can be
compared with a fresh copy byte for byte.  FIT files are written by Garmin's own SDK
(``garmin_fit_sdk.Encoder``), GPX by gpxpy and TCX by ElementTree: none of them is the
reader under test.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import gpxpy.gpx
from garmin_fit_sdk import CrcCalculator, Encoder, Profile

__all__ = ["TCX_NS", "Leg", "fit_bytes", "gpx_bytes", "tcx_bytes", "write"]

TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
_MESG = Profile["mesg_num"]
_KM_PER_DEGREE = 111.195  # along a meridian, as gpxpy's haversine counts it
#: The profile version written in every FIT header (21.141, the oldest SDK the test extra
#: allows) instead of the installed SDK's own, so the bytes do not change with it.
FIT_PROFILE = 21141


@dataclass(frozen=True)
class Leg:
    """One activity (or one session of a multisport file).

    ``pauses`` are ``(offset, length)`` in minutes from the start: no points are
    recorded in them and the timer stands still, so the timer (moving) time is
    ``minutes`` minus their lengths; ``minutes`` is the elapsed time."""

    sport: str
    start: datetime
    minutes: float
    pauses: tuple[tuple[float, float], ...] = ()
    distance_km: float | None = None
    sub_sport: str | None = None

    @property
    def timer_minutes(self) -> float:
        return self.minutes - sum(length for _, length in self.pauses)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)

    def paused(self, minute: float) -> bool:
        return any(at < minute < at + length for at, length in self.pauses)

    def points(self) -> list[tuple[datetime, float]]:
        """(time, metres) every minute and at the end, none inside a pause; the
        distance grows with the timer, so it stands still during a pause."""
        marks = [float(m) for m in range(int(self.minutes) + 1)]
        if marks[-1] < self.minutes:
            marks.append(self.minutes)
        metres = (self.distance_km or 0.0) * 1000
        out = []
        for mark in marks:
            if self.paused(mark):
                continue
            moving = mark - sum(min(length, max(0.0, mark - at)) for at, length in self.pauses)
            share = moving / self.timer_minutes if self.timer_minutes else 0.0
            out.append((self.start + timedelta(minutes=mark), round(metres * share, 1)))
        return out


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def fit_bytes(*legs: Leg, sessions: bool = True) -> bytes:
    """A FIT activity file: file_id, then per leg its timer events, records, a lap and
    a session (``sessions=False`` leaves out laps and sessions), then the activity."""
    encoder = Encoder()
    first, last = _utc(legs[0].start), _utc(legs[-1].end)
    encoder.write_mesg(
        {
            "mesg_num": _MESG["FILE_ID"],
            "type": "activity",
            "manufacturer": "development",
            "product": 1,
            "serial_number": 12345,
            "time_created": first,
        }
    )
    for leg in legs:
        _fit_leg(encoder, leg, sessions)
    encoder.write_mesg(
        {
            "mesg_num": _MESG["ACTIVITY"],
            "timestamp": last,
            "num_sessions": len(legs) if sessions else 0,
            "type": "manual",
            "total_timer_time": sum(leg.timer_minutes for leg in legs) * 60,
        }
    )
    return _fixed_profile(encoder.close())


def _fixed_profile(data: bytes) -> bytes:
    """``data`` with the header's profile version set to :data:`FIT_PROFILE` and both
    checksums (header, then file) computed again."""
    out = bytearray(data)
    out[2:4] = FIT_PROFILE.to_bytes(2, "little")
    out[12:14] = CrcCalculator.calculate_crc(out, 0, 12).to_bytes(2, "little")
    out[-2:] = CrcCalculator.calculate_crc(out, 0, len(out) - 2).to_bytes(2, "little")
    return bytes(out)


def _fit_leg(encoder: Encoder, leg: Leg, sessions: bool) -> None:
    def event(moment: datetime, kind: str) -> None:
        encoder.write_mesg(
            {
                "mesg_num": _MESG["EVENT"],
                "timestamp": _utc(moment),
                "event": "timer",
                "event_type": kind,
            }
        )

    event(leg.start, "start")
    for at, length in leg.pauses:
        event(leg.start + timedelta(minutes=at), "stop_all")
        event(leg.start + timedelta(minutes=at + length), "start")
    for moment, metres in leg.points():
        record = {"mesg_num": _MESG["RECORD"], "timestamp": _utc(moment), "distance": metres}
        encoder.write_mesg(record)
    event(leg.end, "stop_all")
    if not sessions:
        return
    summary = {
        "timestamp": _utc(leg.end),
        "start_time": _utc(leg.start),
        "total_elapsed_time": leg.minutes * 60,
        "total_timer_time": leg.timer_minutes * 60,
        "total_distance": (leg.distance_km or 0.0) * 1000,
        "sport": leg.sport,
        "sub_sport": leg.sub_sport or "generic",
    }
    encoder.write_mesg({"mesg_num": _MESG["LAP"], **summary})
    encoder.write_mesg({"mesg_num": _MESG["SESSION"], **summary})


def gpx_bytes(leg: Leg, *, metadata_type: bool = False) -> bytes:
    """A GPX 1.1 track heading north from 47.0 N 8.0 E, its ``<type>`` the leg's sport
    (``metadata_type=True`` puts the type inside ``<metadata>`` instead)."""
    track = gpxpy.gpx.GPXTrack(name=f"{leg.sport} {leg.start:%Y-%m-%d}")
    if not metadata_type:
        track.type = leg.sport  # type: ignore[assignment]  # gpxpy declares it as None
    segment = gpxpy.gpx.GPXTrackSegment()
    for moment, metres in leg.points():
        latitude = 47.0 + metres / 1000 / _KM_PER_DEGREE
        segment.points.append(
            gpxpy.gpx.GPXTrackPoint(round(latitude, 7), 8.0, elevation=400.0, time=_utc(moment))
        )
    track.segments.append(segment)
    gpx = gpxpy.gpx.GPX()
    gpx.creator = "runplan tests/activity_files.py"
    gpx.tracks.append(track)
    text = gpx.to_xml(version="1.1")
    if metadata_type:
        text = text.replace("<metadata>", f"<metadata>\n    <type>{leg.sport}</type>", 1)
        if "<metadata>" not in text:
            text = text.replace("<trk>", f"<metadata><type>{leg.sport}</type></metadata>\n<trk>")
    return text.encode("utf-8")


def _iso(moment: datetime) -> str:
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def tcx_bytes(*legs: Leg, lap_times: bool = True) -> bytes:
    """A TCX file, one ``<Activity Sport=...>`` per leg with one lap whose
    ``TotalTimeSeconds`` is the timer time (``lap_times=False`` leaves it out)."""
    root = ET.Element("TrainingCenterDatabase", xmlns=TCX_NS)  # the one namespace, written
    activities = _sub(root, "Activities")
    for leg in legs:
        activity = _sub(activities, "Activity", Sport=leg.sport)
        _sub(activity, "Id", _iso(leg.start))
        lap = _sub(activity, "Lap", StartTime=_iso(leg.start))
        if lap_times:
            _sub(lap, "TotalTimeSeconds", f"{leg.timer_minutes * 60:.1f}")
        if leg.distance_km is not None:
            _sub(lap, "DistanceMeters", f"{leg.distance_km * 1000:.1f}")
        _sub(lap, "Intensity", "Active")
        _sub(lap, "TriggerMethod", "Manual")
        track = _sub(lap, "Track")
        for moment, metres in leg.points():
            point = _sub(track, "Trackpoint")
            _sub(point, "Time", _iso(moment))
            _sub(point, "DistanceMeters", f"{metres:.1f}")
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return data


def write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` (its folders made) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
