"""Issue 13, item 5: a runner's identity in calendar UIDs.

Two profiles with one name never share UIDs; an ``id`` keeps UIDs across a change of
name or file; a calendar issued before identities existed (keyed on the runner's name)
still updates without duplicates: its events are cancelled when re-issued with
``--previous`` and deleted by ``publish``, while another runner's events are never
touched.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar

from runplan import load_profile, plan, to_ics
from runplan.cli import main
from runplan.export.ics import uid_identity
from runplan.publish import publish
from test_publish import CAL, FakeServer

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
PREVIOUS_RELEASE = Path(__file__).parent / "data" / "previous_release" / "six_free_days.ics"
START = date(2027, 3, 1)  # as tests/test_golden.py, which made the previous-release file
REVISION = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def _uids(ics: bytes, *, cancelled: bool | None = None) -> set[str]:
    return {
        str(e["UID"])
        for e in Calendar.from_ical(ics).walk("VEVENT")
        if cancelled is None or (str(e.get("STATUS", "")) == "CANCELLED") is cancelled
    }


def _copy(tmp_path: Path, name: str, **replace: str) -> Path:
    text = (EXAMPLES / "six_free_days.toml").read_text("utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def _ics(profile: Path, weeks: int = 6, previous: bytes | None = None) -> bytes:
    p = plan(load_profile(profile), start=START, weeks=weeks, revision=REVISION)
    return to_ics(p, previous=previous)


def test_two_profiles_with_one_name_never_share_uids(tmp_path: Path) -> None:
    a = _ics(_copy(tmp_path, "a/alex.toml"))
    b = _ics(_copy(tmp_path, "b/alex-doe.toml"))
    assert not _uids(a) & _uids(b)


def test_an_id_keeps_the_uids_across_a_new_name_and_file(tmp_path: Path) -> None:
    first = _copy(tmp_path, "alex.toml", **{'name = "': 'id = "club-17"\nname = "'})
    renamed = _copy(
        tmp_path, "alexandra.json.toml", **{'name = "': 'id = "club-17"\nname = "Alexandra '}
    )
    assert _uids(_ics(first)) == _uids(_ics(renamed))
    assert load_profile(first).id == "club-17"


def test_a_calendar_from_the_previous_release_updates_without_duplicates() -> None:
    """The file the release before identities issued (tests/data/previous_release, the
    golden of that release) given as --previous: each of its events is cancelled and
    the plan's events are new, so a client holds each session once."""
    previous = PREVIOUS_RELEASE.read_bytes()
    old = _uids(previous)
    data = _ics(EXAMPLES / "six_free_days.toml", previous=previous)
    live, cancelled = _uids(data, cancelled=False), _uids(data, cancelled=True)
    assert cancelled == old and not live & old
    assert live == _uids(_ics(EXAMPLES / "six_free_days.toml"))


def test_publish_retires_the_runners_name_keyed_events_and_nothing_else(tmp_path: Path) -> None:
    """A calendar published before identities (UIDs keyed on the name) is brought over:
    those events in the plan's window are deleted and the plan's created; another
    runner of the same name, already keyed on its own file, is never touched; the next
    run changes nothing."""
    profile = load_profile(EXAMPLES / "six_free_days.toml")
    legacy_plan = plan(profile.model_copy(update={"id": None}), start=START, weeks=2)
    new_plan = plan(profile, start=START, weeks=2)
    other = plan(load_profile(_copy(tmp_path, "other/six_free_days.toml")), start=START, weeks=2)
    assert uid_identity(other) == uid_identity(new_plan)  # one name, one file name: one runner
    other = plan(load_profile(_copy(tmp_path, "other/alex.toml")), start=START, weeks=2)
    server = FakeServer()
    for p in (legacy_plan, other):  # both already in one calendar
        publish(to_ics(p), uid_identity(p), server, calendar_name=CAL, window_start=START)
    cal = server.calendars[CAL]
    other_uids = _uids(to_ics(other))
    other_items = {h: d for h, d in cal.items.items() if _uid_of(d) in other_uids}
    ics, name, legacy = to_ics(new_plan), uid_identity(new_plan), profile.name

    report = publish(ics, name, server, calendar_name=CAL, window_start=START, legacy=legacy)
    assert report.deleted == len(_uids(to_ics(legacy_plan)))
    assert report.created == len(_uids(ics))
    assert {_uid_of(d) for d in cal.items.values()} == _uids(ics) | other_uids
    assert all(cal.items[h] == d for h, d in other_items.items())
    again = publish(ics, name, server, calendar_name=CAL, window_start=START, legacy=legacy)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)


def _uid_of(data: str) -> str:
    for line in data.replace("\r\n", "\n").split("\n"):
        if line.startswith("UID:"):
            return line[4:]
    return ""


def test_a_roster_of_two_runners_with_one_name_shares_no_uid(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    _copy(folder, "alex.toml")
    _copy(folder, "alex-again.toml")
    out = tmp_path / "out"
    code, _, err = run("roster", str(folder), "--out", str(out), "--start", START.isoformat())
    assert code == 0, err
    first, second = (_uids((out / f"{slug}.ics").read_bytes()) for slug in ("alex", "alex-again"))
    assert first and second and not first & second


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, today=lambda _tz: START)
    return code, out.getvalue(), err.getvalue()
