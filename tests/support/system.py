"""The real system for a test: a Stack of processes, and the calls a user would make."""

import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from devstack.demo import demo_events
from devstack.stack import Stack, StackConfig
from devstack.waiting import wait_until
from shared.settings import DEVELOPMENT_SECRET

ADMIN_HEADERS = {"Authorization": f"Bearer {DEVELOPMENT_SECRET}"}
WELFARE = "welfare-area-omogenea-cremasca"
# Per running stack (a new stack may reuse a dead one's id(), so never key by id()).
_tokens: "weakref.WeakKeyDictionary[Stack, dict[str, str]]" = weakref.WeakKeyDictionary()


@contextmanager
def running_stack(var_dir: Path, **config: Any) -> Iterator[Stack]:
    """Start the whole system in `var_dir`; on failure, show each process's last log lines.
    `one_origin=True` puts the proxy in front (`stack.origin`), as production does."""
    stack = Stack(StackConfig(var_dir=var_dir, **config))
    try:
        stack.start()
        yield stack
    except BaseException:
        for process in stack.processes:
            print(f"----- {process.module} log -----\n{process.log_tail()}")
        raise
    finally:
        stack.stop()


def conference(slug: str = WELFARE, **changes: Any) -> dict[str, Any]:
    """A demo conference payload (without its organization), in the future, with a unique
    address unless one is given."""
    after_tomorrow = date.today() + timedelta(days=1)  # its date is then at least two days off
    payload = next(event for event in demo_events(after_tomorrow) if event["slug"] == slug)
    payload = {k: v for k, v in payload.items() if k not in ("organization", "keep_date")}
    return {**payload, "slug": f"{slug}-{uuid.uuid4().hex[:6]}", **changes}


def organizer_headers(stack: Stack, organization: str = "area-omogenea-cremasca") -> dict[str, str]:
    """An API token of `organization` (created, with the organization, on first use)."""
    tokens = _tokens.setdefault(stack, {})
    if organization not in tokens:
        with httpx.Client(base_url=stack.url("events"), headers=ADMIN_HEADERS) as admin:
            created = admin.post(
                "/api/admin/organizations", json={"slug": organization, "name": organization}
            )
            assert created.status_code in (201, 409), created.text  # 409: made by another test
            answer = admin.post(
                f"/api/admin/organizations/{organization}/tokens", json={"name": "t"}
            )
            assert answer.status_code == 201, answer.text
            tokens[organization] = answer.json()["token"]
    return {"Authorization": f"Bearer {tokens[organization]}"}


def publish(
    stack: Stack, payload: dict[str, Any], organization: str = "area-omogenea-cremasca"
) -> dict[str, Any]:
    """Create and publish through the organizer API; returns the published snapshot."""
    headers = organizer_headers(stack, organization)
    with httpx.Client(base_url=stack.url("events"), headers=headers) as client:
        created = client.post("/api/organizer/events", json=payload)
        assert created.status_code == 201, created.text
        published = client.post(f"/api/organizer/events/{created.json()['id']}/publish")
        assert published.status_code == 200, published.text
        return dict(published.json())


def wait_until_registrable(stack: Stack, slug: str, timeout: float = 90.0) -> None:
    """The registrations service has its copy of the event (it came over the bus)."""
    url = f"{stack.url('registrations')}/api/events/{slug}/availability"

    def registrable() -> bool:
        stack.check_alive()
        return httpx.get(url).status_code == 200

    wait_until(registrable, timeout=timeout, what=f"{slug} registrable")


def post_form(
    url: str, fields: dict[str, Any], client: httpx.Client | None = None
) -> httpx.Response:
    """Post the registration form as a browser does: open it first (which sets the CSRF
    cookie, and the same value in a hidden field), then send the fields with that value."""
    with nullcontext(client) if client else httpx.Client(timeout=30) as browser:
        browser.get(url)
        return browser.post(url, data={**fields, "csrf_token": browser.cookies["form_csrf"]})


def register_url(stack: Stack, slug: str) -> str:
    return f"{stack.url('registrations')}/events/{slug}/register"


def availability(stack: Stack, slug: str) -> dict[str, Any]:
    response = httpx.get(f"{stack.url('registrations')}/api/events/{slug}/availability")
    response.raise_for_status()
    return dict(response.json())
