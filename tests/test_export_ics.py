"""iCalendar export: strict parsers, structure, escaping, time zones, determinism, updates."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Component, vCategory, vInt

from runplan.errors import ExportError, RunplanError
from runplan.export import to_ics
from runplan.export.ics import advisory_uid, session_uid, uid_identity, vtimezone
from runplan.models import Advisory, AdvisoryKind, Plan, Session, SessionKind
from runplan.rules import DISCLAIMER, RULES
from sample_plans import (
    INJECTION_NAME,
    NASTY_NAME,
    all_plans,
    injection_plan,
    la_plan,
    london_dst_plan,
    nasty_plan,
    night_dst_plan,
)

PLANS = all_plans()
TESTS_DIR = Path(__file__).resolve().parent


# ----------------------------------------------------------------------- helpers

# Two more strict parsers, independent of icalendar.  They belong to the test extra;
# without them the checks that need them are skipped (and reported by ``-ra``), the
# rest of this module still runs.


def vobject_read(text: str, validate: bool = False) -> Any:
    vobject = pytest.importorskip("vobject", reason="install vobject (test extra)")
    return vobject.readOne(text, validate=validate)


def ical_read(text: str) -> Any:
    stream = pytest.importorskip("ical.calendar_stream", reason="install ical (test extra)")
    return stream.IcsCalendarStream.calendar_from_ics(text)


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def logical_lines(data: bytes) -> list[str]:
    """Unfolded content lines (RFC 5545 section 3.1)."""
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    return text[:-2].split("\r\n")


def events(data: bytes) -> list[Component]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def categories(event: Component) -> list[str]:
    """The event's CATEGORIES (one property), as text."""
    value = event["CATEGORIES"]
    assert isinstance(value, vCategory)
    return [str(c) for c in value.cats]


def blocks(data: bytes, name: str) -> list[list[str]]:
    """The logical lines of every ``name`` component (nested ones included)."""
    out: list[list[str]] = []
    current: list[str] | None = None
    for line in logical_lines(data):
        if line == f"BEGIN:{name}":
            current = []
        elif line == f"END:{name}":
            assert current is not None
            out.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return out


def with_sessions(plan: Plan, change: dict[date, list[Session]]) -> Plan:
    weeks = []
    for week in plan.weeks:
        days = [
            d.model_copy(update={"sessions": change[d.date]}) if d.date in change else d
            for d in week.days
        ]
        weeks.append(week.model_copy(update={"days": days}))
    return plan.model_copy(update={"weeks": weeks})


def sessions_on(plan: Plan, day: date) -> list[Session]:
    return [s for d, s in plan.sessions() if d == day]


def uid_seq_status(data: bytes) -> dict[str, tuple[int, str | None]]:
    return {
        str(e["UID"]): (int(e.get("SEQUENCE", 0)), e.get("STATUS") and str(e["STATUS"]))
        for e in events(data)
    }


# ------------------------------------------------------------- every sample plan


@pytest.fixture(params=sorted(PLANS), ids=sorted(PLANS))
def case(request: pytest.FixtureRequest) -> tuple[Plan, bytes]:
    plan = PLANS[request.param]
    return plan, to_ics(plan, alarm_minutes=15, refresh=timedelta(hours=12))


def test_parses_with_icalendar(case: tuple[Plan, bytes]) -> None:
    plan, data = case
    cal = Calendar.from_ical(data)
    assert len(cal.walk("VEVENT")) == len(plan.sessions()) + len(plan.advisories)


def test_parses_with_ical_strict(case: tuple[Plan, bytes]) -> None:
    plan, data = case
    cal = ical_read(data.decode("utf-8"))
    assert len(cal.events) == len(plan.sessions()) + len(plan.advisories)
    assert [tz.tz_id for tz in cal.timezones] == [plan.timezone]


def test_parses_with_vobject_validate(case: tuple[Plan, bytes]) -> None:
    plan, data = case
    cal = vobject_read(data.decode("utf-8"), validate=True)
    assert len(cal.vevent_list) == len(plan.sessions()) + len(plan.advisories)


