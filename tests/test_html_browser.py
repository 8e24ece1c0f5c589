"""The HTML pages (docs/html.md) opened in a real browser: Debian's Chromium, headless,
driven by Playwright.

* the plan page of the golden plans (healthy, strain return, red flag): every session of
  the plan's JSON on its day with its time, every urgent and consult advisory in
  ``#alerts`` linked to its day, the urgent one above the fold on a phone, the charts,
  the page's own CSP and no script;
* a hostile runner name shows as text: no dialog, no injected element;
* axe-core (tests/browser, from npm) in the page: no serious or critical violation, at
  1280 and 390 px, light and dark;
* screenshots at 1280 and 390 px into ``tests/artefacts/html/``;
* printed to PDF (A4): one page per week or fewer;
* the roster dashboard (``index.html``): six runners (urgent and consult first, sorting
  by a header click, links to each page, axe) and 200 runners loaded within 2 s.

Every page is opened by its ``file://`` URL; any other request (only ``data:`` and
``about:`` are allowed) is blocked and fails the test, as does a console error (a CSP
violation among them), an uncaught exception or a dialog.

A test skips only when its tool is missing, saying what to install; ``.ci/run`` installs
Chromium (apt) and axe-core (``npm ci --prefix tests/browser``).
"""

from __future__ import annotations

import io
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Error,
    Page,
    Request,
    Route,
    sync_playwright,
)

import runplan
from runplan.cli import main
from runplan.export.jsonout import to_json
from runplan.models import Plan

#: These drive a real browser: `-m 'not integration'` skips them.
pytestmark = pytest.mark.integration

TESTS = Path(__file__).resolve().parent
EXAMPLES = TESTS.parent / "examples" / "profiles"
RED_FLAG = TESTS / "data" / "roster" / "red_flag.toml"
CHROMIUM = Path("/usr/bin/chromium")
AXE = TESTS / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = TESTS / "artefacts" / "html"

WIDE = (1280, 800)
PHONE = (390, 844)  # an iPhone-sized viewport: the fold is at 844 px
WIDTHS = {"1280": WIDE, "390": PHONE}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
AXE_TAGS = ["wcag2a", "wcag2aa"]
SERIOUS = ("serious", "critical")
LOAD_BUDGET_MS = 2000
HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script> & "Bob"'


# -------------------------------------------------------------------------- plans


@dataclass(frozen=True)
class PlanCase:
    """A profile planned from a fixed start, so that the page is the same every run."""

    profile: Path
    start: date
    weeks: int
    name: str | None = None  # replaces the profile's runner name


CASES = {
    "healthy": PlanCase(EXAMPLES / "six_free_days.toml", date(2026, 3, 2), 4),
    "strain-return": PlanCase(EXAMPLES / "strain_returning.toml", date(2027, 3, 1), 6),
    "red-flag": PlanCase(RED_FLAG, date(2026, 12, 7), 4),
    "hostile": PlanCase(EXAMPLES / "six_free_days.toml", date(2026, 3, 2), 1, HOSTILE),
    "sixteen-weeks": PlanCase(EXAMPLES / "six_free_days.toml", date(2026, 3, 2), 16),
    # a red flag under a 200-character name: the banner must still open the phone screen
    "red-flag-long-name": PlanCase(RED_FLAG, date(2026, 12, 7), 4, "Ruth " + "Flag-" * 39),
    "strain-one-week": PlanCase(EXAMPLES / "strain_returning.toml", date(2027, 3, 1), 1),
    "strain-sixteen": PlanCase(EXAMPLES / "strain_returning.toml", date(2027, 3, 1), 16),
}
GOLDEN = ["healthy", "strain-return", "red-flag"]


