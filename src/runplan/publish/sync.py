"""Publish a plan to a CalDAV calendar (``runplan publish``; docs/publish.md).

This module runs the sync: it reads the plan, lists the calendar, asks
:mod:`runplan.publish.diff` what to write, and writes it, every write conditional on
the ETag the listing saw.  The server is reached through two small protocols
(:mod:`runplan.publish.protocols`); :class:`~runplan.publish.caldav.CaldavServer`
implements them with the optional ``caldav`` package, tests use an in-memory fake.
Server, network and authentication failures raise :class:`PublishError` (exit status
3), whose message says how far the sync got, so a runner knows whether to run again.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import NamedTuple

from icalendar import Calendar

from runplan.errors import ConflictError, InterruptError, PublishError
from runplan.export.ics import legacy_identity, to_ics, uid_identity
from runplan.models import Runner
from runplan.publish import caldav
from runplan.publish.diff import Change, LocalPlan, PublishReport, diff, only_ours, read_plan
from runplan.publish.protocols import CalendarServer, RemoteCalendar, RemoteObject, ServerFactory
from runplan.schedule import plan

__all__ = ["publish", "publish_plan"]


def publish(
    ics: bytes,
    runner: str,
    server: CalendarServer,
    *,
    calendar_name: str,
    window_start: date,
    dry_run: bool = False,
    legacy: str | None = None,
) -> PublishReport:
    """Make the calendar ``calendar_name`` on ``server`` hold the plan ``ics`` (the
    output of :func:`~runplan.export.ics.to_ics`; ``runner`` is the plan's UID identity,
    :func:`~runplan.export.ics.uid_identity`, and ``legacy`` the one its calendar was
    published under before, :func:`~runplan.export.ics.legacy_identity`); see
    :mod:`runplan.publish.diff` for the rules.  ``window_start`` is the plan's first
    day: our objects dated before it are kept.  With ``dry_run`` nothing is written.

    Raises :class:`PublishError` when the server fails; its message counts the writes
    done before the failure.
    """
    local = read_plan(ics, runner, legacy)
    report = PublishReport(calendar_name, None, False, dry_run)
    calendar, remotes = _open(server, report, local)
    report.changes, report.unchanged = diff(local, remotes, window_start)
    if dry_run:
        for change in report.changes:
            _count(report, change.action)
        return report
    assert calendar is not None
    _write_all(calendar, report)
    return report


class _Opened(NamedTuple):
    """The calendar (None when a dry run would create it) and what it holds now."""

    calendar: RemoteCalendar | None
    remotes: list[RemoteObject]


def _open(server: CalendarServer, report: PublishReport, local: LocalPlan) -> _Opened:
    """Find or create the calendar and list it.  A failure here has written nothing
    but, perhaps, the empty calendar, and says so."""
    name = report.calendar_name
    made: RemoteCalendar | None = None
    try:
        found = server.find_calendars(name)
        if not found:
            report.calendar_created = True
            if report.dry_run:
                return _Opened(None, [])
            made = server.create_calendar(name)
            # Another publish may have made one at the same moment: list again.
            found = server.find_calendars(name)
            if not any(c.url == made.url for c in found):
                found.append(made)  # a server whose listing lags behind its writes
        opened = _converge(found, local, report, made)
        report.calendar_url = opened.calendar.url if opened.calendar else None
        return opened
    except PublishError as exc:
        created = f' (the calendar "{name}" was created, empty)' if made else ""
        kind = type(exc)  # a ConflictError stays one (exit 2)
        raise kind(f"{exc}. Nothing was published{created}.", unanswered=exc.unanswered) from None


def _converge(
    found: list[RemoteCalendar],
    local: LocalPlan,
    report: PublishReport,
    made: RemoteCalendar | None,
) -> _Opened:
    """One calendar of the name: the one holding objects (else the first by URL).  The
    others, made by a publish that raced this one, are removed when they hold nothing
    but this runner's runplan events (or nothing); a calendar of the same name with
    anything else in it is the runner's to sort out, and nothing is written."""
    if len(found) == 1:  # the usual case: only this runner's objects are listed
        return _Opened(found[0], _runners_objects(found[0], local))
    listed = sorted(((c, c.objects()) for c in found), key=lambda x: x[0].url)
    holding = [x for x in listed if x[1]] or listed
    chosen, remotes = holding[0]
    others = [x for x in listed if x[0] is not chosen]
    foreign = [c.url for c, objs in others if not only_ours(objs, local.owner)]
    if foreign:
        raise ConflictError(
            f'{len(listed)} calendars are named "{report.calendar_name}" '
            f"({', '.join(c.url for c, _ in listed)}) and {', '.join(foreign)} holds events "
            "runplan did not write for this runner; rename one or choose another with "
            "--calendar"
        )
    if not report.dry_run:
        for calendar, _ in others:
            calendar.remove()
    report.calendar_created = made is not None and chosen is made
    return _Opened(chosen, remotes)


