"""Reading a session's words: whether it mentions ice or heat (A7), is marked as
physical therapy (A10), or spells out a walk-run ladder step's intervals (R2).

The scheduler may phrase these freely ("Ice pack", a multiplication sign for "x", "min"
or not), so the validator matches the meaning loosely - word starts and numbers, not
exact text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

__all__ = ["mentions", "physical_therapy", "spells_out_step"]


def _normal(texts: Iterable[str]) -> str:
    text = " ".join(texts).lower().replace("\u00d7", "x")
    text = re.sub(r"\bmin(?:ute)?s?\b\.?", " ", text)
    return re.sub(r"\s+", " ", text)


def mentions(texts: Iterable[str], word: str) -> bool:
    """Whether ``word`` starts a word of ``texts`` ("ice" in "Ice pack", not "advice")."""
    return re.search(rf"\b{re.escape(word)}", " ".join(texts).lower()) is not None


def physical_therapy(texts: Iterable[str]) -> bool:
    """A10: marked as physical-therapy exercises."""
    return re.search(r"physical[\s-]therapy", " ".join(texts).lower()) is not None


def _part(verb: str, minutes: int) -> str:
    return rf"(?:\b{verb}\w*\s+(?:for\s+)?{minutes}\b|\b{minutes}\s+(?:of\s+)?{verb})"


_JOG = "(?:jog|run)"
#: R2: what each step's content must say (the intervals of runplan.rules.limits.LADDER).
_STEP_PATTERNS: Mapping[int, tuple[str, ...]] = MappingProxyType(
    {
        1: (r"\b5\s*(?:x|times)", _part("walk", 4), _part(_JOG, 1)),
        2: (r"\b5\s*(?:x|times)", _part("walk", 3), _part(_JOG, 3)),
        3: (r"\b2\s*(?:x|times)", _part(_JOG, 14), _part("walk", 2)),
        4: (r"\b30\b", r"\bcontinuous"),
    }
)


def spells_out_step(step: int, texts: Iterable[str]) -> bool:
    """R2: the content spells out the step's intervals, e.g. ``5 x (walk 4 / jog 1)``."""
    text = _normal(texts)
    return all(re.search(p, text) for p in _STEP_PATTERNS[step])
