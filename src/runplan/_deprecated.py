"""Old module paths kept for one release (until 0.3), each with a ``DeprecationWarning``."""

from __future__ import annotations

import warnings

__all__ = ["REMOVAL", "moved"]

#: The release that drops the old paths (CHANGELOG.md, "Deprecated").
REMOVAL = "0.3"


def moved(old: str, new: str) -> None:
    """Warn, from an old module's body, that ``old`` now lives at ``new``."""
    warnings.warn(
        f"{old} is deprecated and will be removed in {REMOVAL}; use {new}",
        DeprecationWarning,
        stacklevel=3,
    )
