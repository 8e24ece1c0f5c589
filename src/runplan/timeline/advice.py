"""What the timeline tells the runner: the advisory texts (S5 wording) and the dated
advisories of the plan's days.

The replay gives an advisory when a stop starts; this module words it, and at the end
decides which advisories the plan shows: those of its days, those of stops still active
on its first day (carried to that day), the A7 window notes and the A10 re-reviews.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from runplan.models import Advisory, AdvisoryKind, CheckIn, RedFlag
from runplan.rules.limits import DISC_CONDITIONS, RE_REVIEW_DAYS, STRAIN_CONDITIONS
from runplan.timeline.records import Episode, Note

__all__ = [
    "DISC_TEXT",
    "RADIATING_TEXT",
    "WINDOW_TEXT",
    "age_text",
    "dated_advisories",
    "emergency_text",
    "flare_text",
    "history_text",
    "long_run_text",
    "not_eased_text",
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
#: A7/A8: the first day after a strain window.
WINDOW_TEXT = (
    "The strain rest days are over. Before you run today: if the pain has not eased, do not "
    "run; see a spine specialist, and log a check-in so the plan can adjust."
)


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


# ------------------------------------------------------------------ dated advisories


def dated_advisories(
    notes: Sequence[Note],
    episodes: Sequence[Episode],
    checkins: Mapping[date, CheckIn],
    start: date,
    end: date,
    rest_days: int,
) -> tuple[Advisory, ...]:
    """The advisories the plan ``start`` .. ``end`` shows, in the order they were given,
    then the A7 window notes, then the A10 re-reviews."""
    return (
        *_carried(notes, start),
        *_window_notes(episodes, start, end, rest_days),
        *_re_reviews(episodes, checkins, start, end),
    )


def _carried(notes: Sequence[Note], start: date) -> list[Advisory]:
    """Notes of the plan's days; a stop from before the plan that is still active on its
    first day has its advisory dated on that day, the others are not repeated (Choice).
    The replay ends on the plan's last day, so no note falls after it."""
    out = []
    for advisory, stop in notes:
        if advisory.date < start:
            if not stop.active(start):
                continue
            advisory = advisory.model_copy(update={"date": start})
        out.append(advisory)
    return out


def _window_notes(
    episodes: Sequence[Episode], start: date, end: date, rest_days: int
) -> list[Advisory]:
    """A7: the dated reminder on the first day after each strain window."""
    out = []
    for e in episodes:
        if e.kind in STRAIN_CONDITIONS:
            day = e.start + timedelta(days=rest_days)
            if start <= day <= end:
                out.append(
                    Advisory(
                        kind=AdvisoryKind.NOTE, date=day, rules=["A7", "A8"], message=WINDOW_TEXT
                    )
                )
    return out


def _re_reviews(
    episodes: Sequence[Episode], checkins: Mapping[date, CheckIn], start: date, end: date
) -> list[Advisory]:
    """A10: a re-review six weeks after onset while still symptomatic and not cleared
    (no check-in since onset counts as symptomatic, Choice)."""
    out = []
    for e in episodes:
        if e.kind not in DISC_CONDITIONS:
            continue
        due = e.start + timedelta(days=RE_REVIEW_DAYS)
        if not e.open_on(due) or due > end:
            continue
        if start > due and not e.open_on(start):
            continue
        seen = [c for d, c in checkins.items() if e.start <= d <= due]
        last = max(seen, key=lambda c: c.date) if seen else None
        if last is None or last.pain > 0 or last.radiating:
            out.append(
                Advisory(
                    kind=AdvisoryKind.CONSULT,
                    date=max(due, start),
                    rules=["A10"],
                    message=_re_review_text(e.start),
                )
            )
    return out