def test_every_parser_reads_the_same_instants(case: tuple[Plan, bytes]) -> None:
    """vobject evaluates our VTIMEZONE itself; all three must agree with zoneinfo."""
    plan, data = case
    expected = [s.start for _, s in plan.sessions()]
    by_uid = {str(e["UID"]): e for e in events(data)}
    uids = [session_uid(uid_identity(plan), d, i) for d, i in _slots(plan)]
    assert [by_uid[u].decoded("DTSTART") for u in uids] == expected
    vcal = vobject_read(data.decode("utf-8"))
    v_start = {e.uid.value: e.dtstart.value for e in vcal.vevent_list}
    assert [v_start[u].astimezone(UTC) for u in uids] == [s.astimezone(UTC) for s in expected]
    assert [v_start[u].utcoffset() for u in uids] == [s.utcoffset() for s in expected]
    ical_cal = ical_read(data.decode("utf-8"))
    i_start = {e.uid: e.dtstart for e in ical_cal.events}
    assert [i_start[u] for u in uids] == expected


def _slots(plan: Plan) -> list[tuple[date, int]]:
    return [(d.date, i) for w in plan.weeks for d in w.days for i in range(len(d.sessions))]


def test_lines_are_folded_crlf_utf8(case: tuple[Plan, bytes]) -> None:
    _, data = case
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    for line in physical_lines(data):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a multi-byte character


def test_no_control_characters(case: tuple[Plan, bytes]) -> None:
    _, data = case
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data.replace(b"\r\n", b""))


def test_calendar_header(case: tuple[Plan, bytes]) -> None:
    plan, data = case
    lines = logical_lines(data)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    head = lines[1 : next(i for i, x in enumerate(lines) if i and x.startswith("BEGIN:"))]
    assert "VERSION:2.0" in head
    assert "PRODID:-//runplan//runplan 0.1.0//EN" in head or any(
        re.fullmatch(r"PRODID:-//runplan//runplan [0-9][^/]*//EN", x) for x in head
    )
    assert f"X-WR-TIMEZONE:{plan.timezone}" in head
    assert not any(x.startswith("METHOD") for x in lines)
    # icalendar reads X-WR-* as unknown (escaped) text: compare the escaped values
    value = {x.split(":", 1)[0]: x.split(":", 1)[1] for x in head if ":" in x}
    assert value["NAME"] == value["X-WR-CALNAME"]
    assert value["DESCRIPTION"] == value["X-WR-CALDESC"]
    cal = Calendar.from_ical(data)
    assert str(cal["NAME"]).startswith("Training plan \N{EN DASH} ")
    assert str(cal["DESCRIPTION"]).endswith(DISCLAIMER)


def test_one_vtimezone_without_comment(case: tuple[Plan, bytes]) -> None:
    plan, data = case
    zones = blocks(data, "VTIMEZONE")
    assert len(zones) == 1
    assert zones[0][0] == f"TZID:{plan.timezone}"
    assert not any(x.startswith("COMMENT") for x in zones[0])
    assert not any(x.startswith(("RRULE", "RDATE")) for x in zones[0])
    # VTIMEZONE comes before the first VEVENT
    lines = logical_lines(data)
    assert lines.index("BEGIN:VTIMEZONE") < lines.index("BEGIN:VEVENT")


def test_sessions_and_advisories(case: tuple[Plan, bytes]) -> None:
    plan, data = case
    evs = events(data)
    sessions = [e for e in evs if categories(e)[0] != "ADVISORY"]
    advisories = [e for e in evs if categories(e)[0] == "ADVISORY"]
    assert len(sessions) == len(plan.sessions())
    assert len(advisories) == len(plan.advisories)
    for event, (_, session) in zip(sessions, plan.sessions(), strict=True):
        assert categories(event) == [session.kind.value.upper()]
        assert event["DTSTART"].params["TZID"] == plan.timezone
        assert event["DTEND"].params["TZID"] == plan.timezone
        end = event.decoded("DTEND").astimezone(UTC)
        start = event.decoded("DTSTART").astimezone(UTC)
        assert end - start == timedelta(minutes=session.duration_min)  # absolute time
        assert str(event["TRANSP"]) == "OPAQUE"
        sequence = event["SEQUENCE"]
        assert isinstance(sequence, vInt) and sequence == 0
    for event, advisory in zip(advisories, plan.advisories, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and start == advisory.date
        assert type(end) is date and end == advisory.date + timedelta(days=1)
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert "VALARM" not in [c.name for c in event.subcomponents]


def test_disclaimer_in_every_description(case: tuple[Plan, bytes]) -> None:
    plan, data = case
    for event in events(data):
        assert str(event["DESCRIPTION"]).endswith(plan.disclaimer)


def test_dtstamp_is_utc_and_fixed(case: tuple[Plan, bytes]) -> None:
    plan, data = case
    stamps = {line for line in logical_lines(data) if line.startswith("DTSTAMP")}
    assert len(stamps) == 1
    (stamp,) = stamps
    assert re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", stamp)
    if plan.revision is None:
        assert stamp == f"DTSTAMP:{plan.start:%Y%m%d}T000000Z"


def test_uids_stable_and_unique(case: tuple[Plan, bytes]) -> None:
    plan, data = case
    uids = [str(e["UID"]) for e in events(data)]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in events(to_ics(plan))]
    for uid in uids:
        assert re.fullmatch(r"runplan-[0-9a-f]{16}-\d{8}-[a-zA-Z0-9.-]+@runplan", uid), uid


