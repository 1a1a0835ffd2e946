"""A service's life on the bus: connect, ensure streams, run the outbox relay and consumers.

It all runs in the background so that a service answers its own users while NATS is down.
"""

import asyncio
import contextlib
import logging

from nats.aio.client import Client

from shared.bus.connection import connect_forever
from shared.bus.consumer import ConsumerSpec, Handler, run_consumer
from shared.bus.publisher import Publisher
from shared.bus.streams import ensure_streams
from shared.outbox import OutboxRelay

log = logging.getLogger(__name__)


class BusRuntime:
    def __init__(
        self,
        *,
        nats_url: str,
        name: str,
        replicas: int,
        relay: OutboxRelay | None = None,
        consumers: tuple[tuple[ConsumerSpec, Handler], ...] = (),
    ) -> None:
        self._nats_url = nats_url
        self._name = name
        self._replicas = replicas
        self._relay = relay
        self._consumers = consumers
        self._client: Client | None = None
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def connected(self) -> bool:
        return self._client is not None and self._client.is_connected

    def start(self) -> None:
        self._tasks.append(asyncio.create_task(self._run(), name=f"{self._name}-bus"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._client is not None:
            with contextlib.suppress(Exception):
                await self._client.close()

    async def _run(self) -> None:
        self._client = await connect_forever(self._nats_url, name=self._name)
        js = self._client.jetstream()
        await self._ensure_streams(js)
        workers = [run_consumer(js, spec, handle) for spec, handle in self._consumers]
        if self._relay is not None:
            workers.append(self._relay.run(Publisher(js)))
        await asyncio.gather(*workers)

    async def _ensure_streams(self, js) -> None:  # type: ignore[no-untyped-def]
        delay = 0.2
        while True:
            try:
                await ensure_streams(js, replicas=self._replicas)
                return
            except Exception as exc:
                log.warning("cannot ensure streams (%s); retrying", exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 3.0)
