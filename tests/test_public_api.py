"""The public surface: ``runplan.__all__`` is exactly the documented names, sorted, and
every package's ``__all__`` is sorted and resolves."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import runplan
from test_deprecated import MOVED_MODULES

#: The public API of the package root (README "The library"); changing it is a release note.
PUBLIC = [
    "DISCLAIMER",
    "RULES",
    "Activity",
    "ActivityKind",
    "Advisory",
    "AdvisoryKind",
    "CheckIn",
    "Condition",
    "Day",
    "ExportError",
    "Plan",
    "PlanFormatError",
    "PlanOutcome",
    "PlanRequestError",
    "ProfileError",
    "Rule",
    "Runner",
    "RunplanError",
    "Session",
    "SessionKind",
    "TrainingLog",
    "Violation",
    "Week",
    "__version__",
    "load_profile",
    "parse_profile",
    "plan",
    "plan_from_json",
    "plan_many",
    "read_log",
    "to_fit_workout",
    "to_ics",
    "to_json",
    "to_markdown",
    "to_text",
    "validate",
]


def _isort_order(name: str) -> tuple[int, list[int | str]]:
    """ruff's RUF022 order: SCREAMING_CASE, then CamelCase, then the rest; within each
    group a natural sort (``A9`` before ``A10``)."""
    natural: list[int | str] = [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]
    if re.fullmatch(r"[A-Z0-9_]+", name):
        return 0, natural
    if name[:1].isupper():
        return 1, natural
    return 2, natural


def _modules() -> list[str]:
    names = ["runplan"]
    for info in pkgutil.walk_packages(runplan.__path__, "runplan."):
        if info.name in MOVED_MODULES or info.name == "runplan.__main__":
            continue  # deprecated shims (tests/test_deprecated.py) and the -m entry point
        names.append(info.name)
    return names


def test_root_all_is_exactly_the_public_names() -> None:
    assert runplan.__all__ == PUBLIC


@pytest.mark.parametrize("name", _modules())
def test_every_all_is_sorted_and_resolves(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert exported == sorted(exported, key=_isort_order), name
    assert len(set(exported)) == len(exported), name
    for attribute in exported:
        assert getattr(module, attribute) is not None, (name, attribute)


def test_the_package_is_walked() -> None:
    modules = _modules()
    for expected in ("runplan.schedule", "runplan.validation", "runplan.export.ics", "runplan.cli"):
        assert expected in modules
