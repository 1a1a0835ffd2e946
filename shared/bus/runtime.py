"""A service's life on the bus: connect, ensure streams, run the outbox relay and consumers.

It all runs in the background so that a service answers its own users while NATS is down.
"""

import asyncio
import contextlib
import logging
from dataclasses import dataclass

from nats.aio.client import Client
from nats.js.client import JetStreamContext

from shared.bus.connection import connect_forever
from shared.bus.consumer import ConsumerSpec, Handler, run_consumer
from shared.bus.publisher import Publisher
from shared.bus.streams import STREAMS, ensure_streams
from shared.outbox import OutboxRelay

log = logging.getLogger(__name__)

# A readiness probe or a scrape must answer quickly even when the broker is slow.
INFO_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class ConsumerState:
    """A durable consumer as the server sees it: messages not yet delivered (lag), delivered
    and not acknowledged, delivered again and not acknowledged, and dead letters kept."""

    durable: str
    pending: int
    ack_pending: int
    redelivered: int
    dead_letters: int


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

    async def unready_streams(self) -> list[str]:
        """Why the bus is not ready for this service: [] when connected with every stream."""
        if self._client is None or not self.connected:
            return ["nats: not connected"]
        js = self._client.jetstream()
        problems = []
        for name in STREAMS:
            try:
                await asyncio.wait_for(js.stream_info(name), INFO_TIMEOUT_SECONDS)
            except Exception as exc:
                problems.append(f"stream {name}: {type(exc).__name__}")
        return problems

    async def consumer_states(self) -> list[ConsumerState]:
        """This service's consumers, read from the server (nothing while disconnected)."""
        if self._client is None or not self.connected:
            return []
        js = self._client.jetstream()
        states = []
        for spec, _ in self._consumers:
            try:
                info = await js.consumer_info(
                    spec.stream, spec.durable, timeout=INFO_TIMEOUT_SECONDS
                )
                dead = await js.stream_info("DEADLETTERS", f"deadletters.{spec.durable}.>")
            except Exception as exc:  # not bound yet, or the broker is slow: skip this scrape
                log.info("no state for consumer %s: %s", spec.durable, exc)
                continue
            states.append(
                ConsumerState(
                    durable=spec.durable,
                    pending=info.num_pending or 0,
                    ack_pending=info.num_ack_pending or 0,
                    redelivered=info.num_redelivered or 0,
                    dead_letters=sum((dead.state.subjects or {}).values()),
                )
            )
        return states

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

    async def _ensure_streams(self, js: JetStreamContext) -> None:
        delay = 0.2
        while True:
            try:
                await ensure_streams(js, replicas=self._replicas)
                return
            except Exception as exc:
                log.warning("cannot ensure streams (%s); retrying", exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 3.0)
