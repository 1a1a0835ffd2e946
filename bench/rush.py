"""The rush: many people register at once; how fast are they confirmed, and mailed?

Starts the real system (nats-server, mail sink, the three services as processes) in a temp
folder, publishes one conference, then sends registrations through the JSON API with a fixed
number in flight, and prints the figures:

    .venv/bin/python -m bench.rush --count 2000 --concurrency 50 --workers 2
"""

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from devstack.mailsink.store import message_keys
from devstack.waiting import wait_until
from tests.support.people import people
from tests.support.system import conference, publish, running_stack, wait_until_registrable


async def register_all(url: str, everyone, concurrency: int) -> list[tuple[int, float]]:
    """(status, seconds) per registration, `concurrency` requests in flight at any time."""
    queue: asyncio.Queue = asyncio.Queue()
    for person in everyone:
        queue.put_nowait(person)
    results: list[tuple[int, float]] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:

        async def worker() -> None:
            while not queue.empty():
                person = queue.get_nowait()
                started = time.perf_counter()
                answer = await client.post(url, json=person.json())
                results.append((answer.status_code, time.perf_counter() - started))

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers per service")
    parser.add_argument(
        "--registrations-db", help="DATABASE_URL for registrations (default SQLite)"
    )
    args = parser.parse_args()

    with (
        tempfile.TemporaryDirectory() as tmp,
        running_stack(
            Path(tmp),
            env={"WORKERS": str(args.workers)},
            database_urls={"registrations": args.registrations_db} if args.registrations_db else {},
        ) as stack,
    ):
        event = publish(stack, conference(capacity=args.count))
        wait_until_registrable(stack, event["slug"])
        url = f"{stack.url('registrations')}/api/events/{event['slug']}/registrations"
        everyone = people(args.count, tag="bench")

        started = time.perf_counter()
        results = asyncio.run(register_all(url, everyone, args.concurrency))
        answered = time.perf_counter() - started
        wait_until(
            lambda: len(message_keys(stack.maildir)) >= args.count,
            timeout=600,
            interval=0.2,
            what="every confirmation email",
        )
        mailed = time.perf_counter() - started

    latencies = sorted(seconds for _, seconds in results)
    confirmed = sum(1 for status, _ in results if status == 201)
    print(
        f"registrations sent:        {len(results)} ({args.concurrency} in flight, "
        f"{args.workers} workers, {'PostgreSQL' if args.registrations_db else 'SQLite'})"
    )
    print(f"confirmed (201):           {confirmed}")
    print(f"confirmations per second:  {confirmed / answered:,.0f}")
    print(
        f"latency p50 / p99 / max:   {statistics.median(latencies) * 1000:.0f} / "
        f"{latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f} / {latencies[-1] * 1000:.0f} ms"
    )
    print(
        f"all emails in the inbox:   {mailed:.1f} s after the first request "
        f"({args.count / mailed:,.0f} emails/s end to end)"
    )


if __name__ == "__main__":
    main()
