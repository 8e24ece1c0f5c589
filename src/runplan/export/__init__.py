"""Exporters: they only read a :class:`~runplan.models.Plan` and decide nothing.

* :func:`to_ics` - iCalendar (RFC 5545) bytes for calendar clients;
* :func:`to_json` / :func:`plan_from_json` - the Plan contract as JSON, and back;
* :func:`to_text` / :func:`to_markdown` - a week view for people.

Each exporter's module is imported on first use (icalendar only for :func:`to_ics`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from runplan.export.ics import to_ics
    from runplan.export.jsonout import plan_from_json, to_json
    from runplan.export.text import to_markdown, to_text

__all__ = ["plan_from_json", "to_ics", "to_json", "to_markdown", "to_text"]

_LAZY = {
    "plan_from_json": "runplan.export.jsonout",
    "to_ics": "runplan.export.ics",
    "to_json": "runplan.export.jsonout",
    "to_markdown": "runplan.export.text",
    "to_text": "runplan.export.text",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'runplan.export' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
