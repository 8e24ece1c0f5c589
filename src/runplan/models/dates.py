"""Dates within the range runplan plans and reads (:data:`~runplan.rules.limits.DATE_MIN`
to :data:`~runplan.rules.limits.DATE_MAX`): a date outside it is refused when it is
read, so that no date in a profile or a plan can make the cost of a walk over days
unbounded (issue 13)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from runplan.rules.limits import DATE_MAX, DATE_MIN

__all__ = ["BoundedDate", "in_range"]


def in_range(value: date) -> date:
    """``value`` if it lies within DATE_MIN..DATE_MAX, else a validation error."""
    if not DATE_MIN <= value <= DATE_MAX:
        raise PydanticCustomError(
            "runplan",
            "{value} is out of range; allowed: {low} to {high}",
            {"value": value.isoformat(), "low": DATE_MIN.isoformat(), "high": DATE_MAX.isoformat()},
        )
    return value


BoundedDate = Annotated[date, AfterValidator(in_range)]
