"""What a session contains: warm-up, form cues, strength circuit, recovery steps.

Wording is ours (RULES.md: paraphrase, never copy).  Nothing here diagnoses, doses or
promises (S5): ice, heat, shoes and surfaces are described as comfort or convention.
"""

from __future__ import annotations

from runplan.models import StepKind, Surface, Warmup, WarmupStep

__all__ = [
    "FORM_CUES",
    "SHOE_NOTE",
    "SOFTNESS",
    "STRENGTH_CIRCUIT",
    "STRENGTH_MINUTES",
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

#: A6: softness class of each surface (lower is softer); grass, dirt and trail give way.
SOFTNESS: dict[Surface, int] = {
    Surface.GRASS: 0,
    Surface.DIRT: 0,
    Surface.TRAIL: 0,
    Surface.TRACK: 1,
    Surface.TREADMILL: 2,
    Surface.ROAD: 3,
}
_PREFERENCE = tuple(Surface)  # grass, dirt, trail, track, treadmill, road


def softest_surface(surfaces: list[Surface], *, flat: bool = False) -> Surface:
    """The softest surface the runner has (A6); ``flat`` skips trail for walk-run steps."""
    usable = [s for s in _PREFERENCE if s in surfaces and not (flat and s is Surface.TRAIL)]
    return usable[0] if usable else min(surfaces, key=_PREFERENCE.index)


def surface_note(surface: Surface) -> str:
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
