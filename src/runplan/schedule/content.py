"""What a session contains: warm-up, form cues, strength circuit, recovery steps.

Wording is ours (RULES.md: paraphrase, never copy).  Nothing here diagnoses, doses or
promises (S5): ice, heat, shoes and surfaces are described as comfort or convention.
"""

from __future__ import annotations

from datetime import datetime

from runplan.models import Intensity, Session, SessionKind, StepKind, Surface, Warmup, WarmupStep
from runplan.rules.limits import LADDER, R3_RUN_PAIN, SOFTNESS

__all__ = [
    "CARE_MINUTES",
    "FORM_CUES",
    "SHOE_NOTE",
    "SOFTNESS",
    "STRENGTH_CIRCUIT",
    "STRENGTH_MINUTES",
    "care_session",
    "ladder_session",
    "softest_surface",
    "surface_note",
    "warmup",
]

#: A12: brief form cues carried by every run.
FORM_CUES = "Form: run tall, relax your shoulders, take short quick steps."
#: A5: the shoe reminder carried by every run.
SHOE_NOTE = "Wear well-cushioned, supportive running shoes."
#: A3: length of a core and back strength session, in minutes.
STRENGTH_MINUTES = 25
STRENGTH_CIRCUIT = (
    "Two easy rounds, moving slowly and stopping any exercise that hurts:",
    "bird-dog, 8 each side",
    "dead bug, 8 each side",
    "glute bridge, 10",
    "side plank on the knees, 20 s each side",
    "front plank on the forearms, 20 s",
    "prone back extension (small range), 8",
)

_PREFERENCE = tuple(Surface)  # grass, dirt, trail, track, treadmill, road


def softest_surface(surfaces: list[Surface], *, flat: bool = False) -> Surface:
    """The softest surface the runner has (A6); ``flat`` skips trail for walk-run steps."""
    usable = [s for s in _PREFERENCE if s in surfaces and not (flat and s is Surface.TRAIL)]
    return usable[0] if usable else min(surfaces, key=_PREFERENCE.index)


def surface_note(surface: Surface) -> str:
    """A6: why this surface (:data:`~runplan.rules.limits.SOFTNESS`: 0 gives way)."""
    if SOFTNESS[surface] == 0:
        return f"Run on {surface.value}: a surface that gives way is kinder to the back."
    return (
        f"Run on the {surface.value}: it is the softest surface you listed. Grass or dirt "
        "would give way more."
    )


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
                text="Easy walk, building from relaxed to brisk.",
            ),
            WarmupStep(
                kind=StepKind.BACK_STRETCH,
                minutes=stretch,
                text="Gentle back stretches: knee hugs, cat-camel, pelvic tilts; slow and "
                "pain-free.",
            ),
        ],
    )


#: Length of a home-care session (ice or heat; gentle mobility; physical-therapy exercises).
CARE_MINUTES = {"ice": 20, "heat": 20, "gentle": 25, "pt": 30}

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
        "Gentle back mobility and easy walk",
        (
            "Easy walk at a comfortable pace, 10 to 15 minutes: keep moving, no bed rest.",
            "Knee hugs, pelvic tilts and cat-camel, slowly, within comfort.",
            "Stop anything that sharpens the pain.",
        ),
    ),
    "pt": (
        SessionKind.MOBILITY,
        "Physical-therapy exercises and easy walk",
        (
            "The exercises your physical therapist gave you, gently and within comfort.",
            "Not seen a physical therapist yet? Keep to knee hugs and pelvic tilts, and ask your "
            "clinician for a referral.",
            "Easy walk as comfortable.",
        ),
    ),
}


def care_session(what: str, start: datetime, rules: list[str]) -> Session:
    """A home-care session: ``ice`` / ``heat`` (A7) or ``gentle`` / ``pt`` mobility."""
    kind, title, steps = _CARE[what]
    notes = [_ANTI_INFLAMMATORY] if what in {"ice", "heat"} else []
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


def ladder_session(
    step: int, start: datetime, surfaces: list[Surface], text: str, minutes: int, warm: int
) -> Session:
    """One R2 walk-run step on flat, even ground, with its intervals spelled out.

    It opens with the runner's usual A2 warm-up (``warm`` minutes), like every run.
    """
    surface = softest_surface(surfaces, flat=True)
    return Session(
        kind=SessionKind.RUN,
        title=f"Walk-run, step {step} of {len(LADDER)}",
        start=start,
        duration_min=warm + minutes,
        warmup=warmup(warm),
        surface=surface,
        intensity=Intensity.EASY,
        ladder_step=step,
        content=[
            f"Warm-up {warm} min: walk, then back stretches (see steps).",
            f"Step {step}: {text}, on flat, even ground.",
            f"Stop if pain goes above {R3_RUN_PAIN}/10. Log how it felt "  # R3
            "(run_pain, settled_by_morning): pain steps the plan back a step.",
        ],
        notes=[FORM_CUES, SHOE_NOTE, surface_note(surface)],
        rules=["R1", "R2", "R3", "A2", "A5", "A6", "A12"],
    )
