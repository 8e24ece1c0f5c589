"""runplan's iCalendar files read by an independent parser and by real calendar clients.

* libical (C, the parser of Evolution and GNOME Calendar), through Debian's Python and
  its GObject bindings: no parse errors, no RFC restriction errors, every event, and the
  instants libical computes from the file's own VTIMEZONE equal the plan's;
* calcurse: ``calcurse -i`` imports every event (sessions as appointments, advisories
  as all-day events) at the plan's local times, with the description as its note;
* khal: a plan imported into a vdir, then the re-issued plan (a changed profile exported
  with ``previous=``) imported over it: one item per UID, changed events updated,
  dropped events kept and shown as cancelled (khal keeps STATUS:CANCELLED events and
  marks them "CANCELLED"; it does not delete them).

The plans: the example profiles and a night-owl profile in several time zones, each
started the week before a 2026 clock change (none for Asia/Kolkata and UTC), plus the
hand-built sample plans (escaping, a session across the spring-forward gap).

A test skips only when its tool is not installed; ``.ci/run`` installs all three.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

import runplan
from runplan.export.ics import advisory_uid, session_uid, uid_identity
from runplan.models import Plan
from sample_plans import all_plans

TESTS = Path(__file__).resolve().parent
EXAMPLES = TESTS.parent / "examples" / "profiles"
LIBICAL_CHECK = TESTS / "clients" / "libical_check.py"

#: These drive real calendar programs (libical, calcurse, khal): `-m 'not integration'` skips them.
pytestmark = pytest.mark.integration
DEBIAN_PYTHON = Path("/usr/bin/python3")

ALARM_MINUTES = 15
REFRESH = timedelta(hours=12)
YEAR = 2026
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: Zones with a clock change in YEAR: the night-owl plan starts the week before each.
DST_ZONES = ("Europe/London", "America/Los_Angeles", "Australia/Lord_Howe", "Pacific/Chatham")
#: Zones without one.
PLAIN_ZONES = ("Asia/Kolkata", "UTC")
#: Wall-clock windows around the small hours, where clocks change: on change days the
#: scheduler cuts them, so sessions land right next to the skipped or repeated hour.
NIGHT_WINDOW = "01:30-06:00"


# -------------------------------------------------------------------------- plans


def clock_changes(tzid: str, year: int = YEAR) -> list[date]:
    """Local dates on which ``tzid``'s UTC offset at midnight differs from the next day's."""
    zone = ZoneInfo(tzid)
    out = []
    day = date(year, 1, 1)
    while day.year == year:
        today = datetime.combine(day, time(), zone).utcoffset()
        tomorrow = datetime.combine(day + timedelta(days=1), time(), zone).utcoffset()
        if today != tomorrow:
            out.append(day)
        day += timedelta(days=1)
    return out


def week_before(day: date) -> date:
    """The Monday of the week before ``day``'s week."""
    return day - timedelta(days=day.weekday() + 7)


def read_profile(path: Path) -> dict[str, Any]:
    if path.suffix == ".json":
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
    return tomllib.loads(path.read_text(encoding="utf-8"))


def night_profile(tzid: str, long_run_day: str) -> dict[str, Any]:
    """The six-free-days example moved to ``tzid``, free in the small hours on six days
    (the long-run day among them)."""
    profile = read_profile(EXAMPLES / "six_free_days.toml")
    rest = DAYS[(DAYS.index(long_run_day) + 3) % 7]
    profile.update(
        timezone=tzid,
        long_run_day=long_run_day,
        availability={d: [NIGHT_WINDOW] for d in DAYS if d != rest},
    )
    return profile