def test_same_bytes_twice(case: tuple[Plan, bytes]) -> None:
    plan, data = case
    assert to_ics(plan, alarm_minutes=15, refresh=timedelta(hours=12)) == data


# ------------------------------------------------------------------ one plan each


def test_london_dst_vtimezone_onset_is_before_the_transition() -> None:
    data = to_ics(london_dst_plan())
    zone = blocks(data, "VTIMEZONE")[0]
    assert zone == [
        "TZID:Europe/London",
        "BEGIN:STANDARD",
        "DTSTART:20260322T000000",
        "TZNAME:GMT",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0000",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:20260329T010000",
        "TZNAME:BST",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "END:DAYLIGHT",
    ]


def test_london_local_times_across_dst() -> None:
    lines = logical_lines(to_ics(london_dst_plan()))
    assert "DTSTART;TZID=Europe/London:20260323T063000" in lines  # GMT
    assert "DTSTART;TZID=Europe/London:20260329T090000" in lines  # BST, same wall time
    assert "DTSTART;TZID=Europe/London:20260330T063000" in lines


def test_dtend_in_absolute_time_across_the_gap() -> None:
    lines = logical_lines(to_ics(night_dst_plan()))
    assert "DTSTART;TZID=Europe/London:20260329T003000" in lines
    assert "DTEND;TZID=Europe/London:20260329T033000" in lines  # 120 real minutes


def test_la_fall_back_vtimezone_and_default_dtstamp() -> None:
    data = to_ics(la_plan())
    zone = blocks(data, "VTIMEZONE")[0]
    i = zone.index("DTSTART:20261101T020000")
    assert zone[i - 1] == "BEGIN:STANDARD"
    assert zone[i + 1 : i + 4] == ["TZNAME:PST", "TZOFFSETFROM:-0700", "TZOFFSETTO:-0800"]
    assert "DTSTAMP:20261026T000000Z" in logical_lines(data)
    assert "DTSTART;TZID=America/Los_Angeles:20261101T090000" in logical_lines(data)


def test_dtstamp_is_revision_in_utc() -> None:
    plan = london_dst_plan().model_copy(
        update={"revision": datetime(2026, 7, 1, 9, 15, 30, tzinfo=ZoneInfo("Europe/London"))}
    )
    stamps = {x for x in logical_lines(to_ics(plan)) if x.startswith("DTSTAMP")}
    assert stamps == {"DTSTAMP:20260701T081530Z"}


def test_session_uid_from_runner_date_slot() -> None:
    plan = london_dst_plan()
    lines = logical_lines(to_ics(plan))
    uid = session_uid("Alex Doe", date(2026, 3, 25), 1)
    assert uid.startswith("runplan-") and uid.endswith("-20260325-1@runplan")
    assert f"UID:{uid}" in lines
    assert session_uid("Alex Doe", date(2026, 3, 25), 1) != session_uid(
        "Alex Doe ", date(2026, 3, 25), 1
    )
    assert "Alex" not in uid


