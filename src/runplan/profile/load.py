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

from pydantic import ValidationError

from runplan._files import UnreadableFile, read_limited
from runplan.errors import ProfileError
from runplan.models import Runner
from runplan.models.messages import TOO_MANY_DIGITS, describe_errors, json_kind

__all__ = ["MAX_PROFILE_BYTES", "load_profile", "parse_profile"]

#: Profiles are small hand-written files; anything larger is refused before parsing.
MAX_PROFILE_BYTES = 1_000_000


def load_profile(path: str | Path) -> Runner:
    """Read a profile file; ``.json`` is parsed as JSON, anything else as TOML.  A
    profile without an ``id`` gets ``"<name> / <file name>"`` as its id."""
    path = Path(path)
    source = str(path)
    data = _read_mapping(path, source)
    # The runner's identity in calendar UIDs, unless the profile gives one: its name and
    # its file's name, so that two profiles with one name never share UIDs unless they
    # are one file (docs/calendar.md).
    if "id" not in data and isinstance(data.get("name"), str):
        data["id"] = f"{data['name']} / {path.name}"
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
        raw = read_limited(path, MAX_PROFILE_BYTES, "a .toml or .json file")
    except UnreadableFile as exc:
        raise ProfileError([exc.reason], source) from None
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
    except ValueError:  # after JSONDecodeError: Python's limit on integer digits
        raise ProfileError([TOO_MANY_DIGITS], source) from None
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
    except ValueError:  # Python's limit on integer digits, raised inside tomllib
        raise ProfileError([TOO_MANY_DIGITS], source) from None
