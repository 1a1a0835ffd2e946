"""The embedded run's proxy (devstack/proxy.py) reads its routes from deploy/caddy/Caddyfile and
sends every route of a service to that service, as Caddy and the Ingress do."""

import json

import httpx
import pytest

from devstack.proxy import CADDYFILE, Proxy, read_routes
from tests.deploy.files import SERVICES
from tests.deploy.routes import owned_examples

pytestmark = pytest.mark.unit

ROUTES = read_routes(CADDYFILE.read_text())


@pytest.mark.parametrize("service", SERVICES)
def test_proxy_routes_every_path_of_a_service_to_it(service):
    owned = owned_examples(service)

    routed = {example: ROUTES.backend(example) for example in owned}

    assert len(owned) > 3
    assert routed == dict.fromkeys(owned, service)


def test_proxy_sends_the_links_in_emails_to_registrations():
    links = ("/r/token", "/confirm/token", "/accept/token", "/feeds/people/token.ics")

    assert {link: ROUTES.backend(link) for link in links} == dict.fromkeys(links, "registrations")


def test_proxy_answers_metrics_itself_and_everything_else_goes_to_events():
    assert ROUTES.backend("/metrics") == 404
    assert ROUTES.backend("/") == "events"
    assert ROUTES.backend("/console/x/events/y") == "events"
    assert ROUTES.backend("/organizer/events/x") == "registrations"


async def echo(scope, receive, send) -> None:
    """A service that answers with what reached it, sets two cookies and redirects."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    seen = {
        "service": scope["server"][0].split(".")[0],  # the upstream address it was sent to
        "host": dict(scope["headers"]).get(b"host", b"").decode(),
        "method": scope["method"],
        "path": scope["path"],
        "query": scope["query_string"].decode(),
        "body": body.decode(),
        "headers": {k.decode(): v.decode() for k, v in scope["headers"]},
    }
    headers = [
        (b"content-type", b"application/json"),
        (b"set-cookie", b"a=1; Path=/"),
        (b"set-cookie", b"b=2; Path=/organizer"),
        (b"location", b"/elsewhere"),
    ]
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps(seen).encode()})


@pytest.fixture
async def through_proxy():
    """A client of the proxy, whose services are `echo` (each under its own host name)."""
    upstreams = {name: f"http://{name}.internal:8000" for name in SERVICES}
    proxy = Proxy(ROUTES, upstreams, transport=httpx.ASGITransport(app=echo))
    proxy.open()
    transport = httpx.ASGITransport(app=proxy, client=("203.0.113.7", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost:8000") as client:
        yield client
    await proxy.close()


async def test_proxy_passes_method_path_query_body_cookies_and_where_it_came_from(through_proxy):
    answer = await through_proxy.post(
        "/organizer/events/x/add?lang=en",
        data={"first_name": "Giovanna"},
        headers={"Cookie": "convegni_staff=abc", "X-Forwarded-For": "198.51.100.1"},
    )

    seen = answer.json()
    assert seen["host"] == "localhost:8000"  # as Caddy does: the address the browser used
    assert (seen["method"], seen["path"], seen["query"]) == (
        "POST",
        "/organizer/events/x/add",
        "lang=en",
    )
    assert seen["body"] == "first_name=Giovanna"
    assert seen["headers"]["cookie"] == "convegni_staff=abc"
    assert seen["headers"]["x-forwarded-for"] == "203.0.113.7"  # never what the client claims
    assert seen["headers"]["x-forwarded-proto"] == "http"


async def test_proxy_returns_the_answer_as_it_is_redirects_and_every_cookie_included(through_proxy):
    answer = await through_proxy.get("/console/")

    assert answer.status_code == 303
    assert answer.headers["location"] == "/elsewhere"
    assert answer.headers.get_list("set-cookie") == ["a=1; Path=/", "b=2; Path=/organizer"]


async def test_proxy_reaches_the_service_of_each_path(through_proxy):
    paths = {"/": "events", "/events/x/register": "registrations", "/deliveries": "notifications"}

    reached = {path: (await through_proxy.get(path)).json()["service"] for path in paths}
    metrics = await through_proxy.get("/metrics")

    assert reached == paths
    assert (metrics.status_code, metrics.content) == (404, b"")


async def test_proxy_answers_502_naming_the_service_that_is_down():
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    upstreams = {name: f"http://{name}.internal:8000" for name in SERVICES}
    proxy = Proxy(ROUTES, upstreams, transport=httpx.MockTransport(refuse))
    proxy.open()
    transport = httpx.ASGITransport(app=proxy)
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost:8000") as client:
        answer = await client.get("/r/token")
    await proxy.close()

    assert (answer.status_code, answer.text) == (502, "registrations did not answer\n")
