"""The organizer's side of the form tests: the form API, and the rows it leads to."""

import sqlite3
from typing import Any

import httpx

from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.support.system import organizer_headers


def form_api(stack: Stack, slug: str) -> str:
    return f"{stack.url('registrations')}/api/organizer/events/{slug}/form"


def organizer(stack: Stack, slug: str) -> dict[str, str]:
    """The organizer's token headers, once registrations has heard of the token."""
    headers = organizer_headers(stack)
    wait_until(
        lambda: httpx.get(form_api(stack, slug), headers=headers).status_code == 200,
        timeout=90,
        what="the organizer token known to registrations",
    )
    return headers


def define_form(stack: Stack, slug: str, **shape: Any) -> dict[str, Any]:
    """Save the event's form definition through the organizer API; returns what it saved."""
    answer = httpx.put(form_api(stack, slug), json=shape, headers=organizer(stack, slug))
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def stored(stack: Stack, query: str, *params: object) -> list[tuple[Any, ...]]:
    """Rows of the registrations service's own database (its SQLite file)."""
    path = stack.config.var_dir / "registrations.db"
    with sqlite3.connect(path) as connection:
        return list(connection.execute(query, params).fetchall())
