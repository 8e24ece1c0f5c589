"""The HTML view: one self-contained page per plan, and the roster's dashboard
(docs/html.md).

jinja2 and pygal are imported when a page is rendered, not when this package is.
"""

from __future__ import annotations

from runplan.export.html.render import render_dashboard, to_html

__all__ = ["render_dashboard", "to_html"]
