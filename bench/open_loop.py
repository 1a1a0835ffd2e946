"""An open-loop run: requests leave at a fixed rate whatever the answers do, and each latency
counts from when its request was due, not from when it was sent, so a slow answer cannot
hide the requests that waited behind it (coordinated omission; wrk and any client with a
fixed number in flight measure only the requests they managed to send).

The client is Python (httpx on asyncio): it keeps a schedule up to about 200 requests/s on
the development machine, so the bench runs it at a rate well below that and below what the
service sustains (half the measured throughput, at most 150/s); `late` reports how far
behind its schedule the client itself fell, which must stay small for the figures to hold.

    .venv/bin/python -m bench.open_loop URL --rate 40 --seconds 20 --body '{"n": "{n}"}'
"""

import argparse
import asyncio
import math
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

MAX_RATE = 150.0  # per second: the Python client keeps its schedule well below ~200/s


@dataclass
class OpenLoopRun:
    rate: float  # requests per second asked for
    seconds: float  # from the first request due to the last answer
    latencies: list[float] = field(default_factory=list)  # seconds, from each one's due time
    statuses: Counter[int] = field(default_factory=Counter)
    late: list[float] = field(default_factory=list)  # seconds each send left after its due time

    def percentile(self, share: float) -> float:
        """Milliseconds under which `share` of the latencies fall (nearest rank)."""
        ordered = sorted(self.latencies)
        return ordered[max(math.ceil(len(ordered) * share) - 1, 0)] * 1000

    def summary(self) -> str:
        return (
            f"{self.rate:.0f}/s for {len(self.latencies):,} requests: "
            f"p50 {self.percentile(0.5):.0f} ms, p90 {self.percentile(0.9):.0f} ms, "
            f"p99 {self.percentile(0.99):.0f} ms, max {max(self.latencies) * 1000:.0f} ms "
            f"(sends up to {max(self.late) * 1000:.0f} ms behind schedule)"
        )


def bench_rate(throughput: float, share: float = 0.5) -> float:
    """The rate to run at: `share` of the throughput measured, at most MAX_RATE."""
    return max(min(throughput * share, MAX_RATE), 1.0)


def due_times(rate: float, count: int) -> list[float]:
    """When each request is due, in seconds after the start: evenly spaced at `rate`."""
    return [n / rate for n in range(count)]


Send = Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]


async def _open_loop(send: Send, rate: float, count: int) -> OpenLoopRun:
    run = OpenLoopRun(rate=rate, seconds=0.0)
    # Enough connections that the pool never holds a request back: the schedule decides.
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=200)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:

        async def one(n: int, due: float) -> None:
            answer = await send(client, n)
            run.latencies.append(time.perf_counter() - due)
            run.statuses[answer.status_code] += 1

        start = time.perf_counter()
        pending = []
        for n, offset in enumerate(due_times(rate, count)):
            due = start + offset
            wait = due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            run.late.append(max(time.perf_counter() - due, 0.0))
            pending.append(asyncio.create_task(one(n, due)))
        await asyncio.gather(*pending)
        run.seconds = time.perf_counter() - start
    return run


def open_loop(send: Send, *, rate: float, seconds: float) -> OpenLoopRun:
    """`rate` requests per second for `seconds`, each built and sent by `send(client, n)`."""
    return asyncio.run(_open_loop(send, rate, max(int(rate * seconds), 1)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--rate", type=float, default=20.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--body", help='a JSON body to POST; "{n}" becomes the request number')
    args = parser.parse_args()
    headers = {"Content-Type": "application/json"}

    def send(client: httpx.AsyncClient, n: int) -> Awaitable[httpx.Response]:
        if args.body is None:
            return client.get(args.url)
        return client.post(args.url, content=args.body.replace("{n}", str(n)), headers=headers)

    run = open_loop(send, rate=min(args.rate, MAX_RATE), seconds=args.seconds)
    print(run.summary())
    print(", ".join(f"{count:,} x {status}" for status, count in sorted(run.statuses.items())))


if __name__ == "__main__":
    main()
