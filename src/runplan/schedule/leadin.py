"""H1-H3: what the training log says about the days before the plan.

Without a log the plan assumes the profile's usual week before its first day (L1's
baseline is ``weekly_run_minutes``, L4's the usual or ``long_run_minutes`` run, L5's
the usual week less what a stop forbade).  With a log that holds anything dated before
the plan, what was actually done replaces those assumptions:

* H1: L1 measures the first weeks against the run minutes logged in the 7 days before
  the plan (and the 7 before those, for the two-week limit, when the log reaches back
  that far), never against what was planned, so missed minutes are never made up and
  extra minutes count; a week that logged less than one shortest run restarts from that
  shortest run.  A log with anything before the plan covers at least its last 7 days:
  a day without an activity there is a day without training.
* H2: L4 looks back at the logged runs, as logged (warm-up included in the minutes);
  with none in the window, at one shortest run.
* L2 with H1: the logged weeks of growth just before the plan count toward the fourth
  week's recovery, so a runner who re-plans every week still gets one.
* H3: L5's days before the plan, from the log's first day (at the latest 7 days before
  the plan) on, carry the logged load:
  the logged RPE, else :data:`~runplan.rules.limits.LOG_RPE` of the kind, times the
  minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from math import floor

from runplan.models import Activity, ActivityKind, Advisory, AdvisoryKind, Runner, TrainingLog
from runplan.rules.limits import L5_CHRONIC_DAYS, LOG_GROWN_SHARE, LOOKBACK_DAYS, RECOVERY_EVERY
from runplan.schedule.targets import MIN_RUNNING, RunRecord

__all__ = ["LeadIn", "lead_in", "lead_note"]


@dataclass(frozen=True, slots=True)
class LeadIn:
    """The log's days before the plan, as the load rules read them."""

    covered_from: date  # from this day on the log is the truth (at the latest start - 7)
    #: H1: logged run minutes of the 14-8 days and of the 7 days before the plan.
    weeks: tuple[int, int]
    runs: tuple[RunRecord, ...]  # H2: the logged runs of the lookback, by date
    restart: RunRecord  # H2: one shortest run, the day before the plan
    loads: dict[date, float]  # H3: the load of each covered day of L5's window
    #: L2 with H1: the logged weeks of growth just before the plan (0-3), so that the
    #: recovery week comes every 4th week of training, not of planning.
    grown: int = 0

    @property
    def references(self) -> list[int]:
        """L1's references for the first weeks (H1): the week before the last (when the
        log reaches it; else the last again), then the last; each at least one shortest
        run."""
        earlier, last = self.weeks
        if self.covered_from > self.restart.day - timedelta(days=7):
            earlier = last
        return [max(minutes, self.restart.minutes) for minutes in (earlier, last)]


def lead_in(runner: Runner, log: TrainingLog | None, start: date) -> LeadIn | None:
    """What ``log`` says about the days before ``start``; None when it holds nothing
    before the plan (the profile's assumptions stand)."""
    before = [a for a in (log.activities if log is not None else ()) if a.date < start]
    if not before:
        return None
    covered_from = min([a.date for a in before] + [start - timedelta(days=7)])
    warm = runner.warmup_minutes
    shortest = warm + MIN_RUNNING
    runs = [a for a in before if a.kind is ActivityKind.RUN]
    lookback = start - timedelta(days=LOOKBACK_DAYS + 7)  # the first week's 30 days
    records = tuple(
        RunRecord(a.date, floor(a.minutes), max(floor(a.minutes) - warm, 1))
        for a in sorted(runs, key=lambda a: a.date)
        if a.date >= lookback and floor(a.minutes) >= 1
    )
    first_l5 = start - timedelta(days=L5_CHRONIC_DAYS - 1)
    loads: dict[date, float] = {}
    for offset in range((start - max(first_l5, covered_from)).days):
        loads[start - timedelta(days=offset + 1)] = 0.0
    for a in before:
        if a.date in loads:
            loads[a.date] += a.load
    return LeadIn(
        covered_from=covered_from,
        weeks=(_run_minutes(runs, start, 14), _run_minutes(runs, start, 7)),
        runs=records,
        restart=RunRecord(start - timedelta(days=1), shortest, MIN_RUNNING),
        loads=loads,
        grown=_grown(runs, start, covered_from),
    )


def _grown(runs: list[Activity], start: date, covered_from: date) -> int:
    """How many 7-day blocks just before the plan were growth weeks (0-3): each holding
    more than 80 % of the run minutes of the block before it, which the log must reach
    into (a block it only partly covers looks lower: the recovery week comes sooner, not
    later).  A lower block (a recovery week, or a week of missed runs) already rested."""
    grown = 0
    for back in range(1, RECOVERY_EVERY):
        if covered_from > start - timedelta(days=7 * back + 1):  # the log began after it
            break
        this, before = (_run_minutes(runs, start, 7 * k) for k in (back, back + 1))
        if this <= LOG_GROWN_SHARE * before:
            break
        grown += 1
    return grown


def _run_minutes(runs: list[Activity], start: date, days_back: int) -> int:
    """Logged run minutes of the 7 days ending ``days_back - 6`` days before ``start``."""
    first, last = start - timedelta(days=days_back), start - timedelta(days=days_back - 6)
    return floor(sum(a.minutes for a in runs if first <= a.date <= last))


def lead_note(runner: Runner, lead: LeadIn | None, start: date) -> list[Advisory]:
    """H1 in plain words, on the plan's first day: what the first weeks grow from."""
    if lead is None:
        return []
    logged, usual = lead.weeks[1], runner.weekly_run_minutes
    if logged < lead.restart.minutes:
        text = (
            f"Training log: {logged} run minutes logged in the 7 days before this plan, "
            "less than one short run, so the running starts again from one short run and "
            "grows from there, at most 10 % a week."
        )
    else:
        text = (
            f"Training log: {logged} run minutes logged in the 7 days before this plan "
            f"(the profile's usual week: {usual}). The weekly running grows from what was "
            "logged, at most 10 % a week; missed sessions are not made up."
        )
    return [Advisory(kind=AdvisoryKind.NOTE, date=start, message=text, rules=["H1"])]
