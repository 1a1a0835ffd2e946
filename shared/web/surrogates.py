"""JSON text no database can store: lone surrogates, refused before any route reads them.

JSON may write a character as `\\ud800`-style escapes, and Python's reader lets a lone half
of a surrogate pair through as a string. Pydantic takes it for a plain `str`, and then
SQLite, PostgreSQL, UTF-8 and every answer that echoes it fail on it (a 500 mid-request).
So a body holding one is answered 422, in pydantic's shape, naming where it was.
"""

import json
import re
from collections import deque
from collections.abc import Iterator

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# An escape of either half of a surrogate pair: the cheap test every body gets.
_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}")
# Decoded, a pair has become one character: any surrogate left stands alone.
_LONE = re.compile("[\ud800-\udfff]")
MESSAGE = (
    "Not text: a lone surrogate (a \\ud800 to \\udfff escape without its pair) is no "
    "character. Send text as UTF-8, and a character beyond U+FFFF as a surrogate pair."
)
MAX_SAID = 20  # places named in one answer


class LoneSurrogates:
    """ASGI middleware: 422 for a body whose JSON holds a lone surrogate, before any route."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:
            return  # the client left before its body ended: nobody to answer
        places = list(lone_surrogates(body))
        if places:
            await _refuse(send, places)
            return
        await self.app(scope, _replay(body, receive), send)


async def _read_body(receive: Receive) -> bytes | None:
    """The whole body (the size limit outside counts it); None if the client disconnected."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body read, at once; then the messages that follow it (a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def lone_surrogates(body: bytes) -> Iterator[list[str | int]]:
    """Where in the JSON `body` a string or a key holds a lone surrogate (pydantic's `loc`);
    nothing for a body without such escapes, or that is not JSON (its route says so)."""
    if not _ESCAPE.search(body):
        return
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return
    yield from _walk(document, ["body"])


def _walk(document: object, root: list[str | int]) -> Iterator[list[str | int]]:
    """Without recursion: JSON nests as deep as its parser allows, deeper than a walk could."""
    pending: deque[tuple[object, list[str | int]]] = deque([(document, root)])
    while pending:
        value, place = pending.popleft()
        if isinstance(value, str) and _LONE.search(value):
            yield place
        elif isinstance(value, list):
            pending += [(item, [*place, index]) for index, item in enumerate(value)]
        elif isinstance(value, dict):
            for key, item in value.items():
                shown = _LONE.sub("\ufffd", key)  # a place must itself be sayable
                if shown != key:
                    yield [*place, shown]
                pending.append((item, [*place, shown]))


async def _refuse(send: Send, places: list[list[str | int]]) -> None:
    problems = [{"loc": place, "msg": MESSAGE, "type": "string_unicode"} for place in places]
    body = json.dumps({"detail": problems[:MAX_SAID]}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": 422, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def sayable(value: object) -> object:
    """`value` (as JSON holds it) with every lone surrogate in its texts replaced by U+FFFD,
    so that an answer echoing what was sent can itself be written as UTF-8."""
    if isinstance(value, str):
        return _LONE.sub("\ufffd", value)
    if isinstance(value, list):
        return [sayable(item) for item in value]
    if isinstance(value, dict):
        return {sayable(key): sayable(item) for key, item in value.items()}
    return value
