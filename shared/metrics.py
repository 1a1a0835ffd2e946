"""Prometheus series every service counts as it works; the gauges read at scrape time (outbox,
consumers, dead letters) are in shared.web.metrics.

With several uvicorn workers, `serve` points PROMETHEUS_MULTIPROC_DIR at a fresh folder before
they start, so each worker's counts are summed on any worker's /metrics.
"""

from prometheus_client import Counter, Histogram

# Seconds: from a cached page (milliseconds) to a registration in a rush (seconds).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

HTTP_REQUESTS = Counter(
    "convegni_http_requests",
    "HTTP requests answered, by route template and status",
    ["method", "route", "status"],
)
HTTP_SECONDS = Histogram(
    "convegni_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template",
    ["method", "route"],
    buckets=LATENCY_BUCKETS,
)
OUTBOX_PUBLISHED = Counter(
    "convegni_outbox_published", "Outbox rows published to JetStream and acknowledged"
)
MESSAGES_HANDLED = Counter(
    "convegni_messages_handled",
    "Bus messages handled by a consumer: ok, failed (to be retried) or dead_lettered",
    ["consumer", "result"],
)
REDELIVERIES = Counter(
    "convegni_message_redeliveries",
    "Bus messages received again (a failed attempt, or an ack that never arrived)",
    ["consumer"],
)