@cache
def plan_of(case_id: str) -> Plan:
    """The plan of ``CASES[case_id]``."""
    c = CASES[case_id]
    runner = runplan.load_profile(c.profile)
    if c.name is not None:
        runner = runner.model_copy(update={"name": c.name})
    return runplan.plan(runner, start=c.start, weeks=c.weeks)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the plan pages are written to."""
    return tmp_path_factory.mktemp("html")


def page_of(site: Path, case_id: str) -> Path:
    """The plan page of ``case_id``, written once into ``site``."""
    from runplan.export.html import to_html

    path = site / f"{case_id}.html"
    if not path.exists():
        path.write_bytes(to_html(plan_of(case_id)))
    return path


@dataclass(frozen=True)
class Planned:
    """One session of the plan's JSON, as the page must show it."""

    day: str  # YYYY-MM-DD, the day it is listed under
    kind: str
    start: str  # HH:MM local time
    minutes: int


def planned(plan: Plan) -> list[Planned]:
    """Every session of the plan, read from its JSON export."""
    data = json.loads(to_json(plan))
    return [
        Planned(day["date"], s["kind"], s["start"][11:16], s["duration_min"])
        for week in data["weeks"]
        for day in week["days"]
        for s in day["sessions"]
    ]


# ------------------------------------------------------------------------ browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless (Playwright cannot download its own here)."""
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's chromium is not installed: .ci/run installs it "
            "(apt-get install --no-install-recommends chromium fonts-dejavu-core)"
        )
    # The sandbox needs user namespaces that root in a container does not get.
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe() -> Path:
    """axe-core's script, installed from npm."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed: npm ci --prefix tests/browser (.ci/run does it)")
    return AXE


@dataclass
class Watch:
    """What a page did besides showing itself: requests, dialogs, errors."""

    own: str  # the page's file:// URL
    outside: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        # Seen even when the page's CSP then blocks the request: an attempt is a failure.
        if request.url != self.own and not request.url.startswith(("data:", "about:")):
            self.outside.append(request.url)

    def route(self, route: Route) -> None:
        if route.request.url == self.own:
            route.continue_()
        else:
            route.abort()

    def on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def on_error(self, error: Error) -> None:
        self.errors.append(f"uncaught: {error.message}")

    def assert_quiet(self) -> None:
        """Nothing was requested but the page itself, no dialog, no error."""
        assert not self.outside, f"the page requested {self.outside}"
        assert not self.dialogs, f"the page opened dialogs: {self.dialogs}"
        assert not self.errors, "\n".join(self.errors)


@contextmanager
def opened(
    browser: Browser,
    path: Path,
    size: tuple[int, int] = WIDE,
    *,
    dark: bool = False,
    bypass_csp: bool = False,
) -> Iterator[tuple[Page, Watch]]:
    """``path`` opened in a fresh context of the given viewport and colour scheme; on a
    normal exit the page must have stayed quiet (:meth:`Watch.assert_quiet`)."""
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]},
        color_scheme="dark" if dark else "light",
        bypass_csp=bypass_csp,
    )
    try:
        watch = Watch(path.as_uri())
        context.route("**/*", watch.route)
        page = context.new_page()
        page.on("request", watch.on_request)
        page.on("dialog", watch.on_dialog)
        page.on("console", watch.on_console)
        page.on("pageerror", watch.on_error)
        page.goto(watch.own, wait_until="load")
        yield page, watch
        watch.assert_quiet()
    finally:
        context.close()


def run_axe(page: Page, watch: Watch, axe: Path) -> list[dict[str, Any]]:
    """axe-core's serious and critical WCAG 2 A/AA violations of ``page``.

    The network check comes first, so that nothing axe does can be blamed on the page.
    """
    watch.assert_quiet()
    page.add_script_tag(path=str(axe))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations: list[dict[str, Any]] = result["violations"]
    return [v for v in violations if v["impact"] in SERIOUS]


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations as lines a person can act on: rule, impact, help, then the elements."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:8]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(node['target'])}: {summary}")
    return "\n".join(lines)


def artefact(name: str) -> Path:
    """A path in the artefacts folder (made if missing)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS / name


# ---------------------------------------------------------------------- plan page


