"""Shared test configuration.

Hypothesis settings profiles, chosen with the ``HYPOTHESIS_PROFILE`` environment
variable (default ``ci``):

- ``ci``: 60 examples, no deadline, derandomized and without the example database (the
  same examples on every run and every machine, CI included),
  and a reproduction blob printed on failure;
- ``dev`` and ``thorough``: 500 examples, no deadline, random.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, database=None, print_blob=True
)
settings.register_profile("dev", max_examples=500, deadline=None)
settings.register_profile("thorough", max_examples=500, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
