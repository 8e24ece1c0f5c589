"""The roster's index: one row per runner, in ``index.csv`` and ``index.md``.

Runners who need urgent care or a specialist come first (then failed profiles, then
the rest), each with every advisory, so whoever reads the index sees first whom to call.
Every cell is one line; CSV cells that a spreadsheet would run as a formula are quoted
with ``'``, Markdown cells are escaped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from runplan._text import INDEX_MARKDOWN_SPECIALS, markdown_escape, plain_line, plural

if TYPE_CHECKING:
    from runplan.batch import PlanOutcome
    from runplan.models import Advisory

__all__ = [
    "INDEX_CSV",
    "INDEX_MD",
    "RosterRow",
    "RowOrder",
    "by_importance",
    "index_csv",
    "index_markdown",
    "roster_row",
]

INDEX_CSV = "index.csv"
INDEX_MD = "index.md"
_FLAG_ORDER = {"URGENT": 0, "CONSULT": 1, "FAILED": 2, "": 3}
_CSV_FIELDS = (
    "flag",
    "runner",
    "profile",
    "weeks",
    "sessions",
    "urgent",
    "consult",
    "notes",
    "first_alert",
    "files",
    "advisories",
    "error",
)
#: Cells that a spreadsheet would run as a formula start with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class RowOrder(NamedTuple):
    """Where a row goes in the index: by flag, then first alert, then file name."""

    flag: int
    first_alert: str
    profile: str


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One runner of the index."""

    profile: str
    slug: str
    runner: str = ""
    weeks: int = 0
    sessions: int = 0
    advisories: tuple[Advisory, ...] = ()
    files: tuple[str, ...] = ()
    error: str = ""

    @property
    def flag(self) -> str:
        """``URGENT``, ``CONSULT``, ``FAILED`` or empty."""
        kinds = {a.kind.value for a in self.advisories}
        if "urgent" in kinds:
            return "URGENT"
        if "consult" in kinds:
            return "CONSULT"
        return "FAILED" if self.error else ""

    def count(self, kind: str) -> int:
        """How many advisories of ``kind`` (``urgent``, ``consult``, ``note``)."""
        return sum(1 for a in self.advisories if a.kind.value == kind)

    @property
    def first_alert(self) -> date | None:
        """The first day of an urgent or consult advisory."""
        return min(
            (a.date for a in self.advisories if a.kind.value in {"urgent", "consult"}), default=None
        )

    def sort_key(self) -> RowOrder:
        """The row's place in the index."""
        alert = self.first_alert
        return RowOrder(_FLAG_ORDER[self.flag], alert.isoformat() if alert else "", self.profile)


def roster_row(profile: Path, slug: str, outcome: PlanOutcome, files: Sequence[str]) -> RosterRow:
    """The index row of one runner's outcome and the files written for it."""
    if not outcome.ok:
        return RosterRow(
            profile=profile.name,
            slug=slug,
            runner=outcome.runner or "",
            error=_failure(outcome, profile),
        )
    return RosterRow(
        profile=profile.name,
        slug=slug,
        runner=outcome.runner or "",
        weeks=outcome.weeks,
        sessions=outcome.sessions,
        advisories=outcome.advisories,
        files=tuple(files),
    )


def _failure(outcome: PlanOutcome, profile: Path) -> str:
    """The failure as one paragraph, without the profile path (the row names the file)."""
    if outcome.error is not None:
        message = outcome.error
        for prefix in (f"{profile}: ", f"{outcome.source}: "):
            message = message.removeprefix(prefix)
        return message
    broken = "; ".join(
        f"{v.date.isoformat() + ' ' if v.date else ''}{v.rule}: {v.message}"
        for v in outcome.violations
    )
    return plain_line(
        f"the plan breaks {len(outcome.violations)} rule check(s), so no file "
        f"was written (please report this): {broken}"
    )


# ------------------------------------------------------------------------------ csv


