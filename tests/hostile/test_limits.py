"""Limits that hold under pressure: a body over the size limit is refused (413) on every
route that takes one, before it is read; an address posting too often gets 429."""

from collections.abc import Iterator

import pytest

from shared.web.limits import UPLOAD_SUFFIXES
from tests.console.browserless import PASSWORD, Organization, new_member
from tests.hostile.conftest import ORG
from tests.hostile.estate import APPS, Estate, build_estate, routes

pytestmark = pytest.mark.e2e

LIMIT = 3
STACK_ENV = {"RATE_LIMIT_PER_MINUTE": str(LIMIT), "LOGIN_FAILURES_PER_MINUTE": str(LIMIT)}
MAX_BODY = 2 * 1024 * 1024  # the services' max_body_bytes
# A file's upload form (a document, an image): twice max_upload_bytes and the form's margin.
UPLOAD_BODY = 2 * 20 * 1024 * 1024 + 64 * 1024
TAKING_A_BODY = [
    route for service in APPS for route in routes(service) if route.method in ("POST", "PUT")
]


@pytest.fixture(scope="module")
def estate(world, witness) -> Estate:
    return build_estate(world, witness)


def chunks(size: int) -> Iterator[bytes]:
    """A body sent in pieces, without Content-Length: only counting it can stop it."""
    for _ in range(size // 65536 + 1):
        yield b"a" * 65536


@pytest.mark.parametrize("route", TAKING_A_BODY, ids=str)
def test_body_over_the_limit_is_refused_before_it_is_read(estate, witness, route):
    limit = UPLOAD_BODY if route.path.endswith(UPLOAD_SUFFIXES) else MAX_BODY
    with witness.client(estate.world.url(route.service)) as client:
        answer = client.request(
            route.method,
            estate.path(route),
            content=b"a" * (limit + 1),
            headers={"Content-Type": "application/json", **estate.world.organizer},
        )

    assert answer.status_code == 413


@pytest.mark.parametrize(
    ("service", "path"),
    [
        ("registrations", "/api/events/{slug}/registrations"),
        ("registrations", "/api/organizer/events/{slug}/checkins"),
        ("events", "/api/organizer/events"),
    ],
)
def test_streamed_body_over_the_limit_is_refused_in_the_api_shape(estate, witness, service, path):
    with witness.client(estate.world.url(service)) as client:
        answer = client.post(
            path.format(slug=estate.world.slug),
            content=chunks(MAX_BODY),
            headers={"Content-Type": "application/json", **estate.world.organizer},
        )

    assert answer.status_code == 413
    assert answer.json() == {"detail": "Request too large: at most 2048 KB.", "errors": []}


def test_registrations_over_the_rate_limit_get_429_with_retry_after(estate, witness):
    body = {"first_name": "", "last_name": "", "email": "", "privacy_consent": False}
    url = f"/api/events/{estate.world.slug}/registrations"

    with witness.client(estate.world.url("registrations")) as client:
        answers = [client.post(url, json=body) for _ in range(LIMIT + 1)]

    statuses = [answer.status_code for answer in answers]
    refused = answers[-1]
    # The estate registered someone from this address a moment ago: one post less is left.
    assert statuses == [422] * (LIMIT - 1) + [429] * 2
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["errors"] == []
    assert refused.json()["detail"].startswith("Too many requests from your address")


def test_failed_logins_over_the_limit_wait_even_with_the_right_password(world, witness):
    member = new_member(world.stack, Organization(ORG, ORG), "viewer")
    guess = {"email": member.email, "password": "forse-questa-volta"}

    with witness.client(world.url("events")) as browser:
        wrong = [browser.post("/console/login", data=guess).status_code for _ in range(LIMIT)]
        right = browser.post("/console/login", data={**guess, "password": PASSWORD})

    assert wrong == [401] * LIMIT
    assert right.status_code == 429
    assert 1 <= int(right.headers["retry-after"]) <= 60
    assert "convegni_session" not in right.cookies
    assert "Troppi tentativi" in right.text
