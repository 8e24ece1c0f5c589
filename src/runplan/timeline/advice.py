"""What the timeline tells the runner: the advisory texts (S5 wording) and the dated
advisories of the plan's days.

The replay gives an advisory when a stop starts; this module words it, and at the end
decides which advisories the plan shows: those of its days, those of stops still active
on its first day (carried to that day), the A7 window notes and the A10 re-reviews.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from runplan.models import Advisory, AdvisoryKind, CheckIn, RedFlag
from runplan.rules import RULES
from runplan.rules.limits import (
    ADVISORY_MAX_CHARS,
    DISC_CONDITIONS,
    RE_REVIEW_DAYS,
    STRAIN_CONDITIONS,
)
from runplan.timeline.allowance import Allowance, RunMode
from runplan.timeline.records import Episode, Note

__all__ = [
    "DISC_TEXT",
    "DISC_WHY",
    "LONG_RUN_WHY",
    "RADIATING_TEXT",
    "RADIATING_WHY",
    "WINDOW_TEXT",
    "age_text",
    "age_why",
    "dated_advisories",
    "emergency_text",
    "flare_text",
    "flare_why",
    "history_text",
    "long_run_text",
    "not_eased_text",
    "not_eased_why",
    "urgent_text",
]

# ------------------------------------------------------------------ wording (S5)

#: A9: pain that runs into a leg.
RADIATING_TEXT = (
    "Pain that runs into a leg: see a spine specialist now. No running until a clinician "
    "clears you; keep moving gently, and bike or swim only on pain-free days."
)
#: A10: a disc condition starts.
DISC_TEXT = (
    "Disc problems and sciatica need a longer break from running, physical therapy and a "
    "spine specialist's care. No running until your clinician clears you; do your "
    "physical-therapy exercises, and bike or swim only on days you log as pain-free."
)
#: A7/A8: the first day after a strain or back-pain window, given only on a day running is
#: allowed (P4: no note about running on a day without running).
WINDOW_TEXT = (
    "The rest days for your back are over. Before your next run: if the pain has not eased, "
    "do not run; see a spine specialist, and log a check-in so the plan can adjust."
)

# ------------------------------------------------- causes, for a combined consult (P4)

#: A10, A9, A11: each consult's cause in a few words.
DISC_WHY = "a disc problem or sciatica needs a longer break and physical therapy"
RADIATING_WHY = "pain runs into a leg"
LONG_RUN_WHY = "pain after long runs"


def age_why(age: int) -> str:
    """S3's cause."""
    return f"new back pain at age {age} deserves a specialist's look"


def not_eased_why(pain: int) -> str:
    """A8's cause."""
    return f"the pain has not eased ({pain}/10) after the rest days"


def flare_why(c: CheckIn) -> str:
    """R1's cause."""
    leg = ", into a leg" if c.radiating else ""
    return f"pain came back after your clearance ({c.pain}/10{leg})"


def _named(items: Iterable[RedFlag]) -> str:
    return ", ".join(sorted(f.value.replace("_", " ") for f in items))


def emergency_text(flags: Iterable[RedFlag]) -> str:
    """S1: an emergency red flag."""
    return (
        f"Seek emergency care now (you reported: {_named(flags)}). These symptoms need urgent "
        "medical attention. No training of any kind until a clinician has seen you; then log "
        "a check-in with clinician_cleared = true."
    )


def urgent_text(flags: Iterable[RedFlag]) -> str:
    """S2: an urgent red flag."""
    return (
        f"See a doctor today (you reported: {_named(flags)}). No training until a clinician has "
        "reviewed you; then log a check-in with clinician_cleared = true."
    )


def history_text(items: str) -> str:
    """S2 from ``health.history`` (``items`` already joined, in the profile's order)."""
    return (
        f"See a doctor today: back pain together with your history ({items}) needs a "
        "clinician's review before any training. Log a check-in with clinician_cleared = "
        "true once you have been seen."
    )


