"""What the format readers share: the few facts a reader finds in a file (:class:`Found`)
and the one way they become an :class:`Activity`, so that the local date, the rounding
and the range checks are the same for FIT, GPX and TCX."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from runplan._files import UnreadableFile
from runplan._text import plain_line
from runplan.activities.sports import UNINFORMATIVE, normalise_sport, sport_kind
from runplan.models import Activity, ActivityKind
from runplan.rules.limits import DATE_MAX, DATE_MIN

__all__ = [
    "MAX_MINUTES",
    "MAX_SESSIONS",
    "Found",
    "as_utc",
    "build",
    "checked",
    "kind_and_label",
    "shown_name",
    "too_many",
]

MAX_MINUTES = 24 * 60  # Activity.minutes: one activity lasts at most a day
#: Activities (sessions) one FIT or TCX file may hold; a triathlon has five.
MAX_SESSIONS = 100
#: Activity.sport's length, and Activity.source's (1000) less room for a CSV ``:LINE``.
_MAX_LABEL, _MAX_SOURCE = 100, 980


@dataclass(frozen=True, slots=True)
class Found:
    """One activity as a reader found it: ``start`` aware, ``labels`` the file's sport
    labels from the most general to the most specific (FIT sport, then sub_sport)."""

    start: datetime
    seconds: float
    time_basis: Literal["moving", "elapsed"]
    labels: tuple[str | None, ...]
    distance_m: float | None = None


def as_utc(moment: datetime) -> datetime:
    """An aware time; a file time without an offset is UTC (GPX, TCX and FIT say so)."""
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment


def kind_and_label(labels: tuple[str | None, ...]) -> tuple[ActivityKind, str | None]:
    """The kind of the most specific label the table knows (``other`` if none), and the
    file's own labels joined for display (``"running/trail"``), or None if it has none."""
    shown = [
        plain_line(label)
        for label in labels
        if label is not None and normalise_sport(label) not in UNINFORMATIVE
    ]
    shown = [label for label in shown if label]
    kind = next((k for k in map(sport_kind, reversed(shown)) if k is not None), ActivityKind.OTHER)
    return kind, ("/".join(shown)[:_MAX_LABEL] or None)


def shown_name(name: str) -> str:
    """A file name fit for ``Activity.source``: undecodable bytes escaped, and a name
    longer than the field allows keeps its end (the file's own name) after an ellipsis."""
    name = name.encode("utf-8", "backslashreplace").decode("utf-8")
    return name if len(name) <= _MAX_SOURCE else "…" + name[-(_MAX_SOURCE - 1) :]


def too_many() -> UnreadableFile:
    """The reason a file with more than :data:`MAX_SESSIONS` activities is skipped."""
    return UnreadableFile(f"more than {MAX_SESSIONS} sessions; allowed: at most {MAX_SESSIONS}")


def build(found: Found, zone: ZoneInfo, source: str) -> Activity:
    """The :class:`Activity` of ``found``, its date the local date in ``zone``.

    Raises :class:`UnreadableFile` with a plain reason when a value is out of range."""
    local = as_utc(found.start).astimezone(zone)
    minutes = round(found.seconds / 60, 1)
    if not DATE_MIN <= local.date() <= DATE_MAX:
        raise UnreadableFile(
            f"it starts on {local.date().isoformat()}; allowed: {DATE_MIN} to {DATE_MAX}"
        )
    if minutes < 0:
        raise UnreadableFile("its last time is before its first one")
    if minutes > MAX_MINUTES:
        raise UnreadableFile(f"it lasts {minutes:g} minutes; allowed: at most {MAX_MINUTES}")
    kind, label = kind_and_label(found.labels)
    distance = None if found.distance_m is None else round(found.distance_m / 1000, 2)
    return checked(
        date=local.date(),
        kind=kind,
        minutes=minutes,
        start=local,
        time_basis=found.time_basis,
        distance_km=distance,
        sport=label,
        source=source,
    )


def checked(**fields: Any) -> Activity:
    """``Activity(**fields)``, a validation error turned into :class:`UnreadableFile`."""
    try:
        return Activity(**fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        shown = repr(first.get("input"))[:60]
        raise UnreadableFile(f"{where} {shown}: {first['msg']}") from None
