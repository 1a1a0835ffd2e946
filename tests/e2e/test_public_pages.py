"""The demo conferences as the public sees them: pages, structured data, calendars, schedules."""

import json
from datetime import date
from pathlib import Path

import httpx
import pytest
import vobject
import xmlschema
from icalendar import Calendar

from devstack.demo import demo_events, load_demo
from shared.contracts import EventSnapshotV1
from shared.ical import build_vevent, event_uid, serialize_calendar
from tests.support.calendars import read_with_icalendar, read_with_vobject
from tests.support.html import html_problems
from tests.support.reading import marked_italian, said
from tests.support.system import running_stack

pytestmark = pytest.mark.e2e

XSD = xmlschema.XMLSchema(Path(__file__).parents[1] / "fixtures" / "schedule.xml.xsd")
DEMO = demo_events(date.today())
SLUGS = [event["slug"] for event in DEMO]
ORGANIZATIONS = sorted({event["organization"]["slug"] for event in DEMO})


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("public")) as stack:
        load_demo(stack.url("events"), "development-only-secret", date.today(), password="x" * 16)
        with httpx.Client(base_url=stack.url("events"), timeout=30) as client:
            yield client


def people(event: dict) -> list[str]:
    """Every name on an event's programme, moderator included."""
    names = [event["moderator"]["name"]] if event.get("moderator") else []

    def walk(items: list[dict]) -> None:
        for item in items:
            names.extend(s["name"] for s in item.get("speakers", []) if s.get("name"))
            walk(item.get("items", []))

    walk(event.get("programme", []))
    return names


def json_ld(page: str) -> dict:
    body = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    return json.loads(body)


@pytest.mark.parametrize("event", DEMO, ids=SLUGS)
def test_demo_conference_page_shows_its_facts(site, event):
    page = site.get(f"/events/{event['slug']}")

    text = page.text.replace("&#39;", "'")
    assert page.status_code == 200
    assert event["title"].replace("&", "&amp;") in text
    assert event["venue"]["name"] in text
    for name in people(event):
        assert name in text, name


@pytest.mark.parametrize("event", DEMO, ids=SLUGS)
def test_demo_conference_page_is_valid_html_with_event_structured_data(site, event):
    page = site.get(f"/events/{event['slug']}")

    data = json_ld(page.text)
    assert html_problems(page.text) == []
    assert (data["@context"], data["@type"]) == ("https://schema.org", "Event")
    assert data["name"] == event["title"]
    assert data["startDate"][:10] == event["starts_at"][:10]
    places = data["location"] if isinstance(data["location"], list) else [data["location"]]
    place = next(p for p in places if p["@type"] == "Place")
    assert place["name"].startswith(event["venue"]["name"])


@pytest.mark.parametrize("path", ["/", "/?when=past", "/?lang=en", "/events/" + SLUGS[0]])
def test_second_visit_with_the_etag_is_answered_304(site, path):
    first = site.get(path)

    second = site.get(path, headers={"If-None-Match": first.headers["ETag"]})

    assert first.status_code == 200
    assert second.status_code == 304
    assert second.content == b""
    assert "max-age" in first.headers["Cache-Control"]


@pytest.mark.parametrize("path", ["/", "/?when=past", "/?lang=en", "/?when=past&topic=governance"])
def test_list_pages_are_valid_html(site, path):
    assert html_problems(site.get(path).text) == []


def test_filtered_list_offers_the_matching_feed(site):
    page = site.get("/", params={"when": "past", "topic": "governance"}).text

    assert 'href="webcal://' in page
    assert "/feeds/topics/governance.ics" in page


@pytest.mark.parametrize("event", DEMO, ids=SLUGS)
def test_schedule_xml_of_each_demo_conference_validates(site, event):
    answer = site.get(f"/events/{event['slug']}/schedule.xml")

    XSD.validate(answer.content)
    assert answer.headers["content-type"].startswith("application/xml")


def calendar_paths() -> list[str]:
    return [f"/events/{slug}.ics" for slug in SLUGS] + [
        f"/feeds/organizations/{slug}.ics" for slug in ORGANIZATIONS
    ]