@pytest.mark.parametrize("case_id", GOLDEN)
def test_every_session_is_on_its_day_with_its_time(
    browser: Browser, site: Path, case_id: str
) -> None:
    expected = planned(plan_of(case_id))
    assert expected, "a golden plan without sessions tests nothing"
    with opened(browser, page_of(site, case_id)) as (page, _):
        assert page.locator("article.session").count() == len(expected)
        for s in expected:
            selector = (
                f'td.day#day-{s.day} article.session.kind-{s.kind}[data-kind="{s.kind}"]'
                f'[data-start="{s.start}"][data-date="{s.day}"]'
            )
            found = page.locator(selector)
            assert found.count() >= 1, f"no {s.kind} at {s.start} on {s.day}: {selector}"
            session = found.first
            assert session.is_visible(), f"{selector} is hidden at 1280 px"
            assert s.start in session.inner_text()
            assert session.get_attribute("data-minutes") == str(s.minutes)


@pytest.mark.parametrize("case_id", GOLDEN)
def test_every_day_has_its_cell_and_status(browser: Browser, site: Path, case_id: str) -> None:
    plan = plan_of(case_id)
    with opened(browser, page_of(site, case_id)) as (page, _):
        assert page.locator("section.week").count() == len(plan.weeks)
        for n, week in enumerate(plan.weeks, start=1):
            assert page.locator(f"section.week#week-{n} table.grid").count() == 1
            for day in week.days:
                cell = page.locator(f"#week-{n} td.day#day-{day.date}")
                assert cell.count() == 1, f"no cell for {day.date} in week {n}"
                assert cell.get_attribute("data-date") == day.date.isoformat()
                if day.status is not None:
                    assert cell.get_attribute("data-status") == day.status.value
                    assert f"status-{day.status.value}" in (cell.get_attribute("class") or "")


#: Every URL-valued attribute of the page, SVG's xlink:href included.
ATTRIBUTE_URLS = """() => [...document.querySelectorAll('*')].flatMap(e =>
    [...e.attributes].filter(a => ['href', 'src', 'srcset', 'action', 'poster', 'data']
        .includes(a.localName)).map(a => `${e.localName} ${a.name}=${a.value}`))"""


