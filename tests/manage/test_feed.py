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


def test_feed_with_a_wrong_key_is_not_found(published, register):
    registration = register(published(), new_people(1)[0])
    feed = link(httpx.get(registration.manage_url).text, "feed-https")
    person_part, key = feed.removesuffix(".ics").rsplit("/", 1)

    wrong_key = httpx.get(f"{person_part}/{tampered(key)}.ics")
    wrong_person = httpx.get(f"{person_part[:-2]}/{key}.ics")
    not_base64 = httpx.get(f"{person_part.rsplit('/', 1)[0]}/%25%25%25/{key}.ics")

    assert wrong_key.status_code == wrong_person.status_code == not_base64.status_code == 404
