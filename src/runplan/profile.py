"""Reading runner profiles (TOML or JSON, same fields) into a validated :class:`Runner`.

Every failure becomes a :class:`ProfileError` whose problems each name the field,
the bad value and what is allowed; pydantic's ``ValidationError`` never escapes.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from runplan.errors import ProfileError
from runplan.models import Runner

__all__ = ["MAX_PROFILE_BYTES", "describe_errors", "json_kind", "load_profile", "parse_profile"]

#: Profiles are small hand-written files; anything larger is refused before parsing.
MAX_PROFILE_BYTES = 1_000_000


def load_profile(path: str | Path) -> Runner:
    """Read a profile file; ``.json`` is parsed as JSON, anything else as TOML."""
    path = Path(path)
    source = str(path)
    data = _read_mapping(path, source)
    return parse_profile(data, source=source)


def parse_profile(data: Mapping[str, Any], *, source: str | None = None) -> Runner:
    """Validate an already-parsed profile mapping."""
    if not isinstance(data, Mapping):
        raise ProfileError(
            [f"the profile is a {type(data).__name__}; allowed: a table of fields"], source
        )
    try:
        return Runner.model_validate(dict(data))
    except ValidationError as exc:
        raise ProfileError(describe_errors(exc, Runner), source) from None


def _read_mapping(path: Path, source: str) -> dict[str, Any]:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ProfileError(["this is a folder; allowed: a .toml or .json file"], source)
        if size > MAX_PROFILE_BYTES:
            raise ProfileError(
                [f"the file has {size} bytes; allowed: at most {MAX_PROFILE_BYTES} bytes"], source
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(["no such file"], source) from None
    except OSError as exc:
        raise ProfileError([f"cannot be read ({exc.strerror or exc})"], source) from None
    if b"\x00" in raw:
        raise ProfileError(["the file is binary; allowed: UTF-8 TOML or JSON text"], source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError(
            [f"byte {exc.start} is not UTF-8; allowed: UTF-8 TOML or JSON text"], source
        ) from None
    if not text.strip():
        raise ProfileError(
            [
                "the file is empty; allowed: a profile with at least name, timezone, run_days, "
                "weekly_run_minutes, equipment, surfaces and availability"
            ],
            source,
        )
    if path.suffix.lower() == ".json":
        return _parse_json(text, source)
    return _parse_toml(text, source)


def _parse_json(text: str, source: str) -> dict[str, Any]:
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKeyError as exc:
        raise ProfileError(
            [f"{exc.args[0]}: the key appears twice; give each key once"], source
        ) from None
    except json.JSONDecodeError as exc:
        raise ProfileError(
            [f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"], source
        ) from None
    except RecursionError:
        raise ProfileError(["the JSON nests too deeply"], source) from None
    if not isinstance(data, dict):
        raise ProfileError(
            [f"the JSON top level is {json_kind(data)}; allowed: an object of fields"], source
        )
    return data


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(key)
        out[key] = value
    return out


def _parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError([f"not valid TOML: {exc}"], source) from None
    except RecursionError:
        raise ProfileError(["the TOML nests too deeply"], source) from None


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
