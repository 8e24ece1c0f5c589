"""The coach's dashboard (``index.html`` of ``runplan roster --format html``; docs/html.md).

The page is well-formed XML as written, so ElementTree reads it: one row per runner
(failed ones too), urgent then consult first, links to the pages the roster wrote, every
profile text escaped, a CSP that allows exactly the page's one script, no address
outside the folder, the sort buttons of the DOM contract, adherence from ``--log``.
The browser checks (sorting by a click, axe, the 2 s load of 200 runners) are in
tests/test_html_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import time
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest

import runplan
import runplan.roster.run as roster_run
from runplan.cli import main
from runplan.export.html import render_dashboard
from runplan.models import Plan, TrainingLog
from runplan.roster.dashboard import Glance, dashboard_view, failed, glance
from runplan.roster.index import RosterRow

TESTS = Path(__file__).resolve().parent
ROSTER = TESTS / "data" / "roster"
EXAMPLES = TESTS.parent / "examples" / "profiles"
RED_FLAG = ROSTER / "red_flag.toml"
START = date(2027, 3, 1)
TODAY = date(2027, 3, 4)  # Thursday of the plans' first week
SORT_KEYS = ["name", "status", "next", "minutes", "load", "adherence", "advisories"]
HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script> & "Bob" </td></table>'
BASE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def clock(_timezone: str) -> date:
    return TODAY


def roster(profiles: Path, out: Path, *extra: str, fmt: str = "html,json") -> tuple[int, str, str]:
    """``runplan roster`` in-process, planned from START and read on TODAY."""
    argv = ["roster", str(profiles), "--out", str(out), "--format", fmt, "--start", str(START)]
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main([*argv, *extra], stdout=stdout, stderr=stderr, today=clock)
    return code, stdout.getvalue(), stderr.getvalue()


def red_flag_text() -> str:
    """tests/data/roster/red_flag.toml moved to START's weeks (urgent from 2027-03-02)."""
    text = RED_FLAG.read_text(encoding="utf-8")
    return text.replace("2026-12-01", "2027-02-22").replace("2026-12-08", "2027-03-02")


def squad(folder: Path) -> Path:
    """Healthy, consult (sciatica, strain) and urgent runners, a hostile name and file
    name, and a broken profile."""
    folder.mkdir()
    for name in ("six_free_days", "sciatica_age_55", "strain_returning", "four_free_days"):
        text = (EXAMPLES / f"{name}.toml").read_text("utf-8")
        (folder / f"{name}.toml").write_text(text, "utf-8")
    (folder / "red_flag.toml").write_text(red_flag_text(), "utf-8")
    hostile = (EXAMPLES / "six_free_days.toml").read_text("utf-8")
    hostile = re.sub(r'(?m)^name = ".*"', lambda _: f"name = {_toml(HOSTILE)}", hostile)
    (folder / "<b>hostile & co.toml").write_text(hostile, "utf-8")
    (folder / "broken.toml").write_text((ROSTER / "broken_fields.toml").read_text("utf-8"))
    return folder


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The squad's roster output, with a log for two runners."""
    root = tmp_path_factory.mktemp("dashboard")
    logs = root / "logs"
    logs.mkdir()
    # six_free_days plans Mon run 45, Tue bike 45 + strength 25, Wed run 45 (2027-03-01..03)
    (logs / "six_free_days.csv").write_text(
        "date,kind,minutes\n2027-03-01,run,45\n2027-03-02,bike,44\n2027-03-02,strength,5\n",
        "utf-8",
    )
    (logs / "four_free_days").mkdir()
    (logs / "four_free_days" / "week.csv").write_text("2027-03-01,run,40\n", "utf-8")
    code, _, err = roster(squad(root / "profiles"), root / "out", "--log", str(logs))
    assert code == 1, err  # the broken profile
    return root / "out"


def page(site: Path) -> ET.Element:
    return ET.fromstring((site / "index.html").read_bytes())


def text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def rows(root: ET.Element) -> list[ET.Element]:
    return [tr for tr in root.iter("tr") if tr.get("data-runner") is not None]


def row_of(root: ET.Element, slug: str) -> ET.Element:
    (found,) = [tr for tr in rows(root) if tr.get("data-runner") == slug]
    return found


def cells(tr: ET.Element) -> dict[str, ET.Element]:
    return dict(zip(SORT_KEYS, [c for c in tr if c.tag in {"th", "td"}], strict=True))


