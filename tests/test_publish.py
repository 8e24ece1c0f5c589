"""``runplan publish``: the CalDAV sync against an in-memory fake, the command's options
and exit statuses, and round trips through a real Radicale server on 127.0.0.1."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import io
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from runplan import Runner, load_profile, plan, to_ics
from runplan.cli import main
from runplan.errors import InterruptError
from runplan.export.ics import session_uid, uid_identity
from runplan.publish import (
    MARKER,
    CaldavServer,
    ConflictError,
    PublishError,
    RemoteCalendar,
    RemoteObject,
    publish,
    publish_plan,
    split_calendar,
)
from sample_plans import all_plans

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
SIX = EXAMPLES / "six_free_days.toml"
FOUR = EXAMPLES / "four_free_days.toml"
START = date(2026, 12, 7)
CAL = "Training plan \N{EN DASH} Alex Doe"


# ------------------------------------------------------------------ in-memory fake


def _etag(data: str) -> str:
    return '"' + hashlib.sha256(data.encode("utf-8")).hexdigest()[:16] + '"'


@dataclass
class FakeCalendar:
    """A calendar collection that behaves like a strict CalDAV server: one object per
    UID, conditional writes, and an optional failure on the n-th write."""

    url: str
    items: dict[str, str] = field(default_factory=dict)
    log: list[tuple[str, str]] = field(default_factory=list)
    fail_on_write: int | None = None
    fail_listing: bool = False
    removed: bool = False

    listings: list[str | None] = field(default_factory=list)  # each objects() filter

    def objects(self, uid_contains: str | None = None) -> list[RemoteObject]:
        if self.fail_listing:
            raise PublishError(f"cannot list the events of {self.url}: HTTP 500")
        self.listings.append(uid_contains)
        return [
            RemoteObject(href, _etag(data), data)
            for href, data in self.items.items()
            if "BEGIN:VEVENT" in data and (uid_contains is None or uid_contains in str(_uid(data)))
        ]

    def _write(self, action: str, href: str) -> None:
        if self.fail_on_write is not None and len(self.log) + 1 >= self.fail_on_write:
            raise PublishError(f"{action} {href}: the server answered HTTP 503")
        self.log.append((action, href))

    def _uid_taken(self, data: str, href: str) -> bool:
        uid = _uid(data)
        return any(_uid(d) == uid for h, d in self.items.items() if h != href)

    def create(self, name: str, data: bytes) -> None:
        href = self.url + name
        text = data.decode("utf-8")
        assert href not in self.items, "create over an existing object"
        assert not self._uid_taken(text, href), "UID conflict"
        self._write("create", href)
        self.items[href] = text

    def update(self, obj: RemoteObject, data: bytes) -> None:
        assert _etag(self.items[obj.href]) == obj.etag, "update without the current ETag"
        self._write("update", obj.href)
        self.items[obj.href] = data.decode("utf-8")

    def delete(self, obj: RemoteObject) -> None:
        assert _etag(self.items[obj.href]) == obj.etag, "delete without the current ETag"
        self._write("delete", obj.href)
        del self.items[obj.href]

    def remove(self) -> None:
        self._write("remove", self.url)
        self.removed = True


@dataclass
class FakeServer:
    url: str = "https://cal.example.test/dav/"
    calendars: dict[str, FakeCalendar] = field(default_factory=dict)
    made: list[str] = field(default_factory=list)

    #: More calendars of an existing name (as two racing first publishes leave them).
    twins: list[tuple[str, FakeCalendar]] = field(default_factory=list)

    def find_calendars(self, name: str) -> list[RemoteCalendar]:
        found = [self.calendars[name]] if name in self.calendars else []
        found += [cal for twin, cal in self.twins if twin == name]
        return [cal for cal in found if not cal.removed]

    def create_calendar(self, name: str) -> FakeCalendar:
        self.made.append(name)
        cal = FakeCalendar(f"{self.url}cal{len(self.calendars)}/")
        self.calendars[name] = cal
        return cal


def _uid(data: str) -> str | None:
    for line in data.replace("\r\n", "\n").split("\n"):
        if line.startswith("UID:"):
            return line[4:]
    return None


def _event(data: str) -> Any:
    return Calendar.from_ical(data).walk("VEVENT")[0]


def _ics(
    profile: Path | str,
    start: date = START,
    weeks: int = 2,
    *,
    stamp: datetime | None = None,
    **changes: object,
) -> tuple[bytes, str]:
    runner = load_profile(profile)
    if changes:
        runner = Runner.model_validate({**runner.model_dump(mode="json"), **changes})
    the_plan = plan(runner, start=start, weeks=weeks, revision=stamp)
    return to_ics(the_plan), uid_identity(the_plan)


def _publish(
    server: FakeServer,
    ics: bytes,
    runner: str,
    *,
    dry_run: bool = False,
    window_start: date = START,
) -> Any:
    return publish(
        ics, runner, server, calendar_name=CAL, window_start=window_start, dry_run=dry_run
    )


def _foreign(uid: str, summary: str = "Dentist", extra: str = "") -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//else//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n"
        "DTSTART:20261209T090000Z\r\nDTEND:20261209T100000Z\r\n"
        f"SUMMARY:{summary}\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def _uids(ics: bytes) -> list[str]:
    return [str(e["UID"]) for e in Calendar.from_ical(ics).walk("VEVENT")]


# ------------------------------------------------------------------ splitting


@pytest.mark.parametrize("name", sorted(all_plans()))
def test_split_gives_one_full_calendar_per_event(name: str) -> None:
    ics = to_ics(all_plans()[name])
    whole = Calendar.from_ical(ics)
    parts = split_calendar(ics)
    assert [str(p.walk("VEVENT")[0]["UID"]) for p in parts] == _uids(ics)
    for part in parts:
        reparsed = Calendar.from_ical(part.to_ical())
        assert str(reparsed["VERSION"]) == "2.0"
        assert str(reparsed["PRODID"]) == str(whole["PRODID"])
        assert "X-WR-CALNAME" not in reparsed and "NAME" not in reparsed
        (event,) = reparsed.walk("VEVENT")
        used = {
            str(event[p].params["TZID"]) for p in ("DTSTART", "DTEND") if "TZID" in event[p].params
        }
        assert {str(tz["TZID"]) for tz in reparsed.walk("VTIMEZONE")} == used
        assert event.decoded("DTSTART") == whole_event(whole, str(event["UID"]))


def whole_event(whole: Calendar, uid: str) -> object:
    return next(e for e in whole.walk("VEVENT") if str(e["UID"]) == uid).decoded("DTSTART")


# ------------------------------------------------------------------ sync, fake server


def test_first_publish_creates_calendar_and_one_object_per_uid() -> None:
    ics, runner = _ics(FOUR)  # has advisories (all-day events) too
    server = FakeServer()
    report = _publish(server, ics, runner)
    assert server.made == [CAL]
    cal = server.calendars[CAL]
    assert (report.created, report.updated, report.deleted, report.unchanged) == (
        len(_uids(ics)),
        0,
        0,
        0,
    )
    assert sorted(_uid(d) or "" for d in cal.items.values()) == sorted(_uids(ics))
    for data in cal.items.values():
        parsed = Calendar.from_ical(data)
        assert len(parsed.walk("VEVENT")) == 1
        event = parsed.walk("VEVENT")[0]
        assert str(event[MARKER]).startswith("runplan-")
        assert int(str(event["SEQUENCE"])) == 0
        if "TZID" in event["DTSTART"].params:
            assert parsed.walk("VTIMEZONE"), "a timed event travels with its VTIMEZONE"
    assert report.summary() == f"created {len(_uids(ics))}, updated 0, deleted 0, unchanged 0"


def test_publishing_twice_changes_nothing_even_with_a_new_dtstamp() -> None:
    server = FakeServer()
    first, runner = _ics(SIX, stamp=datetime(2026, 11, 1, tzinfo=UTC))
    _publish(server, first, runner)
    before = dict(server.calendars[CAL].items)
    again, _ = _ics(SIX, stamp=datetime(2026, 11, 20, 8, 30, tzinfo=UTC))
    assert first != again  # only DTSTAMP differs
    report = _publish(server, again, runner)
    assert (report.created, report.updated, report.deleted) == (0, 0, 0)
    assert report.unchanged == len(_uids(first))
    assert server.calendars[CAL].items == before
    assert server.made == [CAL]


def test_changed_plan_updates_deletes_and_bumps_the_server_sequence() -> None:
    server = FakeServer()
    ics, runner = _ics(SIX)
    _publish(server, ics, runner)
    cal = server.calendars[CAL]
    # Someone (another publisher, a client) left SEQUENCE 5 on one object.
    href = next(h for h, d in cal.items.items() if "-20261208-0@" in d)
    cal.items[href] = cal.items[href].replace("SEQUENCE:0", "SEQUENCE:5")

    changed, _ = _ics(SIX, run_days=2)
    report = _publish(server, changed, runner)
    new, old = set(_uids(changed)), set(_uids(ics))
    assert report.deleted == len(old - new) > 0
    assert report.created == len(new - old)
    assert report.updated > 0
    assert report.created + report.updated + report.unchanged == len(new)
    assert sorted(_uid(d) or "" for d in cal.items.values()) == sorted(new)
    by_uid = {_uid(d): _event(d) for d in cal.items.values()}
    assert int(by_uid[session_uid(runner, date(2026, 12, 8), 0)]["SEQUENCE"]) == 6
    updated = {c.uid for c in report.changes if c.action == "update"}
    assert all(int(by_uid[u]["SEQUENCE"]) >= 1 for u in updated)
    unchanged = (new & old) - updated
    assert len(unchanged) == report.unchanged
    assert all(int(by_uid[u]["SEQUENCE"]) == 0 for u in unchanged)
    # writes first (nearest first), deletions last
    actions = [a for a, _ in cal.log[len(old) :]]
    assert actions == sorted(actions, key=lambda a: a == "delete")


def test_foreign_and_other_runners_objects_are_never_touched() -> None:
    server = FakeServer()
    ics, runner = _ics(SIX)
    _publish(server, ics, runner)
    cal = server.calendars[CAL]
    ours = session_uid(runner, START, 0).split("-2026")[0]
    planted = {
        cal.url + "dentist.ics": _foreign("dentist-1@example.com"),
        # another runner in the same calendar (a roster), marked by runplan
        cal.url + "other.ics": _foreign(
            "runplan-0123456789abcdef-20261209-0@runplan",
            extra=f"{MARKER}:runplan-0123456789abcdef\r\n",
        ),
        # our UID pattern but without our marker (an .ics imported by hand)
        cal.url + "imported.ics": _foreign(f"{ours}-20261211-3@runplan"),
        # ours, but dated before the plan start: history, kept
        cal.url + "history.ics": _foreign(
            f"{ours}-20261130-0@runplan", extra=f"{MARKER}:{ours}\r\n"
        ),
        # a marker with the wrong owner
        cal.url + "spoof.ics": _foreign(
            f"{ours}-20261212-3@runplan", extra=f"{MARKER}:runplan-0123456789abcdef\r\n"
        ),
        cal.url + "task.ics": (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTODO\r\n"
            f"UID:{ours}-20261210-9@runplan\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
        ),
        cal.url + "broken.ics": "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:nonsense",
    }
    cal.items.update(planted)
    changed, _ = _ics(SIX, run_days=2, long_run_day="sun")
    report = _publish(server, changed, runner)
    assert report.deleted > 0
    for href, data in planted.items():
        assert cal.items[href] == data, href
    touched = {h for _, h in cal.log}
    assert not touched & set(planted)


def test_unmarked_copy_of_a_plan_uid_is_adopted_not_duplicated() -> None:
    ics, runner = _ics(SIX)
    uid = _uids(ics)[0]
    server = FakeServer()
    cal = FakeCalendar(server.url + "mine/")
    server.calendars[CAL] = cal
    cal.items[cal.url + "imported-by-hand.ics"] = _foreign(uid, "Old title", extra="SEQUENCE:2\r\n")
    report = _publish(server, ics, runner)
    assert report.updated == 1 and report.created == len(_uids(ics)) - 1
    event = _event(cal.items[cal.url + "imported-by-hand.ics"])
    assert str(event[MARKER]).startswith("runplan-") and int(event["SEQUENCE"]) == 3
    assert sum(_uid(d) == uid for d in cal.items.values()) == 1


def test_duplicate_marked_copies_are_reduced_to_one() -> None:
    server = FakeServer()
    ics, runner = _ics(SIX)
    _publish(server, ics, runner)
    cal = server.calendars[CAL]
    href, data = next(iter(cal.items.items()))
    cal.items[href + ".copy.ics"] = data
    report = _publish(server, ics, runner)
    assert (report.created, report.updated, report.deleted) == (0, 0, 1)
    assert len(cal.items) == len(_uids(ics))


def test_client_side_x_properties_and_dtstamp_do_not_count_as_changes() -> None:
    server = FakeServer()
    ics, runner = _ics(SIX)
    _publish(server, ics, runner)
    cal = server.calendars[CAL]
    for href, data in list(cal.items.items()):
        cal.items[href] = data.replace(
            "DTSTAMP:",
            "X-MOZ-LASTACK:20261201T000000Z\r\nLAST-MODIFIED:20261201T000000Z\r\nDTSTAMP:",
        ).replace("DTSTAMP:20261207T000000Z", "DTSTAMP:20261203T101010Z")
    report = _publish(server, ics, runner)
    assert (report.created, report.updated, report.deleted) == (0, 0, 0)


def test_an_edited_event_is_put_back_with_a_higher_sequence() -> None:
    server = FakeServer()
    ics, runner = _ics(SIX)
    _publish(server, ics, runner)
    cal = server.calendars[CAL]
    href = next(iter(cal.items))
    cal.items[href] = cal.items[href].replace("SUMMARY:", "SUMMARY:Moved by hand ")
    report = _publish(server, ics, runner)
    assert (report.created, report.updated, report.deleted) == (0, 1, 0)
    event = _event(cal.items[href])
    assert "Moved by hand" not in str(event["SUMMARY"]) and int(event["SEQUENCE"]) == 1


def test_dry_run_touches_nothing_and_reports_what_a_real_run_would_do() -> None:
    server = FakeServer()
    ics, runner = _ics(SIX)
    dry = _publish(server, ics, runner, dry_run=True)
    assert server.made == [] and server.calendars == {}
    assert dry.calendar_created and dry.created == len(_uids(ics))
    _publish(server, ics, runner)
    changed, _ = _ics(SIX, run_days=2)
    before = dict(server.calendars[CAL].items)
    dry = _publish(server, changed, runner, dry_run=True)
    assert server.calendars[CAL].items == before
    real = _publish(server, changed, runner)
    assert (dry.created, dry.updated, dry.deleted, dry.unchanged) == (
        real.created,
        real.updated,
        real.deleted,
        real.unchanged,
    )
    assert [(c.action, c.uid) for c in dry.changes] == [(c.action, c.uid) for c in real.changes]


def test_a_failure_midway_says_how_far_it_got() -> None:
    server = FakeServer()
    ics, runner = _ics(SIX)
    cal = FakeCalendar(server.url + "c/", fail_on_write=4)
    server.calendars[CAL] = cal
    with pytest.raises(PublishError) as info:
        _publish(server, ics, runner)
    message = str(info.value)
    total = len(_uids(ics))
    assert f"stopped after 3 of {total} changes (created 3, updated 0, deleted 0)" in message
    assert "HTTP 503" in message and "partly updated" in message
    assert len(cal.items) == 3
    assert info.value.exit_status == 3
    cal.fail_on_write = None  # the next run finishes the job
    report = _publish(server, ics, runner)
    assert (report.created, report.unchanged) == (total - 3, 3)


def test_a_failure_on_the_first_write_says_the_calendar_is_as_it_was() -> None:
    server = FakeServer()
    ics, runner = _ics(SIX)
    server.calendars[CAL] = FakeCalendar(server.url + "c/", fail_on_write=1)
    with pytest.raises(
        PublishError,
        match=r"stopped before the first of 15 changes: .* is "
        r"as it was\.$",
    ):
        _publish(server, ics, runner)


def test_an_interrupt_midway_also_says_how_far_it_got(monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeServer()
    ics, runner = _ics(SIX)
    cal = FakeCalendar(server.url + "c/")
    server.calendars[CAL] = cal
    real_create = cal.create

    def create(name: str, data: bytes) -> None:
        if len(cal.items) == 5:
            raise KeyboardInterrupt
        real_create(name, data)

    monkeypatch.setattr(cal, "create", create)
    with pytest.raises(
        InterruptError,
        match=r"^Interrupted\. Publishing stopped after 5 of 15 "
        r"changes \(created 5, updated 0, deleted 0\)",
    ) as caught:
        _publish(server, ics, runner)
    assert caught.value.exit_status == 130  # Ctrl-C exits 130, as everywhere (issue 13)


def test_a_failure_after_creating_the_calendar_says_so() -> None:
    class Failing(FakeServer):
        def create_calendar(self, name: str) -> FakeCalendar:
            cal = super().create_calendar(name)
            cal.fail_listing = True
            return cal

    ics, runner = _ics(SIX)
    with pytest.raises(PublishError) as info:
        _publish(Failing(), ics, runner)
    assert str(info.value).endswith(
        f'Nothing was published (the calendar "{CAL}" was created, empty).'
    )


def test_a_failure_before_any_write_says_nothing_was_published() -> None:
    server = FakeServer()
    server.calendars[CAL] = FakeCalendar(server.url + "c/", fail_listing=True)
    ics, runner = _ics(SIX)
    with pytest.raises(PublishError, match=r"HTTP 500\. Nothing was published\.$"):
        _publish(server, ics, runner)


def test_later_weeks_dropped_from_a_shorter_plan_are_deleted() -> None:
    server = FakeServer()
    long_ics, runner = _ics(SIX, weeks=3)
    _publish(server, long_ics, runner)
    short, _ = _ics(SIX, weeks=1)
    report = _publish(server, short, runner)
    assert report.deleted == len(_uids(long_ics)) - len(_uids(short))
    # and earlier weeks survive a plan that starts later
    later, _ = _ics(SIX, start=date(2026, 12, 14), weeks=1)
    report = _publish(server, later, runner, window_start=date(2026, 12, 14))
    assert report.deleted == 0
    assert len(server.calendars[CAL].items) == len(_uids(short)) + len(_uids(later))


# ------------------------------------------------------------------ the command


def run(*argv: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with _env(env or {}):
        code = main(list(argv), stdout=out, stderr=err, today=lambda _tz: date(2026, 12, 3))
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _env(values: dict[str, str]) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        for key, value in values.items():
            mp.setenv(key, value)
        yield


@pytest.fixture
def fake_factory(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None, str | None]]:
    calls: list[tuple[str, str | None, str | None]] = []
    server = FakeServer()

    def factory(url: str, user: str | None, password: str | None) -> FakeServer:
        calls.append((url, user, password))
        server.url = url
        return server

    monkeypatch.setattr("runplan.publish.caldav._caldav_server", factory)
    return calls


def test_command_prints_the_summary_and_reads_the_password_from_the_env(
    fake_factory: list[tuple[str, str | None, str | None]],
) -> None:
    code, out, err = run(
        "publish",
        str(SIX),
        "--url",
        "https://cal.example.test/dav/",
        "--user",
        "alex",
        "--password-env",
        "RUNPLAN_TEST_PW",
        "--weeks",
        "1",
        env={"RUNPLAN_TEST_PW": "s3cret pass"},
    )
    assert (code, err) == (0, "")
    assert fake_factory == [("https://cal.example.test/dav/", "alex", "s3cret pass")]
    assert out.splitlines()[-1] == "created 8, updated 0, deleted 0, unchanged 0"
    assert f'created calendar "{CAL}"' in out
    code, out, _ = run(
        "publish", str(SIX), "--url", "https://cal.example.test/dav/", "--weeks", "1"
    )
    assert (code, out.splitlines()[-1]) == (0, "created 0, updated 0, deleted 0, unchanged 8")


def test_command_default_start_is_the_next_week_start(
    fake_factory: list[tuple[str, str | None, str | None]],
) -> None:
    code, out, _ = run(
        "publish", str(SIX), "--url", "https://cal.example.test/", "--weeks", "1", "--dry-run"
    )
    assert code == 0
    assert "2026-12-07" in out and "2026-12-06" not in out  # 2026-12-03 is a Thursday


def test_command_dry_run_lists_changes(
    fake_factory: list[tuple[str, str | None, str | None]],
) -> None:
    code, out, err = run(
        "publish",
        str(SIX),
        "--url",
        "https://cal.example.test/",
        "--start",
        "2026-12-07",
        "--weeks",
        "1",
        "--dry-run",
        "--calendar",
        "Runs",
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == 'create calendar "Runs" at https://cal.example.test/'
    assert sum(line.startswith("create 2026-12-") for line in lines) == 8
    assert lines[-1].startswith("dry run, nothing was changed")
    assert lines[-1].endswith("created 8, updated 0, deleted 0, unchanged 0")


def test_command_server_failure_is_exit_3_with_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = FakeServer()
    server.calendars["Runs"] = FakeCalendar(server.url + "c/", fail_on_write=2)
    monkeypatch.setattr("runplan.publish.caldav._caldav_server", lambda *a: server)
    code, out, err = run(
        "publish",
        str(SIX),
        "--url",
        server.url,
        "--calendar",
        "Runs",
        "--start",
        "2026-12-07",
        "--weeks",
        "1",
    )
    assert (code, out) == (3, "")
    assert err.count("\n") == 1 and err.startswith("runplan: error: ")
    assert "stopped after 1 of 8 changes (created 1, updated 0, deleted 0)" in err


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["--password", "hunter2"], {}, "--password is not accepted"),
        (["--password=hunter2"], {}, "--password is not accepted"),
        (["--user", "a", "--password-env", "hunter2"], {}, "the variable named by it is not set"),
        (
            ["--user", "a", "--password-env", "NO_SUCH_RUNPLAN_VAR"],
            {},
            "'NO_SUCH_RUNPLAN_VAR' is not set",
        ),
        (["--password-env", "HOME"], {}, "--password-env needs --user"),
    ],
)
def test_password_only_from_the_environment(
    fake_factory: list[tuple[str, str | None, str | None]],
    argv: list[str],
    env: dict[str, str],
    expected: str,
) -> None:
    code, out, err = run("publish", str(SIX), "--url", "https://cal.example.test/", *argv, env=env)
    assert (code, out) == (2, "")
    assert expected in err and "hunter2" not in err
    assert err.count("\n") == 1
    assert fake_factory == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://alex:hunter2@cal.example.test/", "must not contain a user name or password"),
        ("ftp://cal.example.test/", "is not a CalDAV URL"),
        ("cal.example.test", "is not a CalDAV URL"),
    ],
)
def test_bad_url_is_exit_2(
    fake_factory: list[tuple[str, str | None, str | None]],
    url: str,
    expected: str,
) -> None:
    code, _, err = run("publish", str(SIX), "--url", url)
    assert code == 2 and expected in err and "hunter2" not in err


def test_bad_profile_is_exit_2(
    fake_factory: list[tuple[str, str | None, str | None]], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "X"\n', encoding="utf-8")
    code, _, err = run("publish", str(bad), "--url", "https://cal.example.test/")
    assert code == 2 and "invalid runner profile" in err
    assert fake_factory == []


def test_without_caldav_the_command_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "caldav", None)  # import caldav -> ImportError
    code, out, err = run("publish", str(SIX), "--url", "http://127.0.0.1:9/")
    assert (code, out) == (2, "")
    assert "pip install 'runplan[caldav]'" in err and err.count("\n") == 1


# ------------------------------------------------------------------ Radicale


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Radicale:
    port: int
    storage: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def request(
        self,
        method: str,
        path: str,
        body: str = "",
        user: str = "alice",
        password: str = "",
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        """A plain HTTP request (not through caldav) to check the server independently."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        try:
            conn.request(
                method,
                path,
                body=body.encode("utf-8"),
                headers={"Authorization": f"Basic {token}", **(headers or {})},
            )
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def objects(self, user: str = "alice") -> dict[str, str]:
        """name -> stored iCalendar text of every object in the user's calendars,
        read from Radicale's storage folder."""
        root = self.storage / "collection-root" / user
        return {
            f"{p.parent.name}/{p.name}": p.read_text(encoding="utf-8")
            for p in sorted(root.glob("*/*.ics"))
        }