def test_advisory_uids_summaries_and_categories() -> None:
    plan = london_dst_plan()
    by_uid = {str(e["UID"]): e for e in events(to_ics(plan))}
    consult, urgent, note, shoes, surface = plan.advisories
    assert str(by_uid[advisory_uid(uid_identity(plan), consult)]["SUMMARY"]).startswith("Consult: ")
    assert str(by_uid[advisory_uid(uid_identity(plan), urgent)]["SUMMARY"]).startswith("URGENT: ")
    assert str(by_uid[advisory_uid(uid_identity(plan), note)]["SUMMARY"]).startswith("Note: ")
    shoes_uid, surface_uid = (
        advisory_uid(uid_identity(plan), shoes, 0),
        advisory_uid(uid_identity(plan), surface, 1),
    )
    assert shoes_uid.endswith("-20260329-note-A5-0@runplan")
    assert surface_uid.endswith("-20260329-note-A5-1@runplan")
    assert "Your shoes" in str(by_uid[shoes_uid]["DESCRIPTION"])
    assert "Only road" in str(by_uid[surface_uid]["DESCRIPTION"])
    description = str(by_uid[advisory_uid(uid_identity(plan), consult)]["DESCRIPTION"])
    assert description.startswith(consult.message)
    assert f"Rules: A8 {RULES['A8'].title}." in description
    assert categories(by_uid[shoes_uid]) == ["ADVISORY"]


def test_run_description_order_warmup_content_why_disclaimer() -> None:
    """What to do first, then one line of rule ids with short titles, then S4."""
    plan = london_dst_plan()
    event = next(e for e in events(to_ics(plan)) if str(e["SUMMARY"]) == "Long easy run")
    text = str(event["DESCRIPTION"])
    warm = text.index("Warm-up 10 min: ")
    walk = text.index("5 min walk briskly but easily")
    stretch = text.index("5 min knee-to-chest")
    content = text.index("Run 50 min at a conversational pace.")
    notes = text.index("Run tall, relax the shoulders")
    why = text.index("Rules: A1 run and cross-train, A2 warm-up, A5 cushioned shoes, ")
    disclaimer = text.index(DISCLAIMER)
    assert warm < walk < stretch < content < notes < why < disclaimer
    assert warm == 0
    assert text.count("Rules:") == 1 and text.endswith(f"\n\n{DISCLAIMER}")
    for rule_id in ("A1", "A2", "A5", "A6", "A12"):
        assert f"{rule_id} {RULES[rule_id].title}" in text
        assert RULES[rule_id].text not in text


def test_unknown_rule_id_is_shown_without_text() -> None:
    plan = london_dst_plan()
    session = sessions_on(plan, date(2026, 3, 24))[0].model_copy(update={"rules": ["Z9"]})
    data = to_ics(with_sessions(plan, {date(2026, 3, 24): [session]}))
    event = next(e for e in events(data) if str(e["SUMMARY"]) == "Easy bike ride")
    assert "Rules: Z9.\n" in str(event["DESCRIPTION"])


# ------------------------------------------------------------ escaping, injection


def test_text_escaping_commas_semicolons_backslashes_newlines() -> None:
    data = to_ics(nasty_plan())
    lines = logical_lines(data)
    summary = next(x for x in lines if x.startswith("SUMMARY:Lauf"))
    assert summary.startswith('SUMMARY:Lauf\\, locker\\; "leicht" \\\\ 🏃 ')
    name = next(x for x in lines if x.startswith("NAME:"))
    assert name == (
        'NAME:Training plan \N{EN DASH} Zoë "Z" O\'Brien\\, Jr.\\; back\\\\slash second line '
        "🏃\u200d♀️ Ünïcødé ☃"
    )
    assert any(x.startswith("X-WR-CALNAME:") and x[13:] == name[5:] for x in lines)
    event = next(e for e in events(data) if str(e["SUMMARY"]).startswith("Lauf"))
    description = str(event["DESCRIPTION"])
    assert "Line one,\nline two; with \\ backslash\n" in description
    assert "Note with CR\nLF and a tab\there\n" in description
    assert "\nBEGIN:VEVENT\n" in description  # text, not a component
    assert len(events(data)) == 3


def test_names_survive_every_parser() -> None:
    data = to_ics(nasty_plan())
    expected = "Training plan \N{EN DASH} " + NASTY_NAME.replace("\n", " ")
    # icalendar 7 reads NAME and X-WR-CALNAME as unknown properties (still escaped)
    assert vobject_read(data.decode("utf-8")).contents["name"][0].value == expected
    assert vobject_read(data.decode("utf-8")).x_wr_calname.value == expected
    titles = {str(e["SUMMARY"]) for e in events(data)}
    assert 'Lauf, locker; "leicht" \\ 🏃 ' + "é" * 40 in titles


