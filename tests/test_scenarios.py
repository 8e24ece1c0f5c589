"""Clinical scenarios kept as data: ``tests/data/scenarios/*.toml``.

Each file is one runner with a back condition (or a red flag, a pain log, a clearance)
and the outcome derived *by hand* from RULES.md and docs/conditions.md, never by running
the scheduler.  A file has four parts:

* ``description`` (and optionally ``covers = [rule ids]``);
* ``[profile]``: a full runner profile in the DESIGN.md format;
* ``[plan]``: ``start`` (a date) and ``weeks``;
* ``[expect]``: what the plan must show.  Dates are local dates in the runner's time zone;
  a "date list" holds dates or ``{from = ..., to = ...}`` ranges (both ends included).

Keys of ``[expect]``:

``disclaimer = true``
    always; ``plan.disclaimer`` carries the S4 disclaimer.
``no_run`` / ``no_sessions`` / ``no_cross`` / ``no_strength`` / ``no_home_care``
    date lists: no ``run`` session (ladder sessions included), no session at all (S1/S2
    blocked days), no bike or swim, no strength, no recovery/mobility/walk.
``runs_on``
    dates on which some run must be present (used only where the contract fixes the day:
    the profile's ``long_run_day`` is a run day of the condition-free plan).
``baseline_runs``
    date list: on these days the plan runs wherever the same runner without conditions
    and check-ins runs (the days are ``full``: "all sessions allowed").
``runs_allowed_from`` / ``cross_allowed_from``
    a run (ladder or ordinary) / a bike or swim session within 14 days from that date.
``advisories``
    ``{kind, rule, date?}`` that must be present: same kind, rule id in its ``rules``,
    same date if given.
``advisory_counts``
    ``{kind, rule?, count}``: exactly ``count`` advisories of that kind (with that rule).
``no_advisory_rules``
    rule ids (or ``{kind, rule?}`` tables) that must not appear in any advisory.
``recovery``
    ``{date, contains}``: a recovery session that day whose text mentions ``contains``.
``mobility`` / ``pt``
    date lists: a mobility session / a mobility session marked as physical therapy.
``ladder``
    ``{date, step}``: a ladder session on that date with that ``ladder_step`` (step 0 is
    the brisk walk, a ``walk`` session; the others are walk-run ``run`` sessions).
``ladder_steps`` / ``ladder_first_on_or_after``
    the ``ladder_step`` values of all ladder sessions in date order; with a first date,
    no ladder session before it and no ordinary run from it until the ladder is complete
    (the final step twice; the final step's number is worked out from RULES.md R2 here).
``ladder_complete_by``
    ``{cleared, days}``: the ladder's final step is done twice within ``days`` days of the
    clearance date ``cleared`` (R4).
``ladder_step_downs``
    how many times a ladder session is at a lower step than the one before (R3/R4).
``max_run_minutes_from``
    ``{date, minutes}``: every run on or after ``date`` lasts at most ``minutes`` (A11).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import runplan
from runplan import Plan, Runner, Session, SessionKind

SCENARIO_DIR = Path(__file__).parent / "data" / "scenarios"
SCENARIOS = sorted(SCENARIO_DIR.glob("*.toml"))
MIN_SCENARIOS = 25
RULE_IDS = ("S1", "S2", "S3", "A7", "A8", "A9", "A10", "A11", "R1", "R2", "R3", "R4")
LOOKAHEAD = timedelta(days=13)  # "within the next 14 days", the first day included

CROSS = frozenset({SessionKind.BIKE, SessionKind.SWIM})
HOME_CARE = frozenset({SessionKind.RECOVERY, SessionKind.MOBILITY, SessionKind.WALK})
PHYSICAL_THERAPY = re.compile(r"physical[- ]?therap|physiotherap", re.IGNORECASE)

DATE_LIST_KEYS = frozenset(
    {
        "no_run",
        "no_sessions",
        "no_cross",
        "no_strength",
        "no_home_care",
        "baseline_runs",
        "mobility",
        "pt",
        "runs_on",
    }
)
EXPECT_KEYS = DATE_LIST_KEYS | {
    "disclaimer",
    "runs_allowed_from",
    "cross_allowed_from",
    "advisories",
    "advisory_counts",
    "no_advisory_rules",
    "recovery",
    "ladder",
    "ladder_steps",
    "ladder_first_on_or_after",
    "ladder_complete_by",
    "ladder_step_downs",
    "max_run_minutes_from",
}
TOP_KEYS = frozenset({"description", "covers", "profile", "plan", "expect"})


# ----------------------------------------------------------------------------- loading


def _ids(paths: Sequence[Path]) -> list[str]:
    return [p.stem for p in paths]


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def date_list(value: Iterable[Any]) -> list[date]:
    """Expand a list of dates and ``{from, to}`` ranges into single dates."""
    out: list[date] = []
    for item in value:
        if isinstance(item, Mapping):
            first, last = item["from"], item["to"]
            assert isinstance(first, date) and isinstance(last, date) and first <= last, item
            out.extend(first + timedelta(days=i) for i in range((last - first).days + 1))
        else:
            assert isinstance(item, date), f"{item!r} is not a date"
            out.append(item)
    return out


def text_of(session: Session) -> str:
    return " ".join([session.title, *session.content, *session.notes])


def is_ladder(session: Session) -> bool:
    """A ladder session: a walk-run step, or step 0, the brisk walk (R2)."""
    return session.ladder_step is not None and session.kind in {SessionKind.RUN, SessionKind.WALK}


def final_step(runner: Runner) -> int:
    """The number of the ladder's final step, read from RULES.md R2 by hand: the table's
    steps whose longest continuous jog is shorter than T = min(usual run - warm-up, 30)
    are kept, step 0 before them and the final continuous jog after them."""
    final = min(runner.weekly_run_minutes // runner.run_days - runner.warmup_minutes, 30)
    longest = (1, 2, 3, 4, 8, 13, 20)  # the table's longest continuous jogs, steps 1-7
    return 1 + sum(1 for m in longest if m < final)


def is_ordinary_run(session: Session) -> bool:
    return session.kind is SessionKind.RUN and session.ladder_step is None


def condition_free(runner: Runner) -> Runner:
    """The same runner without conditions and check-ins (the scheduler's reference plan)."""
    return runner.model_copy(update={"conditions": [], "checkins": []})


@dataclass
class Scenario:
    """One loaded scenario with its plan, and helpers to look at the plan by day."""

    path: Path
    data: dict[str, Any]
    runner: Runner
    plan: Plan
    failures: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def expect(self) -> dict[str, Any]:
        expect: dict[str, Any] = self.data["expect"]
        return expect

    @property
    def first(self) -> date:
        return self.plan.start

    @property
    def last(self) -> date:
        return self.plan.start + timedelta(days=7 * len(self.plan.weeks) - 1)

    @cached_property
    def by_day(self) -> dict[date, list[Session]]:
        days: dict[date, list[Session]] = {}
        for day, session in self.plan.sessions():
            days.setdefault(day, []).append(session)
        return days

    @cached_property
    def baseline_by_day(self) -> dict[date, list[Session]]:
        start, weeks = self.data["plan"]["start"], self.data["plan"]["weeks"]
        base = runplan.plan(condition_free(self.runner), start=start, weeks=weeks)
        days: dict[date, list[Session]] = {}
        for day, session in base.sessions():
            days.setdefault(day, []).append(session)
        return days

    def on(self, day: date) -> list[Session]:
        return self.by_day.get(day, [])

    def fail(self, what: str) -> None:
        self.failures.append(f"[{self.name}] {what}")

    def describe(self, day: date) -> str:
        items = [
            f"{s.kind.value}{'' if s.ladder_step is None else f'(step {s.ladder_step})'}"
            f" {s.duration_min}min"
            for s in self.on(day)
        ]
        return f"{day} {day:%a}: {', '.join(items) or 'nothing'}"

    def ladder_sessions(self) -> list[tuple[date, Session]]:
        return [(d, s) for d, s in self.plan.sessions() if is_ladder(s)]


def build(path: Path) -> Scenario:
    data = load(path)
    runner = runplan.parse_profile(data["profile"], source=str(path))
    request = data["plan"]
    built = runplan.plan(runner, start=request["start"], weeks=request["weeks"])
    return Scenario(path=path, data=data, runner=runner, plan=built)


# ----------------------------------------------------------------------------- checks


def check_generic(sc: Scenario) -> None:
    """Holds for every scenario: disclaimer, validator, local dates of sessions."""
    if runplan.DISCLAIMER not in sc.plan.disclaimer:
        sc.fail(f"plan.disclaimer does not carry the S4 disclaimer: {sc.plan.disclaimer!r}")
    problems = runplan.validate(sc.plan, sc.runner)
    if problems:
        listed = "; ".join(str(v) for v in problems[:8])
        sc.fail(f"validate() found {len(problems)} violation(s): {listed}")
    zone = ZoneInfo(sc.runner.timezone)
    for day, session in sc.plan.sessions():
        local = session.start.astimezone(zone)
        if local.date() != day or local.replace(tzinfo=None) != session.start.replace(tzinfo=None):
            sc.fail(
                f"{session.kind.value} on {day} starts at {session.start.isoformat()}, "
                f"which is {local.isoformat()} in {sc.runner.timezone}: not that local day"
            )


def check_day_lists(sc: Scenario) -> None:
    expect = sc.expect
    forbidden: list[tuple[str, str, Any]] = [
        ("no_run", "a run", lambda s: s.kind is SessionKind.RUN),
        ("no_sessions", "a session", lambda s: True),
        ("no_cross", "cross-training", lambda s: s.kind in CROSS),
        ("no_strength", "strength", lambda s: s.kind is SessionKind.STRENGTH),
        ("no_home_care", "home care", lambda s: s.kind in HOME_CARE and s.ladder_step is None),
    ]
    for key, what, bad in forbidden:
        for day in date_list(expect.get(key, [])):
            hits = [s for s in sc.on(day) if bad(s)]
            if hits:
                sc.fail(f"{key}: {day} must hold no {what}, but has {sc.describe(day)}")
    for day in date_list(expect.get("runs_on", [])):
        if not any(s.kind is SessionKind.RUN for s in sc.on(day)):
            sc.fail(f"runs_on: {day} must hold a run, but has {sc.describe(day)}")
    for day in date_list(expect.get("mobility", [])):
        if not any(s.kind is SessionKind.MOBILITY for s in sc.on(day)):
            sc.fail(f"mobility: {day} must hold a mobility session, but has {sc.describe(day)}")
    for day in date_list(expect.get("pt", [])):
        mob = [s for s in sc.on(day) if s.kind is SessionKind.MOBILITY]
        if not any(PHYSICAL_THERAPY.search(text_of(s)) for s in mob):
            sc.fail(
                f"pt: {day} must hold a mobility session marked as physical therapy, "
                f"but has {sc.describe(day)} {[text_of(s) for s in mob]}"
            )
    if "baseline_runs" in expect:
        for day in date_list(expect["baseline_runs"]):
            base = any(s.kind is SessionKind.RUN for s in sc.baseline_by_day.get(day, []))
            if base and not any(s.kind is SessionKind.RUN for s in sc.on(day)):
                sc.fail(
                    f"baseline_runs: the condition-free plan runs on {day} and the day is "
                    f"full, but the plan has {sc.describe(day)}"
                )


def _within(sc: Scenario, first: date, wanted: Any) -> bool:
    return any(
        wanted(s) for i in range(LOOKAHEAD.days + 1) for s in sc.on(first + timedelta(days=i))
    )


def check_allowed_from(sc: Scenario) -> None:
    first = sc.expect.get("runs_allowed_from")
    if first is not None and not _within(sc, first, lambda s: s.kind is SessionKind.RUN):
        sc.fail(f"runs_allowed_from: no run at all from {first} to {first + LOOKAHEAD}")
    first = sc.expect.get("cross_allowed_from")
    if first is not None and not _within(sc, first, lambda s: s.kind in CROSS):
        sc.fail(f"cross_allowed_from: no bike or swim from {first} to {first + LOOKAHEAD}")


def _advisory_matches(advisory: runplan.Advisory, spec: Mapping[str, Any]) -> bool:
    if "kind" in spec and advisory.kind.value != spec["kind"]:
        return False
    if "rule" in spec and spec["rule"] not in advisory.rules:
        return False
    return "date" not in spec or advisory.date == spec["date"]


def _advisories_text(sc: Scenario) -> str:
    return "; ".join(f"{a.kind.value} {a.date} {a.rules}" for a in sc.plan.advisories) or "none"


def check_advisories(sc: Scenario) -> None:
    expect = sc.expect
    for spec in expect.get("advisories", []):
        if not any(_advisory_matches(a, spec) for a in sc.plan.advisories):
            sc.fail(f"advisories: missing {dict(spec)}; the plan has: {_advisories_text(sc)}")
    for spec in expect.get("advisory_counts", []):
        wanted = {k: v for k, v in spec.items() if k != "count"}
        got = sum(_advisory_matches(a, wanted) for a in sc.plan.advisories)
        if got != spec["count"]:
            sc.fail(
                f"advisory_counts: {wanted} should occur {spec['count']} time(s), found "
                f"{got}; the plan has: {_advisories_text(sc)}"
            )
    for item in expect.get("no_advisory_rules", []):
        spec = {"rule": item} if isinstance(item, str) else item
        hits = [a for a in sc.plan.advisories if _advisory_matches(a, spec)]
        if hits:
            sc.fail(
                f"no_advisory_rules: {dict(spec)} must not appear, but found "
                + "; ".join(f"{a.kind.value} {a.date} {a.rules}: {a.message}" for a in hits)
            )


def check_recovery(sc: Scenario) -> None:
    for spec in sc.expect.get("recovery", []):
        day, word = spec["date"], spec["contains"].lower()
        rec = [s for s in sc.on(day) if s.kind is SessionKind.RECOVERY]
        if not any(word in text_of(s).lower() for s in rec):
            sc.fail(
                f"recovery: {day} needs a recovery session mentioning {word!r}; has "
                f"{sc.describe(day)} {[text_of(s) for s in rec]}"
            )


def check_ladder(sc: Scenario) -> None:
    expect = sc.expect
    ladder = sc.ladder_sessions()
    for spec in expect.get("ladder", []):
        day, step = spec["date"], spec["step"]
        if not any(s.ladder_step == step for s in sc.on(day) if is_ladder(s)):
            sc.fail(f"ladder: {day} needs a ladder session at step {step}, has {sc.describe(day)}")
    if "ladder_steps" in expect:
        got = [s.ladder_step for _, s in ladder]
        if got != list(expect["ladder_steps"]):
            where = ", ".join(f"{d}:{s.ladder_step}" for d, s in ladder) or "none"
            sc.fail(f"ladder_steps: expected {expect['ladder_steps']}, got {got} ({where})")
    check_ladder_pace(sc, ladder)
    first = expect.get("ladder_first_on_or_after")
    if first is None:
        return
    early = [d for d, _ in ladder if d < first]
    if early:
        sc.fail(f"ladder_first_on_or_after: ladder sessions before {first}: {early}")
    steps = [s.ladder_step for _, s in ladder]
    top = final_step(sc.runner)
    complete = steps[-2:] == [top, top]
    until = ladder[-1][0] if complete else sc.last
    ordinary = [d for d, s in sc.plan.sessions() if is_ordinary_run(s) and first <= d <= until]
    if ordinary:
        sc.fail(
            f"ladder mode: ordinary runs on {ordinary}, between {first} and "
            f"{'the last ladder session ' if complete else 'the plan end '}{until}; "
            "running returns through the walk-run ladder (R2)"
        )
    if complete and ladder[-1][0] + LOOKAHEAD <= sc.last:
        done = ladder[-1][0]
        if not _within(sc, done + timedelta(days=1), is_ordinary_run):
            sc.fail(f"ladder complete on {done}, but no ordinary run follows within 14 days")


def check_ladder_pace(sc: Scenario, ladder: list[tuple[date, Session]]) -> None:
    """R4: completion within ``days`` of the clearance; the number of step-downs."""
    steps = [s.ladder_step or 0 for _, s in ladder]
    spec = sc.expect.get("ladder_complete_by")
    if spec is not None:
        top = final_step(sc.runner)
        by = spec["cleared"] + timedelta(days=spec["days"])
        finals = [d for d, s in ladder if s.ladder_step == top and d <= by]
        if len(finals) < 2:
            sc.fail(f"ladder_complete_by: the final step {top} is not done twice by {by}")
    if "ladder_step_downs" in sc.expect:
        downs = sum(1 for a, b in pairwise(steps) if b < a)
        if downs != sc.expect["ladder_step_downs"]:
            sc.fail(f"ladder_step_downs: expected {sc.expect['ladder_step_downs']}, got {downs}")


def check_run_cap(sc: Scenario) -> None:
    spec = sc.expect.get("max_run_minutes_from")
    if spec is None:
        return
    long = [
        (d, s.duration_min)
        for d, s in sc.plan.sessions()
        if s.kind is SessionKind.RUN and d >= spec["date"] and s.duration_min > spec["minutes"]
    ]
    if long:
        sc.fail(
            f"max_run_minutes_from: runs from {spec['date']} must last at most "
            f"{spec['minutes']} min (A11), but: {long}"
        )


CHECKS = (
    check_generic,
    check_day_lists,
    check_allowed_from,
    check_advisories,
    check_recovery,
    check_ladder,
    check_run_cap,
)


# ----------------------------------------------------------------------------- tests


@pytest.mark.parametrize("path", SCENARIOS, ids=_ids(SCENARIOS))
def test_scenario_file_is_well_formed(path: Path) -> None:
    """The data itself: known keys, a parsable profile, every expected date inside the plan."""
    data = load(path)
    name = path.stem
    assert set(data) <= TOP_KEYS, f"[{name}] unknown top-level keys {set(data) - TOP_KEYS}"
    assert isinstance(data.get("description"), str), f"[{name}] needs a description"
    expect = data.get("expect")
    assert isinstance(expect, dict), f"[{name}] needs an [expect] table"
    assert set(expect) <= EXPECT_KEYS, f"[{name}] unknown [expect] keys {set(expect) - EXPECT_KEYS}"
    assert expect.get("disclaimer") is True, f"[{name}] expect.disclaimer must be true"
    runner = runplan.parse_profile(data["profile"], source=str(path))
    start, weeks = data["plan"]["start"], data["plan"]["weeks"]
    assert isinstance(start, date) and isinstance(weeks, int), f"[{name}] bad [plan] table"
    last = start + timedelta(days=7 * weeks - 1)
    inside: list[date] = []
    for key in DATE_LIST_KEYS & set(expect):
        inside += date_list(expect[key])
    inside += [spec["date"] for key in ("recovery", "ladder") for spec in expect.get(key, [])]
    inside += [spec["date"] for spec in expect.get("advisories", []) if "date" in spec]
    for key in ("ladder_first_on_or_after",):
        if key in expect:
            inside.append(expect[key])
    if "max_run_minutes_from" in expect:
        inside.append(expect["max_run_minutes_from"]["date"])
    outside = sorted(d for d in inside if not start <= d <= last)
    assert not outside, f"[{name}] expected dates outside the plan {start}..{last}: {outside}"
    for key in ("runs_allowed_from", "cross_allowed_from"):
        if key in expect:
            first = expect[key]
            assert start <= first and first + LOOKAHEAD <= last, (
                f"[{name}] {key} {first}: the plan must cover the 14 days from it"
            )
    for spec in expect.get("advisories", []) + expect.get("advisory_counts", []):
        assert spec.get("kind") in {"consult", "urgent", "note"}, f"[{name}] bad kind in {spec}"
    assert runner.timezone, name


@pytest.mark.parametrize("path", SCENARIOS, ids=_ids(SCENARIOS))
def test_scenario(path: Path) -> None:
    """The plan for the scenario's runner shows every hand-derived expectation."""
    sc = build(path)
    for check in CHECKS:
        check(sc)
    assert not sc.failures, "\n".join([f"{len(sc.failures)} failed expectation(s):", *sc.failures])


def _rules_named(data: Mapping[str, Any]) -> set[str]:
    expect = data.get("expect", {})
    named = set(data.get("covers", []))
    for key in ("advisories", "advisory_counts"):
        named |= {spec["rule"] for spec in expect.get(key, []) if "rule" in spec}
    for item in expect.get("no_advisory_rules", []):
        if isinstance(item, str):
            named.add(item)
        elif "rule" in item:
            named.add(item["rule"])
    return named


def test_corpus_size_and_rule_coverage() -> None:
    assert len(SCENARIOS) >= MIN_SCENARIOS, (
        f"only {len(SCENARIOS)} scenario files in {SCENARIO_DIR}; want at least {MIN_SCENARIOS}"
    )
    named: set[str] = set()
    for path in SCENARIOS:
        named |= _rules_named(load(path))
    missing = [rule for rule in RULE_IDS if rule not in named]
    assert not missing, f"rules no scenario names in its expectations or covers: {missing}"


def test_every_time_zone_is_exercised() -> None:
    zones = {load(path)["profile"]["timezone"] for path in SCENARIOS}
    wanted = {
        "Europe/London",
        "America/Los_Angeles",
        "Australia/Sydney",
        "Pacific/Chatham",
        "Asia/Kolkata",
        "UTC",
    }
    assert wanted <= zones, f"time zones without a scenario: {sorted(wanted - zones)}"
