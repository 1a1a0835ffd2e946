"""The one app builder every service's main.py calls: the same health, metrics, languages,
error pages, body limit, framing refused, request observation and static files everywhere; the
lifespan migrates, opens the database, builds the service's context and starts bus and workers."""

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from starlette import routing

from shared.bus.runtime import BusRuntime
from shared.context import C, Consumers, Scraper, Task, no_consumers
from shared.db import create_engine, session_factory
from shared.memory_trim import trim_at_rest
from shared.migration_process import at_head, upgrade_in_child
from shared.outbox import OutboxRelay
from shared.settings import ServiceSettings
from shared.telemetry import start_tracing, stop_tracing
from shared.web import health, metrics
from shared.web.assets import mount_assets
from shared.web.error_pages import ErrorPages
from shared.web.errors import install_error_handlers
from shared.web.framing import FramingRefused
from shared.web.limits import BodySizeLimit
from shared.web.observation import RequestObservation
from shared.web.surrogates import LoneSurrogates
from shared.web.templating import Pages

YOUNG_COLLECTION_EVERY = 10_000  # allocations between collections of the youngest objects


def build_app(
    settings: ServiceSettings,
    *,
    title: str,
    home: Path,
    context: Callable[..., C],
    pages: Pages,
    routers: Sequence[APIRouter],
    consumers: Callable[[C], Consumers] = no_consumers,
    tasks: Sequence[Task[C]] = (),
    scrapers: Sequence[Scraper] = (),
) -> FastAPI:
    """The app of the service whose package is `home` (its Alembic history is in
    home/storage/migrations); `context` builds its typed context once the database is open."""
    lifespan = service_lifespan(
        settings,
        migrations_dir=home / "storage" / "migrations",
        context=context,
        consumers=consumers,
        tasks=tasks,
        scrapers=scrapers,
    )
    app = FastAPI(title=title, lifespan=lifespan)
    app.state.pages = pages
    pages.site = {
        "events_url": settings.events_public_url,
        "registrations_url": settings.registrations_public_url,
    }
    for router in (health.router, metrics.router, *routers):
        add_routes(app, router)
    mount_assets(app, settings.assets_dir, settings.charts_dir)
    install_error_handlers(app, ErrorPages(pages, home=settings.events_public_url))
    # Inside the body limit, which counts what this one reads.
    app.add_middleware(LoneSurrogates)
    app.add_middleware(
        BodySizeLimit, max_bytes=settings.max_body_bytes, upload_bytes=settings.max_upload_bytes
    )
    # Outside the body limit, so that its refusals refuse framing too.
    app.add_middleware(FramingRefused)
    # Outermost, so that refusals of the body limit are counted and logged too.
    app.add_middleware(RequestObservation, log_every_request=settings.access_log)
    return app


def add_routes(app: FastAPI, router: APIRouter) -> None:
    """The router's routes onto the app as they are. FastAPI's include_router keeps a
    router whose routes it builds again, handlers, dependants and validators, at their first
    request (~1.8 MiB in events), so routers hold their own prefix and none includes another.
    """
    for route in router.routes:
        if not isinstance(route, routing.Route | routing.Mount | routing.WebSocketRoute):
            raise TypeError(f"{route!r}: give build_app the routers it includes instead")
        app.router.routes.append(route)


def service_lifespan(
    settings: ServiceSettings,
    *,
    migrations_dir: Path,
    context: Callable[..., C],
    consumers: Callable[[C], Consumers] = no_consumers,
    tasks: Sequence[Task[C]] = (),
    scrapers: Sequence[Scraper] = (),
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Migrate, open the database, then start bus, relay, consumers and tasks in the
    background; nothing connects before the app starts."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        tracer = start_tracing(settings.tracing, service=settings.service_name)
        engine = create_engine(settings.database_url, synchronous=settings.sqlite_synchronous)
        if not await at_head(engine, migrations_dir):
            await upgrade_in_child(settings.database_url, migrations_dir)
        sessions = session_factory(engine)
        relay = OutboxRelay(sessions, poll_seconds=settings.outbox_poll_seconds)
        ctx = context(settings=settings, sessions=sessions, relay=relay, scrapers=scrapers)
        ctx.bus = BusRuntime(
            nats_url=settings.nats_url,
            name=settings.service_name,
            replicas=settings.stream_replicas,
            relay=relay,
            consumers=consumers(ctx),
        )
        app.state.ctx = ctx
        ctx.bus.start()
        background = [asyncio.create_task(task(ctx)) for task in tasks]
        background.append(asyncio.create_task(trim_at_rest()))
        _freeze_start_up()
        try:
            yield
        finally:
            await _stop(background)
            await ctx.bus.stop()
            await engine.dispose()
            stop_tracing(tracer)

    return lifespan


def _freeze_start_up() -> None:
    """What start-up made (modules, tables, routes) lives as long as the process: kept out of
    the cyclic collector's walks. Measured on a rush of 2,000 registrations: the collector
    took 10% of the registrations service's CPU, 4.6% with this.
    Then the youngest generation is collected every 10,000 allocations rather than 700: each
    database session leaves a cycle (SQLAlchemy's session, transaction and connection
    events), and each collection also walks the objects of every request in flight. Measured
    on the same rush: the collector's share of the CPU halved (6% to 3%), for a few
    megabytes more between collections."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])


async def _stop(background: list[asyncio.Task[Any]]) -> None:
    for task in background:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
