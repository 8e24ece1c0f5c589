"""Safety rules (S): the S1/S2 red-flag days hold no session, the plan says it is not
medical advice (S4), and no runner-facing text doses, names drugs, promises, diagnoses
or prescribes orthotics or back supports (S5).

S3 (a new episode at a risky age) stops running like the A-rule stops, so its sessions
and its consult advisory are judged in :mod:`runplan.validation.conditions`, as are the
S1-S2 advisories.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from runplan.models import Plan, Session
from runplan.validation.context import Context
from runplan.validation.conventions import label
from runplan.validation.violation import Violation

__all__ = [
    "DISCLAIMER_PHRASE",
    "FORBIDDEN_WORDING",
    "check_blocked_days",
    "check_disclaimer",
    "check_forbidden_wording",
]

DISCLAIMER_PHRASE = "not medical advice"  # S4

#: S5: wording a plan must never contain, one pattern per kind (the group name says
#: which): a medication dose, a named drug, a promise of prevention or healing, a
#: diagnosis phrased at the runner, and orthotics or back belts/braces.
FORBIDDEN_WORDING: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?P<dose>\d+(?:[.,]\d+)?\s*(?:mg|milligrams?|tablets?|pills?|capsules?|ml)\b)"),
    re.compile(
        r"\b(?P<drug>ibuprofen|naproxen|advil|aspirin|paracetamol|acetaminophen|diclofenac)\b"
    ),
    re.compile(
        r"\b(?P<promise>prevent\w*|guarantee\w*|cur(?:e|es|ed|ing)|will\s+heal\w*|injury[-\s]?free)\b"
    ),
    re.compile(r"\b(?P<diagnosis>you\s+have\s+an?|you\s+are\s+suffering|you're\s+suffering)\b"),
    re.compile(r"\b(?P<device>orthotic\w*|back\s+(?:belt|brace)s?)\b"),
)
_FORBIDDEN_KIND: Mapping[str, str] = MappingProxyType(
    {
        "dose": "a medication dose",
        "drug": "a named drug",
        "promise": "a promise",
        "diagnosis": "a diagnosis",
        "device": "an orthotic or back support",
    }
)


class _Text(NamedTuple):
    """A runner-facing text: the date it concerns, where it is, what it says."""

    day: date | None
    where: str
    text: str
    session: Session | None = None  # the session the text belongs to, if any


def check_blocked_days(ctx: Context) -> Iterator[Violation]:
    """S1, S2: a day under a red-flag episode (or the S2 history stop) holds no session."""
    derived = ctx.derivation
    for day, s in ctx.sessions:
        rules = derived.day(day)
        if rules.blocked:
            stop = rules.primary()
            yield Violation(
                stop.rule,
                f"{label(day, s)}: no session of any kind while {rules.described()}",
                day,
            )


def check_disclaimer(ctx: Context) -> Iterator[Violation]:
    """S4: the plan carries the not-medical-advice disclaimer."""
    disclaimer = ctx.plan.disclaimer
    if DISCLAIMER_PHRASE not in disclaimer.lower():
        shown = disclaimer.strip() or "(empty)"
        yield Violation("S4", f'the disclaimer must say "{DISCLAIMER_PHRASE}"; it is: {shown}')


def _session_texts(s: Session) -> Iterator[tuple[str, str]]:
    """(what, text) for every text a session shows its runner."""
    yield "the title", s.title
    for text in s.content:
        yield "the content", text
    for text in s.notes:
        yield "a note", text
    if s.warmup is not None:
        for step in s.warmup.steps:
            yield "a warm-up step", step.text
    if s.stop_rule:
        yield "the stop rule", s.stop_rule
    if s.effort is not None:
        yield "the effort cue", s.effort.cue
    for exercise in s.exercises or ():
        yield "an exercise", exercise.name


def _plan_texts(plan: Plan) -> Iterator[_Text]:
    """Every runner-facing text of the plan (a session's label is built only when a
    text breaks S5: most plans break none, and labels are many)."""
    for day, s in plan.sessions():
        for what, text in _session_texts(s):
            yield _Text(day, what, text, s)
    for advisory in plan.advisories:
        yield _Text(
            advisory.date, f"the {advisory.kind} advisory on {advisory.date}", advisory.message
        )
    for text in plan.guidance:
        yield _Text(None, "the plan's guidance", text)
    yield _Text(None, "the disclaimer", plan.disclaimer)


def _forbidden(text: str) -> tuple[tuple[str, str], ...]:
    """(kind, words) for each S5 pattern ``text`` matches, case-insensitively."""
    lowered = text.lower()
    found = (pattern.search(lowered) for pattern in FORBIDDEN_WORDING)
    return tuple((_FORBIDDEN_KIND[m.lastgroup or ""], m.group(0)) for m in found if m)


def check_forbidden_wording(ctx: Context) -> Iterator[Violation]:
    """S5: no doses, drug names, promises, diagnoses, orthotics or back belts.  A plan
    repeats its texts week after week, so each distinct text is read once."""
    seen: dict[str, tuple[tuple[str, str], ...]] = {}
    for item in _plan_texts(ctx.plan):
        hits = seen.get(item.text)
        if hits is None:
            hits = seen[item.text] = _forbidden(item.text)
        for kind, words in hits:
            where = item.where
            if item.session is not None and item.day is not None:
                where = f"{where} of {label(item.day, item.session)}"
            yield Violation("S5", f'{where} contains {kind}: "{words}"', item.day)
