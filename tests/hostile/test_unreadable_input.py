"""Lone surrogates, absurd dates and full-width formula characters, sent to every route of
every service: as the JSON bodies and query parameters their OpenAPI documents describe,
and, for what the documents leave out (pages, forms), by the route tables. No answer is a
server error. A lone surrogate or an absurd date is refused and changes nothing: the rows
of the events and registrations databases are counted before and after, and the estate's
person and draft read again. Full-width formula characters are text a person may type:
they may be stored, and the exports quote them (tests/organizer/test_exports.py)."""

import dataclasses
import json
import re
import sqlite3
import stat
from contextlib import closing
from typing import Any

import httpx
import pytest

from devstack.waiting import wait_until
from shared.web.surrogates import MESSAGE
from tests.hostile.bodies import Document, Fill
from tests.hostile.conftest import ORG, Witness
from tests.hostile.estate import EVERY_APP, Estate, Route, build_estate, routes
from tests.hostile.tenants import settled
from tests.support.system import ADMIN_HEADERS, conference, register_url

pytestmark = pytest.mark.e2e

LONE = "\ud800"
# A lone surrogate as UTF-8 would write it: bytes that are not UTF-8, in a URL or a form.
RAW = "%ED%A0%80"
FULL_WIDTH = "\uff1dHYPERLINK(\uff02x\uff02)\uff0b1"  # ＝HYPERLINK(＂x＂)＋1
ABSURD_DAY = "9999-12-31"
DOCUMENTS = {service: Document(app().openapi()) for service, app in EVERY_APP.items()}
EVERY_ROUTE = [route for service in EVERY_APP for route in routes(service)]
WITH_A_BODY = [route for route in EVERY_ROUTE if route.method in ("POST", "PUT", "PATCH")]
JSON_BODIES = [r for r in EVERY_ROUTE if DOCUMENTS[r.service].body_schema(r.method, r.path)]
WITH_MOMENTS = [r for r in JSON_BODIES if DOCUMENTS[r.service].has_moments(r.method, r.path)]
FORMS = [r for r in EVERY_ROUTE if r.method == "POST" and not r.path.startswith("/api/")]
NAMING_SOMETHING = [route for route in EVERY_ROUTE if "{" in route.path]
READS = [route for route in EVERY_ROUTE if route.method == "GET"]
# Query parameters pages read that no OpenAPI document lists, and fields forms take.
PAGE_QUERIES = ("lang", "q", "status", "when", "organizer", "topic", "mode", "next", "token")
FORM_FIELDS = ("title", "name", "reason", "to", "email", "password", "first_name", "date")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# Tables the consumers fill as the bus delivers, whatever the requests do.
FROM_THE_BUS = {"inbox", "event_copy", "organizer_token"}
TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"
DATABASES = tuple(f"{service}.db" for service in EVERY_APP)


@pytest.fixture(scope="module")
def estate(world, witness) -> Estate:
    """The estate, with something in every path parameter of every route: the estate's own
    things, ORG's feed, the first delivery (the person's confirmation), or an unknown name."""
    built = build_estate(world, witness)
    named = {name for route in EVERY_ROUTE for name in re.findall(r"\{(\w+)\}", route.path)}
    ids = {**dict.fromkeys(named, "unknown"), "organization": ORG, "delivery_id": "1"}
    return dataclasses.replace(built, ids={**ids, **built.ids})


def test_route_tables_hold_what_the_sweeps_expect():
    assert {route.service for route in EVERY_ROUTE} == {"events", "registrations", "notifications"}
    assert len(JSON_BODIES) >= 13
    assert Route("events", "POST", "/api/organizer/events") in WITH_MOMENTS
    assert Route("registrations", "POST", "/events/{slug}/register") in FORMS


def caller(estate: Estate, witness: Witness, route: Route) -> httpx.Client:
    """A client with what the route's rightful caller sends, so that a refusal is the
    input's and not the credentials'."""
    headers: dict[str, str] = {}
    if route.path.startswith("/api/admin") or route.service == "notifications":
        headers = ADMIN_HEADERS  # OPS_TOKEN is the same development value here
    elif route.path.startswith("/api/organizer"):
        headers = estate.world.organizer
    cookies = {
        "convegni_session": estate.console_cookie,
        "convegni_staff": estate.staff_cookie,
    }
    return witness.client(estate.world.url(route.service), headers=headers, cookies=cookies)


def rows(estate: Estate) -> dict[str, int]:
    """The rows of every table the requests write, by database and table, once the bus has
    delivered what the estate's making sent (a member's copy reaches registrations late)."""
    wait_until(lambda: settled(estate.world.stack), timeout=60, what="the bus settling")
    counts = {}
    for service in ("events", "registrations"):
        path = estate.world.stack.config.var_dir / f"{service}.db"
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as database:
            tables = [name for (name,) in database.execute(TABLES) if name not in FROM_THE_BUS]
            for table in tables:
                (count,) = database.execute(f'SELECT count(*) FROM "{table}"').fetchone()
                counts[f"{service}.{table}"] = count
    return counts


def state(estate: Estate, witness: Witness) -> dict[str, Any]:
    """What a request could have changed: the rows, the person, the draft's content."""
    draft = f"/api/organizer/events/{estate.ids['event_id']}/input"
    with witness.client(estate.world.url("events"), headers=estate.world.organizer) as api:
        content = api.get(draft).json()
    return {"rows": rows(estate), "person": estate.registration(), "draft": content}


def json_body(route: Route, fill: Fill) -> Any:
    """The operation's body with every field filled; a plain object for a route the
    document gives no body."""
    schema = DOCUMENTS[route.service].body_schema(route.method, route.path)
    return {"name": fill.text} if schema is None else DOCUMENTS[route.service].filled(schema, fill)


