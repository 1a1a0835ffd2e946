"""Every figure in one run: `python -m bench` (add `--postgres URL` for the PostgreSQL rush).

The rush through the API and through the HTML form, time until the last email is accepted by
SMTP, the counts that must be zero, readers of pages and feeds with and without ETag, the
machine's ceiling (a bare FastAPI insert) and the memory of each service. Prints a Markdown
table for the README.
"""

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

import httpx

from bench.ceiling_app import prepare_database
from bench.load import Run, load
from bench.memory import tree_rss_mib
from devstack.mailsink.store import message_keys
from devstack.ports import free_port
from devstack.waiting import wait_until
from tests.support.bus import PEOPLE_FACTS, stream_messages
from tests.support.databases import stored_registrations
from tests.support.people import people
from tests.support.system import conference, publish, running_stack, wait_until_registrable

ROWS: list[tuple[str, str]] = []


def row(name: str, value: str) -> None:
    ROWS.append((name, value))
    print(f"{name}: {value}", flush=True)


def timing(run: Run) -> str:
    return (
        f"{run.per_second:,.0f}/s, p50 {run.percentile(0.5):.0f} ms, "
        f"p95 {run.percentile(0.95):.0f} ms, p99 {run.percentile(0.99):.0f} ms"
    )


def ceiling(count: int, in_flight: int, workers: int) -> Run:
    """A bare FastAPI route inserting one row with SQLModel on SQLite, with uvicorn."""
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        url = f"sqlite+aiosqlite:///{tmp}/ceiling.db"
        asyncio.run(prepare_database(url))
        env = {**os.environ, "CEILING_DATABASE_URL": url}
        command = [
            sys.executable, "-m", "uvicorn", "bench.ceiling_app:create_app", "--factory",
            "--port", str(port), "--workers", str(workers), "--log-level", "warning",
            "--no-access-log",
        ]  # fmt: skip
        server = subprocess.Popen(command, env=env)
        try:
            wait_until(lambda: _answers(port), timeout=30, what="ceiling app")
            url = f"http://127.0.0.1:{port}/rows"
            return load(lambda c, n: c.post(url, json={"email": f"c{n}@x.it"}), count, in_flight)
        finally:
            server.terminate()
            server.wait()


def _answers(port: int) -> bool:
    return httpx.get(f"http://127.0.0.1:{port}/docs", timeout=2).status_code == 200


def form_post(client: httpx.AsyncClient, url: str, person) -> object:  # type: ignore[no-untyped-def]
    """A browser's registration: open the form (it sets the CSRF cookie), then post it with
    the form's token and that cookie. Each person keeps their own cookie, as their browser
    would: the client's shared jar, written by concurrent pages, would mix them up."""
    client.cookies.jar.set_policy(DefaultCookiePolicy(allowed_domains=[]))

    async def go():  # type: ignore[no-untyped-def]
        page = await client.get(url)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        fields = {**person.form(), "csrf_token": token.group(1) if token else ""}
        cookie = "; ".join(f"{name}={value}" for name, value in page.cookies.items())
        return await client.post(url, data=fields, headers={"Cookie": cookie})

    return go()


def rush(stack, event, args, database: str, label: str) -> None:  # type: ignore[no-untyped-def]
    base = stack.url("registrations")
    api = f"{base}/api/events/{event['slug']}/registrations"
    form = f"{base}/events/{event['slug']}/register"
    by_api, by_form = people(args.people, tag="api"), people(args.form_people, tag="form")
    started = time.perf_counter()
    api_run = load(lambda c, n: c.post(api, json=by_api[n].json()), len(by_api), args.in_flight)
    form_run = load(lambda c, n: form_post(c, form, by_form[n]), len(by_form), args.in_flight)
    total = len(by_api) + len(by_form)
    answered = sum(200 <= status < 300 for status in api_run.statuses + form_run.statuses)
    # One email per registration answered with a success; a refused one is owed none.
    wait_until(lambda: len(message_keys(stack.maildir)) >= answered, timeout=900, interval=0.2)
    mailed = time.perf_counter() - started
    confirmed = stored_registrations(database, event["id"], "confirmed")
    waitlisted = stored_registrations(database, event["id"], "waitlisted")
    row(f"{label}: rush through the API ({len(by_api)} people)", timing(api_run))
    row(f"{label}: rush through the HTML form ({len(by_form)} people)", timing(form_run))
    row(f"{label}: last email accepted by SMTP", f"{mailed:.1f} s after the first request")
    row(f"{label}: answers by status", _statuses(api_run.statuses + form_run.statuses))
    row(
        f"{label}: overbooked / lost / duplicated",
        f"{max(confirmed - args.seats, 0)} / {total - confirmed - waitlisted} / "
        f"{stream_messages(stack, 'REGISTRATIONS', PEOPLE_FACTS) - total}",
    )


def _statuses(statuses: list[int]) -> str:
    return ", ".join(f"{count} x {status}" for status, count in sorted(Counter(statuses).items()))


def readers(stack, event, args) -> None:  # type: ignore[no-untyped-def]
    page = f"{stack.url('events')}/events/{event['slug']}"
    feed = f"{stack.url('events')}/feeds/organizations/area-omogenea-cremasca.ics"
    tag = httpx.get(page).headers["ETag"]
    plain = load(lambda c, n: c.get(page), args.reads, args.in_flight)
    revalidated = load(
        lambda c, n: c.get(page, headers={"If-None-Match": tag}), args.reads, args.in_flight
    )
    feeds = load(lambda c, n: c.get(feed), args.reads, args.in_flight)
    row("Event page, full GET", timing(plain))
    row("Event page, revalidated with ETag (304)", timing(revalidated))
    row("Organizer's .ics feed", timing(feeds))


def memory(stack, when: str) -> None:  # type: ignore[no-untyped-def]
    for name, process in stack.services.items():
        assert process.process is not None
        row(f"Memory of {name} {when}", f"{tree_rss_mib(process.process.pid):.0f} MiB")


def run_stack(args, database: str | None, label: str) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        url = database or f"sqlite+aiosqlite:///{Path(tmp) / 'registrations.db'}"
        config = {
            "env": {"WORKERS": str(args.workers), "RATE_LIMIT_PER_MINUTE": "0"},
            "database_urls": {"registrations": url},
        }
        with running_stack(Path(tmp), **config) as stack:
            event = publish(stack, conference(capacity=args.seats))
            wait_until_registrable(stack, event["slug"])
            if database is None:
                memory(stack, "at rest")
                readers(stack, event, args)
            rush(stack, event, args, url, label)
            if database is None:
                memory(stack, "after the rush")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--form-people", type=int, default=300)
    parser.add_argument("--seats", type=int, default=150)
    parser.add_argument("--reads", type=int, default=2000)
    parser.add_argument("--in-flight", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres", help="a fresh database URL for the PostgreSQL rush")
    args = parser.parse_args()

    bare = ceiling(args.people, args.in_flight, args.workers)
    row("Ceiling: bare FastAPI + SQLModel insert on SQLite", timing(bare))
    run_stack(args, None, "SQLite")
    if args.postgres:
        run_stack(args, args.postgres, "PostgreSQL")
    api = next(value for name, value in ROWS if name.startswith("SQLite: rush through the API"))
    rate = float(api.split("/s")[0].replace(",", ""))
    row("Registration through the API as a share of the ceiling", f"{rate / bare.per_second:.0%}")
    print("\n| measure | figure |\n| --- | --- |")
    for name, value in ROWS:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
