"""The private calendar feed: one address per person, exactly their events."""

import httpx
import pytest
from icalendar import Calendar

from shared.ical import invite_uid
from tests.manage.pages import link, new_people, statuses, tampered, token_of

pytestmark = pytest.mark.e2e

DOMAIN = "convegni.localhost"


def test_feed_holds_exactly_the_persons_events_and_a_cancelled_one_as_cancelled(
    published, register
):
    first, second, third = published(), published(), published()
    me, someone_else = new_people(2)
    mine = register(first, me)
    also_mine = register(second, me)
    register(third, someone_else)
    page = httpx.get(mine.manage_url).text
    feed = link(page, "feed-https")

    before = httpx.get(feed)
    httpx.post(f"{also_mine.manage_url}/cancel", data={"token": token_of(also_mine.manage_url)})
    after = httpx.get(feed)

    assert before.status_code == after.status_code == 200
    assert before.headers["content-type"].startswith("text/calendar")
    assert str(Calendar.from_ical(before.content)["METHOD"]) == "PUBLISH"
    assert link(page, "feed-webcal") == "webcal://" + feed.split("://", 1)[1]
    assert statuses(before.content) == {
        invite_uid(first["id"], me.email, DOMAIN): "CONFIRMED",
        invite_uid(second["id"], me.email, DOMAIN): "CONFIRMED",
    }
    assert statuses(after.content) == {
        invite_uid(first["id"], me.email, DOMAIN): "CONFIRMED",
        invite_uid(second["id"], me.email, DOMAIN): "CANCELLED",
    }


def test_feed_with_an_altered_id_is_not_found(published, register):
    registration = register(published(), new_people(1)[0])
    feed = link(httpx.get(registration.manage_url).text, "feed-https")
    folder, feed_id = feed.removesuffix(".ics").rsplit("/", 1)

    altered = httpx.get(f"{folder}/{tampered(feed_id)}.ics")
    shortened = httpx.get(f"{folder}/{feed_id[:-2]}.ics")

    assert folder.endswith("/feeds/people")
    assert altered.status_code == shortened.status_code == 404


def test_feed_of_two_registrations_of_one_address_is_one_address(published, register):
    me = new_people(1)[0]
    first, second = register(published(), me), register(published(), me)

    feeds = {link(httpx.get(r.manage_url).text, "feed-https") for r in (first, second)}

    assert len(feeds) == 1