# ----------------------------------------------------------------------- the rows


def test_one_row_per_runner_failed_ones_too(site: Path) -> None:
    root = page(site)
    slugs = [tr.get("data-runner") for tr in rows(root)]
    profiles = 7
    assert len(slugs) == profiles == len(set(slugs))
    broken = row_of(root, "broken")
    assert broken.get("data-urgency") == "none"
    status = cells(broken)["status"]
    assert "failed" in text(status) and "run_days: 9 is too large" in text(status)
    assert broken.find(".//a") is None  # no page was written for it


def test_urgent_first_then_consult_then_failed_then_by_file_name(site: Path) -> None:
    order = [(tr.get("data-runner"), tr.get("data-urgency")) for tr in rows(page(site))]
    assert order == [
        ("red-flag", "urgent"),
        ("sciatica-age-55", "consult"),  # first alert 2027-03-01
        ("strain-returning", "consult"),  # first alert 2027-03-04
        ("broken", "none"),
        ("b-hostile-co", "none"),  # "<b>hostile & co.toml" sorts before "four..."
        ("four-free-days", "none"),
        ("six-free-days", "none"),
    ]


def test_each_runner_links_its_own_page(site: Path) -> None:
    for tr in rows(page(site)):
        if tr.get("data-runner") == "broken":
            continue
        first = next(c for c in tr if c.tag in {"th", "td"})
        link = first.find("a")
        assert link is not None
        assert link.get("href") == f"{tr.get('data-runner')}.html"
        assert (site / str(link.get("href"))).is_file()


def test_status_next_session_minutes_and_load(site: Path) -> None:
    root = page(site)
    expected = {
        "red-flag": ("no training (S1)", "none planned"),
        "sciatica-age-55": ("running paused (A9, A10)", "Thu 2027-03-04 07:30"),
        "strain-returning": ("running paused (A7, A8)", "Thu 2027-03-04 07:30"),
        "six-free-days": ("training", "Thu 2027-03-04 18:00"),
    }
    for slug, (status, upcoming) in expected.items():
        row = cells(row_of(root, slug))
        assert text(row["status"]).startswith(status), slug
        assert "week 1 of 4: 2027-03-01 to 2027-03-07" in text(row["status"])
        assert text(row["next"]).startswith(upcoming), slug
    six = cells(row_of(root, "six-free-days"))
    plan = plan_of("six_free_days")
    totals = plan.weeks[0].totals
    assert totals is not None and totals.acwr is not None
    total = totals.run_min + totals.cross_min + totals.strength_min
    assert text(six["minutes"]).startswith(f"{total} min")
    assert f"run {totals.run_min}, cross {totals.cross_min}" in text(six["minutes"])
    assert six["minutes"].get("data-sort") == str(total)
    assert text(six["load"]) == f"{totals.acwr:.2f}" == six["load"].get("data-sort")
    assert "swim, 45 min" in text(six["next"])
    assert six["next"].get("data-sort") == "2027-03-04T18:00"


def test_advisories_urgent_and_consult_shown_with_rules_notes_folded(site: Path) -> None:
    row = cells(row_of(page(site), "red-flag"))["advisories"]
    shown = row.find("ul")
    assert shown is not None
    kinds = [(li.get("class") or "").split()[1] for li in shown]
    assert kinds == ["urgent", "consult"]
    assert "(S1)" in text(shown[0]) and "Seek emergency care now" in text(shown[0])
    notes = row.find("details")
    assert notes is not None
    summary = notes.find("summary")
    assert summary is not None and text(summary).startswith("3 notes")


# --------------------------------------------------------------------- adherence


def test_adherence_from_the_log_folder(site: Path) -> None:
    root = page(site)
    six = cells(row_of(root, "six-free-days"))["adherence"]
    # 2027-02-25..03-03: run done, bike done (44 of 45), strength partial, Wed run missed
    assert text(six).startswith("50%") and six.get("data-sort") == "50"
    assert "2 of 4 done, 2027-02-25 to 2027-03-03" in text(six)
    four = cells(row_of(root, "four-free-days"))["adherence"]  # a folder of files
    assert four.get("data-sort") not in {None, ""}
    assert text(cells(row_of(root, "red-flag"))["adherence"]) == "no log"


def test_adherence_before_the_plan_starts_is_a_dash() -> None:
    plan = plan_of("six_free_days")
    seen = glance(plan, START - timedelta(days=3), TrainingLog())
    assert seen.adherence.text == "\u2014" and seen.adherence.sort == ""
    assert "the plan starts on 2027-03-01" in seen.adherence.detail
    assert glance(plan, TODAY).adherence.text == "no log"


