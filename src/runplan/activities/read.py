"""Reading a training log: one activity file, or a folder of them walked in name order.

A bad file never stops the reading: it becomes one :class:`SkippedFile` naming it and
saying why, and the rest still counts, since a runner's export folder always holds
something odd.  Only a path that is not there (or is neither a file nor a folder) or an
unknown time zone raises :class:`LogError`.  The cost is bounded whatever the folder
holds: each file is read up to :data:`MAX_FILE_BYTES`, at most :data:`MAX_FILES`
entries are visited, and duplicates are found by sorting (docs/log.md).
"""

from __future__ import annotations

import os
import stat
from datetime import datetime, time
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from runplan._files import UnreadableFile, file_kind, read_limited
from runplan.activities.common import Found, build, shown_name
from runplan.activities.csvlog import read_csv
from runplan.activities.dedupe import dedupe
from runplan.errors import LogError
from runplan.models import Activity, SkippedFile, TrainingLog
from runplan.models.zones import portable_zone

__all__ = ["FORMATS", "MAX_FILES", "MAX_FILE_BYTES", "read_log"]

#: Bytes read of one file: a 10-hour ride recorded every second is about 15 MB of GPX.
MAX_FILE_BYTES = 25_000_000
#: Entries (files and folders) visited in a log folder; the rest is one skipped entry.
MAX_FILES = 20_000
#: The suffixes read (case-insensitive) and the format each one names in a reason.
FORMATS = {".fit": "FIT", ".gpx": "GPX", ".tcx": "TCX", ".csv": "CSV"}
_ALLOWED = "an activity file (.fit, .gpx, .tcx or .csv) or a folder of them"

Entry = tuple[Path, str]  # the file, and its name relative to the folder given


def read_log(path: str | os.PathLike[str], timezone: str) -> TrainingLog:
    """Every activity of the file or folder at ``path``, its date the local date in
    ``timezone`` (an IANA name), duplicates counted once, and every file not read.

    Raises :class:`LogError` if ``path`` does not exist or is neither a file nor a
    folder, or if ``timezone`` is unknown; never for a bad file in the log."""
    zone = portable_zone(timezone)
    if zone is None:
        raise LogError(f"timezone: {timezone!r} is not a known zone; allowed: an IANA name")
    root = Path(path)
    try:
        mode = os.stat(root).st_mode
    except (OSError, ValueError):
        raise LogError(f"{os.fspath(path)}: no such file or folder; allowed: {_ALLOWED}") from None
    skipped: list[SkippedFile] = []
    if stat.S_ISDIR(mode):
        entries = _walk(root, skipped)
    elif stat.S_ISREG(mode):
        entries = [(root, shown_name(root.name))]
    else:
        raise LogError(f"{os.fspath(path)}: is {file_kind(mode)}; allowed: {_ALLOWED}")
    activities: list[Activity] = []
    for file, name in entries:
        _read_one(file, name, zone, activities, skipped)
    kept, duplicates = dedupe(activities)
    return TrainingLog(
        activities=tuple(sorted(kept, key=lambda a: _order(a, zone))),
        skipped=tuple(sorted(skipped + duplicates, key=_file_order)),
    )


def _order(activity: Activity, zone: ZoneInfo) -> tuple[object, ...]:
    start = activity.start or datetime.combine(activity.date, time(), tzinfo=zone)
    return activity.date, start, activity.kind, activity.source


def _file_order(skipped: SkippedFile) -> tuple[str, int, str]:
    """By file, a CSV file's rows in line order (``log.csv:9`` before ``log.csv:10``)."""
    head, colon, line = skipped.file.rpartition(":")
    if colon and line.isdigit():
        return head, int(line), skipped.reason
    return skipped.file, -1, skipped.reason


def _walk(root: Path, skipped: list[SkippedFile]) -> list[Entry]:
    """The files under ``root``, depth first in name order; a symbolic link to a folder
    is listed as skipped, not followed (it could loop or leave the log)."""
    files: list[Entry] = []
    stack: list[tuple[Path, str]] = [(root, "")]
    visited = 0
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            reason = f"the folder could not be listed: {error.strerror or error}"
            skipped.append(SkippedFile(file=shown_name(prefix or "."), reason=reason))
            continue
        folders: list[tuple[Path, str]] = []
        for entry in entries:
            name = shown_name(prefix + entry.name)
            visited += 1
            if visited > MAX_FILES:
                reason = (
                    f"more than {MAX_FILES} files and folders in the log: this one and the "
                    f"ones after it (in name order) were not read; allowed: at most {MAX_FILES}"
                )
                skipped.append(SkippedFile(file=name, reason=reason))
                return files
            kind = _kind(entry)
            if kind == "folder":
                folders.append((Path(entry.path), prefix + entry.name + "/"))
            elif kind == "linked folder":
                reason = "a symbolic link to a folder, not followed; allowed: a folder inside"
                skipped.append(SkippedFile(file=name, reason=reason))
            else:
                files.append((Path(entry.path), name))
        stack.extend(reversed(folders))
    return files


def _kind(entry: os.DirEntry[str]) -> str:
    """``folder``, ``linked folder`` or ``file`` (anything else: its reader says what it
    is, and a file that cannot even be looked at is reported when it is read)."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        if entry.is_symlink() and entry.is_dir():
            return "linked folder"
    except OSError:
        pass
    return "file"


def _read_one(
    file: Path,
    name: str,
    zone: ZoneInfo,
    activities: list[Activity],
    skipped: list[SkippedFile],
) -> None:
    """Read one file into ``activities``, or say in ``skipped`` why not."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in FORMATS:
        skipped.append(SkippedFile(file=name, reason=f"unknown file type; allowed: {_ALLOWED}"))
        return
    try:
        data = read_limited(file, MAX_FILE_BYTES, allowed="a regular file")
        if not data:
            raise UnreadableFile("empty file")
        if suffix == ".csv":
            rows, bad = read_csv(data, name)
            activities.extend(rows)
            skipped.extend(bad)
            return
        found = _parse(suffix, data)
        activities.extend([build(item, zone, name) for item in found])  # all or none
    except UnreadableFile as error:
        skipped.append(SkippedFile(file=name, reason=error.reason))
    except OSError as error:
        skipped.append(SkippedFile(file=name, reason=f"could not be read: {error.strerror}"))
    except Exception as error:  # a parser's own failure on a hostile file: never fatal
        reason = f"not a readable {FORMATS[suffix]} file ({type(error).__name__})"
        skipped.append(SkippedFile(file=name, reason=reason))


def _parse(suffix: str, data: bytes) -> list[Found]:
    """The format's reader, imported on first use: ``import runplan`` stays light."""
    if suffix == ".fit":
        from runplan.activities.fit import read_fit

        return read_fit(data)
    if suffix == ".gpx":
        from runplan.activities.gpx import read_gpx

        return read_gpx(data)
    from runplan.activities.tcx import read_tcx

    return read_tcx(data)
