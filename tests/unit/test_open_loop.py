"""The open-loop load: requests leave on a fixed schedule, and latency counts from when each
was due, so the requests queued behind a slow answer show it (no coordinated omission)."""

import asyncio
import threading
from collections.abc import Iterator

import pytest

from bench.open_loop import MAX_RATE, OpenLoopRun, bench_rate, due_times, open_loop

pytestmark = pytest.mark.unit

SERVICE_SECONDS = 0.05  # the test server answers one request at a time, each in 50 ms


def test_due_times_are_evenly_spaced_at_the_rate():
    assert due_times(4.0, 5) == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_bench_rate_is_half_the_throughput_and_at_most_the_cap():
    assert (bench_rate(80.0), bench_rate(1000.0)) == (40.0, MAX_RATE)


def test_percentiles_are_nearest_rank_in_milliseconds():
    run = OpenLoopRun(rate=10, seconds=1, latencies=[n / 1000 for n in range(1, 101)])

    assert (run.percentile(0.5), run.percentile(0.99), run.percentile(1.0)) == (50, 99, 100)


@pytest.fixture
def one_at_a_time() -> Iterator[str]:
    """A real HTTP server on its own thread that serves one request at a time."""
    loop = asyncio.new_event_loop()
    address: list[str] = []

    async def serve() -> None:
        lock = asyncio.Lock()

        async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while await reader.readuntil(b"\r\n\r\n"):
                async with lock:
                    await asyncio.sleep(SERVICE_SECONDS)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()

        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        address.append(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/")

    loop.run_until_complete(serve())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield address[0]
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)


def test_latency_counts_the_wait_behind_slow_answers(one_at_a_time):
    # 40/s to a server that answers 20/s: the 20th request is due at 0.475 s and answered
    # at about 1 s, so it waited half a second although each answer took 50 ms.
    run = open_loop(lambda client, n: client.get(one_at_a_time), rate=40, seconds=0.5)

    assert sum(run.statuses.values()) == 20
    assert max(run.latencies) >= 20 * SERVICE_SECONDS - 0.5
