"""The compose proxy (deploy/caddy/Caddyfile) routes as the Ingress does: every route of a
service reaches that service, the links in emails included, and /metrics stays inside."""

import re

import pytest

from tests.deploy.files import REPO, SERVICES
from tests.deploy.routes import owned_examples

pytestmark = pytest.mark.unit

CADDYFILE = (REPO / "deploy/caddy/Caddyfile").read_text()
MATCHER = re.compile(r"^\s*@(\w+) path_regexp (\S+)$", re.MULTILINE)
HANDLE = re.compile(r"handle @(\w+) \{\s*reverse_proxy (\w+):8000", re.MULTILINE)


def backend(path: str) -> str:
    """Where Caddy sends `path`: the first named matcher that matches (they are tried in
    order), else the fallback, events."""
    upstream = dict(HANDLE.findall(CADDYFILE))
    for name, pattern in MATCHER.findall(CADDYFILE):
        if re.search(pattern, path):
            return upstream[name]
    return "events"


@pytest.mark.parametrize("service", SERVICES)
def test_caddyfile_routes_every_path_of_a_service_to_it(service):
    owned = owned_examples(service)

    routed = {example: backend(example) for example in owned}

    assert len(owned) > 3
    assert routed == dict.fromkeys(owned, service)


def test_caddyfile_sends_the_links_in_emails_to_registrations():
    links = ("/r/token", "/confirm/token", "/accept/token", "/feeds/people/token.ics")

    assert {link: backend(link) for link in links} == dict.fromkeys(links, "registrations")


def test_caddyfile_answers_metrics_itself_before_any_service():
    internal = CADDYFILE.index("@internal path /metrics")

    assert internal < CADDYFILE.index("handle @registrations")
    assert "handle @internal {\n\t\trespond 404" in CADDYFILE
