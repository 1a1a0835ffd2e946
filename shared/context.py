"""What a running service holds: its typed settings, its sessions, its outbox relay and bus.

Each service extends ServiceContext with what its own routes and workers need (signed links,
wake-ups), so that code reaches `ctx.settings.<its setting>` typed, without a cast.
"""

from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from prometheus_client.core import Metric

from shared.bus.consumer import ConsumerSpec, Handler
from shared.bus.runtime import BusRuntime
from shared.db import SessionFactory
from shared.outbox import OutboxRelay
from shared.settings import ServiceSettings

S = TypeVar("S", bound=ServiceSettings)


@dataclass
class ServiceContext(Generic[S]):
    """Built once per process by the app's lifespan; routes reach it through a dependency."""

    settings: S
    sessions: SessionFactory
    relay: OutboxRelay
    bus: BusRuntime | None = None
    # Gauges of the service's own, read at each /metrics scrape.
    scrapers: Sequence["Scraper"] = ()


C = TypeVar("C", bound=ServiceContext[Any])
Consumers = tuple[tuple[ConsumerSpec, Handler], ...]
Scraper = Callable[[Any], Awaitable[list[Metric]]]
Task = Callable[[C], Coroutine[Any, Any, None]]


def no_consumers(ctx: ServiceContext[Any]) -> Consumers:
    """For a service that only publishes."""
    return ()
