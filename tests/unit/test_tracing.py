"""Trace context: the correlation id read from a header, carried through spans, written into
log lines, and recorded by OpenTelemetry as one trace when tracing is switched on."""

import json
import logging

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from shared import tracing
from shared.logs import JsonFormatter, TextFormatter
from shared.telemetry import start_tracing, stop_tracing
from shared.web.observation import route_template

pytestmark = pytest.mark.unit

CALLER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


@pytest.mark.parametrize(
    "header",
    [
        "",
        "garbage",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
    ],
)
def test_parse_traceparent_malformed_is_none(header):
    assert tracing.parse_traceparent(header) is None


def test_parse_traceparent_reads_trace_span_and_sampling():
    assert tracing.parse_traceparent(CALLER.upper()) == tracing.TraceContext(
        "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", True
    )


def test_span_under_a_caller_continues_its_trace_with_a_new_span():
    with tracing.span("request", parent=CALLER) as here:
        inside = tracing.current_traceparent()

    assert here.trace_id == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert here.span_id != "00f067aa0ba902b7"
    assert inside == here.traceparent
    assert tracing.current() is None


def test_span_without_parent_nests_in_the_current_one():
    with tracing.span("outer") as outer, tracing.span("inner") as inner:
        pass

    assert (inner.trace_id, inner.span_id != outer.span_id) == (outer.trace_id, True)


def test_span_with_an_empty_parent_starts_a_new_trace_even_inside_another():
    with tracing.span("outer") as outer, tracing.span("unrelated", parent="") as unrelated:
        pass

    assert unrelated.trace_id != outer.trace_id


def test_json_log_line_names_service_trace_and_extra_fields():
    record = logging.makeLogRecord({"msg": "POST %s", "args": ("/x",), "levelname": "INFO"})
    record.route = "/x"

    with tracing.span("request", parent=CALLER) as here:
        line = json.loads(JsonFormatter("registrations").format(record))

    assert (line["service"], line["message"], line["route"]) == ("registrations", "POST /x", "/x")
    assert (line["trace_id"], line["span_id"]) == (here.trace_id, here.span_id)


def test_text_log_line_ends_with_the_trace_id():
    record = logging.makeLogRecord({"msg": "sent", "levelname": "INFO"})

    with tracing.span("send", parent=CALLER):
        line = TextFormatter("notifications").format(record)

    assert line.endswith("sent trace=4bf92f3577b34da6a3ce929d0e0e4736")


def test_json_log_line_outside_a_trace_has_no_trace_id():
    line = json.loads(JsonFormatter().format(logging.makeLogRecord({"msg": "started"})))

    assert "trace_id" not in line


def test_opentelemetry_records_the_spans_as_one_trace_with_their_parents():
    exporter = InMemorySpanExporter()
    provider = start_tracing("off", service="registrations", exporter=exporter)
    try:
        with tracing.span("HTTP POST", kind="server", parent=CALLER) as request:
            carried = tracing.current_traceparent()  # as an outbox row keeps it
        with tracing.span("publish", kind="producer", parent=carried) as published:
            pass
    finally:
        stop_tracing(provider)

    spans = {span.name: span for span in exporter.get_finished_spans()}
    assert {f"{s.context.trace_id:032x}" for s in spans.values()} == {request.trace_id}
    assert f"{spans['HTTP POST'].context.span_id:016x}" == request.span_id
    assert f"{spans['HTTP POST'].parent.span_id:016x}" == "00f067aa0ba902b7"
    assert spans["publish"].parent.span_id == spans["HTTP POST"].context.span_id
    assert f"{spans['publish'].context.span_id:016x}" == published.span_id


def test_opentelemetry_marks_a_failed_span_as_an_error():
    exporter = InMemorySpanExporter()
    provider = start_tracing("off", service="notifications", exporter=exporter)
    try:
        with pytest.raises(ConnectionError), tracing.span("send", kind="client"):
            raise ConnectionError("SMTP away")
    finally:
        stop_tracing(provider)

    [span] = exporter.get_finished_spans()
    assert (span.status.status_code.name, span.events[0].name) == ("ERROR", "exception")


@pytest.mark.parametrize(
    ("scope", "template"),
    [
        ({"path": "/static/bi/css/x.css"}, "/static/{path}"),
        ({"path": "/r/secret-token"}, "unmatched"),
    ],
)
def test_route_template_never_names_the_path(scope, template):
    assert route_template(scope) == template
