"""Regenerate the screenshots of docs/html.md: ``python docs/screenshots.py``.

Writes ``docs/img/html-plan.png`` (a healthy plan at 1280 px), ``html-plan-phone.png``
(the same at 390 px), ``html-red-flag-phone.png`` (a red-flag plan at 390 px: the urgent
advisory above the fold) and ``html-dashboard.png`` (the roster dashboard of six runners),
each the first screen of the page.  The profiles and start dates are fixed (the ones
tests/test_html_browser.py opens), so the images change only when the pages do.

Needs the test extra (Playwright) and Debian's Chromium at /usr/bin/chromium, as the
browser tests do (.ci/run installs both); CHROMIUM=/path/to/chrome picks another.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from playwright.sync_api import Browser, Route, sync_playwright

import runplan
from runplan.cli import main as runplan_main
from runplan.export.html import to_html

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
EXAMPLES = ROOT / "examples" / "profiles"
RED_FLAG = ROOT / "tests" / "data" / "roster" / "red_flag.toml"
WIDE = (1280, 800)
PHONE = (390, 844)
ROSTER_START = date(2027, 3, 1)
ROSTER = (
    "four_free_days.toml",
    "sciatica_age_55.toml",
    "six_free_days.toml",
    "strain_returning.toml",
    "swimmer_pool_no_bike.toml",
)


def plan_page(profile: Path, start: date, out: Path) -> Path:
    """The four-week plan page of ``profile`` from ``start``, written to ``out``."""
    plan = runplan.plan(runplan.load_profile(profile), start=start, weeks=4)
    out.write_bytes(to_html(plan))
    return out


def dashboard(work: Path) -> Path | None:
    """The roster dashboard of five example runners and a red-flag one (None: the roster
    writes no ``index.html``)."""
    profiles = work / "roster"
    profiles.mkdir()
    for name in ROSTER:
        (profiles / name).write_text((EXAMPLES / name).read_text("utf-8"), "utf-8")
    # The red-flag check-in moved into the roster's weeks.
    red = RED_FLAG.read_text("utf-8").replace("2026-12-01", "2027-02-22")
    (profiles / "red_flag.toml").write_text(red.replace("2026-12-08", "2027-03-02"), "utf-8")
    argv = ["roster", str(profiles), "--out", str(work / "out"), "--format", "html"]
    err = io.StringIO()
    runplan_main([*argv, "--start", str(ROSTER_START)], stdout=io.StringIO(), stderr=err)
    index = work / "out" / "index.html"
    if not index.exists():
        print(f"no dashboard: {err.getvalue().strip()}", file=sys.stderr)
        return None
    return index


def shoot(browser: Browser, page_path: Path, size: tuple[int, int], png: Path) -> None:
    """The first screen of ``page_path`` at ``size`` into ``png``; nothing else is loaded."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    own = page_path.as_uri()

    def only_the_page(route: Route) -> None:
        if route.request.url == own:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_the_page)
    page = context.new_page()
    page.goto(own, wait_until="load")
    page.screenshot(path=png)
    context.close()
    print(f"wrote {png.relative_to(ROOT)}")


def main() -> int:
    """Write the four images; 1 if the dashboard could not be made."""
    IMG.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        work = Path(tmp)
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=args)
        healthy = plan_page(EXAMPLES / "six_free_days.toml", date(2026, 3, 2), work / "a.html")
        red = plan_page(RED_FLAG, date(2026, 12, 7), work / "red.html")
        shoot(browser, healthy, WIDE, IMG / "html-plan.png")
        shoot(browser, healthy, PHONE, IMG / "html-plan-phone.png")
        shoot(browser, red, PHONE, IMG / "html-red-flag-phone.png")
        index = dashboard(work)
        if index is not None:
            shoot(browser, index, WIDE, IMG / "html-dashboard.png")
        browser.close()
    return 0 if index is not None else 1


if __name__ == "__main__":
    sys.exit(main())
