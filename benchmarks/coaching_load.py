"""Coaching-load measurements (issue 9): weekly minutes, load ratios and long/easy ratios.

Not a unit test: prints, per example profile and per generated injured runner, each week's
run / cross-training / strength minutes, the largest session-RPE load ratio (L5: acute
over the larger of chronic and the floor), the largest acute:chronic ratio of total
minutes (the issue's measure: no floor), the long run's running minutes over the mean of
the other runs in weeks with three runs or more, and the longest easy run, ride and swim::

    python benchmarks/coaching_load.py            # every profile
    python benchmarks/coaching_load.py --brief    # one line per profile

Self-contained on purpose (it reads only the plan, the profile and the validator's stop
derivation), so the same script measures an older checkout: ``PYTHONPATH=old/src``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from runplan.models import Plan, Runner, Session, SessionKind
from runplan.profile import load_profile
from runplan.rules.limits import EFFORT
from runplan.schedule import plan as make_plan
from runplan.validation.episodes import find_episodes
from runplan.validation.painlog import PainLog
from runplan.validation.stops import BLOCKING, CROSS_IF_PAIN_FREE, NO_CROSS, all_stops

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "profiles"
START = date(2027, 3, 1)
WEEKS = 12
CROSS = {SessionKind.BIKE, SessionKind.SWIM}


def _mean(kind: str) -> float:
    band = EFFORT[kind]
    return (band.rpe_low + band.rpe_high) / 2


def session_load(s: Session) -> float:
    """Mean RPE x minutes; from the kind when the session states no effort."""
    if s.kind is SessionKind.STRENGTH:
        rpe = _mean("strength")
    elif s.kind is SessionKind.RUN or s.kind in CROSS:
        rpe = _mean("easy")
    elif s.kind is SessionKind.WALK and s.ladder_step == 0:
        rpe = _mean("brisk")
    else:
        return 0.0
    if s.effort is not None:
        rpe = (s.effort.rpe_low + s.effort.rpe_high) / 2
    return rpe * s.duration_min


def usual_day(runner: Runner) -> tuple[float, float, float, float]:
    """The usual week spread over 7 days: (run, cross, strength) load and total minutes."""
    usual = runner.weekly_run_minutes / runner.run_days
    run = runner.weekly_run_minutes * _mean("easy") / 7
    cross = runner.cross_days * usual * _mean("easy") / 7
    strength = runner.strength_days * 25 * _mean("strength") / 7
    minutes = (
        runner.weekly_run_minutes + runner.cross_days * usual + 25 * runner.strength_days
    ) / 7
    return run, cross, strength, minutes


def pre_plan(runner: Runner, start: date) -> tuple[dict[date, float], dict[date, float]]:
    """Load and minutes of the 27 days before ``start``: the usual week less what a stop
    active that day forbade (running and strength always; cross-training per the table)."""
    log = PainLog(runner.checkins)
    stops = all_stops(runner, log, find_episodes(runner, log))
    run, cross, strength, minutes = usual_day(runner)
    usual_run = runner.weekly_run_minutes / runner.run_days
    loads: dict[date, float] = {}
    mins: dict[date, float] = {}
    for k in range(1, 28):
        day = start - timedelta(days=k)
        active = [s for s in stops if s.active(day)]
        if any(s.rule in BLOCKING for s in active):
            loads[day], mins[day] = 0.0, 0.0
            continue
        if not active:
            loads[day], mins[day] = run + cross + strength, minutes
            continue
        no_cross = any(
            (s.rule in NO_CROSS and not s.rest)
            or (s.rule in CROSS_IF_PAIN_FREE and not log.pain_free(day, s.start))
            for s in active
        )
        loads[day] = 0.0 if no_cross else cross
        mins[day] = 0.0 if no_cross else runner.cross_days * usual_run / 7
    return loads, mins


def ratios(runner: Runner, p: Plan) -> tuple[list[float], list[float]]:
    """Per plan day: L5 ratio (with the floor) and total-minutes ACWR (no floor)."""
    loads, mins = pre_plan(runner, p.start)
    for day, s in p.sessions():
        loads[day] = loads.get(day, 0.0) + session_load(s)
        if s.kind is SessionKind.RUN or s.kind in CROSS or s.kind is SessionKind.STRENGTH:
            mins[day] = mins.get(day, 0.0) + s.duration_min
    run, cross, strength, _ = usual_day(runner)
    floor = 0.25 * 7 * (run + cross + strength)
    out_l5: list[float] = []
    out_min: list[float] = []
    for k in range(7 * len(p.weeks)):
        day = p.start + timedelta(days=k)
        acute = sum(loads.get(day - timedelta(days=j), 0.0) for j in range(7))
        chronic = sum(loads.get(day - timedelta(days=j), 0.0) for j in range(28)) / 4
        out_l5.append(acute / max(chronic, floor))
        a_min = sum(mins.get(day - timedelta(days=j), 0.0) for j in range(7))
        c_min = sum(mins.get(day - timedelta(days=j), 0.0) for j in range(28)) / 4
        out_min.append(a_min / c_min if c_min else 0.0)
    return out_l5, out_min


def week_rows(runner: Runner, p: Plan) -> list[dict[str, Any]]:
    l5, by_min = ratios(runner, p)
    rows = []
    for i, week in enumerate(p.weeks):
        sessions = [s for d in week.days for s in d.sessions]
        runs = [s for s in sessions if s.kind is SessionKind.RUN and s.ladder_step is None]
        running = sorted(s.duration_min - (s.warmup.duration_min if s.warmup else 0) for s in runs)
        long_easy = None
        if len(running) >= 3:
            others = running[:-1]
            long_easy = running[-1] / (sum(others) / len(others))
        easy = [s.duration_min for s in runs][:]
        rows.append(
            {
                "week": i + 1,
                "run": sum(s.duration_min for s in sessions if s.kind is SessionKind.RUN),
                "cross": sum(s.duration_min for s in sessions if s.kind in CROSS),
                "strength": sum(s.duration_min for s in sessions if s.kind is SessionKind.STRENGTH),
                "l5": max(l5[7 * i : 7 * i + 7]),
                "acwr_min": max(by_min[7 * i : 7 * i + 7]),
                "long_easy": long_easy,
                "max_run": max(easy, default=0),
                "max_ride": max(
                    (s.duration_min for s in sessions if s.kind is SessionKind.BIKE), default=0
                ),
                "max_swim": max(
                    (s.duration_min for s in sessions if s.kind is SessionKind.SWIM), default=0
                ),
                "ladder": sum(1 for s in sessions if s.ladder_step is not None),
                "recovery": week.recovery_week,
            }
        )
    return rows


def injured(base: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Generated injured runners: one base profile under each kind of history."""
    s = START

    def iso(k: int) -> str:
        return (s + timedelta(days=k)).isoformat()

    cases: dict[str, dict[str, Any]] = {
        "strain_eased": {
            "conditions": [{"kind": "muscle_strain", "onset": iso(10)}],
            "checkins": [{"date": iso(10), "pain": 5}, {"date": iso(12), "pain": 1}],
        },
        "strain_not_eased": {
            "conditions": [{"kind": "muscle_strain", "onset": iso(3)}],
            "checkins": [
                {"date": iso(3), "pain": 6},
                {"date": iso(5), "pain": 5},
                {"date": iso(30), "pain": 0, "clinician_cleared": True},
            ],
        },
        "disc_cleared": {
            "conditions": [{"kind": "herniated_disc", "onset": iso(-20), "cleared": iso(24)}],
            "checkins": [{"date": iso(-1), "pain": 0}],
        },
        "sciatica_late": {
            "conditions": [{"kind": "sciatica", "onset": iso(35), "cleared": iso(63)}],
            "checkins": [{"date": iso(36), "pain": 0}],
        },
        "red_flag": {
            "checkins": [
                {"date": iso(7), "pain": 4, "red_flags": ["fever"]},
                {"date": iso(35), "pain": 0, "clinician_cleared": True},
            ]
        },
        "back_pain_age_60": {
            "health": {"age": 60},
            "checkins": [
                {"date": iso(14), "pain": 4},
                {"date": iso(17), "pain": 0},
                {"date": iso(42), "pain": 0, "clinician_cleared": True},
            ],
        },
    }
    return {
        name: {**base, **extra, "name": f"{base['name']} ({name})"} for name, extra in cases.items()
    }


