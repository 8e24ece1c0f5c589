"""The registry: which checker enforces which rule, in catalog order.

Read it as the list of what the validator enforces.  :data:`CHECKS` hold the rules a
plan breaks or keeps on its own; :data:`CONDITION_CHECKS` those that need the validator's
derivation of the back-condition timeline (S1-S3, A7-A11, R1-R3).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from runplan.validation import (
    advisories,
    article,
    conditions,
    crossload,
    effort,
    load,
    loadratio,
    longrun,
    placement,
    race,
    returning,
    safety,
    status,
    structure,
)
from runplan.validation.context import Context
from runplan.validation.violation import Violation

__all__ = ["CHECKS", "CONDITION_CHECKS", "REGISTRY", "Check", "Checker"]

Checker = Callable[[Context], Iterator[Violation]]


@dataclass(frozen=True, slots=True)
class Check:
    """A checker tagged with the rule id(s) whose violations it yields."""

    rules: tuple[str, ...]
    run: Checker

    def __call__(self, ctx: Context) -> Iterator[Violation]:
        return self.run(ctx)


#: The checks of every plan, in catalog order; each yields the violations of its rule(s).
CHECKS: tuple[Check, ...] = (
    Check(("PLAN",), structure.check_structure),
    Check(("S4",), safety.check_disclaimer),
    Check(("S5",), safety.check_forbidden_wording),
    Check(("A1",), article.check_weekly_pattern),
    Check(("A2",), article.check_warmups),
    Check(("A3",), article.check_strength),
    Check(("A4",), article.check_no_back_to_back_runs),
    Check(("A5",), article.check_shoes),
    Check(("A6",), article.check_surfaces),
    Check(("A12",), article.check_form_cues),
    Check(("A13",), effort.check_effort),
    Check(("A14",), effort.check_strength_levels),
    Check(("L1",), load.check_weekly_growth),
    Check(("L2",), load.check_recovery_weeks),
    Check(("L3",), load.check_rest_day),
    Check(("L4",), load.check_long_run_growth),
    Check(("L5",), loadratio.check_load_ratio),
    Check(("L6",), longrun.check_long_run),
    Check(("L7",), longrun.check_session_caps),
    Check(("X1",), load.check_cross_training),
    Check(("T1", "T2", "T3"), race.check_race),
    Check(("P1",), placement.check_windows),
    Check(("P2",), placement.check_day_load),
    Check(("P3",), placement.check_long_run_day),
    Check(("P4",), advisories.check_advisory_form),
)

#: The stops that leave a day open to home care (S1/S2 block it), reported by their rule.
_STOP_RULES = ("S3", "A7", "A8", "A9", "A10", "R1")
#: The rules whose advisories the conditions owe (checked together, one pass over them).
_OWED_RULES = ("S1", "S2", "S3", "A7", "A8", "A9", "A10", "A11", "R1")

#: Checks of the rules that need the back-condition timeline (S1-S3, A7-A11, R1-R3).
CONDITION_CHECKS: tuple[Check, ...] = (
    Check(("S1", "S2"), safety.check_blocked_days),
    Check(_STOP_RULES, conditions.check_stopped_days),
    # A7 ice/heat, A10 physical therapy, and each stop's daily mobility under its rule
    Check(_STOP_RULES, conditions.check_home_care),
    Check(_OWED_RULES, conditions.check_condition_advisories),
    Check(("A11",), conditions.check_run_cap),
    Check(("X2",), crossload.check_cross_holds),
    Check(("R2", "R3", "R4"), returning.check_ladder),
    Check(("R4",), returning.check_ladder_weeks),
    Check(("R4",), returning.check_ladder_completion),
    Check(("P4",), advisories.check_advisory_truth),
    Check(("A14",), effort.check_stop_walks),
    Check(("PLAN",), status.check_day_status),
)

#: Every check, in the order :func:`runplan.validation.validate` runs them.
REGISTRY: tuple[Check, ...] = (*CHECKS, *CONDITION_CHECKS)
