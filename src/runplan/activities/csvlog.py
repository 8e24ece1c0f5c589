"""The log a person types: ``date,kind,minutes[,rpe][,distance_km][,note]`` (docs/log.md).

Typed by hand, so forgiving where it costs nothing (an optional header, blank lines,
``#`` comments, a byte-order mark, an unquoted comma in the note) and exact where a
guess would be wrong: a row with a bad value is skipped, named ``file.csv:LINE`` with
the field, the value and what is allowed, and the other rows still count.  Each line is
parsed on its own, so one stray quote cannot swallow the rest of the file.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from runplan._files import UnreadableFile
from runplan._text import plain_line
from runplan.activities.common import MAX_MINUTES, checked
from runplan.activities.sports import sport_kind
from runplan.models import Activity, SkippedFile
from runplan.rules.limits import DATE_MAX, DATE_MIN

__all__ = ["COLUMNS", "MAX_CSV_ROWS", "read_csv"]

#: The columns in their order when the file has no header row.
COLUMNS = ("date", "kind", "minutes", "rpe", "distance_km", "note")
_REQUIRED = ("date", "kind", "minutes")
#: Rows read from one CSV file (a daily log of 50 years); the rest is one skipped entry.
MAX_CSV_ROWS = 20_000
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_KINDS = "run, bike, swim, walk, strength, other, or a sport name such as running or cycling"

Rows = tuple[list[Activity], list[SkippedFile]]
Cells = list[str] | UnreadableFile  # a line's cells, or why it is not CSV


def read_csv(data: bytes, name: str) -> Rows:
    """The rows of a typed log that could be read, and one skipped entry per bad row.

    Raises :class:`UnreadableFile` only when no row can be read: the text is not UTF-8,
    or the header row lacks a column every row needs."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile("not UTF-8 text; allowed: a CSV file saved as UTF-8") from None
    activities: list[Activity] = []
    skipped: list[SkippedFile] = []
    columns: tuple[str | None, ...] | None = None
    rows = 0
    for number, cells in _lines(text):
        where = f"{name}:{number}"
        if columns is None and isinstance(cells, list) and _is_header(cells):
            columns = _header(cells, where, skipped)
            continue
        columns = columns or COLUMNS
        rows += 1
        if rows > MAX_CSV_ROWS:
            reason = f"more than {MAX_CSV_ROWS} rows: this row and the rest were not read"
            skipped.append(SkippedFile(file=where, reason=reason))
            break
        try:
            activities.append(_row(cells, columns, where))
        except UnreadableFile as error:
            skipped.append(SkippedFile(file=where, reason=error.reason))
    return activities, skipped


def _lines(text: str) -> Iterator[tuple[int, Cells]]:
    """Each content line's number and cells (or why it is not CSV), skipping blank and
    ``#`` comment lines and a spreadsheet's empty rows (``,,,``)."""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or not stripped.strip(","):
            continue
        try:
            yield number, next(csv.reader([line.rstrip("\r")]))
        except csv.Error as error:
            yield number, UnreadableFile(f"not a CSV line: {error}")


def _is_header(cells: list[str]) -> bool:
    """The first content row is a header when one of its cells names the date column."""
    return "date" in (cell.strip().lower() for cell in cells)


def _header(cells: list[str], where: str, skipped: list[SkippedFile]) -> tuple[str | None, ...]:
    """The columns a header row names; an unknown column is listed as skipped (its
    values are not read), a missing or repeated one leaves nothing to read."""
    names = [cell.strip().lower() for cell in cells]
    for required in _REQUIRED:
        if names.count(required) != 1:
            problem = "has no" if required not in names else "repeats the"
            raise UnreadableFile(
                f"the header row ({where}) {problem} column {required}; "
                f"allowed: the columns {', '.join(COLUMNS)}"
            )
    known: list[str | None] = []
    for name in names:
        if name in COLUMNS and name not in known:
            known.append(name)
        else:
            shown = plain_line(name)[:40]
            reason = f"column {shown!r} is unknown or repeated, its values are not read; "
            allowed = f"allowed: the columns {', '.join(COLUMNS)}"
            skipped.append(SkippedFile(file=where, reason=reason + allowed))
            known.append(None)
    return tuple(known)


def _row(cells: Cells, columns: tuple[str | None, ...], where: str) -> Activity:
    if isinstance(cells, UnreadableFile):
        raise cells
    if len(cells) > len(columns):
        if columns[-1] != "note":
            raise UnreadableFile(
                f"{len(cells)} cells; allowed: at most {len(columns)} ({_names(columns)})"
            )
        cells = [*cells[: len(columns) - 1], ",".join(cells[len(columns) - 1 :])]
    given = {col: cell.strip() for col, cell in zip(columns, cells, strict=False) if col}
    values = {col: _PARSE[col](given.get(col, "")) for col in COLUMNS}
    sport = _label(given.get("kind", ""))
    return checked(**values, time_basis="typed", sport=sport, source=where)


def _names(columns: tuple[str | None, ...]) -> str:
    return ", ".join(col or "(ignored)" for col in columns)


def _label(kind: str) -> str:
    return plain_line(kind)[:100]


def _shown(value: str) -> str:
    return repr(plain_line(value)[:40])


def _date(value: str) -> date:
    if not _DATE.fullmatch(value):
        raise UnreadableFile(f"date: {_shown(value)} is not a date; allowed: YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UnreadableFile(f"date: {_shown(value)} is not a day of the calendar") from None
    if not DATE_MIN <= day <= DATE_MAX:
        raise UnreadableFile(f"date: {value} is out of range; allowed: {DATE_MIN} to {DATE_MAX}")
    return day


def _kind(value: str) -> str:
    kind = sport_kind(value) if value else None
    if kind is None:
        raise UnreadableFile(f"kind: {_shown(value)} is not a known sport; allowed: {_KINDS}")
    return kind.value


def _number(field: str, high: float, *, required: bool = False) -> Callable[[str], Any]:
    """A parser for a plain decimal from 0 to ``high`` (no sign, exponent, ``nan``)."""

    def parse(value: str) -> float | None:
        if not value:
            if required:
                raise UnreadableFile(f"{field}: missing; allowed: a number from 0 to {high:g}")
            return None
        number = float(value) if _DECIMAL.fullmatch(value) else math.nan
        if not 0 <= number <= high:
            raise UnreadableFile(
                f"{field}: {_shown(value)} is not a number from 0 to {high:g}; "
                f"allowed: a plain decimal such as 45 or 7.5"
            )
        return round(number, 1) if field == "minutes" else number

    return parse


def _note(value: str) -> str | None:
    note = plain_line(value)
    if len(note) > 500:
        raise UnreadableFile(f"note: {len(note)} characters; allowed: at most 500")
    return note or None


_PARSE: dict[str, Callable[[str], Any]] = {
    "date": _date,
    "kind": _kind,
    "minutes": _number("minutes", MAX_MINUTES, required=True),
    "rpe": _number("rpe", 10),
    "distance_km": _number("distance_km", 1000),
    "note": _note,
}
