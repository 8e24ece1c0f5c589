"""Reading an input file at a bounded cost, writing one atomically, and naming what a
path is.

Every file runplan reads (a profile, a plan to check, a previous calendar) goes through
:func:`read_limited`: a regular file only (a FIFO could block for ever and a device such
as ``/dev/zero`` never ends), and at most ``limit + 1`` bytes read whatever the file
claims its size is, so a file that grows while it is read cannot exhaust the memory.

Every file runplan writes (``plan --out``, a roster folder, a profile ``checkin`` edits)
goes through :func:`write_atomic`.  It lives here, at the bottom of the layers, so that
the profile layer can write too; :func:`runplan.export.files.write_atomic` is the same
writer raising :class:`~runplan.errors.OutputError` (this leaf may not import errors).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

__all__ = ["NotReplaceable", "UnreadableFile", "file_kind", "read_limited", "write_atomic"]

#: Tries at a fresh temporary name before giving up (each name has 64 random bits).
_TEMP_ATTEMPTS = 100
#: What :func:`os.fsync` on a folder raises where the platform or file system cannot do
#: it (or, on Windows, cannot even open a folder): nothing to report then.
_FSYNC_UNSUPPORTED = frozenset(
    {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EACCES, errno.EPERM}
)


class UnreadableFile(Exception):  # noqa: N818 - an internal signal each caller rewraps
    """The file cannot be read as an input; ``reason`` says why and what is allowed.

    Never leaves the package: each reader turns it into its own :class:`RunplanError`.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotReplaceable(Exception):  # noqa: N818 - an internal signal each caller rewraps
    """The output path is not a new path or a regular file: ``path`` as given, ``kind``
    what it is ("a symbolic link", "a folder", ...).

    Never leaves the package: each writer turns it into an
    :class:`~runplan.errors.OutputError`.
    """

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(f"{path}: is {kind}")
        self.path = path
        self.kind = kind


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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    * ``path`` must be a new path or a regular file; anything else raises
      :class:`NotReplaceable` naming the path and what it is.  The check
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
    keep_mode = _replaceable_mode(path)
    folder = path.parent
    fd, tmp = _create_temp(folder, path.name, keep_mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename is None:
            # A full disk says only "[Errno 28]": name the file it could not write.
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise
    _fsync_folder(folder)


def _replaceable_mode(path: Path) -> int | None:
    """The permission bits of the regular file at ``path``; None when nothing is there.

    Raises :class:`NotReplaceable` when ``path`` is anything but a regular file.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise NotReplaceable(str(path), file_kind(info.st_mode))
    return stat.S_IMODE(info.st_mode)


def _create_temp(folder: Path, name: str, keep_mode: int | None) -> tuple[int, Path]:
    """Create ``.<name>.<random>.tmp`` in ``folder``; its descriptor and path.

    A new file is created ``0o666`` (the kernel applies the umask); a replacement is
    created with the old file's bits, which the umask may narrow, and only then widened
    to exactly those bits, so the file is never readable by more users than the result.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    create_mode = 0o666 if keep_mode is None else keep_mode & 0o777
    for _ in range(_TEMP_ATTEMPTS):
        tmp = folder / f".{name}.{secrets.token_hex(8)}.tmp"
        try:
            fd = os.open(tmp, flags, create_mode)
        except FileExistsError:
            continue
        try:
            if keep_mode is not None:
                os.chmod(fd, keep_mode)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        return fd, tmp
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _fsync_folder(folder: Path) -> None:
    """Make the rename in ``folder`` durable; a no-op where folders cannot be fsynced.

    Other errors (an I/O error, say) are raised: the new content is then in place but
    may not survive a crash.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        if exc.errno in _FSYNC_UNSUPPORTED:
            return
        raise
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)
