"""The ways between the console and the registrations pages, on one origin: the organization's
dashboard from the console (not for door staff), door staff led back to a console page they may
open, and the privacy notice editors naming the organization, never its address."""

import re

import httpx
import pytest

from tests.console.browserless import PASSWORD, new_member
from tests.organizer.desk import Desk, crumbs

pytestmark = pytest.mark.e2e


def _nav_links(page: str) -> dict[str, str]:
    """The console's navigation: text -> address."""
    nav = page.split('class="console-nav', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a class="nav-link[^"]*" href="([^"]*)"[^>]*>([^<]+)</a>', nav)
    return {text: href for href, text in links}


def _door_browser(desk: Desk) -> httpx.Client:
    """Door staff of the desk's organization, logged into the console on the one origin."""
    door = new_member(desk.stack, desk.organization, "door")
    browser = httpx.Client(base_url=desk.stack.origin, timeout=30)
    login = browser.post("/console/login", data={"email": door.email, "password": PASSWORD})
    assert login.status_code == 303, login.text
    return browser


def _without_addresses(page: str) -> str:
    """The page's text and attributes, without the addresses of links and forms."""
    return re.sub(r'(href|action)="[^"]*"', "", page)


def test_the_console_leads_to_the_organization_dashboard_without_a_second_login(desk):
    events = desk.browser.get(f"/console/{desk.organization.slug}/events")
    link = _nav_links(events.text)["Cruscotto"]

    handed = desk.browser.get(link)
    dashboard = desk.browser.get(handed.headers["location"], follow_redirects=True)

    assert link == f"/console/{desk.organization.slug}/dashboard"
    assert handed.status_code == 303
    assert handed.headers["location"].startswith("/organizer/enter?pass=")
    assert dashboard.status_code == 200
    assert str(dashboard.url).endswith("/organizer/dashboard")
    assert "Cruscotto dell&#39;organizzazione" in dashboard.text
    assert f'href="{desk.page}/dashboard"' in dashboard.text  # its event, with its own
    back = f'href="/console/{desk.organization.slug}/events">Torna alla console</a>'
    assert back in dashboard.text


def test_door_staff_see_no_dashboard_link_and_the_hop_refuses_them(desk):
    browser = _door_browser(desk)

    events = browser.get(f"/console/{desk.organization.slug}/events")
    hop = browser.get(f"/console/{desk.organization.slug}/dashboard")

    assert events.status_code == 200
    assert "Cruscotto" not in _nav_links(events.text)
    assert hop.status_code == 403
    assert "location" not in hop.headers


def test_door_staff_are_led_back_to_their_events_list_which_opens(desk):
    browser = _door_browser(desk)
    events_list = f"/console/{desk.organization.slug}/events"

    checkin = browser.get(f"{desk.console_event}/checkin", follow_redirects=True)
    back = re.search(r'href="([^"]*)">Torna alla console</a>', checkin.text)
    assert back, "no way back to the console"
    followed = browser.get(back.group(1))

    assert checkin.status_code == 200
    assert str(checkin.url).endswith(f"{desk.page}/checkin")
    assert back.group(1) == events_list
    assert followed.status_code == 200
    assert f'{desk.console_event}/checkin"' in followed.text  # the event, to check in
    assert crumbs(checkin.text) == [
        ("Area organizzatori", "/console/"),
        (desk.organization.name, events_list),
        ("Accoglienza", None),
    ]
    assert desk.console_event not in checkin.text
    assert browser.get(desk.console_event).status_code == 403  # why they are not sent there


def test_the_privacy_editors_name_the_organization_not_its_address(desk):
    assert desk.enter().status_code == 200

    organization = desk.browser.get("/organizer/privacy")
    event = desk.browser.get(f"{desk.page}/privacy")

    for page in (organization, event):
        assert page.status_code == 200, page.text
        assert f"Area organizzatori · {desk.organization.name} (" in page.text
        assert f'<div class="it-brand-title">{desk.organization.name}</div>' in page.text
        assert desk.organization.slug not in _without_addresses(page.text)
    assert f"<title>Informativa privacy · {desk.organization.name}" in organization.text
