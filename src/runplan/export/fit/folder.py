"""Writing a plan's workouts into a folder: one FIT file per session, then
``manifest.json``, every file atomically; then the files an earlier run listed in its
manifest that this plan no longer has are removed (never a file no manifest listed).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from runplan._files import UnreadableFile, read_limited
from runplan.errors import OutputError
from runplan.export.files import write_atomic
from runplan.export.fit.encode import encode_workout
from runplan.export.fit.manifest import (
    MANIFEST,
    WORKOUT_KINDS,
    entries,
    listed_files,
    manifest_json,
)
from runplan.models import Plan, SessionKind

__all__ = ["MAX_MANIFEST_BYTES", "WrittenWorkouts", "write_folder", "write_workouts"]

#: An earlier manifest larger than this is not read (nothing is removed then).
MAX_MANIFEST_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class WrittenWorkouts:
    """What :func:`write_workouts` did: the files written (the manifest last) and the
    files of an earlier run it removed."""

    folder: Path
    files: tuple[str, ...]
    removed: tuple[str, ...]


def write_workouts(
    plan: Plan, folder: Path, *, kinds: Collection[SessionKind] = WORKOUT_KINDS
) -> WrittenWorkouts:
    """Write a FIT workout file for every session of ``kinds`` into ``folder`` (made if
    missing), then ``manifest.json``; remove what the previous manifest listed and this
    plan does not.  Raises :class:`~runplan.errors.OutputError` when ``folder`` is not a
    folder or a file in it may not be replaced, :class:`OSError` when writing fails."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(str(folder), "a file", "a folder (made if missing)")
    folder.mkdir(parents=True, exist_ok=True)
    earlier = _previous(folder)
    found = entries(plan, kinds)
    # Everything is encoded before the first file is written: a failure writes nothing.
    files = [(entry.file, encode_workout(entry.workout)) for entry in found]
    for name, data in files:
        write_atomic(folder / name, data)
    write_atomic(folder / MANIFEST, manifest_json(plan, found))
    current = {entry.file for entry in found}
    removed = tuple(name for name in earlier if name not in current and _remove(folder / name))
    return WrittenWorkouts(folder, (*(e.file for e in found), MANIFEST), removed)


def write_folder(plan: Plan, folder: Path) -> list[str]:
    """:func:`write_workouts` with every kind, for the folder formats of
    :data:`runplan.export.formats.FOLDER_FORMATS`: the names written."""
    return list(write_workouts(plan, folder).files)


def _previous(folder: Path) -> list[str]:
    """The workout files the folder's earlier manifest lists (none without one)."""
    try:
        data = read_limited(folder / MANIFEST, MAX_MANIFEST_BYTES, "a manifest.json")
    except (UnreadableFile, OSError):
        return []
    return listed_files(data)


def _remove(path: Path) -> bool:
    """Remove ``path`` if it is a regular file (never a link, folder or device)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        path.unlink()
    except FileNotFoundError:
        return False
    return True
