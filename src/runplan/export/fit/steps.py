"""A session as the steps of a watch workout: plain records, no FIT in sight.

:func:`workout_of` reads a :class:`~runplan.models.Session` and decides nothing the plan
has not said:

* the warm-up's steps (A2) first, each a time step of intensity ``warmup``: the easy walk,
  then the back stretches with their text as the step's notes;
* then the session itself:

  - walk-run intervals (R2) in the plan's order, a block the plan repeats said once as a
    :class:`Repeat` (walks are ``recovery`` between jogs, ``active`` when the session only
    walks);
  - strength: one time step per exercise (its dose in the notes); when every exercise has
    the same number of sets (the circuit's rounds), one round of steps repeated that many
    times; the session's minutes are shared evenly between the exercises;
  - otherwise (an easy run, a ride, a swim, a walk) one time step with the RPE in its name
    and the effort cue in its notes (A13);

* whatever minutes the plan leaves after the intervals become a last step (a cool-down; a
  mobility session's stretches).

Every text is cleaned (no control or bidirectional characters, valid UTF-8) and cut to
the FIT field's size in bytes, never inside a character.  The steps' seconds, repeats
expanded, add up to the session's ``duration_min`` (a circuit of ``n`` rounds: within
``n - 1`` seconds).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from runplan._text import plain_line
from runplan.export.words import effort_text, exercise_text
from runplan.models import (
    Effort,
    Exercise,
    Interval,
    IntervalKind,
    Session,
    SessionKind,
    StepKind,
    Surface,
    WarmupStep,
)

__all__ = [
    "NOTES_BYTES",
    "STEP_NAME_BYTES",
    "WKT_NAME_BYTES",
    "Repeat",
    "Step",
    "Workout",
    "clip_utf8",
    "expanded",
    "fit_text",
    "workout_of",
]

#: FIT string field sizes in bytes, the terminating NUL included, as Garmin's FIT SDK
#: allocates them for devices (C SDK ``fit_example.h``: ``FIT_WORKOUT_MESG_WKT_NAME_COUNT``
#: 16, ``FIT_WORKOUT_STEP_MESG_WKT_STEP_NAME_COUNT`` 16, ``..._NOTES_COUNT`` 50).  A longer
#: string is legal FIT, but a watch shows only this much.
WKT_NAME_BYTES = 16
STEP_NAME_BYTES = 16
NOTES_BYTES = 50

_LABEL: dict[SessionKind, str] = {
    SessionKind.RUN: "Run",
    SessionKind.BIKE: "Bike",
    SessionKind.SWIM: "Swim",
    SessionKind.STRENGTH: "Strength",
    SessionKind.MOBILITY: "Mobility",
    SessionKind.WALK: "Walk",
    SessionKind.RECOVERY: "Recovery",
}
_WARMUP_NAME: dict[StepKind, str] = {
    StepKind.WALK: "Warm-up walk",
    StepKind.BACK_STRETCH: "Back stretches",
}
_INTERVAL_NAME: dict[IntervalKind, str] = {
    IntervalKind.WALK: "Walk",
    IntervalKind.JOG: "Jog",
    IntervalKind.RUN: "Run",
}
#: FIT sport and sub-sport of each kind (the names of the FIT profile's types).
_SPORT: dict[SessionKind, tuple[str, str]] = {
    SessionKind.RUN: ("running", "generic"),
    SessionKind.BIKE: ("cycling", "generic"),
    SessionKind.SWIM: ("swimming", "lap_swimming"),
    SessionKind.STRENGTH: ("training", "strength_training"),
    SessionKind.MOBILITY: ("training", "flexibility_training"),
    SessionKind.WALK: ("walking", "generic"),
    SessionKind.RECOVERY: ("generic", "generic"),
}
_RUN_SURFACE: dict[Surface, str] = {
    Surface.TRAIL: "trail",
    Surface.TRACK: "track",
    Surface.TREADMILL: "treadmill",
}


@dataclass(frozen=True, slots=True)
class Step:
    """One time step: its name and notes (already cut to the FIT sizes), seconds and FIT
    intensity (``warmup``, ``active``, ``recovery``, ``cooldown``)."""

    name: str
    notes: str
    seconds: int
    intensity: str


@dataclass(frozen=True, slots=True)
class Repeat:
    """``steps`` done ``times`` times in a row (FIT ``repeat_until_steps_cmplt``)."""

    steps: tuple[Step, ...]
    times: int


Part = Step | Repeat


@dataclass(frozen=True, slots=True)
class Workout:
    """What one FIT workout file holds: the name (date and title), sport, sub-sport, the
    time the file is dated (the session's start) and the steps in order."""

    name: str
    sport: str
    sub_sport: str
    created: datetime
    parts: tuple[Part, ...]


# ------------------------------------------------------------------------- text


def fit_text(text: str, size: int) -> str:
    """``text`` on one line, without control or bidirectional characters, as valid UTF-8
    of at most ``size - 1`` bytes (the FIT field's size less its NUL), cut between
    characters and, when a space is near the cut, between words."""
    text = text.encode("utf-8", "replace").decode("utf-8")  # no lone surrogate is left
    return clip_utf8(plain_line(text), size - 1)


def clip_utf8(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, never inside a character nor
    inside what shows as one (a letter and its accents, an emoji and the joiners and
    modifiers that follow it); a cut in a word goes back to the space before it when that
    keeps at least half of the room."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    cut = data[:limit].decode("utf-8", "ignore")
    while cut and (cut[-1] == _ZWJ or _attaches(text[len(cut) : len(cut) + 1])):
        cut = cut[:-1]
    if text[len(cut) : len(cut) + 1].isalnum() and cut[-1:].isalnum():
        space = cut.rfind(" ")
        if space >= limit // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;:-")


_ZWJ = "\u200d"


def _attaches(ch: str) -> bool:
    """A character that belongs to the one before it: a combining mark, a variation
    selector, an emoji skin-tone modifier or a zero-width joiner."""
    if not ch:
        return False
    return (
        ch in "\u200d\ufe0e\ufe0f"
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
        or unicodedata.category(ch) in {"Mn", "Mc", "Me"}
    )


# -------------------------------------------------------------------- the session


def workout_of(session: Session) -> Workout:
    """The workout of ``session``: its name, sport and steps (see the module docstring)."""
    sport, sub_sport = _SPORT[session.kind]
    if session.kind is SessionKind.RUN and session.surface in _RUN_SURFACE:
        sub_sport = _RUN_SURFACE[session.surface]
    start = session.start
    title = f"{start.month:02d}-{start.day:02d} {session.title}"
    return Workout(
        name=fit_text(title, WKT_NAME_BYTES),
        sport=sport,
        sub_sport=sub_sport,
        created=start,
        parts=tuple(_parts(session)),
    )


def _parts(session: Session) -> list[Part]:
    parts: list[Part] = []
    warmup = session.warmup.steps if session.warmup is not None else []
    parts += [_warmup_step(step) for step in warmup]
    left = session.duration_min * 60 - sum(step.minutes * 60 for step in warmup)
    if session.intervals:
        parts += _interval_parts(session.intervals, session.effort)
        left -= sum(i.minutes * 60 for i in session.intervals)
        if left > 0:
            parts.append(_finish(session, left))
    elif session.exercises:
        parts += _exercise_parts(session.exercises, left)
    elif left > 0:
        parts.append(_main_step(session, left))
    return parts


def _warmup_step(step: WarmupStep) -> Step:
    name = _WARMUP_NAME.get(step.kind, "Warm-up")
    text = step.text
    if text.lower().startswith(name.lower() + ":"):  # "Back stretches: knee hugs, ..."
        text = text[len(name) + 1 :].strip()
    return Step(
        fit_text(name, STEP_NAME_BYTES), fit_text(text, NOTES_BYTES), step.minutes * 60, "warmup"
    )


def _rpe_name(label: str, effort: Effort | None) -> str:
    """``Run RPE 2-3``: the step's label and the effort's RPE band (A13)."""
    if effort is None:
        return label
    low, high = effort.rpe_low, effort.rpe_high
    return f"{label} RPE {low}" if low == high else f"{label} RPE {low}-{high}"


def _cue(effort: Effort | None) -> str:
    return fit_text(effort_text(effort), NOTES_BYTES) if effort is not None else ""


def _main_step(session: Session, seconds: int) -> Step:
    name = _rpe_name(_LABEL[session.kind], session.effort)
    return Step(fit_text(name, STEP_NAME_BYTES), _cue(session.effort), seconds, "active")


def _finish(session: Session, seconds: int) -> Step:
    """The minutes after the intervals: a mobility session's stretches, else a cool-down."""
    if session.kind is SessionKind.MOBILITY:
        return Step("Back mobility", _cue(session.effort), seconds, "cooldown")
    return Step("Cool-down", _cue(session.effort), seconds, "cooldown")


# -------------------------------------------------------------------- intervals


def _interval_parts(intervals: Sequence[Interval], effort: Effort | None) -> list[Part]:
    """The intervals in order, each leading block the plan repeats as one :class:`Repeat`
    (the grouping of :func:`runplan.export.words.intervals_text`)."""
    only_walks = all(i.kind is IntervalKind.WALK for i in intervals)
    items = list(intervals)
    parts: list[Part] = []
    at = 0
    while at < len(items):
        size, times = _leading_block(items[at:])
        steps = tuple(_interval_step(i, effort, only_walks) for i in items[at : at + size])
        parts.append(Repeat(steps, times) if times > 1 else steps[0])
        at += size * times
    return parts


def _leading_block(items: Sequence[Interval]) -> tuple[int, int]:
    """The shortest block that opens ``items`` and repeats at once, with its count; a
    single interval (1, 1) when none does."""
    for size in range(1, len(items) // 2 + 1):
        block = list(items[:size])
        times = 1
        while list(items[times * size : (times + 1) * size]) == block:
            times += 1
        if times > 1:
            return size, times
    return 1, 1


def _interval_step(interval: Interval, effort: Effort | None, only_walks: bool) -> Step:
    label = _INTERVAL_NAME.get(interval.kind, interval.kind.value.title())
    walk_break = interval.kind is IntervalKind.WALK and not only_walks
    name = label if walk_break else _rpe_name(label, effort)
    return Step(
        fit_text(name, STEP_NAME_BYTES),
        _cue(effort),
        interval.minutes * 60,
        "recovery" if walk_break else "active",
    )


# -------------------------------------------------------------------- strength


def _exercise_parts(exercises: Sequence[Exercise], seconds: int) -> list[Part]:
    """One step per exercise; the circuit's rounds as one repeat when every exercise has
    the same number of sets (A14), else each exercise's time in proportion to its sets."""
    if seconds <= 0:
        return []
    rounds = exercises[0].sets
    if rounds > 1 and all(e.sets == rounds for e in exercises):
        shares = _split(seconds // rounds, [1] * len(exercises))
        steps = (_exercise_step(e, s) for e, s in zip(exercises, shares, strict=True))
        return [Repeat(tuple(steps), rounds)]
    shares = _split(seconds, [e.sets for e in exercises])
    return [_exercise_step(e, s) for e, s in zip(exercises, shares, strict=True) if s > 0]


def _exercise_step(exercise: Exercise, seconds: int) -> Step:
    return Step(
        fit_text(exercise.name, STEP_NAME_BYTES),
        fit_text(exercise_text(exercise), NOTES_BYTES),
        seconds,
        "active",
    )


def _split(total: int, weights: Sequence[int]) -> list[int]:
    """``total`` seconds shared in proportion to ``weights``, whole seconds adding up to
    ``total`` exactly."""
    whole = sum(weights)
    marks = [0]
    running = 0
    for weight in weights:
        running += weight
        marks.append(round(total * running / whole))
    return [b - a for a, b in pairwise(marks)]


def expanded(parts: Sequence[Part]) -> list[Step]:
    """The steps in the order they are done, every repeat written out."""
    out: list[Step] = []
    for part in parts:
        out += list(part.steps) * part.times if isinstance(part, Repeat) else [part]
    return out