def index_csv(rows: Sequence[RosterRow]) -> bytes:
    """The index as CSV (UTF-8, one row per runner, every advisory on its own line of
    the ``advisories`` cell, urgent and consult first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_CSV_FIELDS)
    for r in rows:
        alert = r.first_alert
        writer.writerow(
            [
                r.flag,
                _cell(r.runner),
                _cell(r.profile),
                r.weeks,
                r.sessions,
                r.count("urgent"),
                r.count("consult"),
                r.count("note"),
                alert.isoformat() if alert else "",
                " ".join(r.files),
                "\n".join(_cell(_advisory_line(a)) for a in by_importance(r.advisories)),
                _cell(r.error),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def _cell(text: str) -> str:
    text = plain_line(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _advisory_line(a: Advisory) -> str:
    rules = f" [{', '.join(a.rules)}]" if a.rules else ""
    return f"{a.date.isoformat()} {a.kind.value}{rules}: {plain_line(a.message)}"


def by_importance(advisories: Iterable[Advisory]) -> list[Advisory]:
    """Urgent, then consult, then notes; by date within each (the index and the
    dashboard list them so)."""
    rank = {"urgent": 0, "consult": 1}
    return sorted(advisories, key=lambda a: (rank.get(a.kind.value, 2), a.date))


# ------------------------------------------------------------------------- markdown


def index_markdown(rows: Sequence[RosterRow], weeks: int) -> bytes:
    """The index as Markdown: a summary table, then every runner's advisories."""
    from runplan.rules import DISCLAIMER

    out = [
        "# Roster",
        "",
        _summary_sentence(rows, weeks),
        "",
        f"> {_md(DISCLAIMER)}",  # S4
        "",
        "| Flag | Runner | Profile | Weeks | Sessions | Advisories | Files |",
        "| --- | --- | --- | ---: | ---: | --- | --- |",
    ]
    out += [_table_row(r) for r in rows]
    with_advice = [r for r in rows if r.advisories]
    if with_advice:
        out += ["", "## Advisories"]
        for r in with_advice:
            out += _advisory_section(r)
    failed = [r for r in rows if r.error]
    if failed:
        out += ["", "## Failed profiles", ""]
        out += [f"- {_md(r.profile)}: {_md(r.error)}" for r in failed]
    return ("\n".join(out) + "\n").encode("utf-8")


def _summary_sentence(rows: Sequence[RosterRow], weeks: int) -> str:
    planned = sum(1 for r in rows if not r.error)
    failed = len(rows) - planned
    urgent = sum(1 for r in rows if r.flag == "URGENT")
    consult = sum(1 for r in rows if r.flag == "CONSULT")
    return (
        f"{plural(len(rows), 'profile')}: {planned} planned ({weeks} weeks each), "
        f"{failed} failed. {plural(urgent, 'runner')} with an urgent advisory "
        f"(seek care now, no training), {plural(consult, 'runner')} to see a spine "
        "specialist."
    )


def _table_row(r: RosterRow) -> str:
    flag = f"**{r.flag}**" if r.flag else ""
    counts = ", ".join(
        plural(n, k) if k == "note" else f"{n} {k}"
        for k in ("urgent", "consult", "note")
        if (n := r.count(k))
    ) or ("-" if not r.error else "")
    files = ", ".join(f"[{f}](<{f}>)" for f in r.files) or "none"
    return (
        f"| {flag} | {_md(r.runner) or '-'} | {_md(r.profile)} | {r.weeks} | "
        f"{r.sessions} | {counts} | {files} |"
    )


def _advisory_section(r: RosterRow) -> list[str]:
    head = f"{r.flag}: " if r.flag else ""
    out = ["", f"### {head}{_md(r.runner)} ({_md(r.profile)})", ""]
    for a in by_importance(r.advisories):
        rules = f" [{', '.join(_md(x) for x in a.rules)}]" if a.rules else ""
        out.append(f"- **{a.date.isoformat()} {a.kind.value}**{rules}: {_md(a.message)}")
    return out


def _md(text: str) -> str:
    """One line of index text, escaped for a Markdown table cell."""
    return markdown_escape(plain_line(text), INDEX_MARKDOWN_SPECIALS)