def _runners_objects(calendar: RemoteCalendar, local: LocalPlan) -> list[RemoteObject]:
    """The objects under this runner's UIDs (and, once, under its UIDs from before it
    had an id), asked of the server by UID."""
    listed = calendar.objects(uid_contains=local.owner.prefix)
    if local.legacy is not None:
        hrefs = {o.href for o in listed}
        older = calendar.objects(uid_contains=local.legacy.prefix)
        listed += [o for o in older if o.href not in hrefs]
    return listed


def _write_all(calendar: RemoteCalendar, report: PublishReport) -> None:
    """Make the report's changes in order; a failure or an interrupt says how far it got."""
    for change in report.changes:
        try:
            _apply(calendar, change)
        except PublishError as exc:
            unknown = (
                " Whether the server applied that change is unknown (no answer came back)."
                if exc.unanswered
                else ""
            )
            raise PublishError(f"{exc}.{unknown} {_stopped(report, calendar)}") from None
        except KeyboardInterrupt:
            raise InterruptError(f"Interrupted. {_stopped(report, calendar)}") from None
        _count(report, change.action)


def _stopped(report: PublishReport, calendar: RemoteCalendar) -> str:
    done = report.created + report.updated + report.deleted
    total = len(report.changes)
    where = f'calendar "{report.calendar_name}" ({calendar.url})'
    if done == 0:
        return f"Publishing stopped before the first of {total} changes: {where} is as it was."
    return (
        f"Publishing stopped after {done} of {total} changes (created "
        f"{report.created}, updated {report.updated}, deleted {report.deleted}): {where} is "
        "only partly updated; run the command again to finish."
    )


def _count(report: PublishReport, action: str) -> None:
    if action == "create":
        report.created += 1
    elif action == "update":
        report.updated += 1
    else:
        report.deleted += 1


def _apply(calendar: RemoteCalendar, change: Change) -> None:
    if change.action == "create":
        assert change.data is not None
        calendar.create(_resource_name(change.uid), change.data)
    elif change.action == "update":
        assert change.data is not None and change.remote is not None
        calendar.update(change.remote, change.data)
    else:
        assert change.remote is not None
        calendar.delete(change.remote)


def _resource_name(uid: str) -> str:
    """A path segment for a new object: the UID with anything but ``A-Za-z0-9._-``
    replaced (runplan UIDs only contain ``@`` besides those)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", uid) + ".ics"


def publish_plan(
    runner: Runner,
    url: str,
    *,
    start: date,
    weeks: int,
    revision: datetime,
    calendar_name: str | None = None,
    user: str | None = None,
    password: str | None = None,
    dry_run: bool = False,
    server_factory: ServerFactory | None = None,
) -> PublishReport:
    """Plan ``weeks`` weeks from ``start`` for ``runner`` and publish them to the
    server at ``url`` (what ``runplan publish`` does after reading its options).

    ``revision`` is the issue time written as DTSTAMP (the caller's clock: the library
    never reads the wall clock), kept to the second; ``calendar_name`` defaults to the
    calendar name :func:`to_ics` gives the plan.
    ``server_factory`` builds the server from (url, user, password); by default the
    CalDAV one.  Returns the :class:`PublishReport`; raises :class:`PublishError`.
    """
    stamp = revision.astimezone(UTC).replace(microsecond=0)
    the_plan = plan(runner, start=start, weeks=weeks, revision=stamp)
    ics = to_ics(the_plan, calendar_name=calendar_name)
    name = calendar_name or str(Calendar.from_ical(ics).get("NAME", "Training plan"))
    # Looked up at call time so that tests can replace the module's factory.
    factory = server_factory or caldav._caldav_server
    server = factory(url, user, password)
    return publish(
        ics,
        uid_identity(the_plan),
        server,
        calendar_name=name,
        window_start=the_plan.start,
        dry_run=dry_run,
        legacy=legacy_identity(the_plan),
    )