def age_text(age: int) -> str:
    """S3: new back pain under AGE_YOUNG or over AGE_OLD."""
    return (
        f"New back pain at age {age} deserves a specialist's look: see a spine specialist. "
        "Until you are cleared the plan keeps to walking, gentle mobility and easy bike or "
        "swim sessions."
    )


def not_eased_text(pain: int) -> str:
    """A8: pain that has not eased after the strain window."""
    return (
        f"Your back pain has not eased ({pain}/10) after the rest days: stop running and see a "
        "spine specialist. Running returns, step by step, once a clinician clears you."
    )


def long_run_text(usual: int) -> str:
    """A11: pain after a long run caps runs at the usual length."""
    return (
        "Pain after long runs: see a spine specialist. Until a clinician clears you, no run is "
        f"longer than your usual {usual} minutes."
    )


def flare_text(c: CheckIn) -> str:
    """R1: pain back after a clearance."""
    leg = ", into a leg" if c.radiating else ""
    return (
        f"Pain came back after your clearance ({c.pain}/10{leg}): stop running and check with "
        "your clinician. Running returns through the walk-run steps once you are cleared again."
    )


def _re_review_text(onset: date) -> str:
    """A10: the six-week re-review."""
    return (
        f"Six weeks since this began ({onset.isoformat()}): if you still have symptoms, ask your "
        "spine specialist for a re-review."
    )


def _re_review_why(onset: date) -> str:
    return (
        f"six weeks since this began ({onset.isoformat()}), ask for a re-review if symptoms remain"
    )


#: The order in which a combined consult names its rules and causes (most restrictive first).
_CONSULT_ORDER = ("S3", "A10", "A9", "A8", "R1", "A11")


def _consult_text(rules: Sequence[str], reasons: Sequence[str], *, blocked: bool) -> str:
    """P4: one consult for every rule that asked for one that day, each cause named.  On
    a red-flag day it says nothing about training but that the red-flag advice comes
    first; a text too long for P4 names the rules by their titles instead."""
    if blocked:
        after = (
            "The red-flag advice comes first: no training of any kind until a clinician has "
            "seen you."
        )
    elif "A10" in rules:
        after = (
            "No running until a clinician clears you; do your physical-therapy exercises; bike "
            "or swim only on days you log as pain-free."
        )
    elif "A9" in rules:
        after = "No running until a clinician clears you; bike or swim only on pain-free days."
    elif "S3" in rules:
        after = (
            "No running until a clinician clears you; keep to walking, gentle mobility and "
            "easy bike or swim sessions."
        )
    else:
        after = "No running until a clinician clears you; then it returns step by step."
    lead = "Also see a spine specialist" if blocked else "See a spine specialist"
    text = f"{lead}: {'; '.join(reasons)}. {after}"
    if len(text) > ADVISORY_MAX_CHARS:
        titles = ", ".join(f"{RULES[r].title} ({r})" for r in rules)
        text = f"{lead}: {titles}. {after}"
    return text


# ------------------------------------------------------------------ dated advisories


class _Given(NamedTuple):
    """An advisory the plan gives, with its cause in a few words (P4)."""

    advisory: Advisory
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Span:
    """The plan's days and what each allows: P4 words and dates advisories by them."""

    start: date
    end: date
    days: Sequence[Allowance]

    def allows(self, day: date) -> Allowance:
        return self.days[(day - self.start).days]


def dated_advisories(
    notes: Sequence[Note],
    episodes: Sequence[Episode],
    checkins: Mapping[date, CheckIn],
    start: date,
    end: date,
    rest_days: int,
    days: Sequence[Allowance],
) -> tuple[Advisory, ...]:
    """The advisories the plan ``start`` .. ``end`` shows (``days``: each plan day's
    allowance), in the order they were given, then the A7 window notes, then the A10
    re-reviews; consults of one day combined into one (P4)."""
    span = _Span(start, end, days)
    emergency = [n.stop for n in notes if n.stop.rule == "S1"]
    given = [
        g
        for g in _carried(notes, span)
        # P4: on a day of an S1 episode, "seek emergency care now" says all an S2 would
        if not (g.advisory.rules == ["S2"] and any(s.active(g.advisory.date) for s in emergency))
    ]
    given += _window_notes(episodes, span, rest_days) + _re_reviews(episodes, checkins, span)
    return tuple(_one_consult_a_day(given, span))


