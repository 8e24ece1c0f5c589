"""What a session contains: warm-up, form cues, strength circuit, recovery steps.

Wording is ours (RULES.md: paraphrase, never copy).  Nothing here diagnoses, doses or
promises (S5): ice, heat, shoes and surfaces are described as comfort or convention.
"""

from __future__ import annotations

from datetime import datetime

from runplan.models import (
    Exercise,
    Intensity,
    Interval,
    IntervalKind,
    Session,
    SessionKind,
    StepKind,
    Surface,
    Warmup,
    WarmupStep,
)
from runplan.rules.limits import (
    R3_RUN_PAIN,
    SOFTNESS,
    STOP_PAIN,
    STRENGTH_LEVELS,
    WALK_GROWTH,
    WALK_MIN_STEP,
    WALK_START,
    WALK_TOP,
    LadderStep,
)

__all__ = [
    "CARE_MINUTES",
    "FORM_CUES",
    "MISSED_SESSION",
    "SHOE_NOTE",
    "SOFTNESS",
    "STOP_RULE",
    "STRENGTH_CIRCUIT",
    "STRENGTH_MINUTES",
    "care_session",
    "ladder_session",
    "ladder_words",
    "softest_surface",
    "strength_content",
    "strength_exercises",
    "strength_minutes",
    "surface_note",
    "walk_minutes",
    "warmup",
]

#: A12: brief form cues carried by every run.
FORM_CUES = "Run tall, relaxed shoulders, short quick steps."
#: A5: the shoe reminder carried by every run.
SHOE_NOTE = "Cushioned, supportive shoes."
#: A13: what every run and walk-run (and the ladder's brisk walk) says about pain.
STOP_RULE = f"Pain above {STOP_PAIN}/10, or not settled by the next morning: stop, log a check-in."
#: Said once per plan (text, JSON ``guidance``, calendar description): a missed session
#: is skipped, never made up on another day (stacking breaks A4, L1 and L5).
MISSED_SESSION = (
    "Missed a session? Skip it and carry on with the plan; never stack it onto another day."
)
#: A3: length of a core and back strength session, in minutes (every A14 level fits it).
STRENGTH_MINUTES = 25
#: A14 time model behind :func:`strength_minutes`: seconds per repetition (each side
#: counts), seconds to change exercise, rest between rounds, the gentle start.
_REP_S, _CHANGE_S, _ROUND_REST_S, _START_S = 3, 15, 60, 180


def strength_exercises(level: int) -> list[Exercise]:
    """The exercises of A14 strength level ``level`` (1 = first; see ``STRENGTH_LEVELS``)."""
    return [
        Exercise(name=m.name, sets=m.sets, reps=m.reps, hold_s=m.hold_s, side=m.side)
        for m in STRENGTH_LEVELS[level - 1]
    ]


def _dose(e: Exercise) -> str:
    amount = f"{e.reps}" if e.reps is not None else f"{e.hold_s} s"
    return f"{e.name}, {amount}{' each side' if e.side == 'each' else ''}"


def strength_content(level: int) -> list[str]:
    """The session in words: how many rounds, then one line per exercise (A3, A14)."""
    moves = strength_exercises(level)
    rounds = moves[0].sets
    return [
        f"Level {level} of {len(STRENGTH_LEVELS)}: start with 3 min of cat-camel and pelvic "
        f"tilts, then {rounds} easy rounds, moving slowly and stopping any exercise that hurts:",
        *(_dose(m) for m in moves),
    ]


#: Level 1 of the circuit in words (kept for readers of the 0.1 names).
STRENGTH_CIRCUIT = tuple(strength_content(1))


def strength_minutes(level: int) -> float:
    """Estimated minutes of level ``level`` under the time model above (A14: every level
    stays within :data:`STRENGTH_MINUTES`)."""
    moves = strength_exercises(level)
    per_round = sum(
        (m.reps * _REP_S if m.reps is not None else m.hold_s or 0) * (2 if m.side else 1)
        + _CHANGE_S
        for m in moves
    )
    rounds = moves[0].sets
    return (rounds * per_round + (rounds - 1) * _ROUND_REST_S + _START_S) / 60


def walk_minutes(weeks: int) -> int:
    """A14: the walk in week ``weeks`` (0-based) of a running stop: 15 minutes, then 10 %
    or 5 minutes more a week, whichever adds more, up to 30."""
    minutes = WALK_START
    for _ in range(weeks):
        if minutes >= WALK_TOP:
            break
        minutes = min(WALK_TOP, minutes + max(round(minutes * WALK_GROWTH), WALK_MIN_STEP))
    return minutes


_PREFERENCE = tuple(Surface)  # grass, dirt, trail, track, treadmill, road


def softest_surface(surfaces: list[Surface], *, flat: bool = False) -> Surface:
    """The softest surface the runner has (A6); ``flat`` skips trail for walk-run steps."""
    usable = [s for s in _PREFERENCE if s in surfaces and not (flat and s is Surface.TRAIL)]
    return usable[0] if usable else min(surfaces, key=_PREFERENCE.index)


def surface_note(surface: Surface) -> str:
    """A6: why this surface (:data:`~runplan.rules.limits.SOFTNESS`: 0 gives way)."""
    if SOFTNESS[surface] == 0:
        return f"{surface.value.capitalize()} gives way: kinder to the back."
    return f"{surface.value.capitalize()} is the softest you listed; grass or dirt is kinder."