@contextlib.contextmanager
def _radicale(tmp: Path, auth: str) -> Iterator[Radicale]:
    pytest.importorskip(
        "caldav", reason="the caldav extra is not installed (pip install 'runplan[caldav]')"
    )
    pytest.importorskip(
        "radicale", reason="the Radicale test server is not installed (pip install radicale)"
    )
    port = _free_port()
    storage = tmp / "storage"
    config = tmp / "radicale.conf"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n\n{auth}\n"
        f"[storage]\nfilesystem_folder = {storage}\n\n[logging]\nlevel = warning\n",
        encoding="utf-8",
    )
    log = (tmp / "radicale.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", str(config)],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    "Radicale exited at start:\n"
                    + (tmp / "radicale.log").read_text(errors="replace")[-2000:]
                )
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("Radicale did not start listening within 30 s")
                time.sleep(0.1)
        with pytest.MonkeyPatch.context() as mp:
            for name in ("NO_PROXY", "no_proxy"):
                mp.setenv(name, "127.0.0.1,localhost")
            for name in (
                "HTTP_PROXY",
                "http_proxy",
                "HTTPS_PROXY",
                "https_proxy",
                "ALL_PROXY",
                "all_proxy",
            ):
                mp.delenv(name, raising=False)
            yield Radicale(port, storage)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with _radicale(tmp_path_factory.mktemp("radicale"), "[auth]\ntype = none\n") as server:
        yield server


