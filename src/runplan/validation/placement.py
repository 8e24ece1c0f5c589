"""Placement rules (P1-P3): each session on its date, at the time zone's true offset and
inside one of the runner's time windows; at most two training sessions a day, none
overlapping; the week's longest run on the wished day.

Times are compared as instants (UTC) and read on the local wall clock only afterwards,
so a daylight-saving change cannot hide or invent a violation.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta

from runplan.models import Runner, Session, SessionKind, Weekday
from runplan.models.calendar import away_on, windows_on
from runplan.rules.limits import MAX_SESSIONS_PER_DAY
from runplan.validation.context import Context
from runplan.validation.conventions import (
    AT_HOME_KINDS,
    CROSS_KINDS,
    TRAINING_KINDS,
    label,
    week_label,
)
from runplan.validation.racedays import is_race
from runplan.validation.violation import Violation

__all__ = ["check_day_load", "check_long_run_day", "check_windows"]


def _wall_minute(moment: datetime) -> float:
    """Minute of the day on the wall clock (seconds as a fraction)."""
    seconds = moment.second + moment.microsecond / 1_000_000
    return moment.hour * 60 + moment.minute + seconds / 60


def _hhmm(minute: float) -> str:
    hours, minutes = divmod(int(minute), 60)
    return f"{hours:02d}:{minutes:02d}"


def check_windows(ctx: Context) -> Iterator[Violation]:
    """P1: sessions sit on their date, at the zone's true offset, inside a time window."""
    for day, s in ctx.sessions:
        yield from _session_placement(ctx.runner, day, s)


def _session_placement(runner: Runner, day: date, s: Session) -> Iterator[Violation]:
    """P1 for one session: its offset and its local date, then (away from home) its window."""
    where = label(day, s)
    local_start = s.start.astimezone(runner.zone)
    if s.start.utcoffset() != local_start.utcoffset():
        yield Violation(
            "P1",
            f"{where} has UTC offset {s.start:%z}, but {runner.timezone} is at "
            f"{local_start:%z} at that instant",
            day,
        )
    if local_start.date() != day:
        yield Violation(
            "P1", f"{where} starts on {local_start.date()} in {runner.timezone}, not {day}", day
        )
    if s.kind not in AT_HOME_KINDS and not is_race(runner, day, s):  # T2: the race's time
        yield from _in_window(runner, where, day, s, local_start)


def _in_window(
    runner: Runner, where: str, day: date, s: Session, local_start: datetime
) -> Iterator[Violation]:
    """P1: the session starts and ends inside one window of its local weekday."""
    # The end is an instant (absolute time), read on the local wall clock afterwards.
    local_end = (s.start.astimezone(UTC) + timedelta(minutes=s.duration_min)).astimezone(
        runner.zone
    )
    start_minute = _wall_minute(local_start)
    next_day = local_start.date() + timedelta(days=1)
    if local_end.date() == local_start.date():
        end_minute = _wall_minute(local_end)
    elif local_end.date() == next_day and _wall_minute(local_end) == 0:
        end_minute = 24 * 60.0  # ends at midnight: a window may end at 24:00
    else:
        yield Violation("P1", f"{where} runs past midnight (ends {local_end:%Y-%m-%d %H:%M})", day)
        return
    local_day = local_start.date()
    # The weekday's windows, none on a day away (D1), less the recurring exceptions (D2).
    windows = windows_on(runner, local_day)
    if any(w.start_minute <= start_minute and end_minute <= w.end_minute for w in windows):
        return
    allowed = ", ".join(str(w) for w in windows) or "none"
    rule = "D1" if away_on(runner, local_day) is not None else "P1"
    yield Violation(
        rule,
        f"{where} takes {_hhmm(start_minute)}-{_hhmm(end_minute)} local time, outside the "
        f"windows of {Weekday.of(local_day)} {local_day} ({allowed})",
        day,
    )


def check_day_load(ctx: Context) -> Iterator[Violation]:
    """P2: at most two training sessions a date (home care - recovery, mobility, walks -
    comes on top), run and cross-training days apart, no session overlapping another."""
    for day, sessions in sorted(ctx.by_date.items()):
        runs = sum(1 for s in sessions if s.kind is SessionKind.RUN)
        cross = sum(1 for s in sessions if s.kind in CROSS_KINDS)
        training = sum(1 for s in sessions if s.kind in TRAINING_KINDS)
        if training > MAX_SESSIONS_PER_DAY:
            yield Violation(
                "P2",
                f"{training} training sessions on {day}; at most {MAX_SESSIONS_PER_DAY}",
                day,
            )
        if runs > 1:
            yield Violation("P2", f"{runs} runs on {day}", day)
        if cross > 1:
            yield Violation("P2", f"{cross} cross-training sessions on {day}", day)
        if runs and cross:
            yield Violation("P2", f"a run and cross-training on the same day {day}", day)
        yield from _overlaps(day, sessions)


def _overlaps(day: date, sessions: Sequence[Session]) -> Iterator[Violation]:
    """P2: no session starts before an earlier one of the day has ended."""
    # Compare instants in UTC: wall-clock arithmetic would be wrong across a DST change.
    ordered = sorted(sessions, key=lambda s: s.start.astimezone(UTC))
    for i, first in enumerate(ordered):
        end = first.start.astimezone(UTC) + timedelta(minutes=first.duration_min)
        for later in ordered[i + 1 :]:
            if later.start.astimezone(UTC) < end:
                yield Violation("P2", f"{label(day, first)} overlaps {label(day, later)}", day)


def check_long_run_day(ctx: Context) -> Iterator[Violation]:
    """P3: the week's longest run falls on long_run_day, or an advisory says why not.
    A tie counts as on the day."""
    wished = ctx.runner.long_run_day
    if wished is None:
        return
    for i, week in enumerate(ctx.plan.weeks):
        runs = [x for x in ctx.week_sessions[i] if x.session.kind is SessionKind.RUN]
        if not runs:
            continue
        longest = max(s.duration_min for _, s in runs)
        on_day = any(Weekday.of(d) is wished and s.duration_min == longest for d, s in runs)
        if not on_day and not ctx.has_p3_in(week):
            yield Violation(
                "P3",
                f"the longest run of {week_label(i, week)} ({longest} minutes) is not on "
                f"{wished} and no P3 advisory says why",
                week.start,
            )
