"""GET /metrics for Prometheus: what the process counted (requests, messages, emails...) and
gauges read at scrape time (outbox backlog and age, consumer lag, redeliveries, dead letters,
and what the service adds through its scrapers)."""

import os
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import func
from sqlmodel import col, select

from shared.context import ServiceContext
from shared.outbox import OutboxMessage
from shared.web.deps import AnyCtxDep

router = APIRouter()


@router.get("/metrics", include_in_schema=False)
async def metrics(ctx: AnyCtxDep) -> Response:
    """Prometheus text format (not in the API schema: it is not JSON)."""
    gauges = await outbox_gauges(ctx) + await bus_gauges(ctx)
    for scrape in ctx.scrapers:
        gauges += await scrape(ctx)
    body = generate_latest(_counted()) + generate_latest(_Gauges(gauges))
    return Response(body, media_type=CONTENT_TYPE_LATEST)


def _counted() -> CollectorRegistry:
    """This process's counters, or every worker's when uvicorn runs several."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # prometheus-client is untyped here
    return registry


class _Gauges:
    """A registry-like holder of gauges read for one scrape."""

    def __init__(self, families: list[Metric]) -> None:
        self._families = families

    def collect(self) -> Iterable[Metric]:
        return self._families


def gauge(
    name: str,
    documentation: str,
    values: dict[tuple[str, ...], float],
    labels: Sequence[str] = (),
) -> GaugeMetricFamily:
    """One gauge family with a sample per label tuple."""
    family = GaugeMetricFamily(name, documentation, labels=list(labels))
    for label_values, value in values.items():
        family.add_metric(list(label_values), value)
    return family


async def outbox_gauges(ctx: ServiceContext[Any]) -> list[Metric]:
    async with ctx.sessions() as session:
        count, oldest = (
            await session.exec(
                select(func.count(), func.min(OutboxMessage.created_at)).where(
                    col(OutboxMessage.published_at).is_(None)
                )
            )
        ).one()
    if oldest is not None and oldest.tzinfo is None:  # SQLite keeps no zone; rows are UTC
        oldest = oldest.replace(tzinfo=UTC)
    age = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
    return [
        gauge(
            "convegni_outbox_pending", "Outbox rows not yet acknowledged by JetStream", {(): count}
        ),
        gauge(
            "convegni_outbox_oldest_age_seconds",
            "Age of the oldest unpublished outbox row (0 when none)",
            {(): age},
        ),
    ]


async def bus_gauges(ctx: ServiceContext[Any]) -> list[Metric]:
    connected = ctx.bus is not None and ctx.bus.connected
    states = await ctx.bus.consumer_states() if ctx.bus else []
    by_consumer = ["consumer"]

    def per(attribute: str) -> dict[tuple[str, ...], float]:
        return {(s.durable,): getattr(s, attribute) for s in states}

    return [
        gauge("convegni_bus_connected", "1 while connected to NATS", {(): int(connected)}),
        gauge(
            "convegni_consumer_pending",
            "Messages of the stream this consumer has not received yet (lag)",
            per("pending"),
            by_consumer,
        ),
        gauge(
            "convegni_consumer_ack_pending",
            "Messages delivered and not yet acknowledged",
            per("ack_pending"),
            by_consumer,
        ),
        gauge(
            "convegni_consumer_redelivered",
            "Messages delivered more than once and not yet acknowledged",
            per("redelivered"),
            by_consumer,
        ),
        gauge(
            "convegni_dead_letters",
            "Messages this consumer gave up on, kept in the DEADLETTERS stream",
            per("dead_letters"),
            by_consumer,
        ),
    ]
