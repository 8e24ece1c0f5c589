"""Reading an input file at a bounded cost, and naming what a path is.

Every file runplan reads (a profile, a plan to check, a previous calendar) goes through
:func:`read_limited`: a regular file only (a FIFO could block for ever and a device such
as ``/dev/zero`` never ends), and at most ``limit + 1`` bytes read whatever the file
claims its size is, so a file that grows while it is read cannot exhaust the memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["UnreadableFile", "file_kind", "read_limited"]


class UnreadableFile(Exception):  # noqa: N818 - an internal signal each caller rewraps
    """The file cannot be read as an input; ``reason`` says why and what is allowed.

    Never leaves the package: each reader turns it into its own :class:`RunplanError`.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words, with its article."""
    kinds = (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def read_limited(path: Path, limit: int, allowed: str) -> bytes:
    """The bytes of the regular file at ``path`` (symbolic links followed), at most
    ``limit`` of them; ``allowed`` names what the caller accepts, for the messages.

    Raises :class:`UnreadableFile` for a missing, special or oversized file and
    :class:`OSError` for other read errors.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    if not stat.S_ISREG(mode):
        raise UnreadableFile(f"this is {file_kind(mode)}; allowed: {allowed}")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFile(
            f"the file has more than {limit} bytes; allowed: at most {limit} bytes"
        )
    return data
