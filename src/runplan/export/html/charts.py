"""The page's charts, drawn by pygal from the plan's own numbers as static inline SVG.

pygal (Kozea) writes SVG without a browser or a plotting stack; it costs about 50 ms to
import, so it is imported only when a chart is drawn (docs/html.md).  What it writes is
cleaned for a page with no script and no network: its ``<script>`` (the tooltip
config, written even with ``js=[]``), its comments (one carries today's date, two a
URL), its namespace declarations and its inner ids (repeated from chart to chart) are
dropped; the chart's random uuid is replaced by an id named for its role.  The SVG is
re-serialised by the standard library, so the page is the same byte for byte whether
pygal drew with lxml or with ElementTree.  Each chart comes with its numbers as a small
table and a sentence, the text alternative screen readers get.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from runplan.export.html.view import KINDS
from runplan.models import Plan, Session, SessionKind
from runplan.rules.limits import L5_RATIO

if TYPE_CHECKING:
    from pygal.style import Style

__all__ = ["BAND_LOW", "Chart", "charts"]

#: The low edge of the load ratio band drawn on the load chart: the conventional "sweet
#: spot" floor of an acute:chronic ratio; the high edge is L5's ceiling.  For display
#: only: no rule of runplan reads it.
BAND_LOW = 0.8
_WIDTH, _HEIGHT = 800, 320


@dataclass(frozen=True, slots=True)
class Chart:
    """One figure: ``svg`` is empty when the plan has no number to draw."""

    role: str
    caption: str
    summary: str
    svg: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def charts(plan: Plan) -> tuple[Chart, ...]:
    """Weekly minutes by kind and the load ratio, then the walk-run ladder if any."""
    out = [_minutes(plan), _load(plan)]
    if any(s.ladder_step is not None for _, s in plan.sessions()):
        out.append(_ladder(plan))
    return tuple(out)


def _week_labels(plan: Plan) -> list[str]:
    """``W1`` ... with ``R`` after a recovery week (the mark the caption explains)."""
    return [f"W{n}{' R' if w.recovery_week else ''}" for n, w in enumerate(plan.weeks, 1)]


def _minutes(plan: Plan) -> Chart:
    """Weekly minutes stacked by session kind, recovery weeks marked ``R``."""
    import pygal

    kinds = [k for k in KINDS if any(s.kind is k for _, s in plan.sessions())]
    table = {k: [_week_minutes(week_days, k) for week_days in _weeks(plan)] for k in kinds}
    labels = _week_labels(plan)
    chart = pygal.StackedBar(**_config(), style=_style(tuple(kinds)))
    chart.x_labels = labels
    for kind in kinds:
        chart.add(KINDS[kind].label, table[kind])
    totals = [sum(col) for col in zip(*table.values(), strict=True)] or [0] * len(labels)
    recovery = [str(n) for n, w in enumerate(plan.weeks, 1) if w.recovery_week]
    summary = (
        f"Planned minutes per week, {len(labels)} weeks: "
        + ", ".join(f"week {n} {t}" for n, t in enumerate(totals, 1))
        + (f"; recovery weeks: {', '.join(recovery)}." if recovery else ".")
    )
    rows = tuple(
        (label, *(str(table[k][i]) for k in kinds), str(totals[i]))
        for i, label in enumerate(labels)
    )
    return Chart(
        role="minutes",
        caption="Planned minutes per week, stacked by kind (R: recovery week).",
        summary=summary,
        svg=_svg(chart, "minutes", summary),
        columns=("Week", *(KINDS[k].label for k in kinds), "Total"),
        rows=rows,
    )


def _weeks(plan: Plan) -> list[list[Session]]:
    return [[s for d in w.days for s in d.sessions] for w in plan.weeks]


def _week_minutes(sessions: Sequence[Session], kind: SessionKind) -> int:
    return sum(s.duration_min for s in sessions if s.kind is kind)


def _load(plan: Plan) -> Chart:
    """The load ratio each week states (L5), inside the band from :data:`BAND_LOW` to
    L5's ceiling; no line when the plan states none."""
    import pygal

    ratios = [w.totals.acwr if w.totals is not None else None for w in plan.weeks]
    labels = _week_labels(plan)
    band = f"{BAND_LOW:.1f}-{L5_RATIO:.1f}"
    said = [f"week {n} {r:.2f}" for n, r in enumerate(ratios, 1) if r is not None]
    if not said:
        summary = "This plan states no load ratio."
        svg = ""
    else:
        summary = f"Load ratio per week (band {band}): " + ", ".join(said) + "."
        chart = pygal.Line(**_config(), style=_style(("band", "band", "load")), show_dots=True)
        chart.x_labels = labels
        chart.add(f"band low {BAND_LOW:.1f}", [BAND_LOW] * len(labels), **_DASHED)
        chart.add(f"band high {L5_RATIO:.1f}", [L5_RATIO] * len(labels), **_DASHED)
        chart.add("load ratio", ratios, stroke_style={"width": 3})
        svg = _svg(chart, "load", summary)
    return Chart(
        role="load",
        caption=f"Load ratio (acute:chronic, L5) per week, with the {band} band.",
        summary=summary,
        svg=svg,
        columns=("Week", "Load ratio"),
        rows=tuple(
            (lab, "" if r is None else f"{r:.2f}") for lab, r in zip(labels, ratios, strict=True)
        ),
    )