# ------------------------------------------------------------------- the glance


@cache
def plan_of(name: str) -> Plan:
    profile = RED_FLAG if name == "red_flag" else EXAMPLES / f"{name}.toml"
    runner = runplan.load_profile(profile)
    start = date(2026, 12, 7) if name == "red_flag" else START
    return runplan.plan(runner, start=start, weeks=4)


def test_the_week_holding_today_else_the_first() -> None:
    plan = plan_of("strain_returning")
    assert glance(plan, date(2027, 3, 10)).status.text == "walk-run ladder step 1"
    assert glance(plan, date(2027, 3, 16)).status.text == "walk-run ladder step 2"
    early = glance(plan, date(2026, 1, 1))
    assert early.status.text == "running paused (A7, A8)"
    assert early.next.sort == "2027-03-01T06:30"  # the plan's first session
    late = glance(plan, date(2030, 1, 1))
    assert late.status.detail.startswith("week 1 of 4")
    assert late.next.text == "none planned" and late.next.sort == ""


def test_status_ranks_sort_gravest_first() -> None:
    ranks = {
        name: glance(plan_of(name), START + timedelta(days=9)).status.sort
        for name in ("red_flag", "sciatica_age_55", "strain_returning", "six_free_days")
    }
    assert sorted(ranks, key=ranks.__getitem__) == [
        "red_flag",
        "sciatica_age_55",
        "strain_returning",
        "six_free_days",
    ]


# ------------------------------------------------------------------ the page itself


