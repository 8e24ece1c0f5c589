"""Text clean-up shared by the exporters, the roster index, the batch runner and the CLI.

Each output has its own notion of "safe": a terminal must not see escape sequences, an
iCalendar TEXT value must not carry a bare CR, a CSV cell or a Markdown table must stay
on one row.  So there is one function per notion, named for it, instead of a private
``_one_line`` in every module that quietly differs from the next one.  Every function
here is pinned by golden files: change none of them without changing those on purpose.

A leaf module: it imports nothing from runplan.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "BIDI_CONTROLS",
    "INDEX_MARKDOWN_SPECIALS",
    "PLAN_MARKDOWN_SPECIALS",
    "ics_line",
    "ics_text",
    "markdown_escape",
    "one_paragraph",
    "plain_line",
    "plural",
    "terminal_line",
]

#: Characters escaped in the plan's Markdown view (``runplan.export.text.to_markdown``):
#: everything that starts or shapes inline markup, a heading, a list or a table cell.
PLAN_MARKDOWN_SPECIALS = "\\`*_{}[]<>()#+!|~"
#: Characters escaped in the roster's ``index.md``: emphasis, code, links, HTML and
#: entities (``&``) and the table's cell separator.
INDEX_MARKDOWN_SPECIALS = "\\`*_[]<>|~&"

#: Every control character (category Cc: U+0000-U+001F, U+007F-U+009F) but tab and LF.
_ICS_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ICS_BREAKS = re.compile(r"[\n\t]+")
#: Runs of control characters and of the Unicode line and paragraph separators.
#: The Unicode bidirectional embedding, override and isolate controls: shown as they are,
#: they reorder the text after them (a name could make a table or a line read falsely).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_PLAIN_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
_SPACES = re.compile(r" {2,}")


def terminal_line(text: str) -> str:
    """One terminal-safe line: line breaks and tabs become spaces, other control
    characters (escape sequences included) and lone surrogates become ``?``; runs of
    spaces shrink to one; the ends are stripped."""
    out: list[str] = []
    for ch in text:
        if ch in "\r\n\t\u2028\u2029":
            out.append(" ")
        elif unicodedata.category(ch) in {"Cc", "Cs"} or ch in BIDI_CONTROLS:
            out.append("?")
        else:
            out.append(ch)
    return _SPACES.sub(" ", "".join(out)).strip()


def ics_text(text: str) -> str:
    """Text safe for an iCalendar TEXT value, lines kept: line breaks normalised to
    ``\\n`` (which icalendar's vText escapes), every other control character removed,
    unpaired surrogates replaced (vText passes a lone CR and controls through)."""
    text = text.encode("utf-8", "replace").decode("utf-8")  # no surrogate (Cs) is left
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _ICS_CONTROL.sub("", text)


def ics_line(text: str) -> str:
    """:func:`ics_text` on one line (a SUMMARY, a calendar name): every run of line
    breaks and tabs becomes one space; the ends are stripped."""
    return _ICS_BREAKS.sub(" ", ics_text(text)).strip()


def plain_line(text: str) -> str:
    """One line for an index cell: every control character (bidirectional overrides
    included, which would reorder the cells after them) becomes a space and all
    whitespace runs shrink to one space (characters are otherwise kept as they are)."""
    return " ".join(_PLAIN_CONTROL.sub(" ", text).split())


def one_paragraph(text: str) -> str:
    """A (multi-line) error message as one paragraph: whitespace runs become one space."""
    return " ".join(text.split())


def markdown_escape(text: str, specials: str) -> str:
    """``text`` with a backslash before each character of ``specials`` (one of
    :data:`PLAN_MARKDOWN_SPECIALS`, :data:`INDEX_MARKDOWN_SPECIALS`).  It escapes only:
    make the text one line first."""
    return _specials_pattern(specials).sub(r"\\\1", text)


@lru_cache(maxsize=8)
def _specials_pattern(specials: str) -> re.Pattern[str]:
    return re.compile("([" + "".join(re.escape(ch) for ch in specials) + "])")


def plural(n: int, noun: str) -> str:
    """``"1 week"``, ``"2 weeks"``: ``n`` and ``noun``, with an ``s`` unless ``n`` is 1."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
