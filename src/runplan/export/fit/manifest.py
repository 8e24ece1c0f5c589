"""Which sessions of a plan get a workout file, the files' names, and ``manifest.json``.

A file is named ``YYYY-MM-DD-HHMM-<kind>-<slug>.fit``: the session's local start, its
kind and its title as lower-case ASCII letters, digits and hyphens (so it sorts by date
and no name can leave the folder).  ``manifest.json`` lists every file with its date,
start, kind, title, workout name and steps; the next run reads it to know which files it
wrote before (docs/workouts.md).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from runplan.export.fit.steps import Part, Repeat, Step, Workout, workout_of
from runplan.models import Plan, Session, SessionKind

__all__ = [
    "MANIFEST",
    "WORKOUT_KINDS",
    "Entry",
    "entries",
    "file_name",
    "listed_files",
    "manifest_json",
]

MANIFEST = "manifest.json"
#: The kinds that get a workout file, in the order ``--kinds`` lists them: every planned
#: session has one.  Home care (mobility: gentle stretches; recovery: ice or heat) is
#: timed too: the watch counts the minutes and shows the steps.
WORKOUT_KINDS: tuple[SessionKind, ...] = (
    SessionKind.RUN,
    SessionKind.BIKE,
    SessionKind.SWIM,
    SessionKind.STRENGTH,
    SessionKind.WALK,
    SessionKind.MOBILITY,
    SessionKind.RECOVERY,
)
_MAX_SLUG = 40
#: What a file name this module wrote looks like: only such names are ever removed.
_OUR_NAME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{4}-[a-z]+-[a-z0-9-]+\.fit")


@dataclass(frozen=True, slots=True)
class Entry:
    """One workout file: its name, the plan day, the session and its workout."""

    file: str
    day: date
    session: Session
    workout: Workout


def file_name(session: Session) -> str:
    """``2026-12-07-0600-run-easy-run.fit`` for ``session``."""
    s = session.start
    stamp = f"{s.year:04d}-{s.month:02d}-{s.day:02d}-{s.hour:02d}{s.minute:02d}"
    return f"{stamp}-{session.kind.value}-{_slug(session.title)}.fit"


def _slug(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:_MAX_SLUG].rstrip("-") or "session"


def entries(plan: Plan, kinds: Collection[SessionKind] = WORKOUT_KINDS) -> list[Entry]:
    """The plan's sessions of ``kinds`` in order, each with a file name no other has."""
    out: list[Entry] = []
    taken: set[str] = set()
    for day, session in plan.sessions():
        if session.kind not in kinds:
            continue
        name = file_name(session)
        stem, n = name[: -len(".fit")], 2
        while name in taken:
            name, n = f"{stem}-{n}.fit", n + 1
        taken.add(name)
        out.append(Entry(name, day, session, workout_of(session)))
    return out


def manifest_json(plan: Plan, found: list[Entry]) -> bytes:
    """``manifest.json``: the runner, then every file with its date, start, kind, title,
    workout name, minutes and steps (a repeat as ``{"repeat": n, "steps": [...]}``), one
    workout a line (short to write, and a re-issue diffs line by line)."""
    head = {
        "manifest": "runplan FIT workouts",
        "version": 1,
        "runner": _text(plan.runner),
        "timezone": plan.timezone,
        "generator": _text(plan.generator),
    }
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    rows = ",\n".join(f"    {json.dumps(_entry(e), ensure_ascii=False)}" for e in found)
    body = f'  "workouts": [\n{rows}\n  ]' if rows else '  "workouts": []'
    return "\n".join(["{", *lines, body, "}", ""]).encode("utf-8")


def _entry(entry: Entry) -> dict[str, Any]:
    session = entry.session
    return {
        "file": entry.file,
        "date": entry.day.isoformat(),
        "start": session.start.isoformat(),
        "kind": session.kind.value,
        "title": _text(session.title),
        "name": entry.workout.name,
        "sport": entry.workout.sport,
        "minutes": session.duration_min,
        "steps": [_part(p) for p in entry.workout.parts],
    }


def _part(part: Part) -> dict[str, Any]:
    if isinstance(part, Repeat):
        return {"repeat": part.times, "steps": [_step(s) for s in part.steps]}
    return _step(part)


def _step(step: Step) -> dict[str, Any]:
    return {
        "name": step.name,
        "notes": step.notes,
        "seconds": step.seconds,
        "intensity": step.intensity,
    }


def _text(text: str) -> str:
    """Valid UTF-8 for the JSON file (a lone surrogate would not encode)."""
    return text.encode("utf-8", "replace").decode("utf-8")


def listed_files(data: bytes) -> list[str]:
    """The workout files an earlier ``manifest.json`` lists: only names this module
    writes (no folder, no path); nothing from a file that is not such a manifest."""
    try:
        document = json.loads(data)
    except ValueError:
        return []
    workouts = document.get("workouts") if isinstance(document, dict) else None
    if not isinstance(workouts, list):
        return []
    names = [w.get("file") for w in workouts if isinstance(w, dict)]
    return [n for n in names if isinstance(n, str) and _OUR_NAME.fullmatch(n)]
