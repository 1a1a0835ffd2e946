"""The bench's wrk script (bench/count.lua) against a small HTTP server that records what it
receives: exactly the requests asked for, each body unique, every answer counted."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from bench.wrk import Wrk

pytestmark = pytest.mark.integration


class Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as uvicorn answers
    bodies: ClassVar[list[str]] = []
    lock = threading.Lock()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        with self.lock:
            self.bodies.append(body)
            number = len(self.bodies)
        # Every fifth refused, as a full room or a bad address would be.
        status, answer = (409, b'{"detail": "no"}') if number % 5 == 0 else (201, b"")
        if status == 201:
            answer = json.dumps({"id": f"r-{number}", "status": "confirmed"}).encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    Recorder.bodies = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/rows"
    server.shutdown()
    server.server_close()


def test_wrk_sends_exactly_the_requests_asked_each_with_a_unique_address(recorder):
    wrk = Wrk(
        recorder,
        count=101,
        connections=8,
        method="POST",
        body='{"email": "{n}@comune-test.it"}',
        headers={"Content-Type": "application/json"},
        tag="t",
    )

    run = wrk.run()

    addresses = [json.loads(body)["email"] for body in Recorder.bodies]
    assert len(addresses) == 101
    assert len(set(addresses)) == 101
    assert (run.sent, run.requests) == (101, 101)
    assert run.statuses == {201: 81, 409: 20}
    assert sorted(run.ids) == sorted(f"r-{n}" for n in range(1, 102) if n % 5)
    assert 0 < run.latency_ms["p50"] <= run.latency_ms["p99"] <= run.latency_ms["max"]
