"""The one registry of output formats: name, file suffix and renderer.

``runplan plan --format``, ``runplan roster --format`` and :func:`runplan.plan_many`
all read it, so a new exporter is added here once.  Renderers are imported on first
use: ``to_ics`` pulls in icalendar and ``to_html`` jinja2 and pygal, which a JSON-only
roster never needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from runplan.models import Plan

__all__ = [
    "FOLDER_FORMATS",
    "FORMATS",
    "MAX_ALARM_MINUTES",
    "ExportOptions",
    "FolderFormat",
    "Format",
    "render",
]


#: The longest alarm lead a calendar export takes (one week), checked by the exporter and
#: by ``--alarm`` alike.  Here, not in the ics module, so the command line can read it
#: without importing icalendar.
MAX_ALARM_MINUTES = 7 * 24 * 60


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What a format may be asked beyond the plan (only the calendar uses them today)."""

    alarm_minutes: int | None = None
    refresh: timedelta | None = None
    calendar_name: str | None = None
    previous: bytes | None = None
    show_away: bool = True  # ics: days away (D1) as all-day events


@dataclass(frozen=True, slots=True)
class Format:
    """One output format: its ``--format`` name, file suffix and renderer's home."""

    name: str
    suffix: str
    module: str
    function: str

    def render(self, plan: Plan, options: ExportOptions) -> bytes:
        """The plan in this format, as the bytes written to a file."""
        renderer = getattr(import_module(self.module), self.function)
        if self.name == "ics":
            data: bytes | str = renderer(
                plan,
                alarm_minutes=options.alarm_minutes,
                refresh=options.refresh,
                calendar_name=options.calendar_name,
                previous=options.previous,
                show_away=options.show_away,
            )
        else:
            data = renderer(plan)
        return data if isinstance(data, bytes) else data.encode("utf-8")


#: Format name -> format, in the order listed to users.
FORMATS: Mapping[str, Format] = MappingProxyType(
    {
        "ics": Format("ics", ".ics", "runplan.export.ics", "to_ics"),
        "json": Format("json", ".json", "runplan.export.jsonout", "to_json"),
        "text": Format("text", ".txt", "runplan.export.text", "to_text"),
        "html": Format("html", ".html", "runplan.export.html", "to_html"),
    }
)


def render(plan: Plan, name: str, options: ExportOptions | None = None) -> bytes:
    """``plan`` rendered by the format called ``name`` (a key of :data:`FORMATS`)."""
    return FORMATS[name].render(plan, options or ExportOptions())


@dataclass(frozen=True, slots=True)
class FolderFormat:
    """A format that is a folder of files per plan, not one file (FIT workouts, one file
    a session): its ``--format`` name and its writer's home.  ``runplan roster`` writes
    it into a folder per runner; ``plan`` and :func:`runplan.plan_many` do not take it."""

    name: str
    module: str
    function: str

    def write(self, plan: Plan, folder: Path) -> list[str]:
        """Write the plan into ``folder`` (made if missing); the names written."""
        writer = getattr(import_module(self.module), self.function)
        names: list[str] = writer(plan, folder)
        return names


#: Folder format name -> format (``roster --format fit``: docs/workouts.md).
FOLDER_FORMATS: Mapping[str, FolderFormat] = MappingProxyType(
    {"fit": FolderFormat("fit", "runplan.export.fit", "write_folder")}
)
