"""roster: see :mod:`runplan.roster.run`."""

from __future__ import annotations

from runplan.roster.run import (
    INDEX_CSV,
    INDEX_MD,
    PROFILE_SUFFIXES,
    RosterError,
    RosterRow,
    assign_slugs,
    find_profiles,
    run_roster,
    slugify,
)

__all__ = [
    "INDEX_CSV",
    "INDEX_MD",
    "PROFILE_SUFFIXES",
    "RosterError",
    "RosterRow",
    "assign_slugs",
    "find_profiles",
    "run_roster",
    "slugify",
]
