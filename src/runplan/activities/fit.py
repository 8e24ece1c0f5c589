"""FIT activity files (Garmin and most watches), read with fitdecode.

The whole file is decoded with its checksum checked (``CrcCheck.RAISE``), so a flipped
byte anywhere is reported as corrupt instead of read as a wrong number.  Each session
message is one activity (a multisport file has several); a file without sessions falls
back to its records' first and last timestamps.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import fitdecode

from runplan._files import UnreadableFile
from runplan.activities.common import MAX_SESSIONS, Found, too_many

__all__ = ["read_fit"]

_SESSION_FIELDS = (
    "start_time",
    "timestamp",
    "total_timer_time",
    "total_elapsed_time",
    "total_distance",
    "sport",
    "sub_sport",
)


@dataclass(slots=True)
class _Scan:
    """What one pass over the messages keeps: no record list, only its two ends."""

    file_type: str | None = None
    sessions: list[dict[str, Any]] = field(default_factory=list)
    labels: tuple[str | None, ...] = ()
    first: datetime | None = None
    last: datetime | None = None
    distance: float | None = None


def read_fit(data: bytes) -> list[Found]:
    """Every activity of a FIT file; :class:`UnreadableFile` if it is not a readable
    FIT activity file."""
    try:
        scan = _scan(data)
    except fitdecode.FitCRCError:
        raise UnreadableFile("corrupt FIT file: its checksum (CRC) does not match") from None
    except fitdecode.FitEOFError:
        raise UnreadableFile("truncated FIT file: it ends before its data does") from None
    except fitdecode.FitHeaderError:
        raise UnreadableFile("not a FIT file: its header is not a FIT header") from None
    except fitdecode.FitError as error:
        raise UnreadableFile(f"corrupt FIT file: {error}") from None
    if scan.file_type not in (None, "activity"):
        raise UnreadableFile(f"a FIT {scan.file_type} file, not an activity; allowed: activities")
    if scan.sessions:
        return [_session(values, scan) for values in scan.sessions]
    if scan.first is None or scan.last is None:
        raise UnreadableFile("no activity in this FIT file: no session and no timed record")
    seconds = (scan.last - scan.first).total_seconds()
    return [Found(scan.first, seconds, "elapsed", scan.labels, scan.distance)]


def _scan(data: bytes) -> _Scan:
    scan = _Scan()
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    )
    with reader:
        for frame in reader:
            if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                continue
            name = frame.name
            if name == "record":
                _record(frame, scan)
            elif name == "session":
                if len(scan.sessions) == MAX_SESSIONS:
                    raise too_many()
                scan.sessions.append({key: _value(frame, key) for key in _SESSION_FIELDS})
            elif name == "sport" and not scan.labels:
                scan.labels = (_label(frame, "sport"), _label(frame, "sub_sport"))
            elif name == "file_id" and scan.file_type is None:
                scan.file_type = _label(frame, "type")
    return scan


def _record(frame: Any, scan: _Scan) -> None:
    moment = _value(frame, "timestamp")
    if isinstance(moment, datetime):
        scan.first = moment if scan.first is None else scan.first
        scan.last = moment
    distance = _number(_value(frame, "distance"))
    if distance is not None:
        scan.distance = distance


def _value(frame: Any, key: str) -> Any:
    return frame.get_value(key, fallback=None)


def _label(frame: Any, key: str) -> str | None:
    """An enumerated value as text (fitdecode gives an unknown one as a number)."""
    value = _value(frame, key)
    return None if value is None else str(value)


def _number(value: Any) -> float | None:
    """A finite, non-negative number, else None (fitdecode gives None for invalid)."""
    if isinstance(value, int | float) and math.isfinite(value) and value >= 0:
        return float(value)
    return None


def _session(values: dict[str, Any], scan: _Scan) -> Found:
    """One session: timer time (moving) when given, else elapsed, else the records'."""
    timer = _number(values["total_timer_time"])
    elapsed = _number(values["total_elapsed_time"])
    start = values["start_time"]
    end = values["timestamp"]
    if not isinstance(start, datetime):
        start = end - timedelta(seconds=elapsed) if isinstance(end, datetime) and elapsed else None
        start = start or scan.first
    if start is None:
        raise UnreadableFile("a session of this FIT file has no start time")
    labels: tuple[str | None, ...] = (_str(values["sport"]), _str(values["sub_sport"]))
    if labels == (None, None):
        labels = scan.labels
    distance = _number(values["total_distance"])
    if timer is not None:
        return Found(start, timer, "moving", labels, distance)
    if elapsed is not None:
        return Found(start, elapsed, "elapsed", labels, distance)
    if scan.last is None:
        raise UnreadableFile("a session of this FIT file has no duration and no records")
    return Found(start, (scan.last - start).total_seconds(), "elapsed", labels, distance)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