def changed(profile: dict[str, Any]) -> dict[str, Any]:
    """The profile a coach sends next: one run day fewer and the long run on the next
    free day, so that the re-issued plan moves, changes, adds and drops events."""
    out = copy.deepcopy(profile)
    out["run_days"] = max(1, int(out["run_days"]) - 1)
    free = [d for d in DAYS if out["availability"].get(d)]
    current = out.get("long_run_day", free[0])
    i = DAYS.index(current)
    out["long_run_day"] = next(DAYS[(i + k) % 7] for k in range(1, 8) if DAYS[(i + k) % 7] in free)
    return out


@dataclass(frozen=True)
class Case:
    """A plan, and (for profile-built plans) the plan after the profile changed."""

    plan: Plan
    update: Plan | None = None


def _example(path: Path) -> Callable[[], Case]:
    def build() -> Case:
        runner = runplan.load_profile(path)
        changes = clock_changes(runner.timezone)
        start = week_before(changes[0]) if changes else date(YEAR, 3, 23)
        # The same file changed: the same identity (an id defaults to name and file name).
        later = runplan.parse_profile(
            {**changed(read_profile(path)), "id": runner.id}, source=str(path)
        )
        return Case(
            runplan.plan(runner, start=start, weeks=3),
            runplan.plan(later, start=start, weeks=3),
        )

    return build


def _night(tzid: str, change: date | None) -> Callable[[], Case]:
    def build() -> Case:
        day = change or date(YEAR, 3, 29)
        profile = night_profile(tzid, DAYS[day.weekday()])
        start = week_before(day)
        return Case(
            runplan.plan(runplan.parse_profile(profile), start=start, weeks=3),
            runplan.plan(runplan.parse_profile(changed(profile)), start=start, weeks=3),
        )

    return build


def _sample(name: str) -> Callable[[], Case]:
    return lambda: Case(all_plans()[name])


def _builders() -> dict[str, Callable[[], Case]]:
    out: dict[str, Callable[[], Case]] = {}
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix in {".toml", ".json"}:
            out[f"example-{path.name}"] = _example(path)
    for tzid in DST_ZONES:
        for change in clock_changes(tzid):
            out[f"night-{tzid}-{change}"] = _night(tzid, change)
    for tzid in PLAIN_ZONES:
        assert clock_changes(tzid) == []
        out[f"night-{tzid}"] = _night(tzid, None)
    for name in ("london", "la", "nasty", "injection", "night"):
        out[f"sample-{name}"] = _sample(name)
    return out


BUILDERS = _builders()
CASE_IDS = sorted(BUILDERS)
UPDATE_IDS = [c for c in CASE_IDS if not c.startswith("sample-")]


@cache
def case(case_id: str) -> Case:
    return BUILDERS[case_id]()


@cache
def first_ics(case_id: str) -> bytes:
    return runplan.to_ics(case(case_id).plan, alarm_minutes=ALARM_MINUTES, refresh=REFRESH)


@cache
def update_ics(case_id: str) -> bytes:
    update = case(case_id).update
    assert update is not None
    return runplan.to_ics(
        update, alarm_minutes=ALARM_MINUTES, refresh=REFRESH, previous=first_ics(case_id)
    )


def file_name(case_id: str, suffix: str = "") -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "_", case_id) + suffix + ".ics"


# ------------------------------------------------------------------ expectations


@dataclass(frozen=True)
class Expect:
    """One event as the plan (times) and the file (texts, status, sequence) say."""

    uid: str
    start: datetime | date
    end: datetime | date
    summary: str
    description: str
    status: str | None
    sequence: int
    alarm: bool

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


def _plan_times(plan: Plan) -> dict[str, tuple[datetime | date, datetime | date]]:
    times: dict[str, tuple[datetime | date, datetime | date]] = {}
    for week in plan.weeks:
        for day in week.days:
            for slot, session in enumerate(day.sessions):
                # real minutes: aware datetime + timedelta would add wall-clock time
                start = session.start.astimezone(UTC)
                end = start + timedelta(minutes=session.duration_min)
                times[session_uid(uid_identity(plan), day.date, slot)] = (start, end)
    seen: Counter[tuple[object, ...]] = Counter()
    for advisory in plan.advisories:
        key = (advisory.date, advisory.kind, tuple(advisory.rules))
        uid = advisory_uid(uid_identity(plan), advisory, seen[key])
        seen[key] += 1
        times[uid] = (advisory.date, advisory.date + timedelta(days=1))
    return times


