"""pydantic's validation errors as readable lines: field, bad value, what is allowed.

Shared by the profile reader and the plan reader (``plan_from_json``), so that every
``ProfileError`` and ``PlanFormatError`` reads the same way.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ValidationError

__all__ = ["MAX_PROBLEMS", "TOO_MANY_DIGITS", "describe_errors", "json_kind"]

#: At most this many problems are listed (a hostile file may hold thousands): the
#: first ones, then how many more there may be (issue 13: at most 4 KB of error output).
MAX_PROBLEMS = 20

#: A number longer than Python converts (``sys.get_int_max_str_digits``, 4300 by default).
TOO_MANY_DIGITS = "a number has too many digits; allowed: numbers of at most 4300 digits"


def json_kind(value: object) -> str:
    """How a JSON value reads in a message: "an array", "a string", "null" ..."""
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


# ------------------------------------------------------------ error translation


def describe_errors(exc: ValidationError, model: type[BaseModel]) -> list[str]:
    """Turn pydantic's errors into ``field: value ...; allowed: ...`` lines."""
    lines: dict[str, None] = {}  # insertion-ordered and linear to de-duplicate
    errors = exc.errors(include_url=False)
    for error in errors:
        if len(lines) == MAX_PROBLEMS:
            break
        loc = _dotted(error["loc"])
        lines[_describe(error, loc, model).translate(_CONTROL)] = None
    more = exc.error_count() - len(lines)
    if len(lines) == MAX_PROBLEMS and more > 0:
        lines[f"and up to {more} more problems: fix these and check again"] = None
    return list(lines)


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


#: pydantic error type -> our wording; ``{value}`` is the shown input, the rest come
#: from the error's context (see :func:`_describe`).
_TEMPLATES: dict[str, str] = {
    "missing": "{field}: required field is missing",
    "enum": "{field}: {value} is not allowed; allowed: {expected}",
    "literal_error": "{field}: {value} is not allowed; allowed: {expected}",
    "int_type": "{field}: {value} is not a whole number",
    "int_parsing": "{field}: {value} is not a whole number",
    "int_from_float": "{field}: {value} is not a whole number",
    "float_type": "{field}: {value} is not a number",
    "float_parsing": "{field}: {value} is not a number",
    "bool_type": "{field}: {value} is not true or false",
    "bool_parsing": "{field}: {value} is not true or false",
    "string_type": "{field}: {value} is not text",
    "str_type": "{field}: {value} is not text",
    "list_type": "{field}: {value} is not a list",
    "tuple_type": "{field}: {value} is not a list",
    "dict_type": "{field}: {value} is not a table of fields",
    "model_type": "{field}: {value} is not a table of fields",
    "model_attributes_type": "{field}: {value} is not a table of fields",
    "greater_than_equal": "{field}: {value} is too small; allowed: at least {low}",
    "greater_than": "{field}: {value} is too small; allowed: at least {low}",
    "less_than_equal": "{field}: {value} is too large; allowed: at most {high}",
    "less_than": "{field}: {value} is too large; allowed: at most {high}",
    "too_short": "{field}: {value} is too short; allowed: at least {min_length}",
    "string_too_short": "{field}: {value} is too short; allowed: at least {min_length}",
    "string_too_long": "{field}: text is too long; allowed: at most {max_length} characters",
    "too_long": "{field}: list is too long; allowed: at most {max_length} items",
}
_DATE = "{field}: {value} is not a date; allowed: YYYY-MM-DD"


def _describe(error: Any, loc: str, model: type[BaseModel]) -> str:
    """One pydantic error as ``field: value ...; allowed: ...``."""
    kind: str = error["type"]
    field = loc or "profile"
    if kind == "runplan":  # our own validators already wrote the whole message
        msg = str(error["msg"])
        return f"{loc}: {msg}" if loc else msg
    if kind == "extra_forbidden":
        return f"{field}: unknown field; allowed: {_allowed_keys(loc, model)}"
    template = _TEMPLATES.get(kind) or (_DATE if kind.startswith("date") else None)
    value = _show(error.get("input"))
    if template is None:
        return f"{field}: {value}: {error['msg']}"
    ctx: dict[str, Any] = error.get("ctx") or {}
    return template.format(
        field=field,
        value=value,
        expected=ctx.get("expected", "?"),
        low=ctx.get("ge", ctx.get("gt")),
        high=ctx.get("le", ctx.get("lt")),
        min_length=ctx.get("min_length"),
        max_length=ctx.get("max_length"),
    )


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
