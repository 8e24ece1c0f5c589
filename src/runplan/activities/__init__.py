"""activities: the training log, read from activity files (FIT, GPX, TCX) and a typed
CSV into :class:`~runplan.models.TrainingLog` (docs/log.md)."""

from __future__ import annotations

__all__: list[str] = []