def expected(plan: Plan, data: bytes) -> dict[str, Expect]:
    """Every event of ``data``: times from ``plan`` (from the file for the cancelled
    events of an update, which are no longer in the plan), the rest from the file."""
    times = _plan_times(plan)
    out: dict[str, Expect] = {}
    for event in Calendar.from_ical(data).walk("VEVENT"):
        uid = str(event["UID"])
        status = str(event["STATUS"]) if "STATUS" in event else None
        if uid in times:
            start, end = times[uid]
        else:
            assert status == "CANCELLED", uid
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        out[uid] = Expect(
            uid=uid,
            start=start,
            end=end,
            summary=str(event["SUMMARY"]),
            description=str(event["DESCRIPTION"]),
            status=status,
            sequence=int(event.get("SEQUENCE", 0)),
            alarm=any(c.name == "VALARM" for c in event.subcomponents),
        )
    assert set(times) <= set(out), "an event of the plan is missing from the file"
    return out


def local(value: datetime | date, zone: ZoneInfo) -> datetime | date:
    return value.astimezone(zone) if isinstance(value, datetime) else value


def test_the_plans_cover_clock_changes_and_updates() -> None:
    """The cases are what this module claims: sessions on the change days, and updates
    that change, add and cancel events."""
    for case_id in CASE_IDS:
        plan = case(case_id).plan
        assert plan.sessions(), case_id
    for tzid in DST_ZONES:
        for change in clock_changes(tzid):
            plan = case(f"night-{tzid}-{change}").plan
            assert any(day == change for day, _ in plan.sessions()), (tzid, change)
    for case_id in UPDATE_IDS:
        update = case(case_id).update
        assert update is not None
        old = expected(case(case_id).plan, first_ics(case_id))
        new = expected(update, update_ics(case_id))
        assert any(e.status == "CANCELLED" for e in new.values()), case_id
        assert any(e.status is None and e.sequence > 0 for e in new.values()), case_id
        assert set(old) <= set(new), case_id


# ------------------------------------------------------------------------ libical


def _libical_installed() -> bool:
    typelibs = [
        *Path("/usr/lib").glob("*/girepository-1.0/ICalGLib-3.0.typelib"),
        *Path("/usr/lib/girepository-1.0").glob("ICalGLib-3.0.typelib"),
    ]
    gi = Path("/usr/lib/python3/dist-packages/gi/__init__.py")
    return DEBIAN_PYTHON.exists() and gi.exists() and bool(typelibs)


