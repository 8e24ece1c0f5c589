"""The HTML view of a :class:`~runplan.models.Plan`: :func:`to_html`; and the roster's
dashboard: :func:`render_dashboard`.

One self-contained page (CSS and charts inline, no script, no URL but in-page anchors),
so it opens offline and from an e-mail attachment; docs/html.md gives its DOM contract.
jinja2 renders the templates of ``templates/`` (package data) with autoescaping on, so
every text from a profile is escaped; only the charts' SVG, written by
:mod:`~runplan.export.html.charts` from numbers, goes in as markup.  Output is
deterministic: the same plan gives the same bytes.

The dashboard is the one page with a script (sorting, ``templates/dashboard.js``): its
CSP allows that script alone, by the SHA-256 of its text, computed here from the very
text the page holds, so the two cannot drift apart.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from runplan.export.html.charts import charts
from runplan.export.html.view import page_view
from runplan.export.text import STATUS_WORDS
from runplan.models import DayStatus, Plan

if TYPE_CHECKING:
    from jinja2 import Environment

    from runplan.export.html.dashboard import DashboardView

__all__ = ["dashboard_csp", "render_dashboard", "to_html"]

#: The plan page's policy; the dashboard adds its script's hash to it.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

#: Day statuses in the legend, the training day left out (it is not shaded).
_SHADED = (DayStatus.NO_TRAINING, DayStatus.HOME_CARE, DayStatus.NO_RUNNING, DayStatus.REST)


def to_html(plan: Plan) -> bytes:
    """``plan`` as one HTML page, UTF-8 bytes.

    Raises :class:`~runplan.errors.ExportError` for a time zone this machine lacks.
    """
    from markupsafe import Markup

    # pygal's SVG, re-serialised by ElementTree (which escapes every text in it): markup
    drawn = tuple(replace(chart, svg=Markup(chart.svg)) for chart in charts(plan))
    page = (
        _environment()
        .get_template("page.html.j2")
        .render(
            page=page_view(plan),
            charts=drawn,
            statuses=[(s.value, STATUS_WORDS[s]) for s in _SHADED],
        )
    )
    return page.encode("utf-8")


def render_dashboard(view: DashboardView) -> bytes:
    """The roster's dashboard (``index.html``), UTF-8 bytes: one row per runner, sortable
    by its inline script, which the page's CSP allows by hash (docs/html.md)."""
    from markupsafe import Markup

    script = _script()
    page = (
        _environment()
        .get_template("dashboard.html.j2")
        .render(board=view, script=Markup(script), csp=dashboard_csp(script))
    )
    return page.encode("utf-8")


def dashboard_csp(script: str) -> str:
    """The dashboard's Content-Security-Policy: the plan page's, plus ``script`` (the
    exact text of its one inline script) allowed by its SHA-256."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"{_CSP}; script-src 'sha256-{digest}'"


@lru_cache(maxsize=1)
def _script() -> str:
    """The sorting script, read once from the templates (package data)."""
    from importlib.resources import files

    return (files("runplan.export.html") / "templates" / "dashboard.js").read_text("utf-8")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """One template environment per process: loading and compiling the templates costs
    more than rendering a plan, so it is done once (the roster renders many)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("runplan.export.html", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
