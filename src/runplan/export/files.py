"""Writing an output file so that a failure never leaves half of it behind.

:func:`write_atomic` replaces only what it is safe to replace: a path that does not
exist yet or a regular file.  A symbolic link (even one to a regular file), a FIFO, a
device, a socket or a folder is refused with :class:`~runplan.errors.OutputError`
before anything is opened, so ``/dev/null`` stays a device and a FIFO never blocks.
The writer itself lives in :mod:`runplan._files`, below the profile layer, which
writes profiles with it (``runplan checkin``); this is its public name.
"""

from __future__ import annotations

from pathlib import Path

from runplan import _files
from runplan.errors import OutputError

__all__ = ["write_atomic"]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename, as
    :func:`runplan._files.write_atomic` describes (mode kept or ``0o666 & ~umask``, the
    folder fsynced, nothing left behind on failure); a path that is not a new path or a
    regular file raises :class:`~runplan.errors.OutputError` naming it and what it is."""
    try:
        _files.write_atomic(path, data)
    except _files.NotReplaceable as exc:
        raise OutputError(exc.path, exc.kind) from None