def profiles() -> dict[str, Runner]:
    out: dict[str, Runner] = {}
    for path in sorted(EXAMPLES.glob("*.toml")):
        out[path.stem] = load_profile(path)
    base = load_profile(EXAMPLES / "six_free_days.toml").model_dump(mode="json")
    for name, data in injured(base).items():
        out[name] = Runner.model_validate(data)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brief", action="store_true", help="one line per profile")
    args = parser.parse_args(argv)
    for name, runner in profiles().items():
        p = make_plan(runner, start=START, weeks=WEEKS)
        rows = week_rows(runner, p)
        ratios_le = [r["long_easy"] for r in rows if r["long_easy"] is not None]
        summary = (
            f"{name:<22} max L5 ratio {max(r['l5'] for r in rows):.2f}  "
            f"max minutes ACWR {max(r['acwr_min'] for r in rows):.2f}  "
            f"long/easy {min(ratios_le, default=0):.2f}-{max(ratios_le, default=0):.2f}  "
            f"longest run {max(r['max_run'] for r in rows)} "
            f"ride {max(r['max_ride'] for r in rows)} "
            f"swim {max(r['max_swim'] for r in rows)}"
        )
        print(summary)
        if args.brief:
            continue
        for r in rows:
            le = f"{r['long_easy']:.2f}" if r["long_easy"] is not None else "  - "
            print(
                f"   wk{r['week']:>2}{'R' if r['recovery'] else ' '} "
                f"run {r['run']:>4} cross {r['cross']:>4} "
                f"strength {r['strength']:>3} ladder {r['ladder']}  L5 {r['l5']:.2f}  "
                f"minACWR {r['acwr_min']:.2f}  long/easy {le}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
