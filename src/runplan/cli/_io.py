"""What ``plan``, ``report`` and ``check`` share about files: ``--out`` (atomic, ``-`` is
standard output) and reading a plan file (JSON) within its size limit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from runplan._files import UnreadableFile, read_limited
from runplan.errors import OutputError, PlanFormatError
from runplan.rules.limits import MAX_PLAN_BYTES

if TYPE_CHECKING:  # the models load with the command, not with ``runplan --help``
    from runplan.models import Plan

__all__ = ["add_out_option", "emit", "read_plan_file"]


def add_out_option(parser: Any) -> None:
    """Add ``--out`` to ``parser``."""
    parser.add_argument(
        "--out",
        type=Path,
        help="write here (atomically; a new path or a regular file) instead of stdout; "
        "'-' is stdout",
    )


def emit(data: bytes, path: Path | None, out: TextIO) -> None:
    """Write ``data`` to ``--out`` atomically, or to ``out`` without it (or with ``-``);
    a path that may not be replaced is reported as an option error."""
    if path is None or str(path) == "-":
        out.write(data.decode("utf-8"))
        return
    from runplan.export.files import write_atomic

    try:
        write_atomic(path, data)
    except OutputError as exc:
        allowed = f"{exc.allowed}; '-' writes to standard output"
        raise OutputError(f"--out {exc.path}", exc.kind, allowed) from None


def read_plan_file(path: Path) -> Plan:
    """A plan file (JSON), at most :data:`MAX_PLAN_BYTES`; every failure a
    :class:`PlanFormatError` naming the file."""
    from runplan.export.jsonout import plan_from_json

    try:
        raw = read_limited(path, MAX_PLAN_BYTES, "a plan (JSON) file")
    except UnreadableFile as exc:
        raise PlanFormatError([exc.reason], str(path)) from None
    except OSError as exc:
        raise PlanFormatError([f"cannot be read ({exc.strerror or exc})"], str(path)) from None
    return plan_from_json(raw, source=str(path))
