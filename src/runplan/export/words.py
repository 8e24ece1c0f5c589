"""Words the exporters share for the coaching fields (A13, A14, R2): an effort, a
walk-run session's intervals, a strength exercise.  They only read the plan."""

from __future__ import annotations

from collections.abc import Sequence

from runplan.models import Effort, Exercise, Interval

__all__ = ["effort_text", "exercise_text", "intervals_text"]


def effort_text(effort: Effort) -> str:
    """``RPE 2-3/10, you can talk in full sentences`` (A13)."""
    low, high = effort.rpe_low, effort.rpe_high
    rpe = f"RPE {low}/10" if low == high else f"RPE {low}-{high}/10"
    return f"{rpe}, {effort.cue}" if effort.cue else rpe


def exercise_text(exercise: Exercise) -> str:
    """``bird-dog 2 x 8 each side``, ``front plank 2 x 20 s`` (A14)."""
    if exercise.reps is not None:
        amount = f"{exercise.sets} x {exercise.reps}"
    elif exercise.hold_s is not None:
        amount = f"{exercise.sets} x {exercise.hold_s} s"
    else:
        amount = f"{exercise.sets} sets"
    side = f" {exercise.side} side" if exercise.side else ""
    return f"{exercise.name} {amount}{side}"


def _one(interval: Interval) -> str:
    return f"{interval.kind.value} {interval.minutes} min"


def intervals_text(intervals: Sequence[Interval]) -> str:
    """The intervals in order, a repeated block said once: ``5 x (walk 4 min, jog 1 min)``,
    then whatever follows it."""
    items = list(intervals)
    for size in range(1, len(items) // 2 + 1):
        block = items[:size]
        reps = 1
        while items[reps * size : (reps + 1) * size] == block:
            reps += 1
        if reps > 1:
            head = f"{reps} x ({', '.join(_one(i) for i in block)})"
            rest = items[reps * size :]
            return head + (f", then {intervals_text(rest)}" if rest else "")
    if len(items) > 1:
        return f"{_one(items[0])}, {intervals_text(items[1:])}"
    return ", ".join(_one(i) for i in items)
