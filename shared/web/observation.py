"""Every HTTP request: a span of its trace (the caller's `traceparent`, or a new trace), the
request metrics by route template, and a log line for each request that changes something.

Log lines and metrics name the route template (`/r/{token}`), never the path or the query:
signed links and tokens travel in both.
"""

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared import tracing
from shared.metrics import HTTP_REQUESTS, HTTP_SECONDS

log = logging.getLogger("convegni.http")

READING = frozenset({"GET", "HEAD", "OPTIONS"})


class RequestObservation:
    """ASGI middleware; `log_every_request` logs reading requests too (ACCESS_LOG)."""

    def __init__(self, app: ASGIApp, *, log_every_request: bool = False) -> None:
        self.app = app
        self.log_every_request = log_every_request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        incoming = dict(scope["headers"]).get(b"traceparent", b"").decode("latin-1")
        status = 500
        started = time.perf_counter()
        with tracing.span(f"HTTP {method}", kind="server", parent=incoming) as here:
            answer = [(b"traceparent", here.traceparent.encode())]

            async def send_with_trace(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                    message["headers"] = [*message.get("headers", []), *answer]
                await send(message)

            try:
                await self.app(scope, receive, send_with_trace)
            finally:
                self._observe(scope, method, status, time.perf_counter() - started)

    def _observe(self, scope: Scope, method: str, status: int, seconds: float) -> None:
        route = route_template(scope)
        HTTP_REQUESTS.labels(method, route, str(status)).inc()
        HTTP_SECONDS.labels(method, route).observe(seconds)
        if self.log_every_request or method not in READING:
            log.info(
                "%s %s %d",
                method,
                route,
                status,
                extra={
                    "http_method": method,
                    "route": route,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 1),
                },
            )


def route_template(scope: Scope) -> str:
    """The matched route's template; mounted static files and unknown paths by a fixed name,
    so that a crawler's random paths cannot grow the metrics without bound."""
    route = scope.get("route")
    if route is not None and hasattr(route, "path"):
        return str(route.path)
    if str(scope.get("path", "")).startswith("/static/"):
        return "/static/{path}"
    return "unmatched"
