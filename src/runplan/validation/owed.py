"""The advisories a plan owes its runner's stops and caps (S1-S3, A7/A8, A8-A11, R1):
each one's kind, the rule ids it cites and the date it must carry.

Kept apart from the stops because the date depends on the plan's span (a stop that
began before the plan is advised on its first day), not only on the runner.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runplan.models import AdvisoryKind
from runplan.rules.limits import RE_REVIEW_DAYS
from runplan.validation.painlog import PainLog
from runplan.validation.stops import ADVISORY_KIND, Cap, Stop

__all__ = ["ExpectedAdvisory", "PlanSpan", "expected_advisories"]

_Day = date  # for annotations inside classes that have a field named ``date``


@dataclass(frozen=True, slots=True)
class ExpectedAdvisory:
    """An advisory the plan must carry: its kind, the rule ids it cites, its date."""

    kind: AdvisoryKind
    rules: tuple[str, ...]
    date: date
    why: str

    def met_by(self, kind: AdvisoryKind, day: _Day, rules: Iterable[str]) -> bool:
        return kind is self.kind and day == self.date and set(self.rules) <= set(rules)


@dataclass(frozen=True, slots=True)
class PlanSpan:
    """The first and last day of a plan, both included."""

    first: date
    last: date

    def dated(self, start: date, end: date | None) -> date | None:
        """The date of a stop's advisory: its start, or the plan's first day if it began
        earlier and is still active then; None when the stop ended before the plan or
        starts after it."""
        if start > self.last:
            return None
        if start >= self.first:
            return start
        if end is None or end > self.first:
            return self.first
        return None


def expected_advisories(
    log: PainLog, stops: Sequence[Stop], caps: Sequence[Cap], span: PlanSpan
) -> list[ExpectedAdvisory]:
    """Every advisory owed within ``span``: the stops' in their order, then the caps'."""
    out: list[ExpectedAdvisory] = []
    for stop in stops:
        if stop.rule == "A7":
            out += _window_note(stop, span, stops)
            continue
        day = span.dated(stop.start, stop.end)
        if stop.rule == "S2" and day is not None and _emergency_on(stops, day):
            day = None  # "seek emergency care now" (S1, owed on its own) covers it
        if day is not None:
            out.append(ExpectedAdvisory(ADVISORY_KIND[stop.rule], (stop.rule,), day, stop.why))
        if stop.rule == "A10":
            out += _re_review(log, stop, span)
    for cap in caps:
        day = span.dated(cap.start, cap.end)
        if day is not None:
            why = f"pain after a long run logged {cap.start}"
            out.append(ExpectedAdvisory(AdvisoryKind.CONSULT, ("A11",), day, why))
    return out


def _window_note(stop: Stop, span: PlanSpan, stops: Sequence[Stop]) -> Iterator[ExpectedAdvisory]:
    """A7/A8: the note on the first day after an A7 window (none for a mere rest), owed
    only when no stop keeps running off that day (P4: no note about running on a day
    without running; that stop's own advisory speaks)."""
    note_day = stop.end
    if stop.rest or note_day is None or not span.first <= note_day <= span.last:
        return
    if any(s.active(note_day) for s in stops):
        return
    why = f"first day after the {stop.why}: if not eased, see a spine specialist"
    yield ExpectedAdvisory(AdvisoryKind.NOTE, ("A7", "A8"), note_day, why)


def _emergency_on(stops: Iterable[Stop], day: date) -> bool:
    return any(s.rule == "S1" and s.active(day) for s in stops)


def _re_review(log: PainLog, stop: Stop, span: PlanSpan) -> Iterator[ExpectedAdvisory]:
    """A10: a re-review consult at onset + 42 if not cleared by then and still
    symptomatic (no check-in since onset counts as symptomatic)."""
    review = stop.start + timedelta(days=RE_REVIEW_DAYS)
    if stop.end is not None and stop.end <= review:
        return
    if log.pain_free(review, stop.start):
        return
    day = span.dated(review, stop.end)
    if day is not None:
        yield ExpectedAdvisory(
            AdvisoryKind.CONSULT,
            ("A10",),
            day,
            f"re-review of {stop.why}, {RE_REVIEW_DAYS} days on",
        )
