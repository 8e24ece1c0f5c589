"""roster: plan a folder of profiles (``runplan roster``, docs/roster.md).

* :mod:`~runplan.roster.names` - which files are runners, and their output names;
* :mod:`~runplan.roster.index` - ``index.csv`` and ``index.md``;
* :mod:`~runplan.roster.progress` - the progress bar or lines on standard error;
* :mod:`~runplan.roster.run` - :func:`run_roster`, which ties them to
  :func:`runplan.plan_many`.
"""

from __future__ import annotations

from runplan.errors import RosterError
from runplan.roster.index import INDEX_CSV, INDEX_MD, RosterRow
from runplan.roster.names import PROFILE_SUFFIXES, assign_slugs, find_profiles, slugify
from runplan.roster.run import run_roster

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
