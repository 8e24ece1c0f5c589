"""Issue 13, item 6: publishes converge from any state a fault leaves behind.

A fault proxy sits between ``runplan publish`` and a real Radicale and breaks one
request: a 500 answer, a 412 answer, or a write Radicale applied whose answer never
arrives (the connection is cut).  Each faulty run ends with exit status 3 and one
paragraph; the next run ends with exit 0, the calendar then holds each of the plan's
UIDs exactly once, and a third run changes nothing.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import signal
import socketserver
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from icalendar import Calendar

from runplan.cli import main
from test_publish import Radicale, _counts, _profile, _radicale


@dataclass
class Fault:
    """Break the ``nth`` request whose method is ``method``: ``kind`` is "500", "412",
    "cut" (forward it, then close the connection without an answer) or "slow" (every
    such request waits a moment, so that the publisher can be killed mid-run)."""

    method: str
    nth: int
    kind: str
    seen: int = 0


@contextlib.contextmanager
def _proxy(port: int, fault: Fault) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
            if self.command == fault.method:
                fault.seen += 1
                if fault.seen == fault.nth and fault.kind in {"500", "412"}:
                    self.send_response(int(fault.kind))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            if fault.kind == "slow" and self.command == fault.method:
                time.sleep(0.3)  # time for the test to kill the publisher mid-run
            upstream = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
            if self.command == fault.method and fault.seen == fault.nth and fault.kind == "cut":
                self.close_connection = True
                self.connection.shutdown(2)  # applied upstream, never acknowledged
                return
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in {"transfer-encoding", "connection", "content-length"}:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def __getattr__(self, name: str) -> object:
            if name.startswith("do_"):  # every method (GET, PUT, REPORT, MKCALENDAR, ...)
                return self._forward
            raise AttributeError(name)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with _radicale(tmp_path_factory.mktemp("faults"), "[auth]\ntype = none\n") as server:
        yield server


def _publish(url: str, profile: Path, user: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["publish", str(profile), "--url", url, "--user", user, "--start", "2026-12-07"]
    code = main(
        [*argv, "--weeks", "2"], stdout=out, stderr=err, today=lambda _tz: date(2026, 12, 3)
    )
    return code, out.getvalue(), err.getvalue()


FAULTS = [
    Fault("PUT", 3, "500"),
    Fault("PUT", 5, "412"),
    Fault("PUT", 4, "cut"),
    Fault("DELETE", 2, "cut"),
    Fault("REPORT", 1, "500"),
    Fault("MKCALENDAR", 1, "cut"),
]


@pytest.mark.integration
@pytest.mark.parametrize("fault", FAULTS, ids=[f"{f.method}-{f.nth}-{f.kind}" for f in FAULTS])
def test_a_publish_converges_after_a_fault(
    radicale: Radicale, tmp_path: Path, fault: Fault
) -> None:
    user = f"u{FAULTS.index(fault)}"
    profile = _profile(tmp_path, "alex.toml")
    if fault.method == "DELETE":  # something to delete: a first plan with more run days
        (tmp_path / "wider").mkdir()
        first = _profile(tmp_path / "wider", "alex.toml", **{"run_days = 3": "run_days = 4"})
        assert _publish(radicale.url, first, user)[0] == 0
    with _proxy(radicale.port, fault) as url:
        code, _, err = _publish(url, profile, user)
        assert fault.seen >= fault.nth, "the fault never fired"
        assert code == 3, err
        assert err.startswith("runplan: error: ") and err.count("\n") == 1
        assert "Traceback" not in err
        if fault.kind == "cut" and fault.method in {"PUT", "DELETE"}:
            assert "applied that change is unknown" in err and "run the command again" in err
        code, out, err = _publish(url, profile, user)  # the fault fires only once
    assert (code, err) == (0, ""), err
    objects = radicale.objects(user)
    uids = Counter(
        str(e["UID"]) for text in objects.values() for e in Calendar.from_ical(text).walk("VEVENT")
    )
    assert all(n == 1 for n in uids.values()), uids
    code, out, err = _publish(radicale.url, profile, user)
    assert code == 0 and _counts(out)["created"] + _counts(out)["updated"] == 0, out
    assert _counts(out)["deleted"] == 0


@pytest.mark.integration
def test_a_publish_killed_mid_run_converges(radicale: Radicale, tmp_path: Path) -> None:
    """SIGKILL (no chance to clean up) while the creates are under way: the next run
    finishes with each UID once, and the one after changes nothing."""
    profile = _profile(tmp_path, "alex.toml")
    fault = Fault("PUT", 0, "slow")
    with _proxy(radicale.port, fault) as url:
        argv = [sys.executable, "-m", "runplan", "publish", str(profile), "--url", url]
        argv += ["--user", "killed", "--start", "2026-12-07", "--weeks", "2"]
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while fault.seen < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert fault.seen >= 3 and proc.poll() is None, "the publish ended before the kill"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    written = len(radicale.objects("killed"))
    assert 0 < written < 15
    code, out, err = _publish(radicale.url, profile, "killed")
    assert (code, err) == (0, ""), err
    objects = radicale.objects("killed")
    uids = Counter(
        str(e["UID"]) for text in objects.values() for e in Calendar.from_ical(text).walk("VEVENT")
    )
    assert len(uids) == 15 and all(n == 1 for n in uids.values()), uids
    code, out, err = _publish(radicale.url, profile, "killed")
    assert code == 0 and _counts(out)["created"] + _counts(out)["updated"] == 0, out
