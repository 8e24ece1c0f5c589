"""Build a runner in code, plan 8 weeks, check the plan, write an .ics and print the week view.

Run it from the repository root:  python examples/plan_in_code.py [OUT.ics]
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import runplan


def main() -> int:
    runner = runplan.parse_profile(
        {
            "name": "Sam Rivera",
            "timezone": "America/Los_Angeles",
            "run_days": 3,
            "cross_days": 2,
            "strength_days": 2,
            "long_run_day": "sun",
            "weekly_run_minutes": 120,
            "target_run_minutes": 160,
            "equipment": ["bike", "pool"],
            "pool_days": ["tue", "thu", "sat"],
            "surfaces": ["trail", "road"],
            "shoe_km": 520,
            "availability": {
                "mon": ["06:00-07:30"],
                "tue": ["12:00-13:30"],
                "wed": ["06:00-07:30"],
                "thu": ["12:00-13:30"],
                "sat": ["08:00-10:00"],
                "sun": ["07:00-10:00"],
            },
        }
    )
    plan = runplan.plan(runner, start=date(2027, 3, 1), weeks=8)  # spans the March DST change
    problems = runplan.validate(plan, runner)
    if problems:
        for v in problems:
            print(f"{v.date} {v.rule}: {v.message}", file=sys.stderr)
        return 1
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("sam-rivera.ics")
    target.write_bytes(runplan.to_ics(plan, alarm_minutes=30))
    print(runplan.to_text(plan))
    print(f"Wrote {target} ({len(plan.sessions())} sessions, {len(plan.advisories)} advisories).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