@pytest.mark.parametrize("case_id", GOLDEN)
def test_the_page_is_self_contained(browser: Browser, site: Path, case_id: str) -> None:
    """The CSP of the contract, no script, and no URL but in-page anchors and data:."""
    path = page_of(site, case_id)
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*['\"]?(?!data:|#)", source), "a CSS url() leaves the page"
    assert "@import" not in source
    with opened(browser, path) as (page, _):
        meta = page.locator('meta[http-equiv="Content-Security-Policy"]')
        assert meta.get_attribute("content") == CSP
        assert page.locator("script").count() == 0
        for entry in page.evaluate(ATTRIBUTE_URLS):
            value = entry.split("=", 1)[1]
            assert value.startswith(("#", "data:")), f"an outside URL: {entry}"


@pytest.mark.parametrize("case_id", GOLDEN)
def test_header_disclaimer_and_charts(browser: Browser, site: Path, case_id: str) -> None:
    plan = plan_of(case_id)
    ladder = any(s.ladder_step is not None for w in plan.weeks for d in w.days for s in d.sessions)
    with opened(browser, page_of(site, case_id)) as (page, _):
        assert page.locator("header h1").inner_text() == plan.runner
        assert page.locator("header p.disclaimer").is_visible()
        assert page.locator("#charts figure#chart-minutes").count() == 1
        assert page.locator("#charts figure#chart-load").count() == 1
        assert page.locator("#charts figure#chart-ladder").count() == (1 if ladder else 0)


@pytest.mark.parametrize("case_id", GOLDEN)
def test_urgent_and_consult_advisories_link_to_their_day(
    browser: Browser, site: Path, case_id: str
) -> None:
    advisories = plan_of(case_id).advisories
    with opened(browser, page_of(site, case_id)) as (page, _):
        for kind in ("urgent", "consult"):
            wanted = [a for a in advisories if a.kind.value == kind]
            shown = page.locator(f"#alerts .advisory.{kind}")
            assert shown.count() == len(wanted), f"{kind}: {shown.count()} shown"
            for i, a in enumerate(wanted):
                item = shown.nth(i)
                assert " ".join(a.message.split()) in " ".join(item.inner_text().split())
                link = item.locator(f'a[href="#day-{a.date}"]')
                assert link.count() >= 1, f"the {kind} advisory of {a.date} has no link"
                assert page.locator(f"#day-{a.date}").count() == 1, f"#day-{a.date} missing"
        if page.locator("#alerts").count():
            after_header = "document.querySelector('header').nextElementSibling.id"
            assert page.evaluate(after_header) == "alerts"
            kinds = page.locator("#alerts .advisory").evaluate_all(
                "els => els.map(e => e.classList.contains('urgent') ? 0 :"
                " e.classList.contains('consult') ? 1 : 2)"
            )
            assert kinds == sorted(kinds), "urgent advisories first, then consult"


@pytest.mark.parametrize("case_id", ["red-flag", "red-flag-long-name"])
def test_the_urgent_advisory_is_above_the_fold_on_a_phone(
    browser: Browser, site: Path, case_id: str
) -> None:
    assert any(a.kind.value == "urgent" for a in plan_of(case_id).advisories)
    with opened(browser, page_of(site, case_id), PHONE) as (page, _):
        urgent = page.locator("#alerts .advisory.urgent").first
        assert urgent.is_visible()
        box = urgent.bounding_box()
        assert box is not None
        assert box["y"] >= 0
        assert box["y"] + box["height"] <= PHONE[1], f"below the fold at 390x844: {box}"


def test_a_hostile_name_shows_as_text(browser: Browser, site: Path) -> None:
    """With the page's CSP bypassed, so that escaping alone must stop the markup."""
    with opened(browser, page_of(site, "hostile"), bypass_csp=True) as (page, watch):
        assert page.locator("header h1").inner_text() == HOSTILE
        assert page.locator("img[src=x]").count() == 0
        assert page.locator("script").count() == 0
        assert not watch.dialogs


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("case_id", GOLDEN)
def test_axe_finds_no_serious_violation(
    browser: Browser, site: Path, axe: Path, case_id: str, width: str, dark: bool
) -> None:
    # The page's CSP (no script at all) would block axe's script tag, inline as Playwright
    # injects it: axe runs with the CSP bypassed; every other test keeps it.
    path = page_of(site, case_id)
    with opened(browser, path, WIDTHS[width], dark=dark, bypass_csp=True) as (page, watch):
        serious = run_axe(page, watch, axe)
        assert not serious, "\n" + describe(serious)


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("case_id", [*GOLDEN, "hostile"])
def test_screenshots(browser: Browser, site: Path, case_id: str, width: str) -> None:
    with opened(browser, page_of(site, case_id), WIDTHS[width]) as (page, _):
        page.screenshot(path=artefact(f"{case_id}-{width}.png"), full_page=True)


def pdf_pages(pdf: bytes) -> int:
    """The number of page objects (``/Type /Page``, not ``/Pages``) in a PDF."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


@pytest.mark.parametrize(
    "case_id",
    ["healthy", "sixteen-weeks", "strain-return", "red-flag", "strain-one-week", "strain-sixteen"],
)
def test_printed_one_page_per_week_or_fewer(browser: Browser, site: Path, case_id: str) -> None:
    weeks = len(plan_of(case_id).weeks)
    with opened(browser, page_of(site, case_id)) as (page, _):
        pdf = page.pdf(format="A4")
    artefact(f"{case_id}.pdf").write_bytes(pdf)
    pages = pdf_pages(pdf)
    print(f"{case_id}: {weeks} weeks, {pages} A4 pages")
    assert 1 <= pages <= weeks, f"{pages} pages for {weeks} weeks"


def test_the_command_writes_the_same_page(site: Path, tmp_path: Path) -> None:
    """``runplan plan --format html`` writes what ``to_html`` returns."""
    c = CASES["healthy"]
    out = tmp_path / "plan.html"
    argv = ["plan", str(c.profile), "--format", "html", "--start", str(c.start)]
    code = main([*argv, "--weeks", str(c.weeks), "--out", str(out)], stdout=io.StringIO())
    assert code == 0
    assert out.read_bytes() == page_of(site, "healthy").read_bytes()


# ---------------------------------------------------------------------- dashboard

ROSTER_START = date(2027, 3, 1)
ROSTER_EXAMPLES = (
    "four_free_days.toml",
    "sciatica_age_55.toml",
    "six_free_days.toml",
    "strain_returning.toml",
    "swimmer_pool_no_bike.toml",
)


def red_flag_profile() -> str:
    """tests/data/roster/red_flag.toml moved to the roster's weeks."""
    text = RED_FLAG.read_text(encoding="utf-8")
    return text.replace("2026-12-01", "2027-02-22").replace("2026-12-08", "2027-03-02")


def six_profiles(folder: Path) -> Path:
    """Five example profiles and a red-flag runner: urgent, consult and healthy plans."""
    folder.mkdir()
    for name in ROSTER_EXAMPLES:
        (folder / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), "utf-8")
    (folder / "red_flag.toml").write_text(red_flag_profile(), "utf-8")
    return folder


