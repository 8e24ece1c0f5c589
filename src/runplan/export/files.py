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
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    * ``path`` must be a new path or a regular file; anything else raises
      :class:`~runplan.errors.OutputError` naming the path and what it is.  The check
      uses :func:`os.lstat` and never opens the target.  It guards against mistakes,
      not against someone who can change the folder between the check and the rename
      (the rename would then replace their link or FIFO, never write through it).
    * The data goes to a hidden temporary file in the same folder, is flushed and
      fsynced, and replaces ``path`` with :func:`os.replace`; then the folder is
      fsynced so that the rename survives a crash.  On any failure the temporary file
      is removed and ``path`` is left as it was.
    * A replaced file keeps its permission bits (:func:`stat.S_IMODE`).  A new file gets
      ``0o666 & ~umask``, like any file the process creates: the temporary file is
      created with mode ``0o666`` and the kernel applies the umask itself.  So the umask
      is never read: ``os.umask`` can only be read by setting it, which races with other
      threads, and a value cached at import goes stale when the application changes it.
      (Ownership is the writer's; hard links to the old file keep the old content.)
    """
    try:
        _files.write_atomic(path, data)
    except _files.NotReplaceable as exc:
        raise OutputError(exc.path, exc.kind) from None
