"""P4: advisories are few and true.

The form of every advisory (at most :data:`~runplan.rules.limits.ADVISORY_MAX_CHARS`
characters, a sane ``until``), at most one consult a day, and each P3 cause once per run
of consecutive weeks (:func:`check_advisory_form`, from the plan alone); then, against the
validator's own derivation of the back conditions (:func:`check_advisory_truth`): every
stop advisory is one the conditions owe on that date (dated on its trigger, one per
episode, never merged across episodes), no note invites running on a day without
running or anything but the red-flag advice inside a red-flag block, and every P3 note
about runs, bike or swim, or strength names the back rule that actually kept the
sessions off.

A P3 note's *cause* is the set of rules it cites; its range is its date to its
``until`` (its own week when it has none).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise

from runplan.models import Advisory, AdvisoryKind, SessionKind, Weekday
from runplan.models.calendar import windows_on
from runplan.rules.limits import ADVISORY_MAX_CHARS
from runplan.validation.context import Context
from runplan.validation.conventions import CROSS_KINDS, DAYS_PER_WEEK
from runplan.validation.derivation import DayRules, Mode
from runplan.validation.stops import BLOCKING, NO_CROSS
from runplan.validation.violation import Violation

__all__ = [
    "RUN_INVITATION",
    "STOP_ADVISORY_RULES",
    "TRAINING_INVITATION",
    "check_advisory_form",
    "check_advisory_truth",
]

#: The rules whose advisories the back conditions owe on a date (docs/conditions.md).
STOP_ADVISORY_RULES = frozenset({"S1", "S2", "S3", "A8", "A9", "A10", "A11", "R1"})
#: Wording that asks the runner to run (P4: never on a day without running).
RUN_INVITATION = re.compile(
    r"before (?:you|your next) run|\brun today\b|\byou (?:can|may) (?:now )?(?:run|jog)\b"
    r"|\b(?:running|runs) (?:resumes?|returns?) (?:today|now)\b"
)
#: Wording that asks for any training (P4: never inside a red-flag block but the urgent
#: advice itself).
TRAINING_INVITATION = re.compile(
    RUN_INVITATION.pattern + r"|\bbike\b|\bswim\w*|\bwalk\w*|\bjog\w*|\bexercises?\b"
    r"|\bstretch\w*|\bkeep moving\b|\bmobility\b"
)
#: What a P3 note is about, by the wish it names: the session kinds it counts.
_WISHES: tuple[tuple[str, str], ...] = (
    ("wished runs", "run"),
    ("wished bike or swim", "cross"),
    ("wished strength", "strength"),
)


# ------------------------------------------------------------------ the form


def check_advisory_form(ctx: Context) -> Iterator[Violation]:
    """P4: length, ``until``, one consult a day, each P3 cause once per run of weeks."""
    plan = ctx.plan
    last = plan.start + timedelta(days=DAYS_PER_WEEK * len(plan.weeks) - 1)
    for a in plan.advisories:
        yield from _form_of(a, last)
    consults = Counter(a.date for a in plan.advisories if a.kind is AdvisoryKind.CONSULT)
    for day, n in sorted(consults.items()):
        if n > 1:
            yield Violation(
                "P4",
                f"{n} consult advisories on {day}: at most one a day, naming every rule "
                "that asked for one",
                day,
            )
    yield from _repeated_causes(ctx)


def _form_of(a: Advisory, last: date) -> Iterator[Violation]:
    where = f"the {a.kind} advisory of {a.date} ({', '.join(a.rules)})"
    if len(a.message) > ADVISORY_MAX_CHARS:
        yield Violation(
            "P4",
            f"{where} has {len(a.message)} characters; at most {ADVISORY_MAX_CHARS}",
            a.date,
        )
    if a.until is not None and not a.date <= a.until <= last:
        yield Violation(
            "P4",
            f"{where} runs until {a.until}, outside {a.date} .. {last} (the plan's last day)",
            a.date,
        )


def _week_of(ctx: Context, day: date) -> int:
    return (day - ctx.plan.start).days // DAYS_PER_WEEK


def _weeks(ctx: Context, a: Advisory) -> range:
    """The plan weeks a P3 note covers: from its date's week to its ``until``'s."""
    return range(_week_of(ctx, a.date), _week_of(ctx, a.until or a.date) + 1)


def _p3_notes(ctx: Context) -> list[Advisory]:
    return [a for a in ctx.plan.advisories if "P3" in a.rules]


def _repeated_causes(ctx: Context) -> Iterator[Violation]:
    """P4: two P3 notes of one cause (the same rules) over overlapping or adjacent weeks
    should be one note whose ``until`` covers the range."""
    by_cause: defaultdict[frozenset[str], list[Advisory]] = defaultdict(list)
    for a in _p3_notes(ctx):
        by_cause[frozenset(a.rules)].append(a)
    for notes in by_cause.values():
        ordered = sorted(notes, key=lambda a: a.date)
        for before, after in pairwise(ordered):
            if _weeks(ctx, after).start <= _weeks(ctx, before).stop:
                yield Violation(
                    "P4",
                    f"the P3 notes of {before.date} and {after.date} give one cause "
                    f"({', '.join(after.rules)}) over consecutive weeks: one note with "
                    "its range in until",
                    after.date,
                )


# ------------------------------------------------------------------ the truth


def check_advisory_truth(ctx: Context) -> Iterator[Violation]:
    """P4 against the derivation: stop advisories owed on their date, no contradicting
    note, and each P3 note naming the rule that actually stopped its sessions."""
    for a in ctx.plan.advisories:
        yield from _owed_on_its_date(ctx, a)
        yield from _contradiction(ctx, a)
    for a in _p3_notes(ctx):
        yield from _p3_cause(ctx, a)


def _owed_on_its_date(ctx: Context, a: Advisory) -> Iterator[Violation]:
    """A stop's consult or urgent advisory is dated on its trigger: where the conditions
    owe advisories of its rule, one of them is owed that day (a second one in an
    episode, or one moved to another date or episode, is owed on none).  A rule owed
    nowhere is left to the condition checks."""
    if a.kind is AdvisoryKind.NOTE:
        return
    for rule in a.rules:
        owed = [o for o in ctx.derivation.advisories if rule in o.rules and o.kind is a.kind]
        if rule in STOP_ADVISORY_RULES and owed and not any(o.date == a.date for o in owed):
            yield Violation(
                "P4",
                f"the {a.kind} advisory of {a.date} cites {rule}, but no {rule} advisory is "
                "owed that day: each is dated on its trigger, once per episode",
                a.date,
            )


def _contradiction(ctx: Context, a: Advisory) -> Iterator[Violation]:
    """No note about running on a day without running; inside a red-flag block nothing
    but the urgent advice asks for any training."""
    if a.kind is AdvisoryKind.URGENT:
        return
    rules = ctx.derivation.day(a.date)
    text = a.message.lower()
    where = f"the {a.kind} advisory of {a.date} ({', '.join(a.rules)})"
    if rules.blocked and TRAINING_INVITATION.search(text):
        yield Violation(
            "P4",
            f"{where} speaks of training inside a red-flag block ({rules.described()})",
            a.date,
        )
    elif not _runs_allowed(rules) and (RUN_INVITATION.search(text) or _about_running(a)):
        yield Violation(
            "P4",
            f"{where} is a note about running on a day without running ({rules.described()})",
            a.date,
        )


def _runs_allowed(rules: DayRules) -> bool:
    return not rules.stops and rules.mode is not Mode.NONE


def _about_running(a: Advisory) -> bool:
    """The A7 window note and the walk-run notes are about the next run."""
    if "P3" in a.rules:
        return False
    return {"A7", "A8"} <= set(a.rules) or a.rules == ["R2"]


def _p3_cause(ctx: Context, a: Advisory) -> Iterator[Violation]:
    """A P3 note about a kind of session names a back rule that kept that kind off the
    week's days, when one did and too few days were left; and blames no window or
    equipment (X1) when the back rules alone kept every equipped day off."""
    text = a.message.lower()
    kind = next((k for phrase, k in _WISHES if phrase in text), None)
    if kind is None:
        return
    for week in _weeks(ctx, a):
        if not 0 <= week < len(ctx.plan.weeks) or not _short(ctx, week, kind):
            continue
        stopped, left = _stopped(ctx, week, kind)
        # S1/S2 speak through their urgent advisory: a P3 note need not cite them
        cited = stopped - BLOCKING
        if cited and left < _wished(ctx, kind) and not cited & set(a.rules):
            yield Violation(
                "P4",
                f"the P3 note of {a.date} on {kind} sessions cites {', '.join(a.rules)}, but "
                f"{', '.join(sorted(stopped))} kept them off days of week {week + 1}",
                a.date,
            )
        elif kind == "cross" and stopped and left == 0 and "X1" in a.rules:
            yield Violation(
                "P4",
                f"the P3 note of {a.date} blames X1 (equipment or windows), but in week "
                f"{week + 1} {', '.join(sorted(stopped))} kept bike and swim off every "
                "equipped day with a window",
                a.date,
            )


def _wished(ctx: Context, kind: str) -> int:
    r = ctx.runner
    return {"run": r.run_days, "cross": r.cross_days, "strength": r.strength_days}[kind]


def _count(ctx: Context, week: int, kind: str) -> int:
    sessions = [x.session for x in ctx.week_sessions[week]]
    if kind == "run":
        return sum(s.kind is SessionKind.RUN or s.ladder_step is not None for s in sessions)
    if kind == "cross":
        return sum(s.kind in CROSS_KINDS for s in sessions)
    return sum(s.kind is SessionKind.STRENGTH for s in sessions)


def _short(ctx: Context, week: int, kind: str) -> bool:
    return _count(ctx, week, kind) < _wished(ctx, kind)


def _stopped(ctx: Context, week: int, kind: str) -> tuple[set[str], int]:
    """The back rules that kept ``kind`` off the week's days with a window (and, for
    bike or swim, the equipment), and how many such days were left open."""
    runner, start = ctx.runner, ctx.plan.weeks[week].start
    stopped: set[str] = set()
    left = 0
    for day in (start + timedelta(days=k) for k in range(DAYS_PER_WEEK)):
        weekday = Weekday.of(day)
        if not windows_on(runner, day):  # no window that day (D1, D2 included)
            continue
        if kind == "cross" and not (runner.has_bike or runner.can_swim_on(weekday)):
            continue
        why = _stopping(ctx.derivation.day(day), kind)
        stopped |= why
        left += not why
    return stopped, left


def _stopping(rules: DayRules, kind: str) -> set[str]:
    """The rules that keep ``kind`` off one day (empty: allowed)."""
    if rules.blocked:
        return {s.rule for s in rules.stops if s.rule in BLOCKING}
    if kind == "run":
        if rules.stops:
            return {s.rule for s in rules.stops}
        return {"R2"} if rules.mode is Mode.LADDER else set()
    if kind == "cross":
        stop = rules.cross_stop
        if stop is None:
            return set()
        return {stop.rule} | {s.rule for s in rules.stops if s.rule in NO_CROSS}
    return {s.rule for s in rules.stops}