def many_profiles(folder: Path, count: int) -> Path:
    """``count`` runners, the six profiles of :func:`six_profiles` renamed in turn."""
    folder.mkdir()
    texts = [(EXAMPLES / n).read_text(encoding="utf-8") for n in ROSTER_EXAMPLES]
    texts.append(red_flag_profile())
    for i in range(count):
        text = re.sub(r'(?m)^name = ".*"', f'name = "Runner {i:03d}"', texts[i % len(texts)])
        (folder / f"runner-{i:03d}.toml").write_text(text, "utf-8")
    return folder


def roster_dashboard(profiles: Path, out: Path, jobs: int = 1) -> Path:
    """``runplan roster --format html,json`` over ``profiles``: the dashboard's path, or a
    skip while the roster writes no ``index.html``."""
    err = io.StringIO()
    argv = ["roster", str(profiles), "--out", str(out), "--format", "html,json"]
    argv += ["--start", str(ROSTER_START), "--weeks", "4", "--jobs", str(jobs)]
    code = main(argv, stdout=io.StringIO(), stderr=err)
    index = out / "index.html"
    if code == 2 or not index.exists():
        why = err.getvalue().strip().splitlines()[-1:] if code else ["exit status 0"]
        pytest.skip(
            "the roster dashboard is not written yet: runplan roster --format html,json "
            f"writes no index.html ({' '.join(why)[:200]})"
        )
    assert code == 0, err.getvalue()
    return index


