"""A coach's read of the bundled example plans (docs/coaching.md, "Measured").

For each profile in ``examples/profiles``: weekly minutes by kind, the plan's own load
ratio (``totals.acwr``), the long run against the easy runs, the walk-run ladder (steps,
days from the clearance to the last step, step-downs) and the advisories (count,
characters, longest, consults on one day).  Not a test: figures to read.

    python benchmarks/coaching_report.py [WEEKS] [START]
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from itertools import pairwise
from pathlib import Path

import runplan
from runplan.models import Plan, Runner, Session, SessionKind

CROSS = frozenset({SessionKind.BIKE, SessionKind.SWIM})
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"


def _minutes(sessions: list[Session], kinds: frozenset[SessionKind]) -> int:
    return sum(s.duration_min for s in sessions if s.kind in kinds)


def _week_line(week: runplan.Week, warmup: int) -> str:
    sessions = [s for d in week.days for s in d.sessions]
    runs = [
        s.duration_min - warmup
        for s in sessions
        if s.kind is SessionKind.RUN and s.ladder_step is None
    ]
    ladder = [s.ladder_step for s in sessions if s.ladder_step is not None]
    ratio = ""
    if len(runs) >= 3:
        long_run, others = max(runs), sorted(runs)[:-1]
        ratio = f" long/easy {long_run / (sum(others) / len(others)):.2f}"
    acwr = week.totals.acwr if week.totals else None
    return (
        f"  {week.start} {'R' if week.recovery_week else ' '}"
        f" run {_minutes(sessions, frozenset({SessionKind.RUN})):3d}"
        f" cross {_minutes(sessions, CROSS):3d}"
        f" strength {_minutes(sessions, frozenset({SessionKind.STRENGTH})):3d}"
        f" acwr {acwr if acwr is not None else '-'}{ratio}"
        + (f" ladder {ladder}" if ladder else "")
    )


def _ladder_line(plan: Plan, runner: Runner) -> str:
    steps = [(d, s.ladder_step) for d, s in plan.sessions() if s.ladder_step is not None]
    if not steps:
        return "  ladder: none"
    cleared = [c.cleared for c in runner.conditions if c.cleared]
    cleared += [c.date for c in runner.checkins if c.clinician_cleared]
    before = [c for c in cleared if c <= steps[0][0]]
    days = (steps[-1][0] - max(before)).days if before else None
    downs = sum(1 for (_, a), (_, b) in pairwise(steps) if (b or 0) < (a or 0))
    return (
        f"  ladder: {len(steps)} sessions, clearance to last step {days} days, step-downs {downs}"
    )


def _advisory_line(plan: Plan) -> str:
    texts = [a.message for a in plan.advisories]
    consults = Counter(a.date for a in plan.advisories if a.kind.value == "consult")
    return (
        f"  advisories: {len(texts)}, {sum(map(len, texts))} characters, longest "
        f"{max(map(len, texts), default=0)}, "
        f"most consults on a day {max(consults.values(), default=0)}"
    )


def main(weeks: int, start: date) -> None:
    for path in sorted(EXAMPLES.glob("*.toml")):
        runner = runplan.load_profile(path)
        plan = runplan.plan(runner, start=start, weeks=weeks)
        print(f"{path.stem}: {runner.weekly_run_minutes} run min a week, {runner.run_days} runs")
        for week in plan.weeks:
            print(_week_line(week, runner.warmup_minutes))
        print(_ladder_line(plan, runner))
        print(_advisory_line(plan))
        print(f"  violations: {len(runplan.validate(plan, runner))}")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 12,
        date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else date(2027, 3, 1),
    )
