"""Exporters: they only read a :class:`~runplan.models.Plan` and decide nothing.

* :func:`to_ics` - iCalendar (RFC 5545) bytes for calendar clients;
* :func:`to_json` / :func:`plan_from_json` - the Plan contract as JSON, and back;
* :func:`to_text` / :func:`to_markdown` - a week view for people.
"""

from runplan.export.ics import to_ics
from runplan.export.jsonout import plan_from_json, to_json
from runplan.export.text import to_markdown, to_text

__all__ = ["plan_from_json", "to_ics", "to_json", "to_markdown", "to_text"]
