"""Safe writes (issue 13, item 3): ``write_atomic`` and ``runplan plan --out`` replace only
a regular file or create a new path, keep a replaced file's mode, give a new file
``0o666 & ~umask``, fsync the folder after the rename and leave nothing behind on failure.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from runplan.cli import main
from runplan.errors import OutputError, RunplanError
from runplan.export.files import write_atomic

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
SIX = EXAMPLES / "six_free_days.toml"
OLD = b"old content\n"
NEW = b"new content\n"


@contextmanager
def _umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=lambda _tz: date(2026, 11, 26))
    return code, out.getvalue(), err.getvalue()


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_symlink_to_a_regular_file_is_refused_and_both_stay(tmp_path: Path) -> None:
    target = tmp_path / "real.ics"
    target.write_bytes(OLD)
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    with pytest.raises(OutputError, match="symbolic link") as info:
        write_atomic(link, NEW)
    assert str(link) in str(info.value)
    assert "a regular file or a new path" in str(info.value)
    assert info.value.exit_status == 2 and isinstance(info.value, RunplanError)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == OLD
    assert _names(tmp_path) == ["link.ics", "real.ics"]


def test_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link.ics"
    link.symlink_to(tmp_path / "missing.ics")
    with pytest.raises(OutputError, match="symbolic link"):
        write_atomic(link, NEW)
    assert link.is_symlink() and _names(tmp_path) == ["link.ics"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="os.mkfifo is not available here")
def test_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # A reader is open, so even a broken write_atomic that opened the FIFO for writing
    # would not block: the test cannot hang.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with pytest.raises(OutputError, match="FIFO") as info:
            write_atomic(fifo, NEW)
        assert os.read(reader, 100) == b""  # nothing was written into the pipe
    finally:
        os.close(reader)
    assert str(fifo) in str(info.value)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _names(tmp_path) == ["pipe"]


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "out.ics"
    folder.mkdir()
    with pytest.raises(OutputError, match="folder"):
        write_atomic(folder, NEW)
    assert folder.is_dir() and _names(folder) == []
    assert _names(tmp_path) == ["out.ics"]


def test_dev_null_is_refused_and_stays_a_device(monkeypatch: pytest.MonkeyPatch) -> None:
    null = Path(os.devnull)
    if not null.exists() or not stat.S_ISCHR(os.lstat(null).st_mode):
        pytest.skip(f"{null} is not a character device on this platform")

    def no_replace(*_args: object) -> None:
        raise AssertionError("write_atomic tried to replace the device")

    # Should the check ever break, the device is still not replaced (as root it could be).
    monkeypatch.setattr(os, "replace", no_replace)
    with pytest.raises(OutputError, match="character device"):
        write_atomic(null, NEW)
    assert stat.S_ISCHR(os.lstat(null).st_mode)


@pytest.mark.parametrize(
    ("mode", "umask"),
    [(0o644, 0o077), (0o600, 0o022), (0o640, 0o022), (0o664, 0o002)],
    ids=lambda value: f"{value:04o}",
)
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, mode: int, umask: int) -> None:
    # The umask is chosen so that 0o666 & ~umask (and tempfile's 0o600) differ from mode,
    # except 0o600 itself, which a umask-based mode would turn into 0o644.
    target = tmp_path / "plan.ics"
    target.write_bytes(OLD)
    target.chmod(mode)
    with _umask(umask):
        write_atomic(target, NEW)
    assert target.read_bytes() == NEW
    assert stat.S_IMODE(os.lstat(target).st_mode) == mode
    assert _names(tmp_path) == ["plan.ics"]


@pytest.mark.parametrize("umask", [0o022, 0o027], ids=lambda value: f"umask-{value:04o}")
def test_a_new_file_gets_0666_less_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int
) -> None:
    monkeypatch.chdir(tmp_path)
    with _umask(umask):
        write_atomic(tmp_path / "plan.ics", NEW)
        write_atomic(Path("relative.ics"), NEW)  # a bare name writes in the working folder
    for name in ("plan.ics", "relative.ics"):
        assert stat.S_IMODE(os.lstat(tmp_path / name).st_mode) == 0o666 & ~umask
        assert (tmp_path / name).read_bytes() == NEW
    assert _names(tmp_path) == ["plan.ics", "relative.ics"]


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.ics"
    target.write_bytes(OLD)
    target.chmod(0o644)

    def failing_replace(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, NEW)
    assert target.read_bytes() == OLD
    assert stat.S_IMODE(os.lstat(target).st_mode) == 0o644
    assert _names(tmp_path) == ["plan.ics"]


def test_the_file_and_then_the_folder_are_fsynced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        events.append(f"fsync {kind}")
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(tmp_path / "plan.ics", NEW)
    assert events == ["fsync file", "replace", "fsync folder"]


def test_cli_refuses_a_symlink_out_with_one_paragraph(tmp_path: Path) -> None:
    target = tmp_path / "real.ics"
    target.write_bytes(OLD)
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    code, out, err = _run("plan", str(SIX), "--format", "ics", "--out", str(link))
    assert (code, out) == (2, "")
    assert err.startswith(f"runplan: error: --out {link}: is a symbolic link;")
    assert "a regular file or a new path; '-' writes to standard output" in err
    assert err.count("\n") == 1 and err.endswith("\n")  # one paragraph
    assert "Traceback" not in err
    assert link.is_symlink() and target.read_bytes() == OLD
    assert _names(tmp_path) == ["link.ics", "real.ics"]


def test_cli_out_dash_writes_to_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run("plan", str(SIX), "--format", "json", "--weeks", "1", "--out", "-")
    assert (code, err) == (0, "")
    assert out.lstrip().startswith("{")
    assert _names(tmp_path) == []  # no file named "-"