@pytest.fixture(scope="session")
def six(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dashboard of the roster of six."""
    root = tmp_path_factory.mktemp("six")
    return roster_dashboard(six_profiles(root / "profiles"), root / "out")


@pytest.fixture(scope="session")
def two_hundred(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dashboard of 200 runners."""
    root = tmp_path_factory.mktemp("two-hundred")
    jobs = min(4, os.cpu_count() or 1)
    return roster_dashboard(many_profiles(root / "profiles", 200), root / "out", jobs)


def urgency(out: Path) -> dict[str, int]:
    """Each runner's rank by the roster's JSON plans (0 urgent, 1 consult, 2 the rest),
    under both the file slug and the runner's name (either may be ``data-runner``)."""
    ranks: dict[str, int] = {}
    for path in out.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        kinds = {a["kind"] for a in data["advisories"]}
        rank = 0 if "urgent" in kinds else 1 if "consult" in kinds else 2
        ranks[path.stem] = ranks[data["runner"]] = rank
    return ranks


def assert_urgent_first(page: Page, out: Path) -> list[str]:
    """The rows' ``data-runner`` values, checked to list urgent, then consult, first."""
    runners: list[str] = page.locator("#roster tr[data-runner]").evaluate_all(
        "rows => rows.map(r => r.dataset.runner)"
    )
    ranks = urgency(out)
    unknown = [r for r in runners if r not in ranks]
    assert not unknown, f"data-runner is neither a file slug nor a runner name: {unknown}"
    order = [ranks[r] for r in runners]
    assert order == sorted(order), f"urgent, then consult runners first: {order}"
    return runners


def test_dashboard_lists_urgent_runners_first_and_links_each_page(
    browser: Browser, six: Path
) -> None:
    with opened(browser, six) as (page, _):
        runners = assert_urgent_first(page, six.parent)
        assert len(runners) == 6
        assert urgency(six.parent)[runners[0]] == 0, "the red-flag runner comes first"
        for row in page.locator("#roster tr[data-runner]").all():
            href = row.locator("a[href]").first.get_attribute("href")
            assert href is not None
            assert "://" not in href
            assert not href.startswith("/")
            assert (six.parent / href).is_file(), f"a link to a missing page: {href}"


def test_dashboard_runner_pages_open_quietly(browser: Browser, six: Path) -> None:
    for path in sorted(six.parent.glob("*.html")):
        if path != six:
            with opened(browser, path) as (page, _):
                assert page.locator("header h1").count() == 1


#: For each sort button: its column's sort keys (a cell's data-sort, else its text).
COLUMN_KEYS = """button => {
    const col = button.closest('th').cellIndex;
    return [...document.querySelectorAll('#roster tbody tr')].map(r => {
        const cell = r.cells[col];
        return cell.dataset.sort ?? cell.dataset.value ?? cell.innerText.trim();
    });
}"""


def sort_key(value: str) -> tuple[int, float, str]:
    """Numbers by value, before text; text case-insensitively."""
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value.casefold())


def test_dashboard_sorts_by_a_header_click(browser: Browser, six: Path) -> None:
    """Under the page's own CSP: its inline sorting script must be allowed by it."""
    with opened(browser, six) as (page, _):
        rows = "#roster tbody tr[data-runner]"
        before = page.locator(rows).evaluate_all("rows => rows.map(r => r.dataset.runner)")
        buttons = page.locator("#roster thead button")
        assert buttons.count() >= 1, "no sort buttons in the header"
        changed = False
        for button in buttons.all():
            button.click()
            keys = [sort_key(k) for k in button.evaluate(COLUMN_KEYS) if k]
            label = button.inner_text()
            assert keys in (sorted(keys), sorted(keys, reverse=True)), f"{label}: {keys}"
            after = page.locator(rows).evaluate_all("rows => rows.map(r => r.dataset.runner)")
            assert sorted(after) == sorted(before), "sorting lost or added rows"
            changed = changed or after != before
        assert changed, "no header click changed the order"


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_dashboard_axe_and_screenshots(browser: Browser, six: Path, axe: Path, width: str) -> None:
    with opened(browser, six, WIDTHS[width]) as (page, _):
        page.screenshot(path=artefact(f"dashboard-six-{width}.png"), full_page=True)
    # axe's script needs the page's CSP bypassed (see test_axe_finds_no_serious_violation).
    with opened(browser, six, WIDTHS[width], bypass_csp=True) as (page, watch):
        serious = run_axe(page, watch, axe)
        assert not serious, "\n" + describe(serious)


def test_a_dashboard_of_200_runners_loads_within_2_s(browser: Browser, two_hundred: Path) -> None:
    began = time.perf_counter()
    with opened(browser, two_hundred) as (page, _):
        wall_ms = (time.perf_counter() - began) * 1000
        load_ms = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " return n.loadEventEnd - n.startTime; }"
        )
        print(f"200 runners: load event {load_ms:.0f} ms, new context to load {wall_ms:.0f} ms")
        assert page.locator("#roster tr[data-runner]").count() == 200
        assert_urgent_first(page, two_hundred.parent)
    assert load_ms <= LOAD_BUDGET_MS, f"the dashboard took {load_ms:.0f} ms to load"
