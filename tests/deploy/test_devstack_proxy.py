"""The embedded run's proxy (devstack/proxy.py) reads its routes from deploy/caddy/Caddyfile and
sends every route of a service to that service, as Caddy and the Ingress do."""

import pytest

from devstack.proxy import CADDYFILE, read_routes
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