def test_crlf_injection_in_runner_name_adds_no_property() -> None:
    data = to_ics(injection_plan())
    for line in physical_lines(data):
        assert not line.startswith(b"ATTENDEE"), line
    cal = Calendar.from_ical(data)
    for component in cal.walk():
        assert "ATTENDEE" not in component
    assert str(cal["NAME"]) == "Training plan \N{EN DASH} Eve ATTENDEE:mailto:x@y X"
    assert str(cal["X-WR-CALNAME"]) == "Training plan \N{EN DASH} Eve ATTENDEE:mailto:x@y X"
    assert str(cal["DESCRIPTION"]).startswith("Cross-training plan for Eve ATTENDEE:mailto:x@y X")
    vcal = vobject_read(data.decode("utf-8"), validate=True)
    assert not any(hasattr(e, "attendee") for e in vcal.vevent_list)
    assert "attendee" not in vcal.contents
    # the UID never carries the raw name
    assert INJECTION_NAME not in data.decode("utf-8")
    assert "Eve" not in "".join(str(e["UID"]) for e in cal.walk("VEVENT"))


@pytest.mark.parametrize(
    "title",
    [
        "Run\rATTENDEE:mailto:x@y",
        "Run\nATTENDEE:mailto:x@y",
        "Run\r\n ATTENDEE:mailto:x@y",
        "Run\x00\x1b[31m\x0b\x7fred",
        "Run\u2028ATTENDEE:mailto:x@y",
    ],
)
def test_injection_in_session_text(title: str) -> None:
    plan = london_dst_plan()
    day = date(2026, 3, 24)
    session = sessions_on(plan, day)[0].model_copy(
        update={"title": title, "notes": [title], "content": [title]}
    )
    plan = with_sessions(plan, {day: [session]})
    data = to_ics(plan, calendar_name=title, alarm_minutes=5)
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data.replace(b"\r\n", b""))
    assert not any(line.startswith(b"ATTENDEE") for line in physical_lines(data))
    cal = Calendar.from_ical(data)
    assert all("ATTENDEE" not in c for c in cal.walk())
    assert len(cal.walk("VEVENT")) == len(plan.sessions()) + len(plan.advisories)
    vobject_read(data.decode("utf-8"), validate=True)
    ical_read(data.decode("utf-8"))


@given(
    runner=st.text(min_size=1, max_size=60),
    title=st.text(min_size=1, max_size=120),
    message=st.text(min_size=1, max_size=200),
)
def test_arbitrary_text_round_trips_through_strict_parsers(
    runner: str, title: str, message: str
) -> None:
    plan = london_dst_plan(runner=runner)
    day = date(2026, 3, 24)
    session = sessions_on(plan, day)[0].model_copy(update={"title": title})
    advisory = Advisory(kind=AdvisoryKind.NOTE, date=day, message=message, rules=["A5"])
    plan = with_sessions(plan, {day: [session]}).model_copy(update={"advisories": [advisory]})
    data = to_ics(plan)
    for line in physical_lines(data):
        assert len(line) <= 75
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data.replace(b"\r\n", b""))
    evs = events(data)
    assert len(evs) == len(plan.sessions()) + 1
    assert all("ATTENDEE" not in c for c in Calendar.from_ical(data).walk())
    uids = {str(e["UID"]) for e in evs}
    assert session_uid(runner, day, 0) in uids
    assert advisory_uid(runner, advisory) in uids
    text = data.decode("utf-8")
    vcal = vobject_read(text, validate=True)
    assert len(vcal.vevent_list) == len(evs)
    ical_cal = ical_read(text)
    assert len(ical_cal.events) == len(evs)
    summary = next(str(e["SUMMARY"]) for e in evs if str(e["UID"]) == session_uid(runner, day, 0))
    assert summary == _one_line(title)
    name = vcal.contents["name"][0].value
    expected = _one_line(runner)
    assert name == (f"Training plan \N{EN DASH} {expected}" if expected else "Training plan")
    assert vcal.x_wr_calname.value == name


def _one_line(text: str) -> str:
    """What the exporter should keep of a one-line text: every line break or tab becomes
    a space, other control characters are dropped, the ends are trimmed."""
    out = []
    for ch in text:
        if ch in "\r\n\t\u2028\u2029":
            out.append("\n")
        elif unicodedata.category(ch) not in {"Cc", "Cs"}:
            out.append(ch)
    return re.sub("\n+", " ", "".join(out)).strip()


# ------------------------------------------------------------------------ options


