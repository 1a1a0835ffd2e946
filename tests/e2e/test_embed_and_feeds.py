"""Events on other websites, as their programs read them: the framed list may be framed by
anyone and every other page by nobody; the script's JSON is readable from any origin and
sets no cookie; the Atom and RSS feeds of an organization parse, and list its published
events (cancelled ones said so) but neither its drafts nor another organization's."""

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import pytest

from devstack.stack import Stack
from shared.web.timefmt import long_date
from tests.support.html import html_problems
from tests.support.system import (
    ADMIN_HEADERS,
    conference,
    organizer_headers,
    publish,
    running_stack,
)

pytestmark = pytest.mark.e2e

ORG = {"slug": "area-omogenea-cremasca", "name": "Area Omogenea Cremasca"}
OTHER = "anci-lombardia"
A = "{http://www.w3.org/2005/Atom}"
ATOM_FEED = f"/feeds/organizations/{ORG['slug']}.atom"
FRAMED = f"/embed/organizations/{ORG['slug']}"
LISTED = f"/embed/organizations/{ORG['slug']}/events.json"
REFUSED = {"x-frame-options": "DENY", "content-security-policy": "frame-ancestors 'none'"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The organization's conference, a cancelled one, a draft; another's conference."""
    with running_stack(tmp_path_factory.mktemp("embed")) as stack:
        with httpx.Client(base_url=stack.url("events"), headers=ADMIN_HEADERS) as admin:
            assert admin.post("/api/admin/organizations", json=ORG).status_code == 201
        on = publish(stack, conference(), ORG["slug"])
        off = publish(stack, conference("area-omogenea-cremasca-territorio-piu-unito"), ORG["slug"])
        with httpx.Client(base_url=stack.url("events"), headers=organizer_headers(stack)) as api:
            assert api.post(f"/api/organizer/events/{off['id']}/cancel", json={}).status_code == 200
            draft = api.post("/api/organizer/events", json=conference(title="Bozza riservata"))
            assert draft.status_code == 201, draft.text
        elsewhere = publish(stack, conference(title="Un convegno di ANCI"), OTHER)
        yield {"stack": stack, "on": on, "off": off, "elsewhere": elsewhere}


def get(stack: Stack, path: str, **options: Any) -> httpx.Response:
    answer = httpx.get(stack.url("events") + path, timeout=30, **options)
    assert "set-cookie" not in answer.headers
    return answer


def day(event: dict[str, Any], lang: str) -> str:
    """The event's day as the pages write it ("martedì 30 novembre 2027")."""
    return long_date(datetime.fromisoformat(event["starts_at"]), event["timezone"], lang)


def entries(feed: ET.Element) -> dict[str, ET.Element]:
    return {entry.findtext(f"{A}id", ""): entry for entry in feed.iter(f"{A}entry")}


def moment(text: str | None) -> datetime:
    assert text and text.endswith("Z"), text  # RFC 3339, in UTC
    return datetime.fromisoformat(text)


def test_the_atom_feed_lists_the_published_events_with_their_ids_dates_and_links(site):
    stack, on = site["stack"], site["on"]

    answer = get(stack, ATOM_FEED)

    assert answer.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(answer.content)
    assert feed.tag == f"{A}feed"
    assert feed.findtext(f"{A}title") == f"Eventi organizzati da {ORG['name']}"
    assert feed.findtext(f"{A}id") == stack.url("events") + ATOM_FEED
    assert feed.findtext(f"{A}author/{A}name") == ORG["name"]
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    assert links["self"] == stack.url("events") + ATOM_FEED
    entry = entries(feed)[f"urn:uuid:{on['id']}"]
    assert entry.findtext(f"{A}title") == on["title"]
    assert (
        entry.find(f"{A}link").get("href") == f"{stack.url('events')}/events/{on['slug']}?lang=it"
    )
    assert moment(entry.findtext(f"{A}published")) <= moment(entry.findtext(f"{A}updated"))
    assert moment(feed.findtext(f"{A}updated")) >= moment(entry.findtext(f"{A}updated"))
    assert entry.findtext(f"{A}summary", "").startswith(day(on, "it"))
    assert on["venue"]["name"] in entry.findtext(f"{A}summary", "")


def test_the_feed_says_a_cancelled_event_and_leaves_out_drafts_and_other_organizations(site):
    answer = get(site["stack"], ATOM_FEED)

    listed = entries(ET.fromstring(answer.content))
    titles = sorted(entry.findtext(f"{A}title", "") for entry in listed.values())
    assert titles == sorted([site["on"]["title"], f"Annullato: {site['off']['title']}"])


def test_the_rss_feed_lists_the_same_events_in_english(site):
    stack, on = site["stack"], site["on"]

    answer = get(stack, f"/feeds/organizations/{ORG['slug']}.rss", params={"lang": "en"})

    channel = ET.fromstring(answer.content).find("channel")
    assert channel is not None and channel.findtext("language") == "en"
    items = {item.findtext("guid"): item for item in channel.iter("item")}
    assert sorted(items) == sorted(f"urn:uuid:{e['id']}" for e in (on, site["off"]))
    item = items[f"urn:uuid:{on['id']}"]
    assert item.findtext("link") == f"{stack.url('events')}/events/{on['slug']}?lang=en"
    assert parsedate_to_datetime(item.findtext("pubDate", "")).tzinfo is not None
    assert item.findtext("description", "").startswith(day(on, "en"))


def test_the_script_s_list_is_readable_from_any_origin_and_said_in_the_language_asked(site):
    stack, on, off = site["stack"], site["on"], site["off"]

    answer = get(stack, LISTED, params={"lang": "en"}, headers={"Origin": "https://comune.it"})

    assert answer.headers["access-control-allow-origin"] == "*"
    said = answer.json()
    assert said["lang"] == "en"
    assert said["all"]["text"] == f"All events organized by {ORG['name']}"
    shown = {event["title"]: event for event in said["events"]}
    assert sorted(shown) == sorted([on["title"], off["title"]])
    assert shown[off["title"]]["cancelled"] == "Cancelled"
    assert shown[on["title"]]["cancelled"] is None
    assert shown[on["title"]]["url"] == f"{stack.url('events')}/events/{on['slug']}?lang=en"


def test_the_script_s_list_is_as_long_as_asked_and_revalidates_by_its_etag(site):
    stack = site["stack"]

    first = get(stack, LISTED, params={"limit": "1"})
    again = get(
        stack, LISTED, params={"limit": "1"}, headers={"If-None-Match": first.headers["etag"]}
    )

    assert len(first.json()["events"]) == 1
    assert (again.status_code, again.headers["access-control-allow-origin"]) == (304, "*")


def test_the_framed_list_may_be_framed_by_anyone_and_is_valid_html(site):
    answer = get(site["stack"], FRAMED, headers={"Accept-Language": "en"})

    assert "x-frame-options" not in answer.headers
    assert "frame-ancestors *" in answer.headers["content-security-policy"]
    assert site["on"]["title"].replace("'", "&#39;") in answer.text
    assert "Bozza riservata" not in answer.text and "ANCI" not in answer.text
    assert '<html lang="it">' in answer.text  # the site's language, not the visitor's browser's
    assert html_problems(answer.text) == []


def test_an_unknown_organization_is_said_inside_the_frame(site):
    answer = get(site["stack"], "/embed/organizations/nessuno", params={"lang": "en"})

    assert answer.status_code == 404
    assert "frame-ancestors *" in answer.headers["content-security-policy"]
    assert "No organization at this address" in answer.text


@pytest.mark.parametrize(
    ("service", "path"),
    [
        ("events", "/"),
        ("events", "/events/{slug}"),
        ("events", "/console/login"),
        ("events", "/api/events"),
        ("events", "/embed/events.js"),
        ("events", "/no-such-page"),
        ("registrations", "/events/{slug}/register"),
        ("notifications", "/deliveries/login"),
    ],
)
def test_every_other_page_refuses_to_be_framed(site, service, path):
    stack = site["stack"]

    answer = httpx.get(stack.url(service) + path.format(slug=site["on"]["slug"]), timeout=30)

    assert {name: answer.headers.get(name) for name in REFUSED} == REFUSED
