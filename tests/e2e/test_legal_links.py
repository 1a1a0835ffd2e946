"""Every public page of every service ends with the legal links: privacy (the event's notice
on an event's pages), cookies, the accessibility statement (the organization's on its pages)
and the legal notes, at the services' public addresses; an unknown address's page too."""

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from devstack.stack import Stack
from tests.manage.bus import registered
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.e2e

ORG = "area-omogenea-cremasca"
FOOTER = re.compile(r'<ul class="it-footer-small-prints-list[^"]*">(.*?)</ul>', re.S)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[Stack, dict[str, Any], str]]:
    with running_stack(tmp_path_factory.mktemp("legal")) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        person = {"first_name": "Giulia", "last_name": "Ferrari", "privacy_consent": True}
        person["email"] = "giulia.legal@comune-test.it"
        made = httpx.post(
            f"{stack.url('registrations')}/api/events/{event['slug']}/registrations",
            json=person,
            timeout=30,
        )
        assert made.status_code == 201, made.text
        yield stack, event, registered(stack, made.json()).manage_url


def footer_links(page: str) -> list[str]:
    found = FOOTER.search(page)
    assert found, "no legal links in the footer"
    return re.findall(r'href="([^"]+)"', found.group(1))


def pages(stack: Stack, slug: str, manage_url: str) -> dict[str, tuple[str, int, str, str]]:
    """name: (address, status, privacy link's end, accessibility link's end)."""
    events, registrations = stack.url("events"), stack.url("registrations")
    site_a11y, org_a11y = "/accessibility", f"/organizations/{ORG}/accessibility"
    event_privacy = f"/events/{slug}/privacy"
    return {
        "home": (f"{events}/", 200, "/privacy", site_a11y),
        "event": (f"{events}/events/{slug}", 200, event_privacy, ""),
        "form": (f"{registrations}/events/{slug}/register", 200, event_privacy, ""),
        "personal": (manage_url, 200, event_privacy, ""),
        "privacy-event": (f"{registrations}{event_privacy}", 200, event_privacy, org_a11y),
        "privacy-org": (f"{registrations}/privacy/{ORG}", 200, f"/privacy/{ORG}", org_a11y),
        "privacy": (f"{registrations}/privacy", 200, "/privacy", site_a11y),
        "accessibility": (f"{events}/accessibility", 200, "/privacy", site_a11y),
        "accessibility-org": (f"{events}{org_a11y}", 200, f"/privacy/{ORG}", org_a11y),
        "legal-notes": (f"{events}/legal-notes", 200, "/privacy", site_a11y),
        "cookies": (f"{events}/cookies", 200, "/privacy", site_a11y),
        "events-404": (f"{events}/no/such/page", 404, "/privacy", site_a11y),
        "registrations-404": (f"{registrations}/no/such/page", 404, "/privacy", site_a11y),
        "notifications-404": (f"{stack.url('notifications')}/no/such", 404, "/privacy", site_a11y),
    }


NAMES = [
    "home", "event", "form", "personal", "privacy-event", "privacy-org", "privacy",
    "accessibility", "accessibility-org", "legal-notes", "cookies", "events-404",
    "registrations-404", "notifications-404",
]  # fmt: skip


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_every_public_page_links_the_legal_pages(site, name, lang) -> None:
    stack, event, manage_url = site
    address, status, privacy, accessibility = pages(stack, event["slug"], manage_url)[name]
    answer = httpx.get(address, params={"lang": lang}, headers={"Accept": "text/html"})
    assert answer.status_code == status
    links = footer_links(answer.text)
    events, registrations = stack.url("events"), stack.url("registrations")
    assert len(links) == 4, links
    assert links[0].startswith(registrations) and links[0].endswith(privacy)
    assert links[1] == f"{events}/cookies"
    assert links[2].startswith(events) and links[2].endswith(accessibility or "/accessibility")
    assert links[3] == f"{events}/legal-notes"