def test_alarm() -> None:
    plan = london_dst_plan()
    data = to_ics(plan, alarm_minutes=30)
    alarms = blocks(data, "VALARM")
    assert len(alarms) == len(plan.sessions())
    for alarm in alarms:
        assert "ACTION:DISPLAY" in alarm and "TRIGGER:-PT30M" in alarm
        assert any(x.startswith("DESCRIPTION:") for x in alarm)
    assert blocks(to_ics(plan), "VALARM") == []
    assert "TRIGGER:-PT1H30M" in logical_lines(to_ics(plan, alarm_minutes=90))


@pytest.mark.parametrize("bad", [-1, 10081, True, 1.5, "30"])
def test_bad_alarm(bad: object) -> None:
    with pytest.raises(ExportError, match="alarm_minutes"):
        to_ics(london_dst_plan(), alarm_minutes=bad)  # type: ignore[arg-type]


def test_refresh_lines_exact() -> None:
    lines = logical_lines(to_ics(london_dst_plan(), refresh=timedelta(hours=12)))
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in lines
    assert "X-PUBLISHED-TTL:PT12H" in lines
    day = logical_lines(to_ics(london_dst_plan(), refresh=timedelta(days=1)))
    assert "REFRESH-INTERVAL;VALUE=DURATION:P1D" in day and "X-PUBLISHED-TTL:P1D" in day
    plain = logical_lines(to_ics(london_dst_plan()))
    assert not any(x.startswith(("REFRESH-INTERVAL", "X-PUBLISHED-TTL")) for x in plain)


@pytest.mark.parametrize("bad", [timedelta(0), timedelta(hours=-1), timedelta(microseconds=5)])
def test_bad_refresh(bad: timedelta) -> None:
    with pytest.raises(ExportError, match="refresh"):
        to_ics(london_dst_plan(), refresh=bad)


def test_calendar_name() -> None:
    lines = logical_lines(to_ics(london_dst_plan(), calendar_name="Alex, spring; block"))
    assert "NAME:Alex\\, spring\\; block" in lines
    assert "X-WR-CALNAME:Alex\\, spring\\; block" in lines


def test_unknown_time_zone_is_an_export_error() -> None:
    plan = london_dst_plan().model_copy(update={"timezone": "Mars/Olympus"})
    with pytest.raises(ExportError, match="Mars/Olympus") as info:
        to_ics(plan)
    assert isinstance(info.value, RunplanError)


def test_empty_plan() -> None:
    plan = Plan(
        runner="Nobody", timezone="UTC", start=date(2026, 1, 5), weeks=[], disclaimer=DISCLAIMER
    )
    data = to_ics(plan)
    assert events(data) == []
    assert blocks(data, "VTIMEZONE") == []
    vobject_read(data.decode("utf-8"), validate=True)


# ---------------------------------------------------------------------- timezones


@pytest.mark.parametrize(
    "tzid",
    [
        "Europe/London",
        "America/Los_Angeles",
        "Australia/Lord_Howe",
        "Europe/Dublin",
        "Asia/Tokyo",
        "UTC",
        "America/Santiago",
        "Pacific/Chatham",
    ],
)
def test_vtimezone_onsets_match_zoneinfo(tzid: str) -> None:
    zone = ZoneInfo(tzid)
    tz = vtimezone(tzid, date(2026, 1, 1), date(2027, 1, 1))
    assert "COMMENT" not in tz
    parts = tz.subcomponents
    assert parts, tzid
    starts = [p.decoded("DTSTART") for p in parts]
    assert starts == sorted(starts)
    first = parts[0]
    assert first.decoded("TZOFFSETFROM") == first.decoded("TZOFFSETTO")
    for part in parts[1:]:
        onset = part.decoded("DTSTART") - part.decoded("TZOFFSETFROM")  # naive UTC
        instant = onset.replace(tzinfo=UTC)
        assert instant.astimezone(zone).utcoffset() == part.decoded("TZOFFSETTO")
        before = (instant - timedelta(seconds=1)).astimezone(zone)
        assert before.utcoffset() == part.decoded("TZOFFSETFROM")
        assert (part.name == "DAYLIGHT") == (instant.astimezone(zone).dst() > timedelta(0))
    # every transition of the year is there
    changes = 0
    t = datetime(2026, 1, 2, tzinfo=UTC)
    while t < datetime(2026, 12, 30, tzinfo=UTC):
        if (t + timedelta(hours=1)).astimezone(zone).utcoffset() != t.astimezone(zone).utcoffset():
            changes += 1
        t += timedelta(hours=1)
    assert len(parts) - 1 >= changes


