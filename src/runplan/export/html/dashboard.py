"""The roster dashboard's view model: what ``dashboard.html.j2`` prints, and nothing else.

The roster (:mod:`runplan.roster.dashboard`) fills these from its plans and outcomes;
the template only loops and prints, so every wording and sort key is chosen in typed,
tested code.  Texts are plain strings (the template escapes them); a sort key is the
cell's ``data-sort`` (empty: no value, sorted last by the page's script).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["COLUMNS", "AdvisoryLine", "Cell", "Column", "DashboardView", "RunnerRow"]


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the roster table: its sort key name (``data-sort`` of its header
    button, the DOM contract of docs/html.md) and its heading."""

    key: str
    label: str


#: The table's columns in order (docs/html.md, "The coach's dashboard").
COLUMNS = (
    Column("name", "Runner"),
    Column("status", "This week"),
    Column("next", "Next session"),
    Column("minutes", "Minutes this week"),
    Column("load", "Load ratio"),
    Column("adherence", "Done, last 7 days"),
    Column("advisories", "Advisories"),
)


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: the text shown and the key the page sorts by."""

    text: str
    sort: str = ""
    detail: str = ""  # a second, smaller line (the week's dates, minutes by kind)


@dataclass(frozen=True, slots=True)
class AdvisoryLine:
    """One advisory, short: ``kind`` is ``urgent``, ``consult`` or ``note`` (its CSS
    class), ``label`` the word shown for it."""

    kind: str
    label: str
    date: str
    rules: str
    message: str


@dataclass(frozen=True, slots=True)
class RunnerRow:
    """One runner: ``slug`` names its files (``data-runner``), ``href`` its page (None
    when none was written: a failed profile), ``error`` why it failed."""

    slug: str
    urgency: str  # urgent | consult | none
    name: str
    profile: str
    href: str | None
    error: str | None
    status: Cell
    state: str  # the status's CSS class: no_training, paused, ladder, training, rest, failed
    next: Cell
    minutes: Cell
    load: Cell
    adherence: Cell
    alerts: tuple[AdvisoryLine, ...]  # urgent, then consult: always shown
    notes: tuple[AdvisoryLine, ...]  # folded under a count
    order: int  # the row's place in the roster's own order (urgent first)


@dataclass(frozen=True, slots=True)
class DashboardView:
    """The whole page: a summary sentence, the day(s) it is read on, the rows."""

    title: str
    summary: str
    today: str
    disclaimer: str
    rows: tuple[RunnerRow, ...]
    columns: tuple[Column, ...] = COLUMNS
