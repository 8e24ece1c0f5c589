"""Planned vs done: a plan matched with the training log, session by session and week
by week, into an :class:`~runplan.models.ActivityReport` (docs/log.md, DESIGN.md
"Activity report").

A layer beside validation and schedule: it reads only the models, the rules data, the
errors and the text helpers, so the report is a third reading of the same contracts.

* :mod:`~runplan.adherence.matching`: :func:`match`, the entry point;
* :mod:`~runplan.adherence.weeks`: the week figures (minutes by kind, done share, L5
  load ratio from the log);
* :mod:`~runplan.adherence.render`: :func:`report_json` and :func:`report_text`.
"""

from __future__ import annotations

from runplan.adherence.matching import COUNTED_KINDS, DONE_PERCENT, match
from runplan.adherence.render import report_json, report_text

__all__ = ["COUNTED_KINDS", "DONE_PERCENT", "match", "report_json", "report_text"]
