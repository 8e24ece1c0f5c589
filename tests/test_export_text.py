"""Text and Markdown week views: what a person reads in a terminal."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from runplan.errors import ExportError
from runplan.export import plan_from_json, to_json, to_markdown, to_text
from runplan.models import Plan
from runplan.rules import DISCLAIMER
from sample_plans import NASTY_NAME, all_plans, la_plan, london_dst_plan, nasty_plan

PLANS = all_plans()


def squash(text: str) -> str:
    return " ".join(text.split())


def line_of(text: str, needle: str) -> str:
    (found,) = [line for line in text.splitlines() if line.startswith(f"  {needle}")]
    return found


@pytest.mark.parametrize("name", sorted(PLANS))
def test_every_view_has_titles_advisories_and_disclaimer(name: str) -> None:
    plan = PLANS[name]
    for render in (to_text, to_markdown):
        text = render(plan)
        assert text.endswith("\n")
        flat = squash(text)
        assert DISCLAIMER in flat
        for _, session in plan.sessions():
            title = squash(session.title)
            assert (title if render is to_text else title.split()[0]) in flat
        for advisory in plan.advisories:
            assert advisory.kind.value.upper() in text
            assert advisory.date.isoformat() in text
        assert render(plan) == text  # deterministic


def test_header_names_runner_and_zone() -> None:
    text = to_text(london_dst_plan())
    first, second, third = text.splitlines()[:3]
    assert first == "Training plan for Alex Doe"
    assert second == "Time zone: Europe/London (all times are local)"
    assert third == "2026-03-23 to 2026-04-05, 2 weeks"


def test_week_headings_totals_and_recovery() -> None:
    text = to_text(london_dst_plan())
    assert "Week 1: Mon 2026-03-23 to Sun 2026-03-29, run 140 min" in text.splitlines()
    assert "Week 2: Mon 2026-03-30 to Sun 2026-04-05, run 120 min, recovery week" in (
        text.splitlines()
    )
    assert text.count("recovery week") == 1


def test_session_lines() -> None:
    text = to_text(london_dst_plan())
    run = line_of(text, "Sat 2026-03-28")
    assert re.fullmatch(
        r"  Sat 2026-03-28  08:00  Long easy run \(60 min; warm-up 10 min: walk 5, "
        r"back stretches 5; on trail\)",
        run,
    )
    bike = line_of(text, "Tue 2026-03-24")
    assert bike == "  Tue 2026-03-24  18:00  Easy bike ride (45 min)"
    assert "warm-up" not in bike
    lines = text.splitlines()
    wed = lines.index(line_of(text, "Wed 2026-03-25"))
    assert "06:30  Core and back strength (30 min)" in lines[wed]
    assert lines[wed + 1].strip() == "07:15  Gentle back mobility (15 min)"
    # after the clocks change, the local time is still 09:00
    assert "09:00  Easy swim (40 min)" in line_of(text, "Sun 2026-03-29")


def test_rest_days() -> None:
    text = to_text(london_dst_plan())
    lines = text.splitlines()
    assert line_of(text, "Fri 2026-03-27").endswith("Fri 2026-03-27  rest day")
    assert line_of(text, "Sat 2026-04-04").endswith("rest day")
    # a recovery-only day is a rest day and still lists what to do
    thu = lines.index(line_of(text, "Thu 2026-04-02"))
    assert lines[thu].endswith("rest day")
    assert lines[thu + 1].strip() == "20:00  Heat and rest (20 min)"
    # training days are not rest days
    assert "rest day" not in line_of(text, "Mon 2026-03-23")
    assert "rest day" not in line_of(text, "Sun 2026-03-29")
    assert text.count("rest day") == 3


def test_walk_only_day_is_a_rest_day() -> None:
    plan = la_plan()
    text = to_text(plan)
    assert "rest day" in line_of(text, "Sun 2026-11-01")  # mobility only
    assert "09:00  Gentle back mobility" in text


def test_local_times_whatever_offset_the_plan_carries() -> None:
    plan = london_dst_plan()
    as_json = plan_from_json(to_json(plan))  # fixed offsets instead of ZoneInfo
    assert to_text(as_json) == to_text(plan)
    day = plan.weeks[0].days[0]
    utc_start = day.sessions[0].start.astimezone(UTC)
    moved = day.sessions[0].model_copy(update={"start": utc_start})
    week = plan.weeks[0].model_copy(
        update={"days": [day.model_copy(update={"sessions": [moved]}), *plan.weeks[0].days[1:]]}
    )
    shifted = plan.model_copy(update={"weeks": [week, *plan.weeks[1:]]})
    assert to_text(shifted) == to_text(plan)
    la = to_text(la_plan())
    assert "  Mon 2026-10-26  06:00  Easy run" in la


def test_advisories_section() -> None:
    text = to_text(london_dst_plan())
    lines = text.splitlines()
    start = lines.index("Advisories")
    section = "\n".join(lines[start:])
    assert "  CONSULT  2026-03-25  See a spine specialist" in section
    assert "[A8]" in section and "[S1]" in section and "[A5]" in section
    assert "  URGENT   2026-04-02  Seek emergency care now" in section
    assert "  NOTE     2026-03-29  Clocks go forward tonight" in section
    # in date order
    dates = re.findall(r"^  [A-Z]+ +(\d{4}-\d\d-\d\d)", section, flags=re.M)
    assert dates == sorted(dates) and len(dates) == 5


def test_no_advisories() -> None:
    plan = london_dst_plan().model_copy(update={"advisories": []})
    assert "Advisories\n  none\n" in to_text(plan)


def test_lines_fit_a_terminal() -> None:
    for plan in PLANS.values():
        for line in to_text(plan).splitlines():
            assert len(line) <= 100, line


def test_hostile_names_stay_on_one_line() -> None:
    plan = nasty_plan(runner="Mallory\x1b[2J\x1b[31m\nsecond\r\n\tthird\x00")
    text = to_text(plan)
    assert "\x1b" not in text and "\x00" not in text and "\r" not in text and "\t" not in text
    assert text.splitlines()[0] == "Training plan for Mallory?[2J?[31m second third?"
    assert to_text(nasty_plan()).splitlines()[0] == (
        "Training plan for " + NASTY_NAME.replace("\n", " ")
    )


def test_unknown_zone() -> None:
    plan = london_dst_plan().model_copy(update={"timezone": "Nowhere/Land"})
    with pytest.raises(ExportError, match="Nowhere/Land"):
        to_text(plan)
    with pytest.raises(ExportError):
        to_markdown(plan)


def test_empty_plan() -> None:
    plan = Plan(
        runner="Nobody", timezone="UTC", start=date(2026, 1, 5), weeks=[], disclaimer=DISCLAIMER
    )
    text = to_text(plan)
    assert "0 weeks" in text and "Advisories\n  none" in text and DISCLAIMER in squash(text)


def test_markdown_tables_and_escaping() -> None:
    plan = london_dst_plan(runner="Ann | *bold* _x_ <b>")
    md = to_markdown(plan)
    assert md.startswith("# Training plan for Ann \\| \\*bold\\* \\_x\\_ \\<b\\>\n")
    assert "## Week 2: Mon 2026-03-30 to Sun 2026-04-05, run 120 min, recovery week" in md
    assert "| Day | Time | Session | Details |" in md
    assert "| Fri 2026-03-27 |  | rest day |  |" in md
    assert (
        "| Sat 2026-03-28 | 08:00 | Long easy run | 60 min; warm-up 10 min: walk 5, "
        "back stretches 5; on trail |" in md
    )
    assert "- **CONSULT** 2026-03-25: See a spine specialist" in md
    assert md.rstrip().endswith(f"> {DISCLAIMER}")
    # every table row has exactly four cells, whatever the titles contain
    for line in md.splitlines():
        if line.startswith("| "):
            assert len(re.split(r"(?<!\\)\|", line)) == 6, line


def test_revision_does_not_matter_for_the_view() -> None:
    plan = london_dst_plan()
    later = plan.model_copy(update={"revision": datetime(2027, 1, 1, tzinfo=ZoneInfo("UTC"))})
    assert to_text(later) == to_text(plan)
