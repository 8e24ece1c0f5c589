"""Step 1 of the pipeline: a profile file or mapping -> a validated :class:`Runner`."""

from __future__ import annotations

from runplan.models.messages import describe_errors, json_kind
from runplan.profile.load import MAX_PROFILE_BYTES, load_profile, parse_profile

__all__ = ["MAX_PROFILE_BYTES", "describe_errors", "json_kind", "load_profile", "parse_profile"]