def _carried(notes: Sequence[Note], span: _Span) -> list[_Given]:
    """Notes of the plan's days; a stop from before the plan that is still active on its
    first day has its advisory dated on that day, the others are not repeated (Choice).
    The replay ends on the plan's last day, so no note falls after it.  Each carries the
    last plan day of its stop in ``until`` (P4: the range it covers)."""
    out = []
    for advisory, stop, reason in notes:
        day = advisory.date
        if day < span.start:
            if not stop.active(span.start):
                continue
            day = span.start
        last = span.end if stop.ended is None else min(span.end, stop.ended - timedelta(days=1))
        until = last if last > day else None
        out.append(_Given(advisory.model_copy(update={"date": day, "until": until}), reason))
    return out


def _window_notes(episodes: Sequence[Episode], span: _Span, rest_days: int) -> list[_Given]:
    """A7: the dated reminder on the first day after each strain or back-pain window,
    when that day allows running (P4: never a note about running on a day without it;
    a stop that keeps running off speaks through its own advisory)."""
    out = []
    for e in episodes:
        if e.kind in STRAIN_CONDITIONS:
            day = e.start + timedelta(days=rest_days)
            if span.start <= day <= span.end and span.allows(day).run is not RunMode.NONE:
                note = Advisory(
                    kind=AdvisoryKind.NOTE, date=day, rules=["A7", "A8"], message=WINDOW_TEXT
                )
                out.append(_Given(note))
    return out


def _re_reviews(
    episodes: Sequence[Episode], checkins: Mapping[date, CheckIn], span: _Span
) -> list[_Given]:
    """A10: a re-review six weeks after onset while still symptomatic and not cleared
    (no check-in since onset counts as symptomatic, Choice)."""
    out = []
    for e in episodes:
        if e.kind not in DISC_CONDITIONS:
            continue
        due = e.start + timedelta(days=RE_REVIEW_DAYS)
        if not e.open_on(due) or due > span.end:
            continue
        if span.start > due and not e.open_on(span.start):
            continue
        seen = [c for d, c in checkins.items() if e.start <= d <= due]
        last = max(seen, key=lambda c: c.date) if seen else None
        if last is None or last.pain > 0 or last.radiating:
            advisory = Advisory(
                kind=AdvisoryKind.CONSULT,
                date=max(due, span.start),
                rules=["A10"],
                message=_re_review_text(e.start),
            )
            out.append(_Given(advisory, _re_review_why(e.start)))
    return out


def _one_consult_a_day(given: Sequence[_Given], span: _Span) -> list[Advisory]:
    """P4: at most one consult a day, naming every rule that asked for one; a consult on
    a red-flag day is worded without any training (the red-flag advice comes first)."""
    consults: dict[date, list[_Given]] = {}
    for g in given:
        if g.advisory.kind is AdvisoryKind.CONSULT:
            consults.setdefault(g.advisory.date, []).append(g)
    out = [g.advisory for g in given if g.advisory.kind is not AdvisoryKind.CONSULT]
    for day, same_day in consults.items():
        blocked = span.allows(day).blocked
        if len(same_day) == 1 and not blocked:
            out.append(same_day[0].advisory)
            continue
        ordered = sorted(same_day, key=lambda g: _CONSULT_ORDER.index(g.advisory.rules[0]))
        rules = list(dict.fromkeys(r for g in ordered for r in g.advisory.rules))
        reasons = list(dict.fromkeys(g.reason for g in ordered if g.reason))
        untils = [g.advisory.until for g in ordered if g.advisory.until is not None]
        out.append(
            Advisory(
                kind=AdvisoryKind.CONSULT,
                date=day,
                rules=rules,
                message=_consult_text(rules, reasons, blocked=blocked),
                until=max(untils, default=None),
            )
        )
    return out
