"""The goal race's days as every validator check reads them (T1-T3): which session is the
race, how long it lasts, and the share of the last growth week each taper week keeps.
Shared by the context and the race checks (see :mod:`runplan.validation.race`)."""

from __future__ import annotations

from datetime import date

from runplan.models import Race, Runner, Session, SessionKind
from runplan.rules.limits import LONG_RACE_KM, RACE_PACE, TAPER_LONG, TAPER_SHORT

__all__ = ["is_race", "race_minutes", "taper_shares"]


def is_race(runner: Runner, day: date, session: Session) -> bool:
    """The goal race's session (T2)."""
    race = runner.race
    return (
        race is not None
        and day == race.date
        and session.kind is SessionKind.RUN
        and "T2" in session.rules
    )


def race_minutes(runner: Runner, race: Race) -> int:
    """T2: the race session's minutes, warm-up included."""
    racing = race.expected_minutes or max(5, round(race.distance_km * RACE_PACE))
    return runner.warmup_minutes + racing


def taper_shares(race: Race, start: date, weeks: int) -> dict[int, float]:
    """T1/T2: week index -> the share of the last growth week it may run."""
    index = (race.date - start).days // 7
    if not 0 <= index < weeks:
        return {}
    table = TAPER_LONG if race.distance_km > LONG_RACE_KM else TAPER_SHORT
    shares = {index - back: share for back, share in table.items() if index - back >= 0}
    if index + 1 < weeks:
        shares[index + 1] = min(table.values())
    return shares
