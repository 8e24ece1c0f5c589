"""Adding a check-in to a profile file in place, keeping the rest of the file as written.

A runner logs a check-in every day or so; the profile is their file, with their
comments and layout.  So the check-in is added as text: a TOML profile is edited with
tomlkit and stays byte-identical outside the new (or replaced) check-in; a JSON profile
gets the new object spliced into its text, in the style of the check-ins already there.
The result is validated as a whole profile before anything is written, and is written
atomically (docs/log.md, "Check-ins from the command line").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Array, Comment, Table, Whitespace

from runplan import _files
from runplan.errors import OutputError, ProfileError
from runplan.models import CheckIn, Runner
from runplan.profile.load import (
    MAX_PROFILE_BYTES,
    _parse_json,
    _parse_toml,
    load_profile,
    parse_profile,
)

__all__ = ["CheckinEdit", "add_checkin", "checkin_fields", "edit_profile", "write_profile"]

_BOM = "\ufeff"
#: A table header at the start of a line: ``[availability]``, ``[[checkins]]``.
_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


@dataclass(frozen=True)
class CheckinEdit:
    """A check-in added to a profile's text: the runner before and after, the new
    file content, and whether it replaced that date's check-in."""

    before: Runner
    after: Runner
    data: bytes
    replaced: bool


def add_checkin(path: str | Path, checkin: CheckIn, *, replace: bool = False) -> bytes:
    """The profile file at ``path`` with ``checkin`` added; nothing is written.

    A check-in for the same date is refused unless ``replace``, which puts the new one
    in its place.  Raises :class:`ProfileError` when the profile, or the profile with
    the check-in, is not valid."""
    return edit_profile(path, checkin, replace=replace).data


def edit_profile(path: str | Path, checkin: CheckIn, *, replace: bool = False) -> CheckinEdit:
    """As :func:`add_checkin`, with the runner before and after (to compare plans)."""
    path = Path(path)
    before = load_profile(path)  # every message of an unreadable or invalid profile
    raw = _read(path)
    bom = raw.startswith(_BOM.encode())
    text = raw.decode("utf-8-sig")
    index = _same_date(before, checkin, replace, str(path))
    fields = checkin_fields(checkin)
    if path.suffix.lower() == ".json":
        new = _edit_json(text, _jsonable(fields), index)
    else:
        new = _edit_toml(text, fields, index, str(path))
    data = ((_BOM if bom else "") + new).encode("utf-8")
    if len(data) > MAX_PROFILE_BYTES:  # or it could no longer be read
        raise ProfileError(
            [
                f"the profile with this check-in has more than {MAX_PROFILE_BYTES} bytes; "
                f"allowed: at most {MAX_PROFILE_BYTES} bytes"
            ],
            str(path),
        )
    expected = list(before.checkins)
    if index is None:
        expected.append(checkin)
    else:
        expected[index] = checkin
    after = _reread(new, path, before, expected)
    return CheckinEdit(before, after, data, replaced=index is not None)


def write_profile(path: str | Path, data: bytes) -> None:
    """Replace the profile at ``path`` with ``data`` atomically (the old file or the new
    one, never part of one; the file's permission bits kept).  A symbolic link is
    followed: the file it points to is the runner's profile."""
    target = Path(path).resolve()
    try:
        _files.write_atomic(target, data)
    except _files.NotReplaceable as exc:
        raise OutputError(exc.path, exc.kind, "a regular file") from None


def checkin_fields(checkin: CheckIn) -> dict[str, Any]:
    """The fields a profile states for ``checkin``: ``date`` and ``pain``, and the rest
    only where they differ from their default, in the model's order."""
    fields: dict[str, Any] = {}
    for name, value in checkin.model_dump(exclude_defaults=True).items():
        fields[name] = [str(v) for v in value] if name == "red_flags" else value
    fields["date"], fields["pain"] = checkin.date, checkin.pain
    order = list(CheckIn.model_fields)
    return dict(sorted(fields.items(), key=lambda kv: order.index(kv[0])))


# ----------------------------------------------------------------------- reading


def _read(path: Path) -> bytes:
    try:
        return _files.read_limited(path, MAX_PROFILE_BYTES, "a .toml or .json file")
    except _files.UnreadableFile as exc:
        raise ProfileError([exc.reason], str(path)) from None


def _same_date(before: Runner, checkin: CheckIn, replace: bool, source: str) -> int | None:
    """The position of the check-in ``checkin`` replaces; None when it is added."""
    for i, old in enumerate(before.checkins):
        if old.date == checkin.date:
            if replace:
                return i
            raise ProfileError(
                [
                    f"checkins: {checkin.date.isoformat()} already has a check-in; allowed: "
                    "one check-in per date (runplan checkin --replace, or replace=True, "
                    "replaces it)"
                ],
                source,
            )
    return None