def run_libical(paths: list[Path]) -> dict[str, Any]:
    result = subprocess.run(
        [str(DEBIAN_PYTHON), "-I", str(LIBICAL_CHECK), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)["files"]
    return report


@pytest.fixture(scope="module")
def libical(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """libical's report on every file of this module, keyed by file name."""
    if not _libical_installed():
        pytest.skip(
            "libical's Python bindings are not installed (Debian packages python3-gi and "
            "gir1.2-ical-3.0 for /usr/bin/python3): .ci/run installs them"
        )
    folder = tmp_path_factory.mktemp("libical")
    paths = []
    for case_id in CASE_IDS:
        paths.append(folder / file_name(case_id))
        paths[-1].write_bytes(first_ics(case_id))
    for case_id in UPDATE_IDS:
        paths.append(folder / file_name(case_id, "-update"))
        paths[-1].write_bytes(update_ics(case_id))
    report = run_libical(paths)
    return {Path(k).name: v for k, v in report.items()}


def test_libical_check_reports_errors(tmp_path: Path) -> None:
    """The helper does see parse errors and restriction errors (no false all-clear)."""
    if not _libical_installed():
        pytest.skip("libical's Python bindings are not installed: .ci/run installs them")
    bad = tmp_path / "bad.ics"
    bad.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
        "UID:x@y\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:2026XX\r\n"
        "DTSTART;TZID=Nowhere/Atlantis:20260102T100000\r\n"
        "DTSTART:20260103T100000Z\r\nNOT A LINE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
        newline="",
    )
    report = run_libical([bad])[str(bad)]
    assert len(report["errors"]) == 2  # the bad DATE-TIME and the line without a name
    assert not report["restrictions_ok"] and report["restriction_errors"]  # two DTSTARTs
    assert report["unresolved_tzids"] == ["Nowhere/Atlantis"]


def _check_libical(report: dict[str, Any], plan: Plan, data: bytes) -> None:
    assert report["parsed"]
    assert report["errors"] == []
    assert report["restriction_errors"] == [] and report["restrictions_ok"]
    assert report["unresolved_tzids"] == []
    if plan.timezone == "UTC":  # an unused VTIMEZONE for UTC is harmless
        assert set(report["vtimezones"]) <= {"UTC"}
    else:
        assert report["vtimezones"] == [plan.timezone]
    want = expected(plan, data)
    assert report["vevents"] == len(want)
    got = {e["uid"]: e for e in report["events"]}
    assert set(got) == set(want)
    for uid, exp in want.items():
        event = got[uid]
        if exp.all_day:
            assert event["all_day"]
            assert (event["start"], event["end"]) == (exp.start.isoformat(), exp.end.isoformat())
        else:
            assert isinstance(exp.start, datetime) and isinstance(exp.end, datetime)
            # UTC plans are written in UTC form (...Z, no TZID); the rest with TZID
            assert event["tzid"] == (None if plan.timezone == "UTC" else plan.timezone)
            # evaluated by libical from the VTIMEZONE in the file, not from zoneinfo
            assert (event["start"], event["end"]) == (
                int(exp.start.timestamp()),
                int(exp.end.timestamp()),
            ), exp.summary
        assert event["summary"] == exp.summary
        assert event["status"] == exp.status
        assert event["sequence"] == exp.sequence
        assert event["alarms"] == int(exp.alarm)


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_libical_reads_every_event_at_the_planned_instant(
    libical: dict[str, Any], case_id: str
) -> None:
    _check_libical(libical[file_name(case_id)], case(case_id).plan, first_ics(case_id))


@pytest.mark.parametrize("case_id", UPDATE_IDS)
def test_libical_reads_the_reissued_plan(libical: dict[str, Any], case_id: str) -> None:
    update = case(case_id).update
    assert update is not None
    _check_libical(libical[file_name(case_id, "-update")], update, update_ics(case_id))


# ----------------------------------------------------------------------- calcurse


def calcurse() -> str:
    found = shutil.which("calcurse")
    if found is None:
        pytest.skip("calcurse is not installed: .ci/run installs it (apt-get install calcurse)")
    return found


_APPOINTMENT = re.compile(
    r"^(?P<start>\d\d/\d\d/\d{4} @ \d\d:\d\d) -> (?P<end>\d\d/\d\d/\d{4} @ \d\d:\d\d)"
    r"(?:>(?P<note>[0-9a-f]+))? (?P<flag>[!|])(?P<summary>.*)$"
)
_EVENT = re.compile(
    r"^(?P<date>\d\d/\d\d/\d{4}) \[\d+\] (?:\{1D -> (?P<until>\d\d/\d\d/\d{4})\} )?"
    r"(?:>(?P<note>[0-9a-f]+) )?(?P<summary>.*)$"
)
_REPORT = re.compile(r"(\d+) apps? / (\d+) events? / (\d+) todos? / (\d+) skipped")


@dataclass(frozen=True)
class CalcurseItem:
    start: str
    end: str | None
    summary: str
    flag: str | None
    note: str | None
    until: str | None = None


def calcurse_import(
    folder: Path, ics: Path, tzid: str
) -> tuple[tuple[int, ...], list[CalcurseItem]]:
    """Import ``ics`` into the calcurse data folder ``folder`` with the clock set to
    ``tzid``; return the import report (apps, events, todos, skipped) and the items."""
    folder.mkdir(exist_ok=True)
    env = {**os.environ, "TZ": tzid, "HOME": str(folder), "LC_ALL": "C.UTF-8"}
    result = subprocess.run(
        [calcurse(), "-D", str(folder), "-i", str(ics)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    found = _REPORT.search(result.stdout)
    assert found, result.stdout
    items = []
    for line in (folder / "apts").read_text(encoding="utf-8").splitlines():
        if m := _APPOINTMENT.match(line):
            items.append(CalcurseItem(m["start"], m["end"], m["summary"], m["flag"], m["note"]))
        elif m := _EVENT.match(line):
            items.append(CalcurseItem(m["date"], None, m["summary"], None, m["note"], m["until"]))
        else:
            pytest.fail(f"calcurse wrote a line this test cannot read: {line!r}")
    notes = folder / "notes"
    for item in items:
        assert item.note is not None and (notes / item.note).is_file(), item
    return tuple(int(n) for n in found.groups()), items


def _calcurse_key(exp: Expect, zone: ZoneInfo) -> tuple[str, str | None, str]:
    start, end = local(exp.start, zone), local(exp.end, zone)
    if exp.all_day:
        return start.strftime("%m/%d/%Y"), None, exp.summary
    return start.strftime("%m/%d/%Y @ %H:%M"), end.strftime("%m/%d/%Y @ %H:%M"), exp.summary


def _check_calcurse(folder: Path, ics: Path, plan: Plan, data: bytes) -> None:
    ics.write_bytes(data)
    want = expected(plan, data)
    counts, items = calcurse_import(folder, ics, plan.timezone)
    timed = [e for e in want.values() if not e.all_day]
    assert counts == (len(timed), len(want) - len(timed), 0, 0)
    assert len(items) == len(want)
    zone = ZoneInfo(plan.timezone)
    by_key = {_calcurse_key(e, zone): e for e in want.values()}
    assert len(by_key) == len(want)
    got = Counter((i.start, i.end, i.summary) for i in items)
    assert got == Counter(list(by_key))
    for item in items:
        exp = by_key[(item.start, item.end, item.summary)]
        assert (item.flag == "!") == exp.alarm, item  # "!": calcurse will notify
        note = (folder / "notes" / str(item.note)).read_text(encoding="utf-8")
        # the whole DESCRIPTION, unescaped, and what calcurse adds to it
        assert note == exp.description + _calcurse_tail(exp, plan.timezone), item
        # calcurse's quirk on days longer than 24 hours (see _calcurse_tail)
        assert item.until == (item.start if _day_hours(exp, zone) > 24 else None), item


def _day_hours(exp: Expect, zone: ZoneInfo) -> float:
    """How long the all-day event's day lasts in real time (24 for timed events)."""
    if not isinstance(exp.start, datetime) and isinstance(exp.end, date):
        begin = datetime.combine(exp.start, time(), zone)
        end = datetime.combine(exp.end, time(), zone)
        return (end.astimezone(UTC) - begin.astimezone(UTC)).total_seconds() / 3600
    return 24


def _calcurse_tail(exp: Expect, tzid: str) -> str:
    """What calcurse appends to the note it makes of an event's DESCRIPTION.

    calcurse measures DTEND - DTSTART of an all-day event in seconds and expects a day
    to last 86400 of them.  A day on which the clocks go back lasts longer: calcurse
    takes the event for a multi-day one, stores it as a daily recurrence that ends the
    same day and says in the note that it changed a multi-day event to a one-day event.
    The event still shows on its one day, as it should.
    """
    if not exp.all_day:
        # the zone calcurse converted the times from; UTC plans are written as ...Z
        return "\n" if tzid == "UTC" else f"\n-- \nImport: TZID={tzid}\n"
    if _day_hours(exp, ZoneInfo(tzid)) > 24:
        return "\n-- \nImport: multi-day event changed to one-day event\n"
    return "\n"


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_calcurse_imports_every_event_at_the_planned_local_time(
    tmp_path: Path, case_id: str
) -> None:
    _check_calcurse(
        tmp_path / "calcurse",
        tmp_path / file_name(case_id),
        case(case_id).plan,
        first_ics(case_id),
    )


@pytest.mark.parametrize("case_id", UPDATE_IDS)
def test_calcurse_imports_the_reissued_plan(tmp_path: Path, case_id: str) -> None:
    """calcurse has no UIDs and no event status: the re-issued file imports whole (into
    an empty calendar), its cancelled events as plain appointments titled
    "Cancelled: ..." and without a reminder."""
    update = case(case_id).update
    assert update is not None
    data = update_ics(case_id)
    _check_calcurse(tmp_path / "calcurse", tmp_path / file_name(case_id), update, data)
    cancelled = [e for e in expected(update, data).values() if e.status == "CANCELLED"]
    assert cancelled and all(e.summary.startswith("Cancelled: ") and not e.alarm for e in cancelled)


def test_calcurse_import_twice_duplicates(tmp_path: Path) -> None:
    """What docs/calendar.md says about calcurse: a second import adds a second copy."""
    case_id = "example-six_free_days.toml"
    ics = tmp_path / "plan.ics"
    ics.write_bytes(first_ics(case_id))
    tzid = case(case_id).plan.timezone
    _, once = calcurse_import(tmp_path / "cc", ics, tzid)
    _, twice = calcurse_import(tmp_path / "cc", ics, tzid)
    assert len(twice) == 2 * len(once)


# --------------------------------------------------------------------------- khal

KHAL_BATCH = TESTS / "clients" / "khal_batch.py"


def khal_runner() -> list[str] | None:
    """How to run khal: the batch driver under this Python when khal is importable here
    (``pip install khal`` into the test environment; one process per scenario), else
    None when only a ``khal`` program is on PATH (one process per command)."""
    if importlib.util.find_spec("khal") is not None:
        return [sys.executable, str(KHAL_BATCH)]
    if shutil.which("khal") is None:
        pytest.skip("khal is not installed: .ci/run installs it (pip install khal)")
    return None


@dataclass(frozen=True)
class KhalState:
    """What khal shows (``khal list``) and stores (the vdir) at one point."""

    listed: list[dict[str, str]]
    stored: dict[str, Any]


class Khal:
    """A throw-away khal: one vdir calendar named ``plan`` under ``folder``, clock and
    locale set to ``tzid``.  Commands are queued, then :meth:`play` runs them."""

    FIELDS = ("uid", "start", "end", "title", "status", "cancelled", "all-day")

    def __init__(self, folder: Path, tzid: str) -> None:
        self.runner = khal_runner()
        self.folder = folder
        self.vdir = folder / "vdir"
        self.vdir.mkdir(parents=True)
        self.config = folder / "khal.conf"
        self.config.write_text(
            "[calendars]\n"
            "[[plan]]\n"
            f"path = {self.vdir}\n"
            "type = calendar\n"
            "[locale]\n"
            "timeformat = %H:%M\n"
            "dateformat = %Y-%m-%d\n"
            "longdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\n"
            "longdatetimeformat = %Y-%m-%d %H:%M\n"
            f"local_timezone = {tzid}\n"
            f"default_timezone = {tzid}\n"
            "[sqlite]\n"
            f"path = {folder / 'khal.db'}\n",
            encoding="utf-8",
        )
        self.env = {
            **os.environ,
            "TZ": tzid,
            "HOME": str(folder),
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_DATA_HOME": str(folder / "data"),
            "XDG_CACHE_HOME": str(folder / "cache"),
            "LC_ALL": "C.UTF-8",
        }
        self.commands: list[list[str]] = []

    def import_file(self, path: Path) -> None:
        self.commands.append(
            ["--config", str(self.config), "import", "--batch", "-a", "plan", str(path)]
        )

    def look(self, first: date, last: date) -> None:
        """Queue a ``khal list`` of ``first`` to ``last`` and a look at the vdir."""
        options = [x for f in self.FIELDS for x in ("--json", f)]
        self.commands.append(
            [
                "--config",
                str(self.config),
                "list",
                "--once",
                *options,
                f"{first}",
                f"{last + timedelta(days=1)}",
            ]
        )
        self.commands.append(["@vdir", str(self.vdir)])

    def play(self) -> list[KhalState]:
        results = self._run_batch() if self.runner else self._run_each()
        assert len(results) == len(self.commands), results[-1]
        states = []
        listed: list[dict[str, str]] = []
        for result in results:
            assert result["returncode"] == 0, result
            if "files" in result:
                states.append(KhalState(listed, self._stored(result["files"])))
                continue
            stderr = result["stderr"]
            assert not re.search(r"(?i)\b(error|warning|critical)\b", stderr), stderr
            if "list" in result["argv"]:
                listed = [
                    item
                    for line in result["stdout"].splitlines()
                    if line.strip()
                    for item in json.loads(line)
                ]
        self.commands = []
        return states

    def _run_batch(self) -> list[dict[str, Any]]:
        assert self.runner is not None
        spec = self.folder / "commands.json"
        spec.write_text(json.dumps({"commands": self.commands}), encoding="utf-8")
        result = subprocess.run(
            [*self.runner, str(spec)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        out: list[dict[str, Any]] = json.loads(result.stdout)
        return out

    def _run_each(self) -> list[dict[str, Any]]:
        program = shutil.which("khal")
        assert program is not None
        out: list[dict[str, Any]] = []
        for argv in self.commands:
            if argv[0] == "@vdir":
                files = {p.name: p.read_text(encoding="utf-8") for p in self.vdir.glob("*.ics")}
                out.append({"argv": argv, "returncode": 0, "files": files})
                continue
            done = subprocess.run(
                [program, *argv],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                env=self.env,
                check=False,
                timeout=120,
            )
            out.append(
                {
                    "argv": argv,
                    "returncode": done.returncode,
                    "stdout": done.stdout,
                    "stderr": done.stderr,
                }
            )
        return out

    @staticmethod
    def _stored(files: dict[str, str]) -> dict[str, Any]:
        """UID -> the VEVENT of every item khal stores (the ``*.ics`` files of the vdir;
        khal 0.14 also leaves ``<uid>.ics<random>`` temporary files behind when it
        updates an item, which it ignores, as this does)."""
        out: dict[str, Any] = {}
        for name, text in sorted(files.items()):
            (event,) = Calendar.from_ical(text).walk("VEVENT")
            uid = str(event["UID"])
            assert uid not in out, f"two items for {uid} ({name})"
            out[uid] = event
        return out


def _span(want: dict[str, Expect]) -> tuple[date, date]:
    days = [e.start.date() if isinstance(e.start, datetime) else e.start for e in want.values()]
    return min(days) - timedelta(days=1), max(days) + timedelta(days=1)


def _check_khal(state: KhalState, plan: Plan, data: bytes) -> None:
    """khal holds exactly the events of ``data``, one item per UID, as ``plan`` says."""
    want = expected(plan, data)
    zone = ZoneInfo(plan.timezone)
    assert set(state.stored) == set(want)
    for uid, event in state.stored.items():
        assert int(event.get("SEQUENCE", 0)) == want[uid].sequence, uid
    assert Counter(i["uid"] for i in state.listed) == Counter(list(want))  # each UID once
    for item in state.listed:
        exp = want[item["uid"]]
        start, end = local(exp.start, zone), local(exp.end, zone)
        if exp.all_day:
            assert item["all-day"] == "True"
            # khal shows the last day of an all-day event (DTEND is the day after)
            assert (item["start"], item["end"]) == (
                start.isoformat(),
                (end - timedelta(days=1)).isoformat(),
            )
        else:
            assert item["all-day"] == "False"
            assert (item["start"], item["end"]) == (
                start.strftime("%Y-%m-%d %H:%M"),
                end.strftime("%Y-%m-%d %H:%M"),
            ), exp.summary
        assert item["title"] == exp.summary
        if exp.status == "CANCELLED":
            # khal keeps a cancelled event and marks it: "CANCELLED " before it in
            # `khal list` and the agenda (the {cancelled} field of the default formats)
            assert item["status"].strip() == "CANCELLED"
            assert item["cancelled"].strip() == "CANCELLED"
        else:
            assert item["status"] == "" and item["cancelled"] == ""


SAMPLE_IDS = [c for c in CASE_IDS if c not in UPDATE_IDS]


@pytest.mark.parametrize("case_id", SAMPLE_IDS)
def test_khal_imports_every_event_at_the_planned_local_time(tmp_path: Path, case_id: str) -> None:
    """The hand-built plans (the profile-built ones are imported by the next test)."""
    plan = case(case_id).plan
    cal = Khal(tmp_path, plan.timezone)
    ics = tmp_path / file_name(case_id)
    ics.write_bytes(first_ics(case_id))
    cal.import_file(ics)
    cal.look(*_span(expected(plan, first_ics(case_id))))
    (state,) = cal.play()
    _check_khal(state, plan, first_ics(case_id))


@pytest.mark.parametrize("case_id", UPDATE_IDS)
def test_khal_imports_a_plan_and_updates_it_in_place(tmp_path: Path, case_id: str) -> None:
    """Import the plan, then the re-issued one: no duplicates, changed events changed,
    new events added, dropped events still there and marked cancelled."""
    first, update = case(case_id).plan, case(case_id).update
    assert update is not None
    cal = Khal(tmp_path, first.timezone)
    old, new = tmp_path / "old.ics", tmp_path / "new.ics"
    old.write_bytes(first_ics(case_id))
    new.write_bytes(update_ics(case_id))
    span = _span(expected(update, update_ics(case_id)))
    cal.import_file(old)
    cal.look(*span)
    cal.import_file(new)
    cal.look(*span)
    before, after = cal.play()
    _check_khal(before, first, first_ics(case_id))
    _check_khal(after, update, update_ics(case_id))


def test_khal_import_again_is_idempotent_and_ignores_sequence(tmp_path: Path) -> None:
    """What docs/calendar.md says about khal: importing the same file again changes
    nothing; an import replaces the item with the same UID whatever its SEQUENCE, so an
    older file imported after a newer one undoes the update (import the newest last)."""
    case_id = "example-six_free_days.toml"
    first, update = case(case_id).plan, case(case_id).update
    assert update is not None
    cal = Khal(tmp_path, first.timezone)
    old, new = tmp_path / "old.ics", tmp_path / "new.ics"
    old.write_bytes(first_ics(case_id))
    new.write_bytes(update_ics(case_id))
    span = _span(expected(update, update_ics(case_id)))
    for path in (new, new, old):
        cal.import_file(path)
        cal.look(*span)
    once, twice, older = cal.play()
    _check_khal(once, update, update_ics(case_id))
    _check_khal(twice, update, update_ics(case_id))
    assert {u: e.to_ical() for u, e in twice.stored.items()} == {
        u: e.to_ical() for u, e in once.stored.items()
    }
    for uid in expected(first, first_ics(case_id)):
        assert int(older.stored[uid].get("SEQUENCE", 0)) == 0  # back to the first issue
    assert set(older.stored) == set(once.stored)  # the events only the newer file has stay
