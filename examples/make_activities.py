"""Write the example training log in ``examples/activities/`` (docs/log.md).

A week of one runner in Europe/Berlin: a FIT run (with a pause) and the GPX a website
made of it (a duplicate, in a subfolder), a GPX ride, a TCX walk, a FIT file with one
byte flipped (corrupt), and a typed ``log.csv`` with a strength session and a run done
without a watch.  ``runplan.activities.read_log("examples/activities", "Europe/Berlin")``
reads five activities and skips two files.

The files come from the test suite's writer (``tests/activity_files.py``), the one home
of the writer, so the examples and the tests cannot drift apart; it needs the ``test``
extra (Garmin's FIT SDK writes the FIT files).  The output is the same on every run,
and ``tests/test_activities.py`` checks that the committed files equal a fresh copy::

    python examples/make_activities.py            # rewrite examples/activities/
    python examples/make_activities.py OUT_DIR    # write elsewhere
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from activity_files import Leg, fit_bytes, gpx_bytes, tcx_bytes  # noqa: E402

BERLIN = ZoneInfo("Europe/Berlin")
RUN = Leg("running", datetime(2027, 3, 22, 6, 15, tzinfo=BERLIN), 42, ((20, 3),), 7.5)
LOG_CSV = """\
# What I did without a watch (date,kind,minutes[,rpe][,distance_km][,note]).
date,kind,minutes,rpe,distance_km,note
2027-03-23,strength,25,5,,core circuit at home

2027-03-27,treadmill,30,3,5,gym treadmill; no watch
"""


def corrupt(data: bytes) -> bytes:
    """``data`` with one byte of a record's value flipped: the FIT checksum no longer
    matches, which is how a damaged download looks."""
    at = len(data) // 2
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]


def files() -> dict[str, bytes]:
    """Every example file by its path inside the folder."""
    ride = Leg("cycling", datetime(2027, 3, 24, 18, 30, tzinfo=BERLIN), 60, (), 22.0)
    walk = Leg("Walking", datetime(2027, 3, 26, 12, 10, tzinfo=BERLIN), 35, (), 3.2)
    broken = Leg("running", datetime(2027, 3, 25, 7, 0, tzinfo=BERLIN), 30, (), 5.0)
    return {
        "2027-03-22-morning-run.fit": fit_bytes(RUN),
        "exported/2027-03-22-morning-run.gpx": gpx_bytes(RUN),
        "2027-03-24-ride.gpx": gpx_bytes(ride),
        "2027-03-25-damaged.fit": corrupt(fit_bytes(broken)),
        "2027-03-26-walk.tcx": tcx_bytes(walk),
        "log.csv": LOG_CSV.encode("utf-8"),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else HERE / "activities"
    for name, data in files().items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
