"""The composition root every service shares: database, migrations, outbox relay, bus."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from shared.bus.consumer import ConsumerSpec, Handler
from shared.bus.runtime import BusRuntime
from shared.db import SessionFactory, create_engine, session_factory
from shared.migrations import upgrade_in_thread
from shared.outbox import OutboxRelay
from shared.settings import ServiceSettings
from shared.telemetry import start_tracing, stop_tracing


@dataclass
class ServiceContext:
    """What a running service holds; stored as app.state.ctx for routes to reach."""

    settings: ServiceSettings
    sessions: SessionFactory
    relay: OutboxRelay
    bus: BusRuntime | None = None
    # Gauges of the service's own, read at each /metrics scrape (prometheus Metric lists).
    scrapers: tuple["Scraper", ...] = ()
    extras: dict[str, Any] = field(default_factory=dict)


ConsumersFactory = Callable[[ServiceContext], tuple[tuple[ConsumerSpec, Handler], ...]]
TaskFactory = Callable[[ServiceContext], Coroutine[Any, Any, None]]
Scraper = Callable[[ServiceContext], Awaitable[list[Any]]]


def service_lifespan(
    settings: ServiceSettings,
    *,
    migrations_dir: Path,
    consumers: ConsumersFactory = lambda ctx: (),
    tasks: tuple[TaskFactory, ...] = (),
    scrapers: tuple[Scraper, ...] = (),
) -> Callable[[FastAPI], Any]:
    """Migrate, open the database, then start bus, relay, consumers and tasks in the background."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        tracer = start_tracing(settings.tracing, service=settings.service_name)
        await upgrade_in_thread(settings.database_url, migrations_dir)
        engine = create_engine(settings.database_url)
        sessions = session_factory(engine)
        ctx = ServiceContext(
            settings=settings,
            sessions=sessions,
            relay=OutboxRelay(sessions, poll_seconds=settings.outbox_poll_seconds),
            scrapers=scrapers,
        )
        ctx.bus = BusRuntime(
            nats_url=settings.nats_url,
            name=settings.service_name,
            replicas=settings.stream_replicas,
            relay=ctx.relay,
            consumers=consumers(ctx),
        )
        app.state.ctx = ctx
        ctx.bus.start()
        background = [asyncio.create_task(task(ctx)) for task in tasks]
        try:
            yield
        finally:
            for task in background:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            await ctx.bus.stop()
            await engine.dispose()
            stop_tracing(tracer)

    return lifespan