def _reread(text: str, path: Path, before: Runner, expected: list[CheckIn]) -> Runner:
    """The new text as a Runner, validated like any profile; it must differ from
    ``before`` in its check-ins only, and hold exactly ``expected``."""
    source = str(path)
    parse = _parse_json if path.suffix.lower() == ".json" else _parse_toml
    data = parse(text, source)
    if "id" not in data:
        data["id"] = before.id  # the file name's id, as load_profile gave it
    after = parse_profile(data, source=source)
    if after.checkins != expected or after.model_copy(update={"checkins": []}) != (
        before.model_copy(update={"checkins": []})
    ):
        raise ProfileError(
            [
                "checkins: the check-in could not be added to this file without changing "
                "something else (or the file changed meanwhile); allowed: add it by hand"
            ],
            source,
        )
    return after


# -------------------------------------------------------------------------- TOML


def _edit_toml(text: str, fields: dict[str, Any], index: int | None, source: str) -> str:
    """``text`` with the check-in added or put at ``index``; only that part changes."""
    newline = "\r\n" if "\r\n" in text else "\n"
    added = index is None and not text.endswith("\n")
    if added:
        text += newline  # so that a block appended at the end starts on its own line
    try:
        doc = tomlkit.parse(text)
    except (TOMLKitError, ValueError) as exc:
        raise ProfileError([f"not valid TOML for editing: {exc}"], source) from None
    items = doc.get("checkins")
    if items is None:
        aot = tomlkit.aot()
        aot.append(_table(fields))
        doc.append("checkins", aot)
    elif isinstance(items, AoT):
        _edit_aot(items, _table(fields), index)
    elif isinstance(items, Array):
        entry = tomlkit.inline_table()
        entry.update(fields)
        if index is None:
            items.append(entry)
        else:
            items[index] = entry
    else:
        raise ProfileError(["checkins: allowed: [[checkins]] tables or an array"], source)
    new = _match_newlines(text, doc.as_string(), newline)
    if index is not None:
        return _in_place(text, new, fields, source)
    if not _stretch(text, new)[0] or isinstance(items, Array):
        # One insertion, the old text kept around it; inserted before the end, the
        # newline added above was not needed and goes again.
        inside = _common(text, new)[1] >= len(newline)
        return new[: -len(newline)] if added and inside else new
    # [[checkins]] split around other tables: tomlkit would gather them; append instead.
    block = tomlkit.dumps({"checkins": [fields]})
    gap = "" if text.endswith(("\n\n", "\n\r\n")) else newline
    return text + gap + _match_newlines("", block, newline)


def _common(old: str, new: str) -> tuple[int, int]:
    """How many characters ``old`` and ``new`` share at the start, and then at the end."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, tail


def _stretch(old: str, new: str) -> tuple[str, str]:
    """The one stretch where ``old`` and ``new`` differ: what of ``old`` is gone, and
    what of ``new`` came in its place."""
    head, tail = _common(old, new)
    return old[head : len(old) - tail], new[head : len(new) - tail]


def _in_place(old: str, new: str, fields: dict[str, Any], source: str) -> str:
    """``new`` when it changed only the lines of the replaced check-in (no table header
    among them: tomlkit gathers [[checkins]] split around other tables)."""
    gone, _ = _stretch(old, new)
    if _HEADER.search(gone):
        raise ProfileError(
            [
                f"checkins: the check-in for {fields['date']} cannot be replaced in place, "
                "as this file's [[checkins]] are split around other tables; allowed: "
                "replace it by hand, or keep the [[checkins]] together"
            ],
            source,
        )
    return new


def _table(fields: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for name, value in fields.items():
        table.add(name, value)
    return table


def _edit_aot(aot: AoT, table: Table, index: int | None) -> None:
    """Add ``table`` after the last ``[[checkins]]`` (a blank line before it, and the
    spacing that followed the last one after it), or put it at ``index`` keeping the
    old one's indent and whatever followed its values (blank lines, comments)."""
    old = aot[len(aot) - 1 if index is None else index]
    trailing = _trailing(old)
    if index is None:
        if not old.as_string().endswith(("\n\n", "\n\r\n")):
            table.trivia.indent = "\n"
        spacing: list[Whitespace | Comment] = []
        for item in reversed(trailing):
            if not isinstance(item, Whitespace):
                break
            spacing.insert(0, item)
        trailing = spacing
    else:
        table.trivia.indent = old.trivia.indent
    for item in trailing:
        table.add(tomlkit.ws(item.as_string()) if isinstance(item, Whitespace) else item)
    if index is None:
        aot.append(table)
    else:
        aot[index] = table