def warmup(minutes: int) -> Warmup:
    """A2: easy walking, then gentle back stretches, ``minutes`` in all (5-15)."""
    walk = (minutes + 1) // 2
    stretch = minutes - walk
    return Warmup(
        duration_min=minutes,
        steps=[
            WarmupStep(
                kind=StepKind.WALK,
                minutes=walk,
                text="Easy walk, relaxed to brisk",
            ),
            WarmupStep(
                kind=StepKind.BACK_STRETCH,
                minutes=stretch,
                text="Back stretches: knee hugs, cat-camel, pelvic tilts",
            ),
        ],
    )


#: Length of a home-care session (ice or heat; gentle mobility; physical-therapy
#: exercises), the walk of a running stop (A14) not included.
CARE_MINUTES = {"ice": 20, "heat": 20, "gentle": 10, "pt": 15}

_ANTI_INFLAMMATORY = (
    "Over-the-counter anti-inflammatory medicine may ease the pain: ask a pharmacist or "
    "doctor whether it suits you, and follow the label."
)
_CARE: dict[str, tuple[SessionKind, str, tuple[str, ...]]] = {
    "ice": (
        SessionKind.RECOVERY,
        "Ice for comfort",
        (
            "Ice the sore area for short spells today, wrapped in a cloth, never on bare skin.",
            "Ice on the first day after a strain is for comfort only.",
        ),
    ),
    "heat": (
        SessionKind.RECOVERY,
        "Heat for comfort",
        (
            "Use gentle heat on the sore area: a warm pack or a heating pad on low.",
            "Heat after the first day is for comfort.",
        ),
    ),
    "gentle": (
        SessionKind.MOBILITY,
        "Gentle back mobility and {pace} walk",
        (
            "Walk {walk} min at {an} {pace} pace: keep moving, no bed rest.",
            "Then knee hugs, pelvic tilts and cat-camel, slowly, within comfort.",
            "Stop anything that sharpens the pain.",
        ),
    ),
    "pt": (
        SessionKind.MOBILITY,
        "Physical-therapy exercises and {pace} walk",
        (
            "The exercises your physical therapist gave you, gently and within comfort.",
            "Not seen a physical therapist yet? Keep to knee hugs and pelvic tilts, and ask your "
            "clinician for a referral.",
            "Walk {walk} min at {an} {pace} pace.",
        ),
    ),
}


def care_session(what: str, start: datetime, rules: list[str], walk: int = WALK_START) -> Session:
    """A home-care session: ``ice`` / ``heat`` (A7) or ``gentle`` / ``pt`` mobility with
    the running stop's walk of ``walk`` minutes (A14: easy, brisk once it reaches 30)."""
    kind, title, steps = _CARE[what]
    if kind is not SessionKind.MOBILITY:
        notes = [_ANTI_INFLAMMATORY]
        return Session(
            kind=kind,
            title=title,
            start=start,
            duration_min=CARE_MINUTES[what],
            intensity=Intensity.GENTLE,
            content=list(steps),
            notes=notes,
            rules=rules,
        )
    pace, an = ("brisk", "a") if walk >= WALK_TOP else ("easy", "an")
    return Session(
        kind=kind,
        title=title.format(pace=pace),
        start=start,
        duration_min=CARE_MINUTES[what] + walk,
        intensity=Intensity.GENTLE,
        content=[step.format(walk=walk, pace=pace, an=an) for step in steps],
        rules=[*rules, "A14"],
        intervals=[Interval(kind=IntervalKind.WALK, minutes=walk)],
    )


def ladder_words(rung: LadderStep) -> str:
    """A ladder step in words: ``6 x (walk 4 min, jog 1 min)``, ``jog 20 min, walk 2 min,
    jog 8 min`` or ``jog 30 min without a break`` (R2)."""
    block = ", ".join(f"{kind} {m} min" for kind, m in rung.block)
    if rung.repeats > 1:
        return f"{rung.repeats} x ({block})"
    if len(rung.block) == 1 and rung.block[0][0] != "walk":
        return f"{block} without a break (continuous)"
    return block


def ladder_session(
    step: int, top: int, start: datetime, surfaces: list[Surface], rung: LadderStep, warm: int
) -> Session:
    """One R2 ladder session on flat, even ground, every stretch spelled out in
    ``intervals`` and in words.  Step 0 is the pain-free brisk walk (a ``walk``); the
    others are walk-runs.  Each opens with the runner's usual A2 warm-up (``warm``)."""
    walk = step == 0
    surface = None if walk else softest_surface(surfaces, flat=True)
    notes = [] if surface is None else [FORM_CUES, SHOE_NOTE, surface_note(surface)]
    rules = ["R1", "R2", "R3", "R4", "A2"] if walk else ["R1", "R2", "R3", "R4", *_RUN_RULES]
    words = ladder_words(rung)
    what = (
        f"Step 0: brisk walk {rung.minutes} min, pain-free; the walk-run steps follow."
        if walk
        else f"Step {step} of {top}: {words}, on flat, even ground."
    )
    return Session(
        kind=SessionKind.WALK if walk else SessionKind.RUN,
        title=f"Brisk walk, return step 0 of {top}" if walk else f"Walk-run, step {step} of {top}",
        start=start,
        duration_min=warm + rung.minutes,
        warmup=warmup(warm),
        surface=surface,
        intensity=Intensity.EASY,
        ladder_step=step,
        intervals=[Interval(kind=IntervalKind(k), minutes=m) for k, m in rung.stretches],
        content=[
            f"Warm-up {warm} min: walk, then back stretches (see steps).",
            what,
            f"Stop if pain goes above {R3_RUN_PAIN}/10. Log how it felt "  # R3
            "(run_pain, settled_by_morning): pain steps the plan back a step.",
        ],
        notes=notes,
        rules=rules,
    )


_RUN_RULES = ("A2", "A5", "A6", "A12")
