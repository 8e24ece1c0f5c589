"""The ``runplan`` command.  Parsing and printing only; nothing in the library imports it.

``main`` lives in :mod:`runplan.cli._main`.  ``write_atomic`` and ``next_week_start``
were importable from here before 0.2; they still are, with a ``DeprecationWarning``,
until 0.3: use :func:`runplan.export.files.write_atomic` and
:func:`runplan.schedule.next_week_start`.
"""

from __future__ import annotations

import warnings
from typing import Any

from runplan._deprecated import REMOVAL
from runplan.cli._main import main

__all__ = ["main"]

_MOVED = {
    "write_atomic": ("runplan.export.files", "write_atomic"),
    "next_week_start": ("runplan.schedule.request", "next_week_start"),
}


def __getattr__(name: str) -> Any:
    if name not in _MOVED:
        raise AttributeError(f"module 'runplan.cli' has no attribute {name!r}")
    module, attribute = _MOVED[name]
    warnings.warn(
        f"runplan.cli.{name} is deprecated and will be removed in {REMOVAL}; "
        f"import it from {module}",
        DeprecationWarning,
        stacklevel=2,
    )
    from importlib import import_module

    return getattr(import_module(module), attribute)
