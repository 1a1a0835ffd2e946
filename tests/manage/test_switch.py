"""The personal page offers a switch of how one attends only when it can succeed; a switch
refused meanwhile answers a page with the site's header and a way back."""

import html

import httpx
import pytest

from tests.manage.pages import new_people, token_of
from tests.support.html import html_problems
from tests.support.system import availability

pytestmark = pytest.mark.e2e


def test_no_switch_is_offered_when_the_other_way_is_full(stack, published, register):
    event = published(attendance_mode="hybrid", capacity=20, online_capacity=1)
    in_the_room, online = new_people(2)
    registration = register(event, in_the_room, mode="in_person")
    before = httpx.get(registration.manage_url)

    register(event, online, mode="online")
    after = httpx.get(registration.manage_url)

    assert 'name="to" value="online"' in before.text
    assert 'name="to"' not in after.text
    assert 'data-mode="in_person"' in after.text


def test_a_switch_refused_meanwhile_keeps_the_header_and_a_way_back(stack, published, register):
    event = published(attendance_mode="hybrid", capacity=20, online_capacity=1)
    in_the_room, online = new_people(2)
    registration = register(event, in_the_room, mode="in_person")
    token = token_of(registration.manage_url)
    page = httpx.get(registration.manage_url)  # offered while a place online was free
    register(event, online, mode="online")

    refused = httpx.post(f"{registration.manage_url}/mode", data={"token": token, "to": "online"})

    shown = html.unescape(refused.text)
    assert 'name="to" value="online"' in page.text
    assert refused.status_code == 409
    assert "Cambio non possibile" in shown
    assert event["title"] in shown
    assert 'class="it-header-wrapper"' in refused.text
    assert f'href="/r/{token}"' in refused.text
    assert refused.headers["cache-control"] == "no-store"
    assert availability(stack, event["slug"])["seats_left"] == 19  # still in the room
    assert html_problems(refused.text) == []
    english = httpx.post(
        f"{registration.manage_url}/mode?lang=en", data={"token": token, "to": "online"}
    )
    assert "The switch is not possible" in html.unescape(english.text)
    assert f'href="/r/{token}?lang=en"' in english.text
