"""What people read before a service is "at rest": the public pages, the console, the form,
the calendars and feeds, and one registration mailed, in Italian and English, so that memory
is measured after each service has loaded what its requests load (an honest figure, not the
size of a process nobody has asked anything yet)."""

import re
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import httpx

from devstack.demo import demo_account_email, demo_events
from devstack.mailsink.store import message_keys
from devstack.stack import Stack
from devstack.waiting import wait_until
from shared.auth import make_pass
from shared.settings import DEVELOPMENT_SECRET

LANGUAGES = ("it", "en")
OPEN_DEMO = "welfare-area-omogenea-cremasca"  # upcoming, open to the public
ORGANIZATION = "area-omogenea-cremasca"


def public_paths(today: date) -> list[str]:
    """The events service's public addresses over every demo conference. The schedule
    exports for conference tools (frab XML, C3VOC JSON) are left out, as the Excel export
    is: rare requests, whose libraries a service loads when first asked."""
    demos = demo_events(today)
    topics = sorted({topic for event in demos for topic in event.get("topics", [])})
    organizations = sorted({event["organization"]["slug"] for event in demos})
    paths = ["/", "/?when=past", f"/?organizer={ORGANIZATION}", "/api/events"]
    paths += ["/accessibility", "/legal-notes", "/cookies", "/console/login", "/no-such-page"]
    for event in demos:
        slug = event["slug"]
        paths += [f"/events/{slug}", f"/events/{slug}.ics"]
    paths += [f"/feeds/organizations/{slug}.ics" for slug in organizations]
    paths += [f"/feeds/topics/{topic}.ics" for topic in topics]
    return paths


def _get_all(client: httpx.Client, paths: Iterable[str], *, status: int | None = None) -> None:
    """GET each path in each language: answered with `status`, or at least without a 5xx."""
    for path in paths:
        for lang in LANGUAGES:
            answer = client.get(path, params={"lang": lang})
            fine = answer.status_code == status if status else answer.status_code < 500
            assert fine, (path, answer.status_code)


def console(client: httpx.Client, password: str) -> None:
    """Log in as the demo owner and open the events list and each event's pages."""
    form = {"email": demo_account_email(ORGANIZATION), "password": password, "next": ""}
    client.post("/console/login", data=form).raise_for_status()
    listing = client.get(f"/console/{ORGANIZATION}/events")
    listing.raise_for_status()
    ids = sorted(set(re.findall(rf"/console/{ORGANIZATION}/events/(\d+)", listing.text)))
    pages = [f"/console/{ORGANIZATION}", f"/console/{ORGANIZATION}/events/new"]
    for event_id in ids:
        base = f"/console/{ORGANIZATION}/events/{event_id}"
        pages += [base, f"{base}/edit", f"{base}/programme", f"{base}/revisions"]
    _get_all(client, pages)


def registration(client: httpx.Client) -> None:
    """Open the form and send it, as a browser does; its email reaches the sink."""
    url = f"/events/{OPEN_DEMO}/register"
    for lang in LANGUAGES:
        client.get(url, params={"lang": lang}).raise_for_status()
    fields = {
        "first_name": "Giulia",
        "last_name": "Ferrari",
        "email": f"warmup.{uuid.uuid4().hex[:8]}@comune-test.it",
        "organization": "Comune di Crema",
        "privacy_consent": "on",
        "csrf_token": client.cookies["form_csrf"],
    }
    client.post(url, data=fields).raise_for_status()
    _get_all(client, ["/privacy", f"/privacy/{ORGANIZATION}", f"/events/{OPEN_DEMO}/privacy"])


def _client(stack: Stack, service: str) -> httpx.Client:
    return httpx.Client(base_url=stack.url(service), timeout=30, follow_redirects=True)


def organizer_pages(client: httpx.Client, secret: str) -> None:
    """The registrations side of the console (the list, dashboards, form, check-in), entered
    with the pass the console hands its owner."""
    handed = make_pass(
        {"org": ORGANIZATION, "role": "owner", "actor": demo_account_email(ORGANIZATION)},
        key=secret,
        expires_at=datetime.now(UTC) + timedelta(minutes=10),
    )
    base = f"/organizer/events/{OPEN_DEMO}"
    client.get("/organizer/enter", params={"pass": handed, "next": base}).raise_for_status()
    pages = [base, f"{base}/dashboard", "/organizer/dashboard", f"{base}/form"]
    _get_all(client, [*pages, f"{base}/settings", f"{base}/privacy", f"{base}/checkin"], status=200)


def deliveries(client: httpx.Client, ops_token: str) -> None:
    client.get("/deliveries/login", params={"token": ops_token}).raise_for_status()
    _get_all(client, ["/deliveries"])


def warm_up(
    stack: Stack,
    password: str,
    *,
    today: date,
    rounds: int = 2,
    secret: str = DEVELOPMENT_SECRET,
) -> None:
    """Read every page `rounds` times (caches fill on the first, reach their size after) and
    register `rounds` people; returns once their emails are at the sink. `secret` signs the
    console's pass and is the operators' token, as in development."""
    mailed = len(message_keys(stack.maildir))
    for _ in range(rounds):
        with _client(stack, "events") as client:
            _get_all(client, public_paths(today))
            console(client, password)
        with _client(stack, "registrations") as client:
            registration(client)
            organizer_pages(client, secret)
        with _client(stack, "notifications") as client:
            deliveries(client, secret)
    wait_until(
        lambda: len(message_keys(stack.maildir)) >= mailed + rounds,
        timeout=60,
        what="the warm-up's emails at the sink",
    )
