"""Old module paths keep working for one release, each with a DeprecationWarning."""

from __future__ import annotations

import importlib
import sys
from datetime import date

import pytest

import runplan


def _fresh_import(name: str) -> object:
    sys.modules.pop(name, None)
    return importlib.import_module(name)


#: Old module path -> its new home; every name the old module exported still resolves.
MOVED_MODULES = {
    "runplan.conditions": "runplan.timeline",
    "runplan.content": "runplan.schedule.content",
    "runplan.localtime": "runplan.schedule.clock",
    "runplan.placement": "runplan.schedule.placement",
    "runplan.scheduler": "runplan.schedule",
    "runplan.validate": "runplan.validation",
}


@pytest.mark.parametrize(("old", "new"), sorted(MOVED_MODULES.items()))
def test_old_module_paths_warn_and_re_export(old: str, new: str) -> None:
    with pytest.warns(DeprecationWarning, match="removed in 0.3") as caught:
        module = _fresh_import(old)
    assert any(old.rsplit(".", 1)[1] in str(w.message) for w in caught)
    target = importlib.import_module(new)
    exported = module.__all__  # type: ignore[attr-defined]
    assert exported
    for name in exported:
        assert getattr(module, name) is getattr(target, name), (old, name)


def test_runplan_scheduler_warns_and_plans() -> None:
    with pytest.warns(DeprecationWarning, match=r"runplan\.scheduler is deprecated"):
        old = _fresh_import("runplan.scheduler")
    assert old.plan is runplan.plan  # type: ignore[attr-defined]
    assert old.MAX_WEEKS == 104  # type: ignore[attr-defined]
    assert old.PlanRequestError is runplan.PlanRequestError  # type: ignore[attr-defined]


def test_runplan_validate_module_warns_and_does_not_hide_the_function() -> None:
    with pytest.warns(DeprecationWarning, match=r"module runplan\.validate is deprecated"):
        old = _fresh_import("runplan.validate")
    assert old.validate is runplan.validation.validate  # type: ignore[attr-defined]
    assert callable(runplan.validate)
    assert runplan.validate.__module__ == "runplan.validation.checks"


@pytest.mark.parametrize(
    ("name", "new_home"),
    [
        ("write_atomic", "runplan.export.files"),
        ("next_week_start", "runplan.schedule.request"),
    ],
)
def test_cli_helpers_moved_with_a_warning(name: str, new_home: str) -> None:
    import runplan.cli

    with pytest.warns(DeprecationWarning, match=new_home.replace(".", r"\.")):
        old = getattr(runplan.cli, name)
    assert old is getattr(importlib.import_module(new_home), name)


def test_moved_next_week_start_still_computes() -> None:
    import runplan.cli

    with pytest.warns(DeprecationWarning):
        nws = runplan.cli.next_week_start
    assert nws(date(2026, 12, 1), 0) == date(2026, 12, 7)


def test_unknown_cli_attribute_is_an_attribute_error() -> None:
    import runplan.cli

    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        runplan.cli.nothing  # noqa: B018
