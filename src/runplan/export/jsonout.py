"""JSON export and import of a :class:`~runplan.models.Plan` (DESIGN.md "Plan").

``to_json`` is ``Plan.model_dump(mode="json")`` written with a fixed layout, so the same
plan always gives the same bytes; ``plan_from_json`` reads it back and turns every
problem into a :class:`~runplan.errors.PlanFormatError` that names the field.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from runplan.errors import PlanFormatError
from runplan.export.zone import UNKNOWN_ZONE
from runplan.models import Plan
from runplan.models.messages import TOO_MANY_DIGITS, describe_errors, json_kind
from runplan.models.zones import portable_zone

__all__ = ["plan_from_json", "to_json"]


def to_json(plan: Plan) -> str:
    """The plan as pretty-printed JSON (2-space indent, UTF-8 text, trailing newline)."""
    return json.dumps(plan.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def plan_from_json(text: str | bytes, source: str | None = None) -> Plan:
    """Read a plan written by :func:`to_json` (or by hand, following the contract).

    ``plan_from_json(to_json(plan)) == plan``.  Raises :class:`PlanFormatError` naming
    the field path and the problem; ``source`` (a file name) prefixes the message.
    """
    data = _parse(text, source)
    if not isinstance(data, dict):
        kind = json_kind(data)
        raise PlanFormatError(
            [
                f"the top level is {kind}; a plan is a JSON object with runner, timezone, "
                "start, weeks, advisories and disclaimer"
            ],
            source,
        )
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanFormatError(describe_errors(exc, Plan), source) from None
    if portable_zone(plan.timezone) is None:
        raise PlanFormatError([UNKNOWN_ZONE.format(name=plan.timezone)], source)
    return plan


def _parse(text: str | bytes, source: str | None) -> object:
    """The JSON value of ``text`` (UTF-8 bytes, a BOM allowed, or str)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PlanFormatError(
                [f"not UTF-8 text (byte {exc.start}: {exc.reason})"], source
            ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFormatError(
            [f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"], source
        ) from None
    except RecursionError:
        raise PlanFormatError(["the JSON nests too deeply"], source) from None
    except ValueError:  # after JSONDecodeError: Python's limit on integer digits
        raise PlanFormatError([TOO_MANY_DIGITS], source) from None
