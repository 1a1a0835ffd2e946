"""One origin for the embedded run, as the reverse proxy gives in production: each request goes
to the service the Caddyfile names for its path (deploy/caddy/Caddyfile is read at start-up,
so there is one list of routes), with its method, path, query, body and headers, cookies and
X-Forwarded-* included; the answer streams back as it comes."""

import re
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from pydantic_settings import BaseSettings, SettingsConfigDict

CADDYFILE = Path(__file__).resolve().parent.parent / "deploy" / "caddy" / "Caddyfile"
_MATCHER = re.compile(r"^\s*@(\w+) path_regexp (\S+)$", re.MULTILINE)
_INTERNAL = re.compile(r"^\s*@(\w+) path (\S+)$", re.MULTILINE)
_HANDLE = re.compile(r"handle @(\w+) \{\s*(?:respond (\d+)|reverse_proxy (\w+):\d+)", re.MULTILINE)
_FALLBACK = re.compile(r"^\thandle \{\s*reverse_proxy (\w+):\d+", re.MULTILINE)
# Headers about one connection, never passed on (RFC 9110, 7.6.1).
HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
    }
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


@dataclass(frozen=True)
class Routes:
    """The Caddyfile's routing: paths answered by the proxy itself (with a status), then
    named matchers tried in order, then the fallback service."""

    answered: tuple[tuple[str, int], ...]
    matchers: tuple[tuple[re.Pattern[str], str], ...]
    fallback: str

    def backend(self, path: str) -> str | int:
        """The service for `path`, or the status the proxy answers itself."""
        for exact, status in self.answered:
            if path == exact:
                return status
        for pattern, service in self.matchers:
            if pattern.search(path):
                return service
        return self.fallback


def read_routes(caddyfile: str) -> Routes:
    """The routes a Caddyfile declares (the subset deploy/caddy/Caddyfile uses)."""
    handles = {name: (status, service) for name, status, service in _HANDLE.findall(caddyfile)}
    answered = tuple((path, int(handles[name][0])) for name, path in _INTERNAL.findall(caddyfile))
    matchers = tuple(
        (re.compile(pattern), handles[name][1]) for name, pattern in _MATCHER.findall(caddyfile)
    )
    fallback = _FALLBACK.search(caddyfile)
    if not matchers or fallback is None:
        raise ValueError("no routes found in the Caddyfile")
    return Routes(answered, matchers, fallback.group(1))


class Proxy:
    """An ASGI app passing each request on to its service over kept-alive connections."""

    def __init__(
        self,
        routes: Routes,
        upstreams: dict[str, str],
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.routes = routes
        self.upstreams = upstreams
        self.transport = transport  # how to reach the services: TCP unless given
        self.client: httpx.AsyncClient | None = None

    def open(self) -> None:
        """The pool of kept-alive connections to the services (closed by `close`)."""
        limits = httpx.Limits(keepalive_expiry=60)  # before the services' 75 s
        self.client = httpx.AsyncClient(
            timeout=None, limits=limits, transport=self.transport, follow_redirects=False
        )

    async def close(self) -> None:
        if self.client is not None:
            await self.client.aclose()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._forward(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.open()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _forward(self, scope: Scope, receive: Receive, send: Send) -> None:
        backend = self.routes.backend(scope["path"])
        if isinstance(backend, int) or self.client is None:
            await _answer(send, backend if isinstance(backend, int) else 503, b"")
            return
        url = self.upstreams[backend] + scope["raw_path"].decode("latin-1")
        if scope["query_string"]:
            url += "?" + scope["query_string"].decode("latin-1")
        request = self.client.build_request(
            scope["method"], url, headers=_forwarded(scope), content=_body(receive)
        )
        try:
            answer = await self.client.send(request, stream=True)
        except httpx.TransportError:
            await _answer(send, 502, f"{backend} did not answer\n".encode())
            return
        try:
            headers = [(k, v) for k, v in answer.headers.raw if k.lower() not in HOP_BY_HOP]
            await send(
                {"type": "http.response.start", "status": answer.status_code, "headers": headers}
            )
            async for chunk in answer.aiter_raw():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            await answer.aclose()


def _forwarded(scope: Scope) -> list[tuple[bytes, bytes]]:
    """The request's headers for the service, with where it came from (as Caddy adds)."""
    headers = [(k, v) for k, v in scope["headers"] if k.lower() not in HOP_BY_HOP]
    host = next((v for k, v in scope["headers"] if k.lower() == b"host"), b"")
    client = (scope.get("client") or ("", 0))[0].encode()
    return [
        *(h for h in headers if not h[0].lower().startswith(b"x-forwarded-")),
        (b"x-forwarded-for", client),
        (b"x-forwarded-proto", scope.get("scheme", "http").encode()),
        (b"x-forwarded-host", host),
    ]


async def _body(receive: Receive) -> AsyncIterator[bytes]:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        yield message.get("body", b"")
        if not message.get("more_body"):
            return


async def _answer(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class ProxySettings(BaseSettings):
    """The development proxy's settings; the stack sets both when it starts it."""

    model_config = SettingsConfigDict(extra="ignore", use_attribute_docstrings=True)

    proxy_upstreams: str
    """Where each service is: `events=http://127.0.0.1:8001,registrations=...`."""
    port: int = 8000
    """The proxy's port: the one origin of the site."""

    def upstreams(self) -> dict[str, str]:
        pairs = (item.split("=", 1) for item in self.proxy_upstreams.split(",") if item)
        return {name.strip(): url.strip().rstrip("/") for name, url in pairs}


def create_app(settings: ProxySettings) -> Proxy:
    return Proxy(read_routes(CADDYFILE.read_text()), settings.upstreams())


def main() -> None:
    import uvicorn

    settings = ProxySettings()
    app = create_app(settings)
    uvicorn.run(app, host="127.0.0.1", port=settings.port, log_level="warning", lifespan="on")


if __name__ == "__main__":
    main()
