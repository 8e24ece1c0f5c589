"""Every rule id can be found with one grep: its scheduling code, its validator check and
its tests (docs/architecture.md, "Where each rule lives").  Code cites a rule by its id
("(L4)", ``rules=["L4"]``), so a rule that loses its citation on either side fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runplan.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "runplan"
#: The scheduling side: the condition timeline and the scheduler.
SCHEDULING = ("timeline", "schedule")
VALIDATION = ("validation",)


def _citing(rule_id: str, files: list[Path]) -> list[Path]:
    pattern = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(rule_id)}(?![0-9])")
    return [f for f in files if pattern.search(f.read_text(encoding="utf-8"))]


def _files(*packages: str) -> list[Path]:
    return sorted(f for p in packages for f in (SRC / p).rglob("*.py"))


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_is_cited_by_scheduler_validator_and_tests(rule_id: str) -> None:
    assert _citing(rule_id, _files(*SCHEDULING)), f"{rule_id}: no scheduling code cites it"
    assert _citing(rule_id, _files(*VALIDATION)), f"{rule_id}: no validator check cites it"
    tests = [
        f for f in sorted(ROOT.joinpath("tests").rglob("*.py")) if f.name != Path(__file__).name
    ]
    assert _citing(rule_id, tests), f"{rule_id}: no test cites it"


def test_the_search_finds_nothing_for_an_unknown_id() -> None:
    assert not _citing("Z9", _files(*SCHEDULING, *VALIDATION))
