"""The version, in one place: the installed package's metadata (pyproject.toml)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("runplan")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