def send_json(client: httpx.Client, route: Route, path: str, body: Any) -> httpx.Response:
    # json.dumps escapes what is not ASCII: a lone surrogate goes as the escape "\ud800".
    content = json.dumps(body).encode()
    return client.request(
        route.method, path, content=content, headers={"Content-Type": "application/json"}
    )


@pytest.mark.parametrize("route", WITH_A_BODY, ids=str)
def test_a_lone_surrogate_in_a_json_body_is_refused_and_changes_nothing(estate, witness, route):
    body = json_body(route, Fill(LONE))
    if isinstance(body, dict):
        body[LONE] = LONE  # in a key too
    before = state(estate, witness)

    with caller(estate, witness, route) as client:
        answer = send_json(client, route, estate.path(route), body)

    assert answer.status_code == 422, answer.text[:300]
    assert {problem["msg"] for problem in answer.json()["detail"]} == {MESSAGE}
    assert state(estate, witness) == before


@pytest.mark.parametrize("route", WITH_MOMENTS, ids=str)
def test_an_absurd_date_in_a_body_is_refused_and_changes_nothing(estate, witness, route):
    body = json_body(route, Fill("Convegno", moment=f"{ABSURD_DAY}T10:00:00"))
    before = state(estate, witness)

    with caller(estate, witness, route) as client:
        answer = send_json(client, route, estate.path(route), body)

    assert answer.status_code == 422, answer.text[:300]
    assert state(estate, witness) == before


def in_year_9999(payload: dict[str, Any]) -> Any:
    """The payload with every date in it moved to the last day of the calendar."""
    return json.loads(re.sub(r'"\d{4}-\d{2}-\d{2}T', f'"{ABSURD_DAY}T', json.dumps(payload)))


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_a_conference_on_the_last_day_of_the_calendar_is_refused_naming_its_fields(
    estate, witness, method
):
    path = "/api/organizer/events"
    path += f"/{estate.ids['event_id']}" if method == "PUT" else ""
    payload = in_year_9999(conference())
    if method == "PUT":
        payload.pop("slug")  # a draft may keep its address
    before = state(estate, witness)

    with witness.client(estate.world.url("events"), headers=estate.world.organizer) as api:
        answer = api.request(method, path, json=payload)

    assert answer.status_code == 422, answer.text[:300]
    assert "starts_at: the year must be between 2000 and 2100" in answer.json()["errors"]
    assert "ends_at: the year must be between 2000 and 2100" in answer.json()["errors"]
    assert state(estate, witness) == before


@pytest.mark.parametrize("route", READS, ids=str)
def test_a_lone_surrogate_in_a_query_string_is_no_server_error(estate, witness, route):
    names = {*DOCUMENTS[route.service].query_names(route.method, route.path), *PAGE_QUERIES}
    query = "&".join(f"{name}={RAW}" for name in sorted(names))

    with caller(estate, witness, route) as client:
        answer = client.get(f"{estate.path(route)}?{query}")

    assert answer.status_code < 500


@pytest.mark.parametrize("route", NAMING_SOMETHING, ids=str)
def test_a_lone_surrogate_in_a_path_is_no_server_error(estate, witness, route):
    path = re.sub(r"\{[^}]+\}", RAW, route.path)

    with caller(estate, witness, route) as client:
        answer = client.request(route.method, path)

    assert answer.status_code < 500


@pytest.mark.parametrize("route", FORMS, ids=str)
def test_a_lone_surrogate_in_a_form_is_no_server_error_and_changes_nothing(estate, witness, route):
    content = "&".join(f"{name}={RAW}" for name in FORM_FIELDS)
    before = state(estate, witness)

    with caller(estate, witness, route) as client:
        answer = client.post(estate.path(route), content=content, headers=FORM)

    assert answer.status_code < 500
    assert state(estate, witness) == before


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_the_registration_form_with_a_lone_surrogate_refuses_it_and_writes_nothing(
    estate, witness, encoding
):
    url = register_url(estate.world.stack, estate.world.slug)
    fields = {"first_name": "Maria", "last_name": "Rossi", "privacy_consent": "on"}
    before = state(estate, witness)

    with witness.client(url) as browser:
        browser.get(url)
        fields["csrf_token"] = browser.cookies["form_csrf"]
        if encoding == "urlencoded":
            content = f"{httpx.QueryParams(fields)}&email={RAW}"
            answer = browser.post(url, content=content, headers=FORM)
        else:
            email = {"email": (None, b"maria\xed\xa0\x80@comune-test.it")}
            answer = browser.post(url, data=fields, files=email)

    assert answer.status_code in (200, 422), answer.text[:300]
    assert state(estate, witness) == before


@pytest.mark.parametrize("route", JSON_BODIES, ids=str)
def test_full_width_formula_characters_in_a_json_body_are_no_server_error(estate, witness, route):
    with caller(estate, witness, route) as client:
        answer = send_json(client, route, estate.path(route), json_body(route, Fill(FULL_WIDTH)))

    assert answer.status_code < 500


@pytest.mark.parametrize("route", FORMS, ids=str)
def test_full_width_formula_characters_in_a_form_are_no_server_error(estate, witness, route):
    with caller(estate, witness, route) as client:
        answer = client.post(estate.path(route), data=dict.fromkeys(FORM_FIELDS, FULL_WIDTH))

    assert answer.status_code < 500


def test_the_databases_on_disk_are_the_services_user_s_only(stack):
    var = stack.config.var_dir
    files = [path for path in var.iterdir() if path.name.startswith(DATABASES)]

    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in files}

    assert {name for name in modes if name.endswith(".db")} == set(DATABASES)
    assert set(modes.values()) == {0o600}
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