@pytest.fixture(scope="module")
def radicale_htpasswd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    tmp = tmp_path_factory.mktemp("radicale_auth")
    users = tmp / "users"
    users.write_text("alice:right horse battery\n", encoding="utf-8")
    auth = f"[auth]\ntype = htpasswd\nhtpasswd_filename = {users}\nhtpasswd_encryption = plain\n"
    with _radicale(tmp, auth) as server:
        yield server


def _profile(tmp: Path, name: str, **replace: str) -> Path:
    text = SIX.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def _publish_cli(
    server: Radicale, profile: Path, *extra: str, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    return run(
        "publish",
        str(profile),
        "--url",
        server.url,
        "--start",
        "2026-12-07",
        "--weeks",
        "2",
        *extra,
        env=env,
    )


def _counts(out: str) -> dict[str, int]:
    last = out.splitlines()[-1].split(": ")[-1]
    return {part.split()[0]: int(part.split()[1]) for part in last.split(", ")}


@pytest.mark.integration
def test_radicale_round_trip(radicale: Radicale, tmp_path: Path) -> None:
    profile = _profile(tmp_path, "alex.toml")
    code, out, err = _publish_cli(radicale, profile, "--user", "alice")
    assert (code, err) == (0, ""), err
    first = radicale.objects()
    assert _counts(out) == {"created": 15, "updated": 0, "deleted": 0, "unchanged": 0}
    assert len(first) == 15
    (collection,) = {name.split("/")[0] for name in first}
    for text in first.values():
        parsed = Calendar.from_ical(text)
        [event] = parsed.walk("VEVENT")
        if "TZID" in event["DTSTART"].params:  # timed; all-day advisories need no zone
            assert parsed.walk("VTIMEZONE")

    # A foreign event put there by someone else, through plain HTTP.
    foreign_path = f"/alice/{collection}/dentist.ics"
    status, _ = radicale.request(
        "PUT",
        foreign_path,
        _foreign("dentist-1@example.com"),
        headers={"Content-Type": "text/calendar"},
    )
    assert status == 201

    # Publishing again changes nothing.
    code, out, _ = _publish_cli(radicale, profile, "--user", "alice")
    assert code == 0
    assert _counts(out) == {"created": 0, "updated": 0, "deleted": 0, "unchanged": 15}
    assert {k: v for k, v in radicale.objects().items() if "dentist" not in k} == first

    # Fewer run days and the long run moved: a dry run first, which changes nothing.
    (tmp_path / "next").mkdir()
    changed = _profile(  # the same file, edited (its id, the file name, stays)
        tmp_path / "next",
        "alex.toml",
        **{"run_days = 3": "run_days = 2", 'long_run_day = "sat"': 'long_run_day = "sun"'},
    )
    before = radicale.objects()
    code, out, _ = _publish_cli(radicale, changed, "--user", "alice", "--dry-run")
    assert code == 0 and "dry run" in out
    dry = _counts(out)
    assert radicale.objects() == before

    code, out, err = _publish_cli(radicale, changed, "--user", "alice")
    assert (code, err) == (0, "")
    counts = _counts(out)
    assert counts == dry
    assert counts["updated"] > 0 and counts["deleted"] > 0
    after = radicale.objects()
    expected, _ = _ics(changed)
    stored = {_uid(t): t for k, t in after.items() if "dentist" not in k}
    assert sorted(uid or "" for uid in stored) == sorted(_uids(expected))
    assert after[f"{collection}/dentist.ics"] == before[f"{collection}/dentist.ics"]
    assert sum(int(_event(t)["SEQUENCE"]) == 1 for t in stored.values()) == counts["updated"]

    # ... and once more: nothing changes.
    code, out, _ = _publish_cli(radicale, changed, "--user", "alice")
    assert code == 0
    assert _counts(out) == {
        "created": 0,
        "updated": 0,
        "deleted": 0,
        "unchanged": len(_uids(expected)),
    }
    assert radicale.objects() == after
    status, body = radicale.request("GET", foreign_path)
    assert status == 200 and "Dentist" in body


@pytest.mark.integration
def test_radicale_named_calendar_is_created_once(radicale: Radicale, tmp_path: Path) -> None:
    profile = _profile(tmp_path, "alex.toml")
    for expected in ("created 8", "created 0"):
        code, out, err = run(
            "publish",
            str(profile),
            "--url",
            radicale.url,
            "--user",
            "bob",
            "--calendar",
            "Runs, Bob",
            "--start",
            "2026-12-07",
            "--weeks",
            "1",
        )
        assert (code, err) == (0, "")
        assert out.splitlines()[-1].startswith(expected)
    assert len({name.split("/")[0] for name in radicale.objects("bob")}) == 1


@pytest.mark.integration
def test_radicale_password_from_the_environment(
    radicale_htpasswd: Radicale, tmp_path: Path
) -> None:
    profile = _profile(tmp_path, "alex.toml")
    code, out, err = _publish_cli(
        radicale_htpasswd,
        profile,
        "--user",
        "alice",
        "--password-env",
        "RUNPLAN_TEST_PW",
        env={"RUNPLAN_TEST_PW": "right horse battery"},
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "created 15, updated 0, deleted 0, unchanged 0"


@pytest.mark.integration
def test_radicale_wrong_password_is_exit_3(radicale_htpasswd: Radicale, tmp_path: Path) -> None:
    profile = _profile(tmp_path, "alex.toml")
    code, out, err = _publish_cli(
        radicale_htpasswd,
        profile,
        "--user",
        "alice",
        "--password-env",
        "RUNPLAN_TEST_PW",
        env={"RUNPLAN_TEST_PW": "Tr0ub4dor&3"},
    )
    assert (code, out) == (3, "")
    assert "authentication failed (HTTP 401)" in err and 'user "alice"' in err
    assert "Nothing was published" in err and "Tr0ub4dor" not in err
    assert err.count("\n") == 1


@pytest.mark.integration
def test_connection_refused_is_exit_3(tmp_path: Path) -> None:
    pytest.importorskip(
        "caldav", reason="the caldav extra is not installed (pip install 'runplan[caldav]')"
    )
    port = _free_port()  # closed again: nothing listens there
    code, out, err = run(
        "publish", str(SIX), "--url", f"http://127.0.0.1:{port}/", "--user", "alice", "--weeks", "1"
    )
    assert (code, out) == (3, "")
    assert "connection refused" in err and f"127.0.0.1:{port}" in err
    assert err.count("\n") == 1


@pytest.mark.integration
def test_a_server_that_never_answers_is_a_timeout() -> None:
    pytest.importorskip(
        "caldav", reason="the caldav extra is not installed (pip install 'runplan[caldav]')"
    )
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts connections, never answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        started = time.monotonic()
        with pytest.raises(
            PublishError,
            match=r"^cannot connect to .*: no answer within 1 "
            r"second$",
        ):
            CaldavServer(url, "alice", "", timeout=1).find_calendars("Runs")
        assert time.monotonic() - started < 15


def test_publish_plan_takes_plain_values_and_the_callers_clock() -> None:
    """The library entry point: no argparse, no wall clock (DTSTAMP is the revision given,
    to the second), the factory gets the url and credentials, and a re-run is a no-op."""
    server = FakeServer()
    seen: list[tuple[str, str | None, str | None]] = []

    def factory(url: str, user: str | None, password: str | None) -> FakeServer:
        seen.append((url, user, password))
        return server

    stamp = datetime(2026, 12, 1, 9, 30, 15, 999, tzinfo=UTC)
    runner = load_profile(SIX)
    first = publish_plan(
        runner,
        server.url,
        start=START,
        weeks=1,
        revision=stamp,
        user="alice",
        password="pw",
        server_factory=factory,
    )
    assert seen == [(server.url, "alice", "pw")]
    assert first.created > 0 and first.deleted == 0
    [calendar] = server.calendars.values()
    assert all("DTSTAMP:20261201T093015Z" in text for text in calendar.items.values())
    again = publish_plan(
        runner, server.url, start=START, weeks=1, revision=stamp, server_factory=factory
    )
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)
    assert again.unchanged == first.created


# ------------------------------------------------------------ the overall deadline


@contextlib.contextmanager
def _trickling_server() -> Iterator[str]:
    """An HTTP server that answers every request one byte every 0.2 s, for ever: each
    byte resets a per-read timeout, so only an overall deadline ends the publish."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(0.2)
                with contextlib.suppress(OSError):
                    conn.recv(65536)
                    for byte in b"HTTP/1.1 207 Multi-Status\r\nContent-Length: 100000\r\n\r\n" * 99:
                        if stop.is_set():
                            break
                        conn.sendall(bytes([byte]))
                        time.sleep(0.2)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def test_publish_gives_up_at_its_overall_deadline() -> None:
    out, err = io.StringIO(), io.StringIO()
    with _trickling_server() as url:
        began = time.monotonic()
        code = main(
            ["publish", str(EXAMPLES / "six_free_days.toml"), "--url", url, "--timeout", "2"],
            stdout=out,
            stderr=err,
            today=lambda _tz: date(2026, 11, 26),
        )
        took = time.monotonic() - began
    assert code == 3, err.getvalue()
    assert "did not finish within 2 s (--timeout)" in err.getvalue()
    assert "Traceback" not in err.getvalue() and err.getvalue().count("\n") == 1
    assert took < 30  # the trickle alone would keep it busy for ~2 minutes


# ------------------------------------------- two first publishes at once (issue 13)


def _twins(server: FakeServer, *contents: dict[str, str]) -> list[FakeCalendar]:
    """Calendars named CAL besides any the server has, holding ``contents``."""
    made = []
    for k, items in enumerate(contents):
        cal = FakeCalendar(f"{server.url}a{k}/", items=dict(items))  # before "cal0"
        server.twins.append((CAL, cal))
        made.append(cal)
    return made


def test_a_racing_first_publish_converges_on_one_calendar() -> None:
    """Another publish makes a calendar of the same name between our listing and our
    create: both list again, keep the first by URL, and the loser removes its own."""
    ics, runner = _ics(SIX)

    class Racing(FakeServer):
        def create_calendar(self, name: str) -> FakeCalendar:
            _twins(self, {})  # its URL sorts before ours
            return super().create_calendar(name)

    server = Racing()
    report = _publish(server, ics, runner)
    (twin,) = [cal for _, cal in server.twins]
    assert server.calendars[CAL].removed and not twin.removed
    assert report.calendar_url == twin.url and not report.calendar_created
    assert sorted(str(_uid(d)) for d in twin.items.values()) == sorted(_uids(ics))
    again = _publish(server, ics, runner)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)


def test_a_leftover_twin_with_our_events_is_merged_and_removed() -> None:
    """Both racers wrote: the later publish keeps the first calendar holding objects
    and removes the other, which holds only this runner's runplan events."""
    ics, runner = _ics(SIX)
    first, second = FakeServer(), FakeServer()
    _publish(first, ics, runner)
    _publish(second, ics, runner)
    server = FakeServer()
    (a, b) = _twins(server, first.calendars[CAL].items, second.calendars[CAL].items)
    report = _publish(server, ics, runner)
    assert (a.removed, b.removed) == (False, True)
    assert report.calendar_url == a.url and report.created == 0


def test_a_twin_with_someone_elses_events_stops_the_publish() -> None:
    """The calendar kept (the first holding objects) is never in doubt, but a second
    one of the same name that holds events runplan did not write is the runner's to
    sort out: nothing is written or removed."""
    ics, runner = _ics(SIX)
    ours = FakeServer()
    _publish(ours, ics, runner)
    server = FakeServer()
    (a, b) = _twins(server, ours.calendars[CAL].items, {"x.ics": _foreign("dentist-1")})
    with pytest.raises(ConflictError, match="runplan did not write for this runner") as caught:
        _publish(server, ics, runner)
    assert b.url in str(caught.value) and caught.value.exit_status == 2
    assert not a.log and not b.log and not a.removed and not b.removed


def test_an_empty_leftover_beside_a_calendar_with_the_runners_own_events_is_removed() -> None:
    """The runner's own events (a dentist visit) in the training calendar are never a
    reason to stop: the empty leftover of a racing create goes, the calendar stays."""
    ics, runner = _ics(SIX)
    server = FakeServer()
    (a, b) = _twins(server, {}, {"x.ics": _foreign("dentist-1")})
    report = _publish(server, ics, runner)
    assert a.removed and not b.removed and report.calendar_url == b.url
    assert "x.ics" in b.items


@pytest.mark.integration
def test_radicale_two_first_publishes_at_once_converge(radicale: Radicale, tmp_path: Path) -> None:
    """Two first publishes of one runner started together (each may create the
    calendar), then one more: at most two of the first runs fail, the third succeeds
    with nothing left to change, and one calendar of the name holds each UID once.
    (tests: the race itself is forced with the fake server above.)"""
    profile = _profile(tmp_path, "race.toml")
    argv = [sys.executable, "-m", "runplan", "publish", str(profile), "--url", radicale.url]
    argv += ["--start", "2026-12-07", "--weeks", "2", "--user", "racer", "--calendar", "Race"]
    procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    procs.append(subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode in {0, 3}, err
        assert "Traceback" not in err
    code, out, err = run("publish", *argv[4:])
    assert (code, err) == (0, ""), err
    assert _counts(out)["created"] + _counts(out)["updated"] + _counts(out)["deleted"] == 0
    root = radicale.storage / "collection-root" / "racer"
    names = [
        json.loads(props.read_text("utf-8")).get("D:displayname")
        for props in root.glob("*/.Radicale.props")
    ]
    assert names.count("Race") == 1, names
    uids = [_uid(text) for text in radicale.objects("racer").values()]
    assert len(uids) == len(set(uids)) == 15


def test_a_recurring_set_under_one_of_our_uids_is_replaced_not_duplicated() -> None:
    """A client turned one of our events into a series with an override (RRULE and
    RECURRENCE-ID under our UID): a create beside it would fail on the UID (HTTP 412)
    at every run; it is replaced by the plan's event instead, and the next run is quiet."""
    ics, runner = _ics(SIX)
    uid = _uids(ics)[0]
    series = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//client//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nSEQUENCE:4\r\n"
        "DTSTART:20261208T060000Z\r\nDTEND:20261208T070000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
        "SUMMARY:Easy run\r\nEND:VEVENT\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n"
        "RECURRENCE-ID:20261215T060000Z\r\nDTSTART:20261215T080000Z\r\n"
        "DTEND:20261215T090000Z\r\nSUMMARY:Easy run (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    server = FakeServer()
    cal = server.create_calendar(CAL)
    cal.items[f"{cal.url}series.ics"] = series
    report = _publish(server, ics, runner)
    assert report.updated == 1 and report.created == len(_uids(ics)) - 1
    replaced = _event(cal.items[f"{cal.url}series.ics"])
    assert "RRULE" not in replaced and int(replaced["SEQUENCE"]) == 5
    assert sorted(str(_uid(d)) for d in cal.items.values()) == sorted(_uids(ics))
    again = _publish(server, ics, runner)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)


@pytest.mark.integration
def test_radicale_lists_only_this_runners_objects(radicale: Radicale, tmp_path: Path) -> None:
    """The listing asks the server for this runner's UIDs only (a UID text-match), so a
    calendar full of other events is not sent in full; Radicale honours the filter."""
    profile = _profile(tmp_path, "filtered.toml")
    argv = ("--user", "filter", "--calendar", "Shared")
    code, _, err = _publish_cli(radicale, profile, *argv)
    assert code == 0, err
    (collection,) = {name.split("/")[0] for name in radicale.objects("filter")}
    for k in range(30):
        status, _ = radicale.request(
            "PUT",
            f"/filter/{collection}/other-{k}.ics",
            _foreign(f"other-{k}@example.com"),
            user="filter",
        )
        assert status in {201, 204}
    server = CaldavServer(radicale.url, "filter", "")
    (calendar,) = server.find_calendars("Shared")
    ours = _uids(_ics(profile)[0])
    prefix = ours[0][: ours[0].index("-", len("runplan-")) + 1]
    listed = [_uid(o.data) for o in calendar.objects(uid_contains=prefix)]
    assert sorted(str(u) for u in listed) == sorted(ours)
    assert len(calendar.objects()) == len(ours) + 30
    code, out, err = _publish_cli(radicale, profile, *argv)
    assert code == 0 and _counts(out)["unchanged"] == len(ours), err


def test_an_event_runplan_published_for_another_runner_under_a_plan_uid_stops_it() -> None:
    """Two profiles that share one ``id`` share UIDs; the marker still tells whose an
    object is.  Writing the plan's event over another runner's is refused (exit 2) and
    nothing is written; the same object under a UID the plan does not need stays."""
    ics, runner = _ics(SIX)
    uid = _uids(ics)[0]
    server = FakeServer()
    cal = FakeCalendar(server.url + "shared/")
    server.calendars[CAL] = cal
    theirs = _foreign(uid, "Their run", extra=f"{MARKER}:runplan-0123456789abcdef\r\n")
    cal.items[cal.url + "theirs.ics"] = theirs
    with pytest.raises(ConflictError, match="published for another runner") as caught:
        _publish(server, ics, runner)
    assert caught.value.exit_status == 2 and uid in str(caught.value)
    assert cal.items == {cal.url + "theirs.ics": theirs} and not cal.log


def test_command_refusing_another_runners_event_is_exit_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ics, _ = _ics(SIX, weeks=1)
    server = FakeServer()
    cal = FakeCalendar(server.url + "c/")
    server.calendars["Runs"] = cal
    cal.items[cal.url + "x.ics"] = _foreign(
        _uids(ics)[0], extra=f"{MARKER}:runplan-0123456789abcdef\r\n"
    )
    monkeypatch.setattr("runplan.publish.caldav._caldav_server", lambda *a: server)
    code, out, err = run(
        "publish", str(SIX), "--url", server.url, "--calendar", "Runs",
        "--start", "2026-12-07", "--weeks", "1",
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "published for another runner" in err
    assert not cal.log
