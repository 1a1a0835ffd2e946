"""Every figure in one run: `python -m bench` (add `--postgres URL` for the PostgreSQL rush).

wrk (a C load generator) drives the machine's ceiling (a bare FastAPI + SQLAlchemy Core
insert) and the registration API in the same run, each person with a unique address; the CPU
each process spent per registration is read from /proc beside throughput and p50/p99, then
the time until the last email is accepted by SMTP, the counts that must be zero, the HTML
form, an open-loop run at a fixed arrival rate for latency (bench/open_loop.py), readers of
pages and feeds, and the memory of each service at rest after a warm-up of its pages
(bench/memory.py). Prints a Markdown table for the README.
"""

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import httpx

from bench.ceiling_app import prepare_database
from bench.form import form_rush
from bench.memory import DEMO_PASSWORD, at_rest_after_warm_up, resident
from bench.open_loop import bench_rate, open_loop
from bench.proc import cpu_ms_per_operation, cpu_readings, mib_and_mb
from bench.wrk import Wrk, WrkRun
from devstack.demo import load_demo
from devstack.mailsink.store import message_keys
from devstack.ports import free_port
from devstack.waiting import wait_until
from shared.settings import DEVELOPMENT_SECRET
from tests.support.bus import PEOPLE_FACTS, stream_messages
from tests.support.databases import stored_registration_ids, stored_registrations
from tests.support.system import conference, publish, running_stack, wait_until_registrable

ROWS: list[tuple[str, str]] = []
JSON = {"Content-Type": "application/json"}
# One registrant, as the JSON API takes it; "{n}" is unique to each request (count.lua).
PERSON = (
    '{"first_name": "Maria", "last_name": "Rossi", "email": "{n}@comune-test.it", '
    '"organization": "Comune di Crema", "privacy_consent": true}'
)


def row(name: str, value: str) -> None:
    ROWS.append((name, value))
    print(f"{name}: {value}", flush=True)


def timing(run: WrkRun) -> str:
    return (
        f"{run.per_second:,.0f}/s, p50 {run.latency_ms['p50']:.0f} ms, "
        f"p99 {run.latency_ms['p99']:.0f} ms"
    )


def ceiling(args: argparse.Namespace) -> tuple[WrkRun, float]:
    """The bare insert through wrk, and the CPU ms its process spent per insert."""
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        url = f"sqlite+aiosqlite:///{tmp}/ceiling.db"
        asyncio.run(prepare_database(url))
        env = {**os.environ, "CEILING_DATABASE_URL": url}
        command = [
            sys.executable, "-m", "uvicorn", "bench.ceiling_app:create_app", "--factory",
            "--port", str(port), "--log-level", "warning", "--no-access-log",
        ]  # fmt: skip
        server = subprocess.Popen(command, env=env)
        try:
            wait_until(lambda: _answers(port), timeout=30, what="ceiling app")
            pids = {"ceiling": server.pid}
            before = cpu_readings(pids)
            run = Wrk(
                f"http://127.0.0.1:{port}/rows",
                count=args.ceiling,
                connections=args.connections,
                method="POST",
                body='{"email": "{n}@x.it"}',
                headers=JSON,
                tag="c",
            ).run()
            spent = cpu_ms_per_operation(before, cpu_readings(pids), run.requests)
            return run, spent["ceiling"]
        finally:
            server.terminate()
            server.wait()


def _answers(port: int) -> bool:
    return httpx.get(f"http://127.0.0.1:{port}/docs", timeout=2).status_code == 200


def stack_pids(stack) -> dict[str, int]:  # type: ignore[no-untyped-def]
    pids = {name: s.process.pid for name, s in stack.services.items()}
    if stack.nats is not None:
        pids["nats-server"] = stack.nats.process.pid
    pids["mail sink"] = stack.sink.process.pid
    return pids


