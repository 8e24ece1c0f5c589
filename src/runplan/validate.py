"""Deprecated module path: use :func:`runplan.validate` (or :mod:`runplan.validation`).

Kept for one release, until 0.3, with a ``DeprecationWarning``.  Importing it never
hides the function ``runplan.validate`` (see ``runplan.__init__``).
"""

from __future__ import annotations

import warnings

from runplan.validation import Violation, validate

__all__ = ["Violation", "validate"]

warnings.warn(
    "the module runplan.validate is deprecated and will be removed in 0.3; "
    "use the function runplan.validate or the package runplan.validation",
    DeprecationWarning,
    stacklevel=2,
)
