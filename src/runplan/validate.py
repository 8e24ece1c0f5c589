"""Deprecated module path: use the function :func:`runplan.validate` (or the package
:mod:`runplan.validation`), until 0.3.  Importing it never hides the function
``runplan.validate`` (see ``runplan.__init__``)."""

from __future__ import annotations

from runplan._deprecated import moved
from runplan.validation import Violation, validate

__all__ = ["Violation", "validate"]

moved("the module runplan.validate", "the function runplan.validate or runplan.validation")