def api_rush(  # type: ignore[no-untyped-def]
    stack, event, args, database: str, label: str, earlier_facts: int
) -> tuple[WrkRun, float]:
    """wrk through the registration API, then until every email is accepted; the CPU of each
    process per registration. Returns wrk's run and the registrations service's CPU ms per
    registration until the last answer."""
    url = f"{stack.url('registrations')}/api/events/{event['slug']}/registrations"
    wrk = Wrk(
        url, count=args.people, connections=args.connections, method="POST", body=PERSON,
        headers=JSON, tag=f"{label[0].lower()}api",
    )  # fmt: skip
    pids = stack_pids(stack)
    mailed_before = len(message_keys(stack.maildir))
    before = cpu_readings(pids)
    started = time.perf_counter()
    run = wrk.run()
    at_answers = cpu_readings(pids)
    wait_until(
        lambda: len(message_keys(stack.maildir)) >= mailed_before + run.succeeded,
        timeout=900,
        interval=0.2,
        what="every email at the sink",
    )
    mailed = time.perf_counter() - started
    at_mailed = cpu_readings(pids)
    row(f"{label}: registration API through wrk ({args.people:,} people)", timing(run))
    row(f"{label}: answers by status", _statuses(run.statuses))
    row(f"{label}: last email accepted by SMTP", f"{mailed:.1f} s after the first request")
    row(f"{label}: registrations mailed per second, end to end", f"{run.succeeded / mailed:.0f}")
    until_answers = cpu_ms_per_operation(before, at_answers, run.succeeded)
    until_mailed = cpu_ms_per_operation(before, at_mailed, run.succeeded)
    for name in pids:
        row(
            f"{label}: CPU per registration, {name}",
            f"{until_answers[name]:.1f} ms until the last answer, "
            f"{until_mailed[name]:.1f} ms until the last email",
        )
    row(
        f"{label}: CPU per registration, load client (wrk)",
        f"{wrk.cpu_seconds * 1000 / max(run.succeeded, 1):.2f} ms",
    )
    stored = stored_registration_ids(database, event["id"])
    confirmed = stored_registrations(database, event["id"], "confirmed")
    facts = stream_messages(stack, "REGISTRATIONS", PEOPLE_FACTS) - earlier_facts
    row(
        f"{label}: overbooked / lost / duplicated (API)",
        f"{max(confirmed - args.seats, 0)} / {len(set(run.ids) - stored)} / "
        f"{len(run.ids) - len(set(run.ids)) + max(facts - len(stored), 0)}",
    )
    return run, until_answers["registrations"]


def _statuses(statuses: Counter[int] | list[int]) -> str:
    counted = statuses if isinstance(statuses, Counter) else Counter(statuses)
    return ", ".join(f"{count:,} x {status}" for status, count in sorted(counted.items()))


def html_form(  # type: ignore[no-untyped-def]
    stack, event, args, database: str, label: str, api_people: int, earlier_facts: int
) -> None:
    """The form's rush after the API's, then the counts over both."""
    url = f"{stack.url('registrations')}/events/{event['slug']}/register"
    mailed_before = len(message_keys(stack.maildir))
    run = form_rush(url, args.form_people, args.in_flight, tag=f"{label[0].lower()}form")
    succeeded = sum(200 <= status < 300 for status in run.statuses)
    wait_until(
        lambda: len(message_keys(stack.maildir)) >= mailed_before + succeeded,
        timeout=900,
        interval=0.2,
        what="every email at the sink",
    )
    row(
        f"{label}: HTML form through httpx ({args.form_people} people: GET the form, POST it)",
        f"{run.per_second:,.0f}/s, p50 {run.percentile(0.5):.0f} ms, "
        f"p99 {run.percentile(0.99):.0f} ms ({_statuses(run.statuses)})",
    )
    total = api_people + args.form_people
    confirmed = stored_registrations(database, event["id"], "confirmed")
    waitlisted = stored_registrations(database, event["id"], "waitlisted")
    facts = stream_messages(stack, "REGISTRATIONS", PEOPLE_FACTS) - earlier_facts
    row(
        f"{label}: overbooked / lost / duplicated (API and form)",
        f"{max(confirmed - args.seats, 0)} / {total - confirmed - waitlisted} / {facts - total}",
    )


def readers(stack, event, args) -> None:  # type: ignore[no-untyped-def]
    page = f"{stack.url('events')}/events/{event['slug']}"
    feed = f"{stack.url('events')}/feeds/organizations/area-omogenea-cremasca.ics"
    tag = httpx.get(page).headers["ETag"]
    for name, url, headers in (
        (f"Event page, full GET ({args.reads:,} reads)", page, {}),
        ("Event page, revalidated with ETag (304)", page, {"If-None-Match": tag}),
        ("Organizer's .ics feed", feed, {}),
    ):
        run = Wrk(url, count=args.reads, connections=args.connections, headers=headers).run()
        row(name, f"{timing(run)} ({_statuses(run.statuses)})")


def memory(when: str, measured: dict[str, tuple[float, int]]) -> None:
    row(
        f"Memory {when} (VmRSS): " + " / ".join(measured),
        " / ".join(mib_and_mb(mib) for mib, _ in measured.values())
        + f" ({' / '.join(str(n) for _, n in measured.values())} processes)",
    )


