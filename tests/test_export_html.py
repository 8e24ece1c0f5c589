"""The HTML view (docs/html.md): the DOM contract read back with the standard library.

The page is well-formed XML as written, so ElementTree reads it; every check is on the
page's structure (ids, classes, data attributes) and visible text, against the plan's
own JSON, for hand-built plans, the example profiles and a red-flag plan.  The browser
checks (axe, layout, print) are in tests/test_html_browser.py.

Regenerate the golden page after an intended change with ``RUNPLAN_UPDATE_GOLDEN=1
python -m pytest tests/test_export_html.py`` and review the diff before committing it.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

import runplan
from runplan.cli import main
from runplan.export.formats import FORMATS, render
from runplan.export.html import to_html
from runplan.export.html.view import KINDS
from runplan.export.jsonout import plan_from_json, to_json
from runplan.models import Advisory, AdvisoryKind, Plan, SessionKind
from runplan.rules import DISCLAIMER, RULES
from sample_plans import all_plans, london_dst_plan

TESTS = Path(__file__).resolve().parent
EXAMPLES = TESTS.parent / "examples" / "profiles"
RED_FLAG = TESTS / "data" / "roster" / "red_flag.toml"
GOLDEN = TESTS / "golden" / "sample_london.html"
UPDATE = os.environ.get("RUNPLAN_UPDATE_GOLDEN") == "1"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
HOSTILE = "<script>alert(1)</script>"
HOSTILE_TEXT = '<img src=x onerror=alert(2)> & "quoted" </td></table>'
REVISION = datetime(2027, 2, 20, 9, 0, tzinfo=UTC)

#: Profile-made plans: (profile, start, weeks).
PROFILED = {
    "six_free_days": (EXAMPLES / "six_free_days.toml", date(2027, 3, 1), 4),
    "strain_returning": (EXAMPLES / "strain_returning.toml", date(2027, 3, 1), 6),
    "sciatica_age_55": (EXAMPLES / "sciatica_age_55.toml", date(2027, 3, 1), 4),
    "red_flag": (RED_FLAG, date(2026, 12, 7), 4),
}


@cache
def plan_of(name: str) -> Plan:
    """A hand-built plan of tests/sample_plans.py, or a profile planned from a fixed day."""
    samples = all_plans()
    if name in samples:
        return samples[name]
    profile, start, weeks = PROFILED[name]
    return runplan.plan(runplan.load_profile(profile), start=start, weeks=weeks, revision=REVISION)


@cache
def page_of(name: str) -> bytes:
    return to_html(plan_of(name))


def tree(page: bytes) -> ET.Element:
    """The page as an element tree (it must be well-formed to be read at all)."""
    return ET.fromstring(page)


def classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in classes(e)]


def text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def by_id(root: ET.Element) -> dict[str, ET.Element]:
    found: dict[str, ET.Element] = {}
    for element in root.iter():
        if element.get("id") is not None:
            assert element.get("id") not in found, f"duplicate id {element.get('id')}"
            found[element.get("id") or ""] = element
    return found


ALL = [*all_plans(), *PROFILED]


# ----------------------------------------------------------------- sessions, days


@pytest.mark.parametrize("name", ALL)
def test_every_session_is_on_its_day_with_time_kind_and_minutes(name: str) -> None:
    plan = plan_of(name)
    root = tree(page_of(name))
    ids = by_id(root)
    data = json.loads(to_json(plan))
    expected = [
        (day["date"], s["kind"], s["start"][11:16], s["duration_min"])
        for week in data["weeks"]
        for day in week["days"]
        for s in day["sessions"]
    ]
    assert expected, "a plan without sessions tests nothing"
    assert len(with_class(root, "session")) == len(expected)
    for day, kind, start, minutes in expected:
        cell = ids[f"day-{day}"]
        assert cell.tag == "td" and cell.get("data-date") == day
        found = [
            s
            for s in cell.iter("article")
            if f"kind-{kind}" in classes(s)
            and s.get("data-kind") == kind
            and s.get("data-start") == start
            and s.get("data-date") == day
            and s.get("data-minutes") == str(minutes)
        ]
        assert found, f"no {kind} at {start} ({minutes} min) on {day}"
        chip = text(found[0])
        label = KINDS[SessionKind(kind)].label
        assert start in chip and label in chip and f"{minutes} min" in chip, chip


@pytest.mark.parametrize("name", ALL)
def test_every_week_and_day_has_its_section_cell_and_status(name: str) -> None:
    plan = plan_of(name)
    ids = by_id(tree(page_of(name)))
    for n, week in enumerate(plan.weeks, start=1):
        section = ids[f"week-{n}"]
        assert section.tag == "section" and "week" in classes(section)
        assert section.find("h2") is not None
        grid = section.find("table")
        assert grid is not None and "grid" in classes(grid)
        assert grid.find("caption") is not None
        heads = grid.findall("thead/tr/th")
        assert len(heads) == len(week.days) and all(h.get("scope") == "col" for h in heads)
        for day in week.days:
            cell = ids[f"day-{day.date}"]
            status = cell.get("data-status")
            assert status is not None and f"status-{status}" in classes(cell)
            if day.status is not None:
                assert status == day.status.value
            label = with_class(cell, "status")
            assert label and text(label[0]), "the status is labelled in words"


def test_details_hold_the_warmup_notes_and_rules_with_titles() -> None:
    root = tree(page_of("london"))
    run = next(s for s in with_class(root, "session") if s.get("data-kind") == "run")
    details = run.find("details")
    assert details is not None and details.find("summary") is not None
    said = text(details)
    assert "Walk briskly but easily." in said  # a warm-up step
    assert "Wear well-cushioned, supportive shoes." in said  # a note
    assert f"A2 {RULES['A2'].title}" in said


def test_intervals_exercises_effort_and_stop_rule_come_from_the_plan() -> None:
    plan = plan_of("strain_returning")
    root = tree(page_of("strain_returning"))
    said = text(root)
    sessions = [s for _, s in plan.sessions()]
    stop = next(s.stop_rule for s in sessions if s.stop_rule)
    assert stop is not None and " ".join(stop.split()) in said
    assert any(s.intervals for s in sessions) and "walk" in said
    exercise = next(e for s in sessions for e in s.exercises or ())
    assert exercise.name in said
    assert re.search(r"RPE \d+(-\d+)?/10", said)


def test_the_legend_names_every_kind_with_a_shape() -> None:
    ids = by_id(tree(page_of("la")))
    legend = text(ids["legend"])
    for kind in KINDS.values():
        assert kind.label in legend and kind.shape in legend and kind.shape_name in legend


# --------------------------------------------------------------------- advisories


@pytest.mark.parametrize("name", ["london", "nasty", "red_flag", "strain_returning"])
def test_urgent_and_consult_advisories_lead_the_page_linked_to_a_day(name: str) -> None:
    plan = plan_of(name)
    root = tree(page_of(name))
    ids = by_id(root)
    body = root.find("body")
    assert body is not None
    order = [child.tag if child.get("id") is None else child.get("id") for child in body]
    assert order.index("header") + 1 == order.index("alerts"), order
    alerts = ids["alerts"]
    assert alerts.get("aria-label") == "Important advisories"
    shown = with_class(alerts, "advisory")
    wanted = [a for a in plan.advisories if a.kind is AdvisoryKind.URGENT]
    wanted += [a for a in plan.advisories if a.kind is AdvisoryKind.CONSULT]
    assert wanted, "the plan has no urgent or consult advisory"
    assert len(shown) == len(wanted)
    for item, advisory in zip(shown, wanted, strict=True):
        assert advisory.kind.value in classes(item)
        assert " ".join(advisory.message.split()) in text(item)
        assert advisory.date.isoformat() in text(item)
        links = [a.get("href") or "" for a in item.iter("a")]
        assert links and links[0].startswith("#day-") and links[0][1:] in ids
    # above the first week and the charts, in document order
    positions = {e.get("id"): i for i, e in enumerate(root.iter()) if e.get("id")}
    assert positions["alerts"] < positions["week-1"] < positions["charts"]


def test_a_plan_without_urgent_or_consult_has_no_banner() -> None:
    assert "alerts" not in by_id(tree(page_of("la")))


def test_notes_are_shown_on_their_day() -> None:
    ids = by_id(tree(page_of("london")))
    sunday = ids["day-2026-03-29"]
    notes = [e for e in with_class(sunday, "advisory") if "note" in classes(e)]
    assert len(notes) == 3 and "Clocks go forward" in text(sunday)


def test_an_advisory_outside_the_plan_links_to_the_nearest_day() -> None:
    plan = london_dst_plan()
    early = Advisory(kind=AdvisoryKind.URGENT, date=date(2026, 3, 1), message="Early.")
    late = Advisory(kind=AdvisoryKind.CONSULT, date=date(2026, 5, 1), message="Late.")
    plan = plan.model_copy(update={"advisories": [early, late]})
    ids = by_id(tree(to_html(plan)))
    links = [a.get("href") for a in ids["alerts"].iter("a")]
    assert links == ["#day-2026-03-23", "#day-2026-04-05"]
    assert "Early." in text(ids["day-2026-03-23"])


# ------------------------------------------------------------------ page contract


@pytest.mark.parametrize("name", ALL)
def test_the_page_is_self_contained(name: str) -> None:
    page = page_of(name)
    source = page.decode("utf-8")
    assert not re.search(r"https?:", source, re.IGNORECASE)
    assert "//" not in source
    assert "<script" not in source.lower()
    assert "src=" not in source.lower()
    assert "url(" not in source and "@import" not in source
    assert "<?xml" not in source and "xmlns" not in source
    for element in tree(page).iter():
        for attribute in ("href", "src", "action", "srcset", "poster", "data"):
            value = element.get(attribute)
            assert value is None or value.startswith("#"), f"{element.tag} {attribute}={value}"
        assert element.tag not in {"script", "link", "img", "iframe", "object", "embed"}


def test_head_and_header_follow_the_contract() -> None:
    root = tree(page_of("london"))
    assert root.tag == "html" and root.get("lang") == "en"
    metas = root.findall("head/meta")
    assert metas[0].get("charset") == "utf-8"
    named = {m.get("name") or m.get("http-equiv"): m.get("content") for m in metas}
    assert named["viewport"] == "width=device-width, initial-scale=1"
    assert named["Content-Security-Policy"] == CSP
    title = root.find("head/title")
    assert title is not None and "Alex Doe" in text(title)
    header = root.find("body/header")
    assert header is not None
    h1 = header.find("h1")
    assert h1 is not None and text(h1) == "Alex Doe"
    disclaimer = with_class(header, "disclaimer")
    assert disclaimer and text(disclaimer[0]) == DISCLAIMER
    said = text(header)
    assert "Europe/London" in said and "2026-03-23" in said and "2026-04-05" in said
    assert root.find("body/main") is not None


def test_the_page_is_well_formed_for_the_html_parser_too() -> None:
    """html.parser sees every element closed in order (the same reading as a browser's
    for this markup): no stray end tag from a text that was not escaped."""

    class Check(HTMLParser):
        VOID = frozenset({"meta", "br", "hr", "input", "link", "img"})

        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in self.VOID:
                self.open.append(tag)

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            pass  # <meta ... />, SVG's <rect ... />: nothing left open

        def handle_endtag(self, tag: str) -> None:
            assert self.open and self.open.pop() == tag, tag

    for name in ("nasty", "injection", "strain_returning"):
        check = Check()
        check.feed(page_of(name).decode("utf-8"))
        check.close()
        assert check.open == []


def test_a_hostile_runner_name_and_texts_are_escaped() -> None:
    data = json.loads(to_json(london_dst_plan(runner=HOSTILE)))
    session = data["weeks"][0]["days"][0]["sessions"][0]
    session["title"] = HOSTILE_TEXT
    session["notes"] = [HOSTILE_TEXT]
    data["advisories"][0]["message"] = HOSTILE_TEXT
    page = to_html(plan_from_json(json.dumps(data)))
    source = page.decode("utf-8")
    assert "<script" not in source and "<img" not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    root = tree(page)  # a stray </td></table> would make it ill-formed
    h1 = root.find("body/header/h1")
    assert h1 is not None and text(h1) == HOSTILE
    assert " ".join(HOSTILE_TEXT.split()) in text(by_id(root)["day-2026-03-23"])
    assert " ".join(HOSTILE_TEXT.split()) in text(by_id(root)["alerts"])


def test_control_characters_and_bidi_overrides_do_not_reach_the_page() -> None:
    page = page_of("nasty").decode("utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]", page)
    assert "Zoë" in page and "🏃" in page


# ---------------------------------------------------------------------- determinism


def test_the_same_plan_gives_the_same_bytes() -> None:
    plan = plan_of("strain_returning")
    assert to_html(plan) == to_html(plan)


def test_the_same_bytes_in_another_process_hash_seed_and_time_zone(tmp_path: Path) -> None:
    source = tmp_path / "plan.json"
    source.write_text(to_json(plan_of("strain_returning")), encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from runplan.export.html import to_html; "
        "from runplan.export.jsonout import plan_from_json; "
        "sys.stdout.buffer.write(to_html(plan_from_json(Path(sys.argv[1]).read_text())))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "TZ": "Pacific/Auckland"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(source)], env=env, capture_output=True, check=True
    )
    assert done.stdout == page_of("strain_returning")


def test_golden_page() -> None:
    """A hand-built plan (not the scheduler's output, which other work changes), pinned
    byte for byte: a change to the page shows up in review as a diff."""
    got = to_html(london_dst_plan())
    if UPDATE:
        GOLDEN.write_bytes(got)
    assert GOLDEN.exists(), f"missing {GOLDEN.name}: run with RUNPLAN_UPDATE_GOLDEN=1"
    assert got == GOLDEN.read_bytes()


# --------------------------------------------------------------------------- charts


@pytest.mark.parametrize("name", ALL)
def test_charts_minutes_and_load_always_ladder_only_with_ladder_sessions(name: str) -> None:
    plan = plan_of(name)
    ids = by_id(tree(page_of(name)))
    ladder = any(s.ladder_step is not None for _, s in plan.sessions())
    assert ("chart-ladder" in ids) is ladder
    charts = ids["charts"]
    roles = ["chart-minutes", "chart-load", *(["chart-ladder"] if ladder else [])]
    assert [f.get("id") for f in charts.iter("figure")] == roles
    for figure in charts.iter("figure"):
        assert figure.find("figcaption") is not None
        assert figure.find("details/table/caption") is not None  # the numbers, as text


def test_a_ladder_plan_charts_its_steps_and_a_healthy_plan_does_not() -> None:
    assert "chart-ladder" in by_id(tree(page_of("strain_returning")))
    assert "chart-ladder" not in by_id(tree(page_of("six_free_days")))


def test_chart_svg_is_inline_labelled_and_stable() -> None:
    plan = plan_of("strain_returning")
    ids = by_id(tree(page_of("strain_returning")))
    labels: dict[str, str] = {}
    for figure in ("chart-minutes", "chart-load", "chart-ladder"):
        svg = ids[figure].find("svg")
        assert svg is not None, f"{figure} has no inline svg"
        assert svg.get("role") == "img"
        assert svg.get("id") == f"{figure}-svg"  # not pygal's random uuid
        title = svg.find("title")
        labels[figure] = svg.get("aria-label") or ""
        assert labels[figure] and title is not None and text(title) == labels[figure]
    week_1 = sum(s.duration_min for d in plan.weeks[0].days for s in d.sessions)
    assert f"week 1 {week_1}" in labels["chart-minutes"]
    ratio = plan.weeks[0].totals.acwr if plan.weeks[0].totals else None
    assert ratio is not None and f"week 1 {ratio:.2f}" in labels["chart-load"]


def test_a_plan_without_load_ratios_says_so_instead_of_a_chart() -> None:
    ids = by_id(tree(page_of("london")))
    load = ids["chart-load"]
    assert load.find("svg") is None and "states no load ratio" in text(load)


# ----------------------------------------------------------------------- CSS, size


def test_print_narrow_and_dark_styles_are_in_the_page() -> None:
    css = page_of("london").decode("utf-8")
    assert re.search(r"@media print \{.*\.week \{[^}]*break-inside: avoid", css, re.S)
    assert "@media (max-width: 48rem)" in css
    assert "prefers-color-scheme: dark" in css


# ----------------------------------------------------------------- registry, CLI


def test_html_is_a_registered_format() -> None:
    assert FORMATS["html"].suffix == ".html"
    assert render(plan_of("la"), "html") == page_of("la")


def test_importing_the_package_loads_neither_jinja2_nor_pygal() -> None:
    code = (
        "import sys, runplan, runplan.export.html, runplan.export.formats; "
        "print(sorted(m for m in ('jinja2', 'pygal') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert done.stdout.strip() == b"[]"


def test_plan_command_writes_the_page(tmp_path: Path) -> None:
    profile, start, weeks = PROFILED["six_free_days"]
    out = tmp_path / "x.html"
    argv = ["plan", str(profile), "--format", "html", "--start", start.isoformat()]
    argv += ["--weeks", str(weeks), "--revision", "2027-02-20T09:00:00Z", "--out", str(out)]
    code = main(argv, stdout=io.StringIO(), stderr=io.StringIO())
    assert code == 0
    assert out.read_bytes() == page_of("six_free_days")


def test_roster_writes_one_page_per_runner(tmp_path: Path) -> None:
    out = tmp_path / "out"
    err = io.StringIO()
    argv = ["roster", str(RED_FLAG.parent), "--out", str(out), "--format", "html"]
    code = main([*argv, "--start", "2026-12-07"], stdout=io.StringIO(), stderr=err)
    assert code == 1  # the folder's two broken profiles; the others are planned
    pages = sorted(p.name for p in out.glob("*.html") if p.name != "index.html")
    assert pages == ["ann-lee-2.html", "ann-lee.html", "disc.html", "red-flag.html"]
    flagged = tree((out / "red-flag.html").read_bytes())
    assert "alerts" in by_id(flagged)
