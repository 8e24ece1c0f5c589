"""Stable UIDs for the calendar's events: the same session or advisory gets the same UID
in every file issued for the runner, so a re-issued calendar updates instead of
duplicating (docs/calendar.md).

``runplan-<runner key>-<YYYYMMDD>-<slot or advisory token>@runplan``: the runner key is
a hash of the runner's identity (:func:`uid_identity`: the profile's ``id``, or for a
plan without one the runner's name, as before identities existed; no name leaks into a
UID), the date makes "from the plan's first day on" a prefix test (see
:mod:`runplan.export.ics.reissue`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from runplan.models import Advisory, Plan

__all__ = [
    "OUR_UID",
    "AdvisoryKey",
    "PlacedAdvisory",
    "advisory_uid",
    "advisory_uids",
    "legacy_identity",
    "runner_key",
    "runner_prefix",
    "session_uid",
    "uid_identity",
]

_UID_DOMAIN = "runplan"
#: A UID this module makes (any runner): only such events are read from a previous file.
OUR_UID = re.compile(r"^runplan-[0-9a-f]{16}-\d{8}-[A-Za-z0-9.-]+@runplan$")
_RULE_TOKEN = re.compile(r"^[A-Za-z0-9]{1,12}$")


def uid_identity(plan: Plan) -> str:
    """What the plan's UIDs are keyed on: its ``runner_id`` (tagged, so that an id never
    equals a name), else the runner's name (plans made before identities existed)."""
    return plan.runner if plan.runner_id is None else f"id\x1f{plan.runner_id}"


def legacy_identity(plan: Plan) -> str | None:
    """The identity this runner's calendars were keyed on before it had an id (its
    name), when that differs from :func:`uid_identity`: such events are this runner's
    to cancel or delete (docs/calendar.md)."""
    return None if plan.runner_id is None else plan.runner


def runner_key(runner: str) -> str:
    """The runner's part of every UID: 16 hex digits of the name's SHA-256."""
    return hashlib.sha256(runner.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def runner_prefix(runner: str) -> str:
    """What every UID of ``runner`` starts with."""
    return f"runplan-{runner_key(runner)}-"


def session_uid(runner: str, day: date, slot: int) -> str:
    """The stable UID of the ``slot``-th session (0-based) on ``day`` for ``runner``."""
    return f"{runner_prefix(runner)}{day:%Y%m%d}-{slot}@{_UID_DOMAIN}"


def advisory_uid(runner: str, advisory: Advisory, index: int = 0) -> str:
    """The stable UID of an advisory; ``index`` counts earlier advisories with the same
    date, kind and rules."""
    rules = list(advisory.rules)
    if not rules:
        token = "none"
    elif all(_RULE_TOKEN.match(r) for r in rules):
        token = ".".join(rules)
    else:
        token = "h" + hashlib.sha256("\x1f".join(rules).encode("utf-8")).hexdigest()[:12]
    return (
        f"{runner_prefix(runner)}{advisory.date:%Y%m%d}-"
        f"{advisory.kind.value}-{token}-{index}@{_UID_DOMAIN}"
    )


class AdvisoryKey(NamedTuple):
    """What makes two advisories of a plan share a UID but for their ``index``."""

    day: date
    kind: str
    rules: tuple[str, ...]


class PlacedAdvisory(NamedTuple):
    """An advisory of the plan with its UID."""

    uid: str
    advisory: Advisory


def advisory_uids(plan: Plan) -> Iterator[PlacedAdvisory]:
    """Each advisory of ``plan`` with its UID, in the plan's order."""
    seen: dict[AdvisoryKey, int] = {}
    for advisory in plan.advisories:
        key = AdvisoryKey(advisory.date, advisory.kind.value, tuple(advisory.rules))
        index = seen.get(key, 0)
        seen[key] = index + 1
        yield PlacedAdvisory(advisory_uid(uid_identity(plan), advisory, index), advisory)
