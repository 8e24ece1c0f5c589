"""Run several khal command lines in one Python process and report what each printed.

khal spends most of each run starting up (importing its UI toolkit), so the client tests
run a whole scenario through one process instead of one process per command::

    python tests/clients/khal_batch.py SPEC.json

SPEC is ``{"commands": [ARGV, ...]}``; each ARGV is what would follow ``khal`` on the
command line and runs through khal's own command-line entry point (``khal.cli``), with
its own configuration, database and calendars, exactly as ``khal ARGV`` would.  An ARGV
``["@vdir", FOLDER]`` is not a khal command: it records the ``*.ics`` files of FOLDER
(name -> text) at that point of the scenario.

Prints a JSON list with one entry per ARGV: ``returncode``, ``stdout``, ``stderr`` (or
``files``).  Stops after the first command that fails.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback
from pathlib import Path
from typing import Any

from khal.cli import main_khal


def run(argv: list[str]) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main_khal.main(args=argv, prog_name="khal", standalone_mode=False)
        except SystemExit as exc:
            code = exc.code
        except Exception:
            traceback.print_exc()
            code = 1
    return {
        "argv": argv,
        "returncode": code if isinstance(code, int) else 1,
        "stdout": out.getvalue(),
        "stderr": err.getvalue(),
    }


def main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    results: list[dict[str, Any]] = []
    for argv in spec["commands"]:
        if argv[0] == "@vdir":
            folder = Path(argv[1])
            files = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.ics"))}
            results.append({"argv": argv, "returncode": 0, "files": files})
            continue
        results.append(run(argv))
        if results[-1]["returncode"] != 0:
            break
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
