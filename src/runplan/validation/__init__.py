"""Step 6 of the pipeline: an independent check of any plan against the rules.

It shares only the models, the rules data and the errors with the scheduling side;
the condition rules are derived again here, from the same contract.

* :mod:`~runplan.validation.checks`: :func:`validate`, the entry point;
* :mod:`~runplan.validation.registry`: which checker enforces which rule;
* :mod:`~runplan.validation.context`: what every checker reads, built once per call;
* the checkers by rule family: :mod:`~runplan.validation.structure` (PLAN),
  :mod:`~runplan.validation.safety` (S), :mod:`~runplan.validation.article` (A1-A6,
  A12), :mod:`~runplan.validation.load` (L, X1), :mod:`~runplan.validation.placement`
  (P), :mod:`~runplan.validation.conditions` (S3, A7-A11, R);
* the derivation of docs/conditions.md: :mod:`~runplan.validation.derivation`, from
  :mod:`~runplan.validation.painlog`, :mod:`~runplan.validation.episodes`,
  :mod:`~runplan.validation.stops`, :mod:`~runplan.validation.owed` and
  :mod:`~runplan.validation.ladder`.
"""

from __future__ import annotations

from runplan.validation.checks import Violation, validate

__all__ = ["Violation", "validate"]