@pytest.mark.parametrize("path", calendar_paths())
def test_calendars_parse_with_two_independent_parsers(site, path):
    body = site.get(path).text

    with_icalendar = Calendar.from_ical(body)
    with_vobject = vobject.readOne(body)

    uids = sorted(str(e["UID"]) for e in with_icalendar.walk("VEVENT"))
    assert uids == sorted(e.uid.value for e in with_vobject.vevent_list)
    assert str(with_icalendar["METHOD"]) == "PUBLISH"


@pytest.mark.parametrize("path", calendar_paths())
def test_calendars_read_as_icalendar_would_write_them(site, path):
    body = site.get(path).content
    snapshots, name = calendar_contents(site, path)

    expected = icalendar_publish(body, snapshots, name=name)

    assert read_with_icalendar(body) == read_with_icalendar(expected)
    assert read_with_vobject(body) == read_with_vobject(expected)


def calendar_contents(site, path: str) -> tuple[list[EventSnapshotV1], str | None]:
    """The events a calendar file holds (from the public API) and the name of its feed."""
    kind, slug = path.removesuffix(".ics").rsplit("/", 1)
    if kind == "/events":
        return [EventSnapshotV1.model_validate(site.get(f"/api/events/{slug}").json())], None
    listed = site.get("/api/events", params={"when": "all", "organizer": slug}).json()
    names = {e["organization"]["slug"]: e["organization"]["name"] for e in DEMO}
    return [EventSnapshotV1.model_validate(e) for e in listed], f"{names[slug]} · Convegni"


def icalendar_publish(body: bytes, snapshots: list[EventSnapshotV1], name: str | None) -> bytes:
    """The file as icalendar wrote it before, at the served file's DTSTAMP and domain."""
    vevent = Calendar.from_ical(body).walk("VEVENT")[0]
    now, domain = vevent.decoded("DTSTAMP"), str(vevent["UID"]).split("@")[1]
    vevents = [
        build_vevent(
            s,
            uid=event_uid(s.id, domain),
            now=now,
            organizer_email=f"noreply@{domain}",
            cancelled=s.status == "cancelled",
        )
        for s in snapshots
    ]
    return serialize_calendar("PUBLISH", vevents, name=name)


def test_topic_filter_and_feed_hold_the_same_events(site):
    topic = next(t for event in DEMO for t in event.get("topics", []))

    listed = site.get("/api/events", params={"when": "all", "topic": topic}).json()
    feed = Calendar.from_ical(site.get(f"/feeds/topics/{topic}.ics").content)

    assert len(feed.walk("VEVENT")) == len(listed) > 0


def test_organizer_filter_lists_only_that_organizer(site):
    organization = ORGANIZATIONS[0]

    listed = site.get("/api/events", params={"when": "all", "organizer": organization}).json()

    assert {e["organizer"]["slug"] for e in listed} == {organization}


def test_public_api_never_shows_the_online_link(site):
    listed = site.get("/api/events", params={"when": "all"}).json()

    assert [e["online_url"] for e in listed] == [None] * len(listed)


@pytest.mark.parametrize("organization", ORGANIZATIONS)
def test_feed_line_names_the_organization_not_its_address(site, organization):
    names = {e["organization"]["slug"]: e["organization"]["name"] for e in DEMO}

    page = said(site.get("/", params={"organizer": organization}).text)

    assert f"Segui i convegni di {names[organization]} nel tuo calendario" in page


def first_title(items: list[dict]) -> str:
    return str(items[0]["items"][0]["title"] if items[0].get("items") else items[0]["title"])


WITH_PROGRAMME = [event for event in DEMO if event.get("programme")][:2]


@pytest.mark.parametrize("event", WITH_PROGRAMME, ids=[e["slug"] for e in WITH_PROGRAMME])
def test_english_event_page_marks_what_organizers_wrote_in_italian(site, event):
    english = site.get(f"/events/{event['slug']}", params={"lang": "en"}).text
    italian = site.get(f"/events/{event['slug']}").text

    assert marked_italian(english, event["title"])
    assert marked_italian(english, event["venue"]["name"])
    assert marked_italian(english, first_title(event["programme"]))
    assert 'lang="it"' not in italian.split("</head>", 1)[1]


def test_english_home_cards_mark_the_italian_titles(site):
    english = (
        site.get("/", params={"when": "past", "lang": "en"}).text
        + site.get("/", params={"lang": "en"}).text
    )

    titles = [e["title"] for e in DEMO if e["title"].replace("&", "&amp;") in english]
    assert titles
    assert [t for t in titles if not marked_italian(english, t)] == []
