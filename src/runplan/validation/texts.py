"""Reading a session's words: whether it mentions ice or heat (A7), is marked as
physical therapy (A10), or spells out a walk-run ladder step's intervals (R2).

The scheduler may phrase these freely ("Ice pack", a multiplication sign for "x", "min"
or not), so the validator matches the meaning loosely - word starts and numbers, not
exact text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
    """``walk 4``, ``walking for 4``, ``4 walk`` or ``4 of easy jogging``, ``30 continuous jog``."""
    return rf"(?:\b{verb}\w*\s+(?:for\s+)?{minutes}\b|\b{minutes}\s+(?:of\s+)?(?:\w+\s+)?{verb})"


_JOG = "(?:jog|run)"
_CONTINUOUS = r"\b(?:continuous|without a break|non-?stop)"


def _period(stretches: Sequence[tuple[str, int]]) -> int:
    """The length of the block that, repeated, makes ``stretches``."""
    n = len(stretches)
    return next(
        p for p in range(1, n + 1) if n % p == 0 and list(stretches[:p]) * (n // p) == stretches
    )


def _patterns(stretches: Sequence[tuple[str, int]]) -> list[str]:
    """R2: what the words of a step must say: the repeat count, each stretch of the block
    (a walk by "walk", a jog by "jog" or "run"), and "continuous" for a single jog."""
    stretches = list(stretches)
    p = _period(stretches)
    out = [rf"\b{len(stretches) // p}\s*(?:x|times)\b"] if len(stretches) > p else []
    out += [_part("walk" if k == "walk" else _JOG, m) for k, m in stretches[:p]]
    if len(stretches) == 1 and stretches[0][0] != "walk":
        out.append(_CONTINUOUS)
    return out


def spells_out_step(stretches: Sequence[tuple[str, int]], texts: Iterable[str]) -> bool:
    """R2: the content spells out the step's intervals in words, e.g. ``6 x (walk 4 min,
    jog 1 min)``, ``jog 20, walk 2, jog 8`` or ``jog 30 min, continuous``."""
    text = _normal(texts)
    return all(re.search(p, text) for p in _patterns(stretches))