def test_the_csp_allows_exactly_the_page_script(site: Path) -> None:
    root = page(site)
    scripts = list(root.iter("script"))
    assert len(scripts) == 1 and scripts[0].get("src") is None
    digest = hashlib.sha256((scripts[0].text or "").encode("utf-8")).digest()
    expected = f"{BASE_CSP}; script-src 'sha256-{base64.b64encode(digest).decode()}'"
    metas = [m for m in root.iter("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert [m.get("content") for m in metas] == [expected]


def test_nothing_outside_the_folder_is_named(site: Path) -> None:
    raw = (site / "index.html").read_text("utf-8")
    assert "://" not in raw and "url(" not in raw and "@import" not in raw
    root = page(site)
    assert not [e for e in root.iter() if e.get("src") is not None or e.tag == "link"]
    hrefs = {e.get("href") for e in root.iter() if e.get("href") is not None}
    assert hrefs, "no links"
    assert all(h == "#roster" or re.fullmatch(r"[a-z0-9-]+\.html", str(h)) for h in hrefs)


def test_a_hostile_name_and_file_name_are_text(site: Path) -> None:
    root = page(site)
    row = row_of(root, "b-hostile-co")
    name = cells(row)["name"]
    assert name.get("data-sort") == HOSTILE
    link = name.find("a")
    assert link is not None and text(link) == " ".join(HOSTILE.split())
    assert "<b>hostile & co.toml" in text(name)
    assert not [e for e in root.iter() if e.tag in {"img", "b"}]
    assert len(list(root.iter("script"))) == 1


def test_the_sort_buttons_of_the_dom_contract(site: Path) -> None:
    root = page(site)
    table = next(t for t in root.iter("table") if t.get("id") == "roster")
    assert table.find("caption") is not None
    heads = table.findall("./thead/tr/th")
    assert [h.get("scope") for h in heads] == ["col"] * len(SORT_KEYS)
    buttons = [h.find("button") for h in heads]
    assert [b.get("data-sort") for b in buttons if b is not None] == SORT_KEYS
    assert all(b is not None and b.get("type") == "button" for b in buttons)
    # the table's own order is by advisories (urgent first): said so for assistive tech
    assert [h.get("aria-sort") for h in heads] == [None] * 6 + ["ascending"]
    for tr in rows(root):
        assert len(cells(tr)) == len(SORT_KEYS)
        assert all(c.get("data-sort") is not None for c in cells(tr).values())


def test_the_script_needs_no_escaping_in_xml() -> None:
    from runplan.export.html.render import _script

    script = _script()
    assert "<" not in script and "&" not in script and "]]>" not in script


# --------------------------------------------------------- many runners, the same bytes


def entries(count: int) -> list[tuple[RosterRow, Glance]]:
    """``count`` runners made of four plans, every fifth one failed."""
    names = ["six_free_days", "red_flag", "sciatica_age_55", "strain_returning"]
    out: list[tuple[RosterRow, Glance]] = []
    for i in range(count):
        profile = f"runner-{i:04d}.toml"
        if i % 5 == 4:
            row = RosterRow(profile=profile, slug=f"runner-{i:04d}", error="bad profile")
            out.append((row, failed(row.error)))
            continue
        plan = plan_of(names[i % 4])
        row = RosterRow(
            profile=profile,
            slug=f"runner-{i:04d}",
            runner=f"Runner {i}",
            weeks=len(plan.weeks),
            advisories=tuple(plan.advisories),
            files=(f"runner-{i:04d}.html",),
        )
        out.append((row, glance(plan, plan.start + timedelta(days=3))))
    return out


def test_two_hundred_runners_render() -> None:
    many = entries(200)
    began = time.perf_counter()
    html = render_dashboard(dashboard_view(reversed(many)))
    print(f"200 runners: {(time.perf_counter() - began) * 1000:.0f} ms, {len(html)} bytes")
    root = ET.fromstring(html)
    found = rows(root)
    assert len(found) == 200
    urgency = [str(tr.get("data-urgency")) for tr in found]
    assert urgency == sorted(urgency, key=["urgent", "consult", "none"].index)
    assert html == render_dashboard(dashboard_view(many))  # the input order does not matter


def test_the_same_roster_gives_the_same_bytes(tmp_path: Path) -> None:
    folder = squad(tmp_path / "profiles")
    first, second = tmp_path / "a", tmp_path / "b"
    assert roster(folder, first)[0] == roster(folder, second)[0] == 1
    assert (first / "index.html").read_bytes() == (second / "index.html").read_bytes()


# ------------------------------------------------------------------ the command


def test_the_command_writes_the_dashboard_and_says_so(tmp_path: Path) -> None:
    code, out, err = roster(ROSTER, tmp_path / "out", fmt="html")
    assert code == 1 and "broken_syntax.toml" in err
    assert str(tmp_path / "out" / "index.html") in out
    root = page(tmp_path / "out")
    assert len(rows(root)) == 6  # four planned, two broken
    assert "ann-lee-2" in {tr.get("data-runner") for tr in rows(root)}


def test_no_dashboard_without_html_and_an_old_one_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert roster(EXAMPLES, out, fmt="html")[0] == 0
    assert (out / "index.html").exists()
    code, stdout, _ = roster(EXAMPLES, out, fmt="ics")
    assert code == 0 and "index.html" not in stdout
    assert not (out / "index.html").exists()


def test_an_interrupted_run_leaves_no_earlier_dashboard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert roster(EXAMPLES, out, fmt="html")[0] == 0
    real_write = roster_run._Outputs.write
    written: list[str] = []

    def write_then_stop(self: roster_run._Outputs, profile: Path, outcome: object) -> object:
        if written:
            raise KeyboardInterrupt
        written.append(profile.name)
        return real_write(self, profile, outcome)  # type: ignore[arg-type]

    monkeypatch.setattr(roster_run._Outputs, "write", write_then_stop)
    assert roster(EXAMPLES, out, fmt="html")[0] == 130
    assert not {"index.html", "index.csv", "index.md"} & {p.name for p in out.iterdir()}


def test_log_needs_the_dashboard_and_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = roster(EXAMPLES, out, "--log", str(tmp_path), fmt="ics")
    assert code == 2 and "--log" in err and "html" in err
    code, _, err = roster(EXAMPLES, out, "--log", str(tmp_path / "nope"))
    assert code == 2 and "no such folder" in err
    assert not out.exists()  # refused before anything was made


def test_a_log_with_a_bad_file_is_noted_and_still_counts(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    (logs / "six_free_days").mkdir(parents=True)
    (logs / "six_free_days" / "a.csv").write_text("2027-03-01,run,45\n", "utf-8")
    (logs / "six_free_days" / "b.gpx").write_text("not gpx", "utf-8")
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "six_free_days.toml").write_bytes((EXAMPLES / "six_free_days.toml").read_bytes())
    code, _, err = roster(profiles, tmp_path / "out", "--log", str(logs))
    assert code == 0
    assert "runplan: note: --log: six_free_days: skipped b.gpx" in err
    adherence = cells(row_of(page(tmp_path / "out"), "six-free-days"))["adherence"]
    assert "1 of 4 done" in text(adherence)
