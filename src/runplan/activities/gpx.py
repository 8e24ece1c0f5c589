"""GPX tracks, read with gpxpy.

GPX has no timer, so the minutes are the elapsed time from the first to the last timed
point (pauses included).  The sport is the track's ``<type>`` (Garmin Connect and Strava
write one), else a ``<type>`` inside ``<metadata>`` (some exporters put it there; gpxpy
does not keep it, so it is looked up in the text).
"""

from __future__ import annotations

import re
from itertools import islice
from types import MappingProxyType

import gpxpy
import gpxpy.gpx

from runplan._files import UnreadableFile
from runplan._text import one_paragraph
from runplan.activities.common import Found

__all__ = ["STRAVA_TYPES", "read_gpx"]

#: Strava's GPX exports write its own activity type numbers in ``<type>`` (unpublished;
#: as seen in its exports and the projects that read them): the ones the sport table
#: can place.  Any other number stays the file's label, kind ``other``.
STRAVA_TYPES: MappingProxyType[str, str] = MappingProxyType({
    "1": "ride", "4": "hike", "9": "run", "10": "walk", "16": "swim", "17": "virtual_ride",
    "18": "e_bike_ride",
})  # fmt: skip

_MAX_REASON = 160
#: gpxpy finds namespace declarations with ``\sxmlns:?[^=]*=``: each ``xmlns`` with no
#: ``=`` soon after scans on to the next ``=``, so many of them cost the square of the
#: file's length; a file with that many is refused first (one such word in a
#: description is harmless and passes).
_LOOSE_XMLNS = re.compile(r"\sxmlns:?[^=]{200}")
_MAX_LOOSE = 10


def read_gpx(data: bytes) -> list[Found]:
    """The one activity of a GPX file (its tracks' time span); :class:`UnreadableFile`
    if it is not GPX or has no timed point."""
    try:
        # Strava's exports start with spaces before the XML declaration: not XML, but
        # common enough to read.
        text = data.decode("utf-8-sig").lstrip()
    except UnicodeDecodeError:
        raise UnreadableFile("not a GPX file: it is not UTF-8 text") from None
    if sum(1 for _ in islice(_LOOSE_XMLNS.finditer(text), _MAX_LOOSE)) == _MAX_LOOSE:
        raise UnreadableFile("not a valid GPX file: xmlns words without a value")
    try:
        track = gpxpy.parse(text)
    except gpxpy.gpx.GPXException as error:
        reason = one_paragraph(str(error))[:_MAX_REASON]
        raise UnreadableFile(f"not a valid GPX file: {reason}") from None
    start, end = track.get_time_bounds()
    if start is None or end is None:
        raise UnreadableFile("no time in this GPX file: no track point has a <time>")
    label = next((t.type for t in track.tracks if t.type), None) or _metadata_type(text)
    label = STRAVA_TYPES.get(label.strip(), label) if label is not None else None
    distance = track.length_2d() or None
    return [Found(start, (end - start).total_seconds(), "elapsed", (label,), distance)]


def _metadata_type(text: str) -> str | None:
    """The text of ``<type>`` inside the first ``<metadata>``, found with plain string
    searches (linear, unlike a regular expression over hostile text)."""
    begin = text.find("<metadata")
    end = text.find("</metadata>", begin)
    if begin < 0 or end < 0:
        return None
    block = text[begin:end]
    opened = block.find("<type>")
    closed = block.find("</type>", opened)
    if opened < 0 or closed < 0:
        return None
    return block[opened + len("<type>") : closed].strip() or None