_DASHED: dict[str, Any] = {"show_dots": False, "stroke_style": {"dasharray": "6,4"}}


def _ladder(plan: Plan) -> Chart:
    """The walk-run ladder's step (R2) of each session on it, in date order."""
    import pygal

    points = [(d, s) for d, s in plan.sessions() if s.ladder_step is not None]
    labels = [f"{d:%m-%d}" for d, _ in points]
    steps = [s.ladder_step for _, s in points]
    summary = "Walk-run ladder step per session: " + ", ".join(
        f"{d.isoformat()} step {s.ladder_step}" for d, s in points
    )
    chart = pygal.Line(**_config(), style=_style(("load",)), show_legend=False)
    chart.x_labels = labels
    chart.x_labels_major_every = max(1, len(labels) // 12)
    chart.show_minor_x_labels = len(labels) <= 12
    chart.add("ladder step", steps, stroke_style={"width": 3})
    return Chart(
        role="ladder",
        caption="Walk-run ladder: the step of each return-to-running session (R2).",
        summary=summary + ".",
        svg=_svg(chart, "ladder", summary),
        columns=("Date", "Kind", "Step"),
        rows=tuple((d.isoformat(), KINDS[s.kind].label, str(s.ladder_step)) for d, s in points),
    )


def _config() -> dict[str, Any]:
    """Options every chart shares: no script, no XML declaration, a fixed size."""
    return {
        "js": [],
        "disable_xml_declaration": True,
        "width": _WIDTH,
        "height": _HEIGHT,
        "legend_at_bottom": True,
        "truncate_legend": -1,
        "include_x_axis": True,
    }


def _style(series: tuple[object, ...]) -> Style:
    """Colours as the page's CSS variables, so the charts follow its light and dark
    themes: a kind's own colour, ``--band`` for the band, ``--accent`` for a line."""
    from pygal.style import Style

    def colour(item: object) -> str:
        if isinstance(item, SessionKind):
            return f"var(--kind-{item.value})"
        return f"var(--{item})"

    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="var(--fg)",
        foreground_strong="var(--fg)",
        foreground_subtle="var(--grid)",
        colors=tuple(colour(i) for i in series) or ("var(--fg)",),
        font_family="system-ui, sans-serif",
        label_font_size=14,
        major_label_font_size=14,
        legend_font_size=14,
        opacity=".9",
        opacity_hover=".9",
        transition="none",
    )


#: What only pygal's script uses: the script itself and each value's tooltip text.
_SCRIPTED = frozenset({"script", "desc"})


def _svg(chart: Any, role: str, label: str) -> str:
    """The chart as inline SVG with a stable id, ``role="img"``, an ``aria-label`` and a
    ``<title>``, nothing that runs or fetches."""
    chart.uuid = f"{role}-svg"  # pygal's CSS is scoped to ``#chart-<uuid>``
    root = ET.fromstring(chart.render())  # the default parser drops comments
    for parent in list(root.iter()):  # the script, and the tooltips' data it would read
        for child in [c for c in parent if c.tag.rpartition("}")[2] in _SCRIPTED]:
            parent.remove(child)
    for element in root.iter():
        element.tag = element.tag.rpartition("}")[2]
        for key in [k for k in element.attrib if k.startswith("{")]:
            del element.attrib[key]  # xlink: only the script's tooltips use it
        if element is not root:
            element.attrib.pop("id", None)
    root.set("role", "img")
    root.set("aria-label", label)
    title = root.find("title")
    if title is not None:
        title.text = label
    return ET.tostring(root, encoding="unicode")
