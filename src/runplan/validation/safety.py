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

from runplan.models import Plan
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


def _plan_texts(plan: Plan) -> Iterator[_Text]:
    """Every runner-facing text of the plan."""
    for day, s in plan.sessions():
        where = label(day, s)
        yield _Text(day, f"the title of {where}", s.title)
        for text in s.content:
            yield _Text(day, f"the content of {where}", text)
        for text in s.notes:
            yield _Text(day, f"a note of {where}", text)
        if s.warmup is not None:
            for step in s.warmup.steps:
                yield _Text(day, f"a warm-up step of {where}", step.text)
    for advisory in plan.advisories:
        where = f"the {advisory.kind} advisory on {advisory.date}"
        yield _Text(advisory.date, where, advisory.message)
    yield _Text(None, "the disclaimer", plan.disclaimer)


def check_forbidden_wording(ctx: Context) -> Iterator[Violation]:
    """S5: no doses, drug names, promises, diagnoses, orthotics or back belts."""
    for day, where, text in _plan_texts(ctx.plan):
        lowered = text.lower()
        for pattern in FORBIDDEN_WORDING:
            match = pattern.search(lowered)
            if match is not None:
                kind = _FORBIDDEN_KIND[match.lastgroup or ""]
                yield Violation("S5", f'{where} contains {kind}: "{match.group(0)}"', day)