def test_vtimezone_is_small() -> None:
    data = to_ics(london_dst_plan())
    assert len(blocks(data, "VTIMEZONE")[0]) <= 15


# ------------------------------------------------------------------ determinism


_SCRIPT = """
import sys, hashlib
sys.path.insert(0, {tests!r})
from datetime import timedelta
from sample_plans import all_plans
from runplan.export import to_ics
plans = all_plans()
out = b"".join(
    to_ics(plans[k], alarm_minutes=10, refresh=timedelta(hours=6)) for k in sorted(plans)
)
sys.stdout.write(hashlib.sha256(out).hexdigest())
"""


def _digest_in_subprocess(seed: str, tz: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": tz}
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT.format(tests=str(TESTS_DIR))],
        env=env,
        capture_output=True,
        check=True,
        text=True,
    )
    return result.stdout


def test_byte_identical_across_hash_seeds_and_machine_time_zones() -> None:
    import hashlib

    plans = all_plans()
    here = hashlib.sha256(
        b"".join(
            to_ics(plans[k], alarm_minutes=10, refresh=timedelta(hours=6)) for k in sorted(plans)
        )
    ).hexdigest()
    a = _digest_in_subprocess("0", "UTC")
    b = _digest_in_subprocess("12345", "Pacific/Auckland")
    c = _digest_in_subprocess("987654321", "America/New_York")
    assert a == b == c == here


# ------------------------------------------------------------- updates (previous)


def test_previous_identical_plan_gives_identical_bytes() -> None:
    plan = london_dst_plan()
    first = to_ics(plan)
    assert to_ics(plan, previous=first) == first
    assert to_ics(plan, previous=first.decode("utf-8")) == first
    assert to_ics(plan, previous=b"\xef\xbb\xbf" + first) == first


def test_previous_changed_event_gets_higher_sequence() -> None:
    plan = london_dst_plan()
    first = to_ics(plan)
    day = date(2026, 3, 23)
    moved = sessions_on(plan, day)[0].model_copy(
        update={"start": datetime(2026, 3, 23, 7, 0, tzinfo=ZoneInfo("Europe/London"))}
    )
    second_plan = with_sessions(plan, {day: [moved]})
    second = to_ics(second_plan, previous=first)
    seqs = uid_seq_status(second)
    changed = session_uid(uid_identity(plan), day, 0)
    assert seqs[changed] == (1, None)
    assert all(seq == 0 for uid, (seq, _) in seqs.items() if uid != changed)
    # unchanged since the second file: the sequence stays
    assert uid_seq_status(to_ics(second_plan, previous=second))[changed] == (1, None)
    # changed again: up once more
    retitled = moved.model_copy(update={"title": "Steady run"})
    third = to_ics(with_sessions(plan, {day: [retitled]}), previous=second)
    assert uid_seq_status(third)[changed] == (2, None)


def test_previous_dtstamp_alone_is_not_a_change() -> None:
    plan = london_dst_plan()
    first = to_ics(plan)
    later = plan.model_copy(update={"revision": datetime(2026, 3, 27, 7, 0, tzinfo=UTC)})
    second = to_ics(later, previous=first)
    assert {seq for seq, _ in uid_seq_status(second).values()} == {0}
    assert "DTSTAMP:20260327T070000Z" in logical_lines(second)


def test_previous_sequence_is_kept_for_unchanged_events() -> None:
    plan = london_dst_plan()
    first = to_ics(plan).replace(b"SEQUENCE:0", b"SEQUENCE:5")
    assert {seq for seq, _ in uid_seq_status(to_ics(plan, previous=first)).values()} == {5}


