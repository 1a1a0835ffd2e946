"""The rush: a province registers in the first minute. Prints throughput, latency and the
counts that must be zero (overbooked, lost, duplicated).

Starts the real system (nats-server, mail sink, the three services as processes) in a temp
folder, publishes one conference, then sends registration attempts through the JSON API with
a fixed number in flight:

    .venv/bin/python -m bench.rush --attempts 2000 --seats 150 --in-flight 100
    .venv/bin/python -m bench.rush --registrations-db postgresql+asyncpg://postgres@127.0.0.1/bench
"""

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

from devstack.waiting import wait_until
from tests.support.bus import PEOPLE_FACTS, stream_messages
from tests.support.databases import stored_registrations
from tests.support.people import people
from tests.support.system import conference, publish, running_stack, wait_until_registrable


async def attempt_all(url: str, everyone, in_flight: int) -> list[tuple[httpx.Response, float]]:
    """Every attempt with its latency, `in_flight` requests at a time."""
    gate = asyncio.Semaphore(in_flight)
    limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:

        async def one(person) -> tuple[httpx.Response, float]:
            async with gate:
                started = time.perf_counter()
                answer = await client.post(url, json=person.json())
                return answer, time.perf_counter() - started

        return await asyncio.gather(*(one(p) for p in everyone))


def percentile(values: list[float], share: float) -> float:
    return values[max(int(len(values) * share) - 1, 0)] * 1000


def report(args: argparse.Namespace, results, elapsed: float, stored: dict[str, int]) -> None:
    latencies = sorted(seconds for _, seconds in results)
    bodies = [answer.json() for answer, _ in results if answer.status_code == 201]
    statuses = Counter(body["status"] for body in bodies)
    places = sorted(b["waitlist_place"] for b in bodies if b["status"] == "waitlisted")
    backend = "PostgreSQL" if args.registrations_db else "SQLite"
    processes = args.workers if args.registrations_db else 1  # SQLite: one, whatever WORKERS
    print(
        f"attempts:                 {args.attempts} for {args.seats} seats ({backend}, "
        f"{args.in_flight} in flight, {processes} process(es) per service)"
    )
    print(f"answered per second:      {len(results) / elapsed:,.0f}")
    print(
        f"latency p50 / p95 / p99:  {percentile(latencies, 0.5):.0f} / "
        f"{percentile(latencies, 0.95):.0f} / {percentile(latencies, 0.99):.0f} ms"
    )
    print(f"confirmed / waitlisted:   {statuses['confirmed']} / {statuses['waitlisted']}")
    print(f"overbooked (must be 0):   {max(stored['confirmed'] - args.seats, 0)}")
    print(f"lost (must be 0):         {args.attempts - stored['confirmed'] - stored['waitlisted']}")
    print(f"duplicated (must be 0):   {len(bodies) - len({b['id'] for b in bodies})}")
    print(f"waitlist out of order:    {places != list(range(1, len(places) + 1))}")
    print(f"facts on the bus:         {stored['facts']} (one per registration)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--seats", type=int, default=150)
    parser.add_argument("--in-flight", type=int, default=100)
    parser.add_argument(
        "--workers", type=int, default=2, help="uvicorn workers per service (PostgreSQL only)"
    )
    parser.add_argument(
        "--registrations-db", help="DATABASE_URL for registrations (default SQLite)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        database = args.registrations_db or f"sqlite+aiosqlite:///{Path(tmp) / 'registrations.db'}"
        config = {
            "env": {"WORKERS": str(args.workers), "RATE_LIMIT_PER_MINUTE": "0"},
            "database_urls": {"registrations": database},
        }
        with running_stack(Path(tmp), **config) as stack:
            event = publish(stack, conference(capacity=args.seats))
            wait_until_registrable(stack, event["slug"])
            url = f"{stack.url('registrations')}/api/events/{event['slug']}/registrations"

            started = time.perf_counter()
            results = asyncio.run(attempt_all(url, people(args.attempts, tag="b"), args.in_flight))
            elapsed = time.perf_counter() - started
            wait_until(
                lambda: stream_messages(stack, "REGISTRATIONS", PEOPLE_FACTS) >= args.attempts,
                timeout=300,
                what="every fact on the bus",
            )
            stored = {
                status: stored_registrations(database, event["id"], status)
                for status in ("confirmed", "waitlisted")
            }
            stored["facts"] = stream_messages(stack, "REGISTRATIONS", PEOPLE_FACTS)
    report(args, results, elapsed, stored)


if __name__ == "__main__":
    main()
