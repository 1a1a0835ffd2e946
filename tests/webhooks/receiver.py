"""A webhook receiver for the tests: a real HTTP server in the test process that verifies
every request's signature with the standardwebhooks package (the specification's own
reference library, independent of the code under test) and keeps every request it got.

Each path is one endpoint: /ok/<name> answers 204, /fail/<name> answers 500, and a path
`hold`ed keeps its next request open (the sender waits on it) until released."""

import json
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook


@dataclass(frozen=True)
class Received:
    path: str
    webhook_id: str
    timestamp: str
    kind: str
    body: bytes
    verified: bool


@dataclass
class Receiver:
    """The server's state, shared with its handler threads."""

    secrets: dict[str, str] = field(default_factory=dict)  # path -> whsec_...
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    holding: dict[str, threading.Event] = field(default_factory=dict)  # path -> release
    held: threading.Event = field(default_factory=threading.Event)  # a request is held
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def hold(self, path: str) -> threading.Event:
        """Keep the next request to `path` open until the returned event is set."""
        release = threading.Event()
        self.holding[path] = release
        self.held.clear()
        return release

    def of(self, path: str) -> list[Received]:
        with self.lock:
            return [got for got in self.received if got.path == path]

    def distinct(self, path: str) -> dict[str, Received]:
        """Each webhook-id `path` got, with its first request (receivers deduplicate so)."""
        first: dict[str, Received] = {}
        for got in self.of(path):
            first.setdefault(got.webhook_id, got)
        return first

    def kinds(self, path: str) -> Counter[str]:
        """How many distinct deliveries of each kind `path` got."""
        return Counter(got.kind for got in self.distinct(path).values())

    def unverified(self) -> list[Received]:
        with self.lock:
            return [got for got in self.received if not got.verified]


def _handler(state: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's name
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            if len(body) < length:
                return  # the sender died mid-request (the kill): no delivery, nobody to answer
            headers = {name.lower(): value for name, value in self.headers.items()}
            state.received.append(_checked(state, self.path, headers, body))
            release = state.holding.pop(self.path, None)
            if release is not None:
                state.held.set()
                release.wait(timeout=120)
            self.send_response(500 if self.path.startswith("/fail/") else 204)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def _checked(state: Receiver, path: str, headers: dict[str, str], body: bytes) -> Received:
    try:
        Webhook(state.secrets[path]).verify(body, headers)
        verified = True
    except Exception:
        verified = False
    try:
        kind = str(json.loads(body)["type"])
    except Exception:
        kind = "?"
    return Received(
        path=path,
        webhook_id=headers.get("webhook-id", ""),
        timestamp=headers.get("webhook-timestamp", ""),
        kind=kind,
        body=body,
        verified=verified,
    )


def start_receiver() -> Receiver:
    state = Receiver()
    state.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.server.daemon_threads = True
    threading.Thread(target=state.server.serve_forever, daemon=True).start()
    return state


def stop_receiver(state: Receiver) -> None:
    for release in list(state.holding.values()):
        release.set()
    if state.server is not None:
        state.server.shutdown()
        state.server.server_close()