def _trailing(table: Table) -> list[Whitespace | Comment]:
    """The blank lines and comment lines after the last value of ``table``."""
    body = table.value.body
    out: list[Whitespace | Comment] = []
    for key, item in reversed(body):
        if key is not None or not isinstance(item, Whitespace | Comment):
            break
        out.insert(0, item)
    return out


def _match_newlines(old: str, new: str, newline: str) -> str:
    """``new`` with the line ends of its changed part made ``old``'s (tomlkit writes
    ``\\n``; a CRLF file stays CRLF)."""
    if newline == "\n":
        return new
    head, tail = _common(old, new)
    middle = []
    previous = new[head - 1] if head else ""
    for char in new[head : len(new) - tail]:
        middle.append("\r\n" if char == "\n" and previous != "\r" else char)
        previous = char
    return new[:head] + "".join(middle) + new[len(new) - tail :]


# -------------------------------------------------------------------------- JSON

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


@dataclass(frozen=True)
class _Span:
    """A JSON value in the text: where it starts and ends, and the whitespace before
    it (after ``{``, ``[`` or ``,``; for a member, before its key)."""

    start: int
    end: int
    lead: str
    key: str = ""


def _jsonable(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if k == "date" else v for k, v in fields.items()}


def _skip(text: str, i: int) -> int:
    match = _SPACE.match(text, i)
    return match.end() if match else i


def _members(text: str, i: int) -> list[_Span]:
    """The members of the object whose ``{`` is at ``i``."""
    out: list[_Span] = []
    j = _skip(text, i + 1)
    lead_from = i + 1
    while text[j] != "}":
        key, k = _DECODER.raw_decode(text, j)
        value_at = _skip(text, _skip(text, k) + 1)
        _, end = _DECODER.raw_decode(text, value_at)
        out.append(_Span(value_at, end, text[lead_from:j], key))
        j = _skip(text, end)
        if text[j] == ",":
            lead_from = j + 1
            j = _skip(text, j + 1)
    return out


def _elements(text: str, i: int) -> tuple[list[_Span], int]:
    """The elements of the array whose ``[`` is at ``i``, and the index of its ``]``."""
    out: list[_Span] = []
    j = _skip(text, i + 1)
    lead_from = i + 1
    while text[j] != "]":
        _, end = _DECODER.raw_decode(text, j)
        out.append(_Span(j, end, text[lead_from:j]))
        j = _skip(text, end)
        if text[j] == ",":
            lead_from = j + 1
            j = _skip(text, j + 1)
    return out, j


def _edit_json(text: str, fields: dict[str, Any], index: int | None) -> str:
    """``text`` with the check-in spliced in; the rest of the text is left as it is."""
    newline = "\r\n" if "\r\n" in text else "\n"
    members = _members(text, _skip(text, 0))
    unit = _indent(members[0].lead) if members else None
    found = next((m for m in members if m.key == "checkins"), None)
    if found is None:
        last = members[-1]
        array = _new_array(fields, unit, unit or "", newline)
        return text[: last.end] + f',{last.lead}"checkins": {array}' + text[last.end :]
    elements, end = _elements(text, found.start)
    if not elements:
        array = _new_array(fields, unit, _indent(found.lead) or "", newline)
        return text[: found.start] + array + text[end + 1 :]
    like = elements[index] if index is not None else elements[-1]
    item = _render(fields, like, text, unit, newline)
    if index is not None:
        return text[: like.start] + item + text[like.end :]
    return text[: like.end] + f",{like.lead}{item}" + text[like.end :]


def _indent(lead: str) -> str | None:
    """The indentation ``lead`` ends with; None when the text is on one line."""
    return lead.rsplit("\n", 1)[1] if "\n" in lead else None


def _render(fields: dict[str, Any], like: _Span, text: str, unit: str | None, nl: str) -> str:
    """The check-in as JSON shaped like the check-in ``like``: on one line, or
    indented one ``unit`` deeper than the line it starts on."""
    if "\n" not in text[like.start : like.end]:
        return json.dumps(fields, ensure_ascii=False)
    column = _indent(like.lead) or ""
    return _indented(fields, unit or "  ", column, nl)


def _indented(value: Any, unit: str, column: str, nl: str) -> str:
    return json.dumps(value, ensure_ascii=False, indent=unit).replace("\n", nl + column)


def _new_array(fields: dict[str, Any], unit: str | None, column: str, nl: str) -> str:
    """A new one-check-in array: on its own indented line when the file is indented."""
    item = json.dumps(fields, ensure_ascii=False)
    if unit is None:
        return f"[{item}]"
    return f"[{nl}{column}{unit}{item}{nl}{column}]"
