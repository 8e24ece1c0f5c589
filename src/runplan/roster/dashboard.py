"""The coach's dashboard (``index.html``): one row per runner, whom to call first.

Each plan is reduced to a :class:`Glance` the moment it comes back (:func:`glance`):
this week's status, the next session, the week's minutes and load ratio, and the share
of the last 7 days' sessions done when a training log is given.  Only the glances are
kept, never the plans, so the roster's memory stays flat however many runners it has.
:func:`dashboard_view` then orders the rows as the index does (urgent, consult, failed,
the rest) and words every cell; :func:`runplan.export.html.render_dashboard` prints them.
Pure: the same plans, logs and ``today`` give the same page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runplan._text import plural, terminal_line
from runplan.adherence import match
from runplan.export.html.dashboard import AdvisoryLine, Cell, DashboardView, RunnerRow
from runplan.export.html.view import KINDS
from runplan.export.text import TRAINING_KINDS
from runplan.export.zone import load_zone
from runplan.models import Advisory, DayStatus, Plan, Session, SessionKind, TrainingLog, Week
from runplan.roster.index import RosterRow, by_importance
from runplan.rules import DISCLAIMER, RULES

__all__ = [
    "ADHERENCE_DAYS",
    "INDEX_HTML",
    "Adherence",
    "Glance",
    "adherence",
    "dashboard_html",
    "dashboard_view",
    "failed",
    "glance",
]

INDEX_HTML = "index.html"
#: The days of the training log the dashboard's adherence reads: the 7 before today.
ADHERENCE_DAYS = 7
#: An advisory's message is cut to about this many characters (the runner's page and
#: the index hold it whole).
SHORT_MESSAGE = 160
#: The rules that stop all training, and those that pause running, named in the status.
_STOP_RULES = frozenset({"S1", "S2"})
_PAUSE_RULES = frozenset({"A7", "A8", "A9", "A10", "A11", "R1", "R3"})
_CROSS = frozenset({SessionKind.BIKE, SessionKind.SWIM})
_LABEL = {"urgent": "Urgent", "consult": "Consult", "note": "Note"}


@dataclass(frozen=True, slots=True)
class Adherence:
    """Planned sessions of the window (``since``..``until``) and how many were done; with
    none planned, ``note`` says why there is no share."""

    since: date
    until: date
    planned: int = 0
    done: int = 0
    note: str = ""


@dataclass(frozen=True, slots=True)
class Glance:
    """What the dashboard shows of one runner (small: kept for every runner)."""

    today: date | None  # None: a failed profile, no plan to read
    status: Cell
    state: str
    next: Cell
    minutes: Cell
    load: Cell
    adherence: Cell


def glance(plan: Plan, today: date, log: TrainingLog | None = None) -> Glance:
    """The plan seen on ``today`` (the runner's local date): the week holding it, else
    the plan's first week; adherence over the 7 days before it when ``log`` is given."""
    number, week = _this_week(plan, today)
    status, state = _status(week, plan.advisories) if week else (Cell("no weeks"), "rest")
    if week is not None:
        last = week.start + timedelta(days=6)
        where = f"week {number} of {len(plan.weeks)}: {week.start} to {last}"
        status = Cell(status.text, status.sort, where)
    return Glance(
        today=today,
        status=status,
        state=state,
        next=_next_session(plan, today),
        minutes=_minutes(week),
        load=_load(week),
        adherence=Cell("no log") if log is None else _adherence(adherence(plan, log, today)),
    )


def failed(error: str) -> Glance:
    """The row of a profile that got no plan: why, and no figures."""
    none = Cell("\u2014")
    why = Cell("failed", "", terminal_line(error) or "not planned")
    return Glance(None, why, "failed", none, none, none, none)


def adherence(plan: Plan, log: TrainingLog, today: date) -> Adherence:
    """The planned sessions of the 7 days before ``today`` and how many the log shows
    done (:func:`runplan.adherence.match`); none planned when the plan starts later."""
    since, until = today - timedelta(days=ADHERENCE_DAYS), today - timedelta(days=1)
    if plan.start > until:
        return Adherence(since, until, note=f"the plan starts on {plan.start}")
    counts = match(plan, log, since=since, until=until).counts
    planned = counts["done"] + counts["partial"] + counts["missed"]
    note = "" if planned else "no session planned in the last 7 days"
    return Adherence(since, until, planned, counts["done"], note)


def _this_week(plan: Plan, today: date) -> tuple[int, Week | None]:
    for number, week in enumerate(plan.weeks, 1):
        if week.start <= today <= week.start + timedelta(days=6):
            return number, week
    return (1, plan.weeks[0]) if plan.weeks else (0, None)


def _status(week: Week, advisories: Sequence[Advisory]) -> tuple[Cell, str]:
    """The week in a few words, the gravest first: no training (a red flag), the walk-run
    ladder's highest step, running paused, training, rest.  The sort key ranks them."""
    statuses = {_day_status(d.status, d.sessions) for d in week.days}
    steps = [s.ladder_step for d in week.days for s in d.sessions if s.ladder_step is not None]
    if DayStatus.NO_TRAINING in statuses:
        return Cell("no training" + _why(week, advisories, _STOP_RULES), "0"), "no_training"
    if steps:
        return Cell(f"walk-run ladder step {max(steps)}", f"2.{max(steps):02d}"), "ladder"
    if statuses & {DayStatus.NO_RUNNING, DayStatus.HOME_CARE}:
        return Cell("running paused" + _why(week, advisories, _PAUSE_RULES), "1"), "paused"
    if DayStatus.TRAINING in statuses:
        return Cell("training", "3"), "training"
    return Cell("rest", "4"), "rest"


def _day_status(status: DayStatus | None, sessions: Iterable[Session]) -> DayStatus:
    """A day's status; one the plan does not state reads as the text view reads it."""
    if status is not None:
        return status
    training = any(s.kind in TRAINING_KINDS for s in sessions)
    return DayStatus.TRAINING if training else DayStatus.REST


def _why(week: Week, advisories: Sequence[Advisory], rules: frozenset[str]) -> str:
    """`` (A9, A10)``: the ``rules`` cited by the advisories that meet the week, in
    catalog order."""
    last = week.start + timedelta(days=6)
    cited = {
        r
        for a in advisories
        if a.date <= last and (a.until or a.date) >= week.start
        for r in a.rules
        if r in rules
    }
    ordered = [r for r in RULES if r in cited]
    return f" ({', '.join(ordered)})" if ordered else ""


def _next_session(plan: Plan, today: date) -> Cell:
    upcoming = ((d, s) for d, s in plan.sessions() if d >= today)
    found = next(upcoming, None)
    if found is None:
        return Cell("none planned")
    day, session = found
    at = f"{session.start.astimezone(load_zone(plan.timezone)):%H:%M}"
    kind = KINDS[session.kind].label.lower()
    when = f"{day:%a} {day.isoformat()} {at}"
    return Cell(when, f"{day.isoformat()}T{at}", f"{kind}, {session.duration_min} min")


def _minutes(week: Week | None) -> Cell:
    """The week's planned minutes by kind, as its totals state them (else as its
    sessions add up); sorted by their sum."""
    if week is None:
        return Cell("0 min", "0")
    if week.totals is not None:
        run, cross, strength = week.totals.run_min, week.totals.cross_min, week.totals.strength_min
    else:
        sessions = [s for d in week.days for s in d.sessions]
        run = sum(s.duration_min for s in sessions if s.kind == SessionKind.RUN)
        cross = sum(s.duration_min for s in sessions if s.kind in _CROSS)
        strength = sum(s.duration_min for s in sessions if s.kind == SessionKind.STRENGTH)
    total = run + cross + strength
    return Cell(f"{total} min", str(total), f"run {run}, cross {cross}, strength {strength}")


def _load(week: Week | None) -> Cell:
    ratio = week.totals.acwr if week is not None and week.totals is not None else None
    if ratio is None:
        return Cell("\u2014", "", "not stated")
    return Cell(f"{ratio:.2f}", f"{ratio:.2f}")


# ----------------------------------------------------------------------- the page


def dashboard_view(entries: Iterable[tuple[RosterRow, Glance]]) -> DashboardView:
    """The page: every runner (failed ones too) in the index's order, each row worded."""
    ordered = sorted(entries, key=lambda e: e[0].sort_key())
    rows = tuple(_row(i, row, seen) for i, (row, seen) in enumerate(ordered))
    todays = sorted({seen.today for _, seen in ordered if seen.today is not None})
    return DashboardView(
        title="Roster dashboard",
        summary=_summary(rows),
        today=_today(todays),
        disclaimer=DISCLAIMER,  # S4
        rows=rows,
    )


def _summary(rows: Sequence[RunnerRow]) -> str:
    urgent = sum(1 for r in rows if r.urgency == "urgent")
    consult = sum(1 for r in rows if r.urgency == "consult")
    failed = sum(1 for r in rows if r.error is not None)
    return (
        f"{plural(len(rows), 'runner')}: {urgent} urgent (seek care now, no training), "
        f"{consult} to see a spine specialist, {failed} failed."
    )


def _today(todays: Sequence[date]) -> str:
    if not todays:
        return "No plan to read."
    span = str(todays[0]) if len(todays) == 1 else f"{todays[0]} to {todays[-1]}"
    return f"This week and the next session are as of {span} (each runner's own time zone)."


def _row(order: int, row: RosterRow, seen: Glance) -> RunnerRow:
    page = f"{row.slug}.html"
    flag = row.flag.lower()
    lines = [_advisory(a) for a in by_importance(row.advisories)]
    return RunnerRow(
        slug=row.slug,
        urgency=flag if flag in {"urgent", "consult"} else "none",
        name=terminal_line(row.runner) or terminal_line(row.profile),
        profile=terminal_line(row.profile),
        href=page if page in row.files else None,
        error=seen.status.detail if seen.state == "failed" else None,
        status=seen.status,
        state=seen.state,
        next=seen.next,
        minutes=seen.minutes,
        load=seen.load,
        adherence=seen.adherence,
        alerts=tuple(a for a in lines if a.kind != "note"),
        notes=tuple(a for a in lines if a.kind == "note"),
        order=order,
    )


def _adherence(seen: Adherence) -> Cell:
    window = f"{seen.since} to {seen.until}"
    if not seen.planned:
        return Cell("\u2014", "", f"{seen.note} ({window})")
    share = round(100 * seen.done / seen.planned)
    return Cell(f"{share}%", str(share), f"{seen.done} of {seen.planned} done, {window}")


def _advisory(a: Advisory) -> AdvisoryLine:
    return AdvisoryLine(
        kind=a.kind.value,
        label=_LABEL[a.kind.value],
        date=a.date.isoformat(),
        rules=", ".join(terminal_line(r) for r in a.rules),
        message=_short(terminal_line(a.message)),
    )


def _short(text: str) -> str:
    """``text`` cut at a word to about :data:`SHORT_MESSAGE` characters, with an ellipsis."""
    if len(text) <= SHORT_MESSAGE:
        return text
    return text[:SHORT_MESSAGE].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"


def dashboard_html(entries: Iterable[tuple[RosterRow, Glance]]) -> bytes:
    """``index.html``: :func:`dashboard_view` rendered."""
    from runplan.export.html import render_dashboard

    return render_dashboard(dashboard_view(entries))
