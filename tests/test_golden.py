"""Golden files: representative plans, reviewed by eye once, then pinned byte for byte.

Regenerate after an intended change with ``RUNPLAN_UPDATE_GOLDEN=1 python -m pytest
tests/test_golden.py`` and review the diff before committing it.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from runplan import load_profile, plan, to_ics, to_json, to_text

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
PROFILES = sorted((ROOT / "examples" / "profiles").glob("*.toml"))
START = date(2027, 3, 1)  # spans the March clock changes in Europe and the US
REVISION = datetime(2027, 2, 20, 9, 0, tzinfo=UTC)
UPDATE = os.environ.get("RUNPLAN_UPDATE_GOLDEN") == "1"


def _render(profile: Path, fmt: str) -> bytes:
    p = plan(load_profile(profile), start=START, weeks=6, revision=REVISION)
    if fmt == "ics":
        return to_ics(p)
    return (to_json(p) if fmt == "json" else to_text(p)).encode("utf-8")


@pytest.mark.parametrize("fmt", ["json", "txt", "ics"])
@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_golden(profile: Path, fmt: str) -> None:
    target = GOLDEN / f"{profile.stem}.{fmt}"
    got = _render(profile, fmt)
    if UPDATE:
        target.write_bytes(got)
    assert target.exists(), f"missing golden file {target.name}: run with RUNPLAN_UPDATE_GOLDEN=1"
    assert got == target.read_bytes()


def test_there_are_golden_files_for_every_example() -> None:
    assert len(PROFILES) >= 3
    assert {p.stem for p in PROFILES} == {p.stem for p in GOLDEN.glob("*.json")}
