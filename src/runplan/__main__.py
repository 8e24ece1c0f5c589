"""``python -m runplan``: the same command as ``runplan``."""

from __future__ import annotations

import sys

from runplan.cli import main

if __name__ == "__main__":
    sys.exit(main())
