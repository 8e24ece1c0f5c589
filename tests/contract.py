"""The acceptance checks of the core issue, written from the issue text alone.

They are deliberately separate from :mod:`runplan.validation` so that the scheduler is
checked twice, by two independent readings of the rules.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from runplan.models import Plan, Runner, SessionKind, Weekday

TRAINING = {SessionKind.RUN, SessionKind.BIKE, SessionKind.SWIM, SessionKind.STRENGTH}
CROSS = {SessionKind.BIKE, SessionKind.SWIM}


def run_minutes(plan: Plan) -> list[int]:
    return [
        sum(s.duration_min for d in w.days for s in d.sessions if s.kind is SessionKind.RUN)
        for w in plan.weeks
    ]


def p3_weeks(plan: Plan) -> set[date]:
    """Week starts that a P3 advisory covers (P4: from its date to its ``until``)."""
    starts = [w.start for w in plan.weeks]
    out = set()
    for a in plan.advisories:
        if "P3" in a.rules:
            last = a.until or a.date
            out |= {s for s in starts if s <= last and a.date < s + timedelta(days=7)}
    return out


def hard_rule_problems(plan: Plan, runner: Runner) -> list[str]:
    """Everything the issue's "Done when" demands of a plan, as readable problems."""
    problems: list[str] = []
    zone = runner.zone
    with_p3 = p3_weeks(plan)
    run_dates: list[date] = []
    for week in plan.weeks:
        kinds = [s.kind for d in week.days for s in d.sessions]
        runs, cross = kinds.count(SessionKind.RUN), sum(k in CROSS for k in kinds)
        strength = kinds.count(SessionKind.STRENGTH)
        short = runs < runner.run_days or cross < runner.cross_days
        short = short or strength < runner.strength_days
        if runs > runner.run_days or cross > runner.cross_days:
            problems.append(f"{week.start}: {runs} runs / {cross} cross is more than wished")
        if short and week.start not in with_p3:
            problems.append(f"{week.start}: shortfall without a P3 advisory")
        if all(any(s.kind in TRAINING for s in d.sessions) for d in week.days):
            problems.append(f"{week.start}: no full rest day")
        for day in week.days:
            for s in day.sessions:
                local = s.start.astimezone(zone)
                if local.date() != day.date:
                    problems.append(f"{day.date}: session dated {local.date()}")
                if s.kind is SessionKind.RUN:
                    run_dates.append(day.date)
                    w = s.warmup
                    if w is None or not 5 <= w.duration_min <= 15:
                        problems.append(f"{day.date}: run without a 5-15 minute warm-up")
                    elif not {"walk", "back_stretch"} <= {st.kind.value for st in w.steps}:
                        problems.append(f"{day.date}: warm-up lacks walk or back_stretch")
                if s.kind is SessionKind.SWIM and not runner.can_swim_on(Weekday.of(day.date)):
                    problems.append(f"{day.date}: swim without a pool")
                if s.kind is SessionKind.BIKE and not runner.has_bike:
                    problems.append(f"{day.date}: bike without a bike")
                if s.kind in TRAINING:
                    start = local.hour * 60 + local.minute
                    end_local = (s.start + timedelta(minutes=s.duration_min)).astimezone(zone)
                    end = (end_local.date() - day.date).days * 1440
                    end += end_local.hour * 60 + end_local.minute
                    windows = runner.availability.on(Weekday.of(day.date))
                    if not any(w.start_minute <= start and end <= w.end_minute for w in windows):
                        problems.append(f"{day.date}: {s.kind.value} at {local:%H:%M} outside")
    for a, b in pairwise(run_dates):
        if (b - a).days <= 1:
            problems.append(f"runs on consecutive days {a} and {b}")
    problems += _load_problems(plan, runner)
    return problems


def _load_problems(plan: Plan, runner: Runner) -> list[str]:
    problems = []
    minutes = run_minutes(plan)
    references = [runner.weekly_run_minutes]
    for i, total in enumerate(minutes):
        if (i + 1) % 4 == 0:
            if i and total > 0.75 * minutes[i - 1] + 1e-9:
                problems.append(f"week {i + 1}: recovery week {total} > 75% of {minutes[i - 1]}")
            continue
        if total > 1.1 * references[-1] + 1e-9:
            problems.append(f"week {i + 1}: {total} grows more than 10% on {references[-1]}")
        start = plan.weeks[i].start
        shrunk = any(  # L7 (and, docs/coaching.md, L5): L1 grows from the week's
            # unshrunk target (at most 1.1 x)
            {"L5", "L7"} & set(a.rules)
            and a.date <= start + timedelta(days=6)
            and start <= (a.until or a.date)
            for a in plan.advisories
        )
        references.append(max(total, int(1.1 * references[-1])) if shrunk else total)
    return problems
