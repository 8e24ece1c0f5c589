"""The load scenarios (tests/data/coaching/load/*.toml), written from RULES.md: each a
profile, a start, a number of weeks and what L5, L6, L7 and X2 expect of the plan."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from runplan.models import Plan, SessionKind
from runplan.profile import parse_profile
from runplan.schedule import plan
from runplan.validation import validate

DATA = Path(__file__).parent / "data" / "coaching" / "load"
CASES = sorted(DATA.glob("*.toml"))


def _running_minutes(p: Plan, week: int) -> list[int]:
    return sorted(
        s.duration_min - (s.warmup.duration_min if s.warmup else 0)
        for d in p.weeks[week].days
        for s in d.sessions
        if s.kind is SessionKind.RUN and s.ladder_step is None
    )


def _failures(p: Plan, expect: dict[str, Any], usual: float) -> list[str]:
    out: list[str] = []
    if "long_easy" in expect:
        low, high = expect["long_easy"]
        for i in range(len(p.weeks)):
            runs = _running_minutes(p, i)
            ratio = runs[-1] / (sum(runs[:-1]) / (len(runs) - 1))
            if len(runs) >= 3 and not low <= ratio <= high:
                out.append(f"week {i + 1}: long/easy {ratio:.2f}")
    sessions = p.sessions()
    for key, kinds in (("max_easy_run", {SessionKind.RUN}), ("max_swim", {SessionKind.SWIM})):
        if key in expect:
            out += [
                f"{d} {s.kind} {s.duration_min}"
                for d, s in sessions
                if s.kind in kinds and s.duration_min > expect[key]
            ]
    if "min_hold_share" in expect:
        for w in p.weeks:
            cross = sum(
                s.duration_min
                for d in w.days
                for s in d.sessions
                if s.kind.value in {"bike", "swim"}
            )
            share = 0.75 if w.recovery_week else 1.0
            if cross < expect["min_hold_share"] * share * usual:
                out.append(f"{w.start}: {cross} cross-training minutes")
    for rule in expect.get("note_rules", []):
        if not any(rule in a.rules and "P3" in a.rules for a in p.advisories):
            out.append(f"no P3 note names {rule}")
    return out


@pytest.mark.parametrize("path", CASES, ids=[c.stem for c in CASES])
def test_load_scenario(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    runner = parse_profile(data["profile"], source=str(path))
    p = plan(runner, start=data["start"], weeks=data["weeks"])
    usual = runner.weekly_run_minutes * (1 + runner.cross_days / runner.run_days)
    found = _failures(p, data["expect"], usual)
    found += [
        f"{v.rule} {v.date}: {v.message}"
        for v in validate(p, runner)
        if v.rule in {"L1", "L2", "L4", "L5", "L6", "L7", "X2"}
    ]
    assert not found, "\n".join([path.stem, *found])
