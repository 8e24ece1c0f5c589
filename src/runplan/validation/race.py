"""T1-T3, the goal race, as the validator reads them from RULES.md and docs/races.md.

* **Reading (the race session)**: a run on the race date citing T2; it is the race's,
  not the plan's, so P1 (its time is the race's), A6 (its surface is the course's), L4,
  L6 and L7 (it is no training run) and the L1 week minutes leave it out, and A13
  expects race effort (RPE 7-9) of it.  Later runs do not measure their length by it.
* **Reading (T3)**: the plan does not build toward the race when the race day or a day
  of the 14 before it (within the plan) is not fully open to running; then there is no
  race session and a T3 note.
* **Reading (T1)**: the taper weeks (race over 10 km: the week before the race week at
  80 %, the race week at 60 %; otherwise the race week at 60 %) and the easy week after
  the race week (60 %) run at most that share of the last growth week before the taper
  (the last week that is no recovery, taper or away week and not restricted; else the
  profile's weekly_run_minutes), the race left out; no run in the 10 days before the
  race is longer than the longest run of the plan before them.
* **Reading (T2)**: the race session lasts the warm-up and the expected minutes (else
  6.5 minutes a kilometre), starts at the race's start time when one is given, is the
  only session of its day, and no run falls the day before or after it; its T2 note
  cites L4 when it is longer than 1.1 x the longest run of the 30 days before it, and
  L5 when L5's cap is exceeded on a day of its 7 (L5 is then not held against those
  days: the race's load is the race's).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from runplan.models import Race, Session
from runplan.rules.limits import LONG_RUN_GROWTH, LOOKBACK_DAYS, RECOVERY_EVERY, TAPER_FINAL_DAYS
from runplan.validation.context import Context
from runplan.validation.conventions import TOLERANCE, label
from runplan.validation.racedays import is_race, race_minutes
from runplan.validation.violation import Violation

__all__ = ["check_race"]


def check_race(ctx: Context) -> Iterator[Violation]:
    """T1-T3 for the runner's race, when it falls within the plan."""
    race = ctx.runner.race
    if race is None or not ctx.taper:
        if race is not None and ctx.race_in_plan and ctx.race_blocked:
            yield from _check_blocked(ctx, race)
        return
    yield from _check_taper(ctx, race)
    yield from _check_race_day(ctx, race)


def _check_blocked(ctx: Context, race: Race) -> Iterator[Violation]:
    """T3: no race session, and a note that says so."""
    for day, s in ctx.sessions:
        if is_race(ctx.runner, day, s):
            yield Violation("T3", f"{label(day, s)} is planned while running is stopped", day)
    if not ctx.has_advisory("T3"):
        yield Violation("T3", f"no note says the plan does not build toward {race.name}", None)


def _peak(ctx: Context, first_taper: int) -> int:
    """The last growth week before the taper (T1)."""
    for i in range(first_taper - 1, -1, -1):
        recovery = (i + 1 + _grown(ctx)) % RECOVERY_EVERY == 0
        if recovery or i in ctx.away_weeks or i in ctx.derivation.restricted_weeks:
            continue
        return ctx.run_minutes[i]
    return ctx.runner.weekly_run_minutes


def _grown(ctx: Context) -> int:
    return ctx.logged.grown if ctx.logged is not None else 0


def _check_taper(ctx: Context, race: Race) -> Iterator[Violation]:
    peak = _peak(ctx, min(ctx.taper))
    for i, share in sorted(ctx.taper.items()):
        week = ctx.plan.weeks[i]
        if ctx.run_minutes[i] > share * peak + TOLERANCE:
            yield Violation(
                "T1",
                f"week {i + 1} ({week.start}) runs {ctx.run_minutes[i]} minutes, more than "
                f"{share:g} x {peak} (the last growth week)",
                week.start,
            )
    final = race.date - timedelta(days=TAPER_FINAL_DAYS)
    before = [s.duration_min for d, s in ctx.runs if d < final] + [_assumed(ctx)]
    for day, s in ctx.runs:
        if final <= day < race.date and s.duration_min > max(before) + TOLERANCE:
            yield Violation(
                "T1",
                f"{label(day, s)} lasts {s.duration_min} minutes in the {TAPER_FINAL_DAYS} days "
                f"before the race, longer than the longest run before them ({max(before)})",
                day,
            )


def _assumed(ctx: Context) -> float:
    """The run the days before the plan stand for (as L4 reads them): the logged runs
    and one short run with a log (H2), else long_run_minutes or the usual run."""
    runner = ctx.runner
    if ctx.logged is not None:
        return max([m for _, m in ctx.logged.runs] + [ctx.logged.short_run])
    return float(runner.long_run_minutes or runner.weekly_run_minutes // runner.run_days)


def _check_race_day(ctx: Context, race: Race) -> Iterator[Violation]:
    on_day = ctx.by_date.get(race.date, ())
    races = [s for s in on_day if is_race(ctx.runner, race.date, s)]
    if len(races) != 1:
        yield Violation("T2", f"{len(races)} race sessions on {race.date}; expected 1", race.date)
        return
    s = races[0]
    yield from _race_shape(ctx, race, s)
    if len(on_day) > 1:
        yield Violation("T2", f"{label(race.date, s)} is not alone on its day", race.date)
    for gap in (-1, 1):
        near = race.date + timedelta(days=gap)
        if any(d == near for d, _ in ctx.runs):
            yield Violation("T2", f"a run on {near}, next to the race on {race.date}", near)
    yield from _race_note(ctx, race, s)


def _race_shape(ctx: Context, race: Race, s: Session) -> Iterator[Violation]:
    want = race_minutes(ctx.runner, race)
    if s.duration_min != want:
        yield Violation(
            "T2",
            f"{label(race.date, s)} lasts {s.duration_min} minutes; expected {want}",
            race.date,
        )
    zone = ctx.runner.zone
    local = s.start.astimezone(zone)
    at = race.start_time
    if at is not None:
        # A start in the hour the clocks skip is the same moment after the change.
        given = datetime.combine(race.date, at, tzinfo=zone).astimezone(UTC)
        at = given.astimezone(zone).time().replace(tzinfo=None)
    if at is not None and local.time().replace(tzinfo=None) != at:
        yield Violation(
            "T2", f"{label(race.date, s)} starts at {local:%H:%M}, not {race.start_time}", race.date
        )


def _race_note(ctx: Context, race: Race, s: Session) -> Iterator[Violation]:
    note = [a for a in ctx.plan.advisories if "T2" in a.rules and a.date == race.date]
    if not note:
        yield Violation("T2", f"no T2 note on {race.date} for the race", race.date)
        return
    earlier = [(d, float(x.duration_min)) for d, x in ctx.runs if d < race.date]
    window = [m for d, m in earlier if race.date - timedelta(days=LOOKBACK_DAYS) <= d]
    longer = bool(window) and s.duration_min > LONG_RUN_GROWTH * max(window) + TOLERANCE
    if longer and not any("L4" in a.rules for a in note):
        yield Violation(
            "T2",
            f"the race is longer than 1.1 x the longest run before it ({max(window):g}) "
            "and its note does not say so (L4)",
            race.date,
        )
