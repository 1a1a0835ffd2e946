"""Every figure in one run: `python -m bench` (add `--postgres URL` for the PostgreSQL rush).

wrk (a C load generator) drives the machine's ceiling (a bare FastAPI + SQLAlchemy Core
insert) and the registration API in the same run, each person with a unique address; the CPU
each process spent per registration is read from /proc beside throughput and p50/p99, then
the time until the last email is accepted by SMTP, the counts that must be zero, the HTML
form, readers of pages and feeds, and the memory of each service at rest. Prints a Markdown
table for the README.
"""

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

from bench.ceiling_app import prepare_database
from bench.form import form_rush
from bench.proc import cpu_ms_per_operation, cpu_readings, tree, tree_rss_mib
from bench.wrk import Wrk, WrkRun
from devstack.mailsink.store import message_keys
from devstack.ports import free_port
from devstack.waiting import wait_until
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


def api_rush(stack, event, args, database: str, label: str) -> tuple[WrkRun, float]:  # type: ignore[no-untyped-def]
    """wrk through the registration API, then until every email is accepted; the CPU of each
    process per registration. Returns wrk's run and the registrations service's CPU ms per
    registration until the last answer."""
    url = f"{stack.url('registrations')}/api/events/{event['slug']}/registrations"
    wrk = Wrk(
        url, count=args.people, connections=args.connections, method="POST", body=PERSON,
        headers=JSON, tag=f"{label[0].lower()}api",
    )  # fmt: skip
    pids = stack_pids(stack)
    before = cpu_readings(pids)
    started = time.perf_counter()
    run = wrk.run()
    at_answers = cpu_readings(pids)
    wait_until(
        lambda: len(message_keys(stack.maildir)) >= run.succeeded,
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
    facts = stream_messages(stack, "REGISTRATIONS", PEOPLE_FACTS)
    row(
        f"{label}: overbooked / lost / duplicated (API)",
        f"{max(confirmed - args.seats, 0)} / {len(set(run.ids) - stored)} / "
        f"{len(run.ids) - len(set(run.ids)) + max(facts - len(stored), 0)}",
    )
    return run, until_answers["registrations"]


def _statuses(statuses: Counter[int] | list[int]) -> str:
    counted = statuses if isinstance(statuses, Counter) else Counter(statuses)
    return ", ".join(f"{count:,} x {status}" for status, count in sorted(counted.items()))


def html_form(stack, event, args, database: str, label: str, api_people: int) -> None:  # type: ignore[no-untyped-def]
    """The form's rush after the API's, then the counts over both."""
    url = f"{stack.url('registrations')}/events/{event['slug']}/register"
    run = form_rush(url, args.form_people, args.in_flight, tag=f"{label[0].lower()}form")
    succeeded = sum(200 <= status < 300 for status in run.statuses)
    wait_until(
        lambda: len(message_keys(stack.maildir)) >= api_people + succeeded,
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
    facts = stream_messages(stack, "REGISTRATIONS", PEOPLE_FACTS)
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


def memory(stack, when: str) -> None:  # type: ignore[no-untyped-def]
    sizes = {name: tree_rss_mib(s.process.pid) for name, s in stack.services.items()}
    processes = {name: len(tree(s.process.pid)) for name, s in stack.services.items()}
    row(
        f"Memory {when} (VmRSS): " + " / ".join(sizes),
        " / ".join(f"{size:.0f} MiB" for size in sizes.values())
        + f" ({' / '.join(str(n) for n in processes.values())} processes)",
    )


def run_stack(args, database: str | None, label: str) -> tuple[WrkRun, float]:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        url = database or f"sqlite+aiosqlite:///{Path(tmp) / 'registrations.db'}"
        env = {"RATE_LIMIT_PER_MINUTE": "0"}
        if database is not None:  # more processes only on PostgreSQL; SQLite runs one
            env["WORKERS"] = str(args.workers)
        config = {"env": env, "database_urls": {"registrations": url}}
        with running_stack(Path(tmp), **config) as stack:
            event = publish(stack, conference(capacity=args.seats))
            wait_until_registrable(stack, event["slug"])
            memory(stack, f"at rest, {label}")
            rush = api_rush(stack, event, args, url, label)
            if args.only == "api":
                return rush
            html_form(stack, event, args, url, label, rush[0].succeeded)
            if database is None:
                readers(stack, event, args)
            memory(stack, f"after the rush, {label}")
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
    parser.add_argument(
        "--workers", type=int, default=2, help="processes per service on PostgreSQL"
    )
    parser.add_argument("--postgres", help="a fresh database URL for the PostgreSQL rush")
    parser.add_argument(
        "--only",
        choices=("api",),
        help="api: the ceiling and the API rush alone (no form, readers or memory rows)",
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
