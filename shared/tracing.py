"""W3C trace context: the correlation id that follows one request through every service.

An HTTP request starts a trace (or continues the caller's `traceparent`); outbox rows, NATS
headers, consumer handlers and deliveries carry it on, and every log line names its trace id.
OpenTelemetry, when switched on (`shared.telemetry`), records the same ids as spans.
"""

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol

# version 00: trace id (32 hex), parent span id (16 hex), flags (2 hex); all-zero ids invalid.
_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


@dataclass(frozen=True)
class TraceContext:
    trace_id: str
    span_id: str
    sampled: bool = True

    @property
    def traceparent(self) -> str:
        return f"00-{self.trace_id}-{self.span_id}-{'01' if self.sampled else '00'}"

    def child(self, span_id: str | None = None) -> "TraceContext":
        """The same trace, one step further (a new span)."""
        return TraceContext(self.trace_id, span_id or new_span_id(), self.sampled)


def new_span_id() -> str:
    return secrets.token_hex(8)


def new_trace() -> TraceContext:
    return TraceContext(secrets.token_hex(16), new_span_id())


def parse_traceparent(value: str | None) -> TraceContext | None:
    """The context a `traceparent` header names, or None when it is absent or malformed."""
    found = _TRACEPARENT.match((value or "").strip().lower())
    if not found or set(found[1]) == {"0"} or set(found[2]) == {"0"}:
        return None
    return TraceContext(found[1], found[2], bool(int(found[3], 16) & 1))


_current: ContextVar[TraceContext | None] = ContextVar("trace_context", default=None)


def current() -> TraceContext | None:
    return _current.get()


def current_traceparent() -> str | None:
    """What a row written now should carry on (outbox, delivery); None outside any trace."""
    context = _current.get()
    return context.traceparent if context else None


class SpanRecorder(Protocol):
    """Where spans go besides the logs (OpenTelemetry, when switched on)."""

    def start(
        self, name: str, kind: str, parent: TraceContext | None
    ) -> tuple[str, str, object]: ...

    def end(self, handle: object, error: BaseException | None) -> None: ...


_recorder: SpanRecorder | None = None


def set_recorder(recorder: SpanRecorder | None) -> None:
    global _recorder
    _recorder = recorder


@contextmanager
def span(name: str, *, kind: str = "internal", parent: str | None = None) -> Iterator[TraceContext]:
    """Work done under one span: a child of `parent` (a traceparent from a header or a row),
    else of the current context, else the first span of a new trace."""
    above = parse_traceparent(parent) if parent is not None else _current.get()
    handle = None
    if _recorder is not None:
        trace_id, span_id, handle = _recorder.start(name, kind, above)
        here = TraceContext(trace_id, span_id, above.sampled if above else True)
    else:
        here = above.child() if above else new_trace()
    token = _current.set(here)
    error: BaseException | None = None
    try:
        yield here
    except BaseException as exc:
        error = exc
        raise
    finally:
        _current.reset(token)
        if _recorder is not None:
            _recorder.end(handle, error)


@contextmanager
def within(context: TraceContext | None) -> Iterator[None]:
    """Back inside a span that ended (its log lines after its work committed), no new span."""
    token = _current.set(context)
    try:
        yield
    finally:
        _current.reset(token)
