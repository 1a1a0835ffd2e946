"""OpenTelemetry tracing, switched on by `TRACING` (off by default).

`otlp` exports spans over OTLP/HTTP to `OTEL_EXPORTER_OTLP_ENDPOINT` (the standard variables
apply; `pip install .[tracing]`), `console` prints them. The spans are the ones
`shared.tracing.span` opens, so their ids are the trace ids in the logs and headers.
"""

from typing import Any

from shared.tracing import SpanRecorder, TraceContext, set_recorder

KINDS = ("internal", "server", "client", "producer", "consumer")


class OpenTelemetryRecorder:
    """Spans started with an explicit parent, so that a context read from a NATS header or a
    database row continues its trace instead of whatever OpenTelemetry thinks is current."""

    def __init__(self, tracer: Any) -> None:
        from opentelemetry import trace

        self._trace = trace
        self._tracer = tracer

    def start(self, name: str, kind: str, parent: TraceContext | None) -> tuple[str, str, object]:
        trace = self._trace
        context = None
        if parent is not None:
            remote = trace.SpanContext(
                trace_id=int(parent.trace_id, 16),
                span_id=int(parent.span_id, 16),
                is_remote=True,
                trace_flags=trace.TraceFlags(1 if parent.sampled else 0),
            )
            context = trace.set_span_in_context(trace.NonRecordingSpan(remote))
        opened = self._tracer.start_span(
            name, context=context, kind=getattr(trace.SpanKind, kind.upper())
        )
        ids = opened.get_span_context()
        return f"{ids.trace_id:032x}", f"{ids.span_id:016x}", opened

    def end(self, handle: Any, error: BaseException | None) -> None:
        # `handle` is the OpenTelemetry span that `start` opened (the SDK is optional).
        if error is not None:
            handle.record_exception(error)
            handle.set_status(self._trace.Status(self._trace.StatusCode.ERROR))
        handle.end()


def start_tracing(mode: str, *, service: str, exporter: Any = None) -> Any:
    """Install the recorder for `mode` ("off", "console", "otlp"); returns the provider (or
    None) so the caller can shut it down. `exporter` replaces the mode's own (tests)."""
    if mode == "off" and exporter is None:
        set_recorder(None)
        return None
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    if exporter is not None:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    else:
        provider.add_span_processor(BatchSpanProcessor(_exporter(mode)))
    recorder: SpanRecorder = OpenTelemetryRecorder(provider.get_tracer("convegni"))
    set_recorder(recorder)
    return provider


def stop_tracing(provider: Any) -> None:
    set_recorder(None)
    if provider is not None:
        provider.shutdown()


def _exporter(mode: str) -> Any:
    if mode == "console":
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter

        return ConsoleSpanExporter()
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()
