"""Step 6 of the pipeline: an independent check of any plan against the rules.

It shares only the models, the rules data and the errors with the scheduling side;
the condition rules are derived again here, from the same contract.
"""

from __future__ import annotations

from runplan.validation.checks import Violation, validate

__all__ = ["Violation", "validate"]
