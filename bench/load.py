"""A load generator in Python: N requests with a fixed number in flight, and their latencies.
The same client measures the ceiling and the services, so the ratio between them is fair."""

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx


@dataclass
class Run:
    seconds: float
    latencies: list[float]
    statuses: list[int]

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[max(int(len(ordered) * share) - 1, 0)] * 1000


async def _load(
    make: Callable[[httpx.AsyncClient, int], object], count: int, in_flight: int
) -> Run:
    gate = asyncio.Semaphore(in_flight)
    latencies: list[float] = []
    statuses: list[int] = []
    limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:

        async def one(n: int) -> None:
            async with gate:
                started = time.perf_counter()
                answer = await make(client, n)  # type: ignore[misc]
                latencies.append(time.perf_counter() - started)
                statuses.append(answer.status_code)

        started = time.perf_counter()
        await asyncio.gather(*(one(n) for n in range(count)))
        return Run(time.perf_counter() - started, latencies, statuses)


def load(make: Callable[[httpx.AsyncClient, int], object], count: int, in_flight: int) -> Run:
    """Send `count` requests built by `make(client, n)`, `in_flight` at a time."""
    return asyncio.run(_load(make, count, in_flight))