def test_previous_dropped_events_are_cancelled() -> None:
    plan = london_dst_plan()
    first = to_ics(plan, alarm_minutes=10)
    tuesday = date(2026, 3, 24)
    second_plan = with_sessions(plan, {tuesday: []}).model_copy(
        update={"advisories": plan.advisories[1:]}
    )
    second = to_ics(second_plan, previous=first, alarm_minutes=10)
    seqs = uid_seq_status(second)
    gone_session = session_uid(uid_identity(plan), tuesday, 0)
    gone_advisory = advisory_uid(uid_identity(plan), plan.advisories[0])
    assert seqs[gone_session] == (1, "CANCELLED")
    assert seqs[gone_advisory] == (1, "CANCELLED")
    assert len(seqs) == len(plan.sessions()) + len(plan.advisories)
    by_uid = {str(e["UID"]): e for e in events(second)}
    assert by_uid[gone_session].decoded("DTSTART") == sessions_on(plan, tuesday)[0].start
    assert type(by_uid[gone_advisory].decoded("DTSTART")) is date
    assert str(by_uid[gone_session]["DESCRIPTION"]).endswith(DISCLAIMER)
    assert "VALARM" not in [c.name for c in by_uid[gone_session].subcomponents]
    # strict parsers accept the update
    vobject_read(second.decode("utf-8"), validate=True)
    ical_read(second.decode("utf-8"))
    # issued again: the cancellation is stable
    assert to_ics(second_plan, previous=second, alarm_minutes=10) == second
    # the session comes back: it is a change of the cancelled event
    back = to_ics(plan, previous=second, alarm_minutes=10)
    assert uid_seq_status(back)[gone_session] == (2, None)


def test_previous_foreign_events_are_left_alone() -> None:
    plan = london_dst_plan()
    foreign = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:dentist-1@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
        b"DTSTART:20260324T090000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert to_ics(plan, previous=foreign) == to_ics(plan)


def test_previous_in_another_zone_needs_only_our_vtimezone() -> None:
    old = la_plan().model_copy(update={"runner": "Alex Doe"})
    data = to_ics(london_dst_plan(), previous=to_ics(old))
    zones = blocks(data, "VTIMEZONE")
    assert len(zones) == 1 and zones[0][0] == "TZID:Europe/London"
    assert "DTSTART:20261025T020000" in zones[0]  # October covered for the cancellations
    cancelled = [e for e in events(data) if str(e.get("STATUS", "")) == "CANCELLED"]
    assert len(cancelled) == len(old.sessions()) + len(old.advisories)
    vobject_read(data.decode("utf-8"), validate=True)
    ical_read(data.decode("utf-8"))


@pytest.mark.parametrize(
    "previous",
    [
        b"",
        b"garbage",
        b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"
        b"UID:runplan-0123456789abcdef-20260323-0@runplan\r\nSEQUENCE:x\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n",
        b"\xff\xfe\x00",
    ],
)
def test_unreadable_previous_is_an_export_error(previous: bytes) -> None:
    with pytest.raises(ExportError, match="previous calendar"):
        to_ics(london_dst_plan(), previous=previous)


def test_session_kinds_all_map_to_categories() -> None:
    plan = london_dst_plan()
    kinds = {s.kind for _, s in plan.sessions()}
    assert kinds == set(SessionKind)
    cats = {categories(e)[0] for e in events(to_ics(plan))}
    assert cats == {k.value.upper() for k in SessionKind} | {"ADVISORY"}


def test_previous_leaves_past_sessions_and_other_runners_alone() -> None:
    """Rolling a plan forward does not cancel sessions before its start, and another
    runner's file given as ``previous`` cancels nothing."""
    from datetime import date as _date

    from runplan import parse_profile, plan

    data = {
        "name": "Roll Forward",
        "timezone": "Europe/London",
        "run_days": 3,
        "weekly_run_minutes": 150,
        "equipment": ["bike"],
        "surfaces": ["grass"],
        "availability": {d: ["07:00-09:00"] for d in ("mon", "tue", "wed", "thu", "sat")},
    }
    runner = parse_profile(data)
    first = to_ics(plan(runner, start=_date(2026, 3, 23), weeks=2))
    later = Calendar.from_ical(
        to_ics(plan(runner, start=_date(2026, 3, 30), weeks=2), previous=first)
    )
    cancelled = [ev for ev in later.walk("VEVENT") if str(ev.get("STATUS")) == "CANCELLED"]
    assert all(
        ev.decoded("DTSTART") >= _date(2026, 3, 30)
        if not hasattr(ev.decoded("DTSTART"), "hour")
        else ev.decoded("DTSTART").date() >= _date(2026, 3, 30)
        for ev in cancelled
    )
    other = parse_profile(dict(data, name="Someone Else"))
    mixed = Calendar.from_ical(
        to_ics(plan(other, start=_date(2026, 3, 23), weeks=2), previous=first)
    )
    assert not [ev for ev in mixed.walk("VEVENT") if str(ev.get("STATUS")) == "CANCELLED"]
