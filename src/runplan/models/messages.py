"""pydantic's validation errors as readable lines: field, bad value, what is allowed.

Shared by the profile reader and the plan reader (``plan_from_json``), so that every
``ProfileError`` and ``PlanFormatError`` reads the same way.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ValidationError

__all__ = ["describe_errors", "json_kind"]


def json_kind(value: object) -> str:
    """How a JSON value reads in a message: "an array", "a string", "null" ..."""
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


# ------------------------------------------------------------ error translation


def describe_errors(exc: ValidationError, model: type[BaseModel]) -> list[str]:
    """Turn pydantic's errors into ``field: value ...; allowed: ...`` lines."""
    lines: list[str] = []
    for error in exc.errors(include_url=False):
        loc = _dotted(error["loc"])
        line = _describe(error, loc, model).translate(_CONTROL)
        if line not in lines:
            lines.append(line)
    return lines


#: Control characters are shown escaped so that a message stays one line.
_CONTROL = {c: f"\\x{c:02x}" for c in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t"}


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in {"function-before[_parse(), Window]"}:
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


def _show(value: object) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(error: Any, loc: str, model: type[BaseModel]) -> str:
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    field = loc or "profile"
    if kind == "runplan":
        msg = str(error["msg"])
        return f"{loc}: {msg}" if loc else msg
    if kind == "missing":
        return f"{field}: required field is missing"
    if kind == "extra_forbidden":
        return f"{field}: unknown field; allowed: {_allowed_keys(loc, model)}"
    if kind in {"enum", "literal_error"}:
        return f"{field}: {_show(value)} is not allowed; allowed: {ctx.get('expected', '?')}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"{field}: {_show(value)} is not a whole number"
    if kind in {"float_type", "float_parsing"}:
        return f"{field}: {_show(value)} is not a number"
    if kind in {"bool_type", "bool_parsing"}:
        return f"{field}: {_show(value)} is not true or false"
    if kind in {"string_type", "str_type"}:
        return f"{field}: {_show(value)} is not text"
    if kind in {"list_type", "tuple_type"}:
        return f"{field}: {_show(value)} is not a list"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"{field}: {_show(value)} is not a table of fields"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"{field}: {_show(value)} is not a date; allowed: YYYY-MM-DD"
    if kind in {"greater_than_equal", "greater_than"}:
        bound = ctx.get("ge", ctx.get("gt"))
        return f"{field}: {_show(value)} is too small; allowed: at least {bound}"
    if kind in {"less_than_equal", "less_than"}:
        bound = ctx.get("le", ctx.get("lt"))
        return f"{field}: {_show(value)} is too large; allowed: at most {bound}"
    if kind in {"too_short", "string_too_short"}:
        return f"{field}: {_show(value)} is too short; allowed: at least {ctx.get('min_length')}"
    if kind == "string_too_long":
        return f"{field}: text is too long; allowed: at most {ctx.get('max_length')} characters"
    if kind == "too_long":
        return f"{field}: list is too long; allowed: at most {ctx.get('max_length')} items"
    return f"{field}: {_show(value)}: {error['msg']}"


def _allowed_keys(loc: str, model: type[BaseModel]) -> str:
    """The field names allowed where an unknown key was found."""
    current: Any = model
    for part in loc.split(".")[:-1]:
        name = part.split("[")[0]
        field = getattr(current, "model_fields", {}).get(name)
        if field is None:
            return "see `runplan schema profile`"
        current = _model_in(field.annotation)
        if current is None:
            return "see `runplan schema profile`"
    return ", ".join(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
