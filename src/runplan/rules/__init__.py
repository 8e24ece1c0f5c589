"""Shared leaf: the rule catalog (ids, wording, sources), the disclaimer, the numbers.

Data only.  The scheduler and the validator both read it and nothing else of each
other; :mod:`runplan.rules.limits` holds every threshold of the contract once.
"""

from __future__ import annotations

from runplan.rules.catalog import DISCLAIMER, RULES, Rule

__all__ = ["DISCLAIMER", "RULES", "Rule"]