def open_loop_latency(stack, args, throughput: float, label: str) -> None:  # type: ignore[no-untyped-def]
    """Registrations arriving at half the measured throughput (at most 150/s), on a
    conference of their own with a seat for each, for latency without coordinated
    omission; then until every one is mailed, so that the readers after it start quiet."""
    rate = bench_rate(throughput)
    people = max(int(rate * args.open_loop_seconds), 1)
    event = publish(stack, conference(capacity=people))
    wait_until_registrable(stack, event["slug"])
    url = f"{stack.url('registrations')}/api/events/{event['slug']}/registrations"
    mailed_before = len(message_keys(stack.maildir))
    tag = f"{label[0].lower()}open"

    def send(client, n):  # type: ignore[no-untyped-def]
        return client.post(url, content=PERSON.replace("{n}", f"{tag}{n}"), headers=JSON)

    run = open_loop(send, rate=rate, seconds=args.open_loop_seconds)
    row(f"{label}: registration API, open loop at a fixed rate ({label} throughput / 2)",
        run.summary())  # fmt: skip
    row(f"{label}: open loop answers by status", _statuses(run.statuses))
    succeeded = sum(n for status, n in run.statuses.items() if 200 <= status < 300)
    wait_until(
        lambda: len(message_keys(stack.maildir)) >= mailed_before + succeeded,
        timeout=900,
        interval=0.2,
        what="every open-loop email at the sink",
    )


def run_stack(args, database: str | None, label: str) -> tuple[WrkRun, float]:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        url = database or f"sqlite+aiosqlite:///{Path(tmp) / 'registrations.db'}"
        env = {"RATE_LIMIT_PER_MINUTE": "0"}
        if database is not None:  # more processes only on PostgreSQL; SQLite runs one
            env["WORKERS"] = str(args.workers)
        config = {"env": env, "database_urls": {"registrations": url}}
        with running_stack(Path(tmp), **config) as stack:
            today = date.today()
            if args.only != "api":
                load_demo(stack.url("events"), DEVELOPMENT_SECRET, today, password=DEMO_PASSWORD)
                memory(f"at rest after a warm-up, {label}", at_rest_after_warm_up(stack, today))
            event = publish(stack, conference(capacity=args.seats))
            wait_until_registrable(stack, event["slug"])
            # The warm-up's registrations are on the stream too: not the rush's duplicates.
            earlier = stream_messages(stack, "REGISTRATIONS", PEOPLE_FACTS)
            rush = api_rush(stack, event, args, url, label, earlier)
            if args.only == "api":
                return rush
            html_form(stack, event, args, url, label, rush[0].succeeded, earlier)
            open_loop_latency(stack, args, rush[0].per_second, label)
            if database is None:
                readers(stack, event, args)
            memory(f"after the rush, {label}", resident(stack))
    return rush


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ceiling", type=int, default=5000, help="bare inserts")
    parser.add_argument("--people", type=int, default=2000, help="through the API, by wrk")
    parser.add_argument("--form-people", type=int, default=300)
    parser.add_argument("--seats", type=int, default=150)
    parser.add_argument("--reads", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=64, help="wrk's")
    parser.add_argument("--in-flight", type=int, default=50, help="the form's (httpx)")
    parser.add_argument("--open-loop-seconds", type=float, default=30.0)
    parser.add_argument(
        "--workers", type=int, default=2, help="processes per service on PostgreSQL"
    )
    parser.add_argument("--postgres", help="a fresh database URL for the PostgreSQL rush")
    parser.add_argument(
        "--only",
        choices=("api",),
        help="api: the ceiling and the API rush alone (no warm-up, form, open loop, readers "
        "or memory rows)",
    )
    args = parser.parse_args()

    bare, bare_cpu = ceiling(args)
    row("Ceiling: bare FastAPI + SQLAlchemy Core insert on SQLite, one process", timing(bare))
    row("Ceiling: CPU per insert", f"{bare_cpu:.1f} ms")
    api, api_cpu = run_stack(args, None, "SQLite")
    if args.postgres:
        run_stack(args, args.postgres, "PostgreSQL")
    row(
        "SQLite: registration API as a share of the ceiling",
        f"{api.per_second / bare.per_second:.0%}",
    )
    row(
        "SQLite: registrations' CPU per registration over the ceiling's per insert",
        f"{api_cpu / bare_cpu:.1f}x",
    )
    print("\n| measure | figure |\n| --- | --- |")
    for name, value in ROWS:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
