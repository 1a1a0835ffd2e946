"""An event as a line of a list on another site or in a feed: its day and time in its own
timezone, its place, and the Atom and RSS documents built from such lines."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from services.events.formats.feeds import Entry, Feed, atom, rss
from services.events.formats.listing import listed, place, when
from services.events.texts import CATALOGS

pytestmark = pytest.mark.unit

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PUBLISHED = datetime(2026, 10, 1, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "lang", "said"),
    [
        ({}, "it", "lunedì 30 novembre 2026, 09:00"),
        ({}, "en", "Monday 30 November 2026, 09:00"),
        ({"times_announced": False}, "it", "lunedì 30 novembre 2026"),
        (
            {"ends_at": datetime(2026, 12, 1, 16, 0, tzinfo=UTC)},
            "it",
            "lunedì 30 novembre 2026 – martedì 1 dicembre 2026",
        ),
        (
            {"ends_at": datetime(2026, 11, 30, 23, 0, tzinfo=UTC)},
            "it",
            "lunedì 30 novembre 2026, 09:00",
        ),
    ],
    ids=["timed", "english", "date-only", "over-two-days", "ending-at-midnight"],
)
def test_when_says_the_day_and_time_in_the_event_s_timezone(make_snapshot, changes, lang, said):
    assert when(make_snapshot(**changes), lang) == said


@pytest.mark.parametrize(
    ("mode", "lang", "said"),
    [
        ("in_person", "it", "Sala Pietro da Cemmo, Centro Culturale Sant'Agostino"),
        ("hybrid", "en", "Sala Pietro da Cemmo, Centro Culturale Sant'Agostino"),
        ("online", "it", "Online"),
    ],
)
def test_place_says_the_venue_or_online(make_snapshot, mode, lang, said):
    shown = place(make_snapshot(attendance_mode=mode), CATALOGS.translator(lang))

    assert shown.startswith(said)
    assert shown.endswith(" and online") == (mode == "hybrid")


def feed(make_snapshot, **changes) -> Feed:
    event = make_snapshot(**changes)
    item = listed(event, url="https://c.it/events/x", lang="en", say=CATALOGS.translator("en"))
    entry = Entry(item, event.title, PUBLISHED, PUBLISHED + timedelta(days=2))
    return Feed(
        title="Events organized by Area Omogenea Cremasca",
        language="en",
        self_url="https://c.it/feeds/organizations/area.atom?lang=en",
        page_url="https://c.it/?organizer=area&lang=en",
        author="Area Omogenea Cremasca",
        updated=entry.updated,
        entries=[entry],
    )


def test_an_atom_entry_keeps_the_event_s_id_dates_and_language(make_snapshot):
    document = ET.fromstring(atom(feed(make_snapshot, topics=("welfare",))))

    (entry,) = document.findall(f"{A}entry")
    assert document.get(XML_LANG) == "en"
    assert entry.findtext(f"{A}id") == f"urn:uuid:{make_snapshot().id}"
    assert entry.find(f"{A}title").get(XML_LANG) == "it"  # as the organizers wrote it
    assert entry.findtext(f"{A}published") == "2026-10-01T07:30:00Z"
    assert entry.findtext(f"{A}updated") == "2026-10-03T07:30:00Z"
    assert entry.find(f"{A}category").get("term") == "welfare"
    assert document.findtext(f"{A}updated") == "2026-10-03T07:30:00Z"


def test_text_xml_cannot_carry_is_left_out_of_both_feeds(make_snapshot):
    made = feed(make_snapshot, title="Convegno\x0b sul welfare")

    for document in (atom(made), rss(made)):
        assert b"Convegno sul welfare" in document
        ET.fromstring(document)


def test_an_rss_item_dates_its_publication_in_rfc_822(make_snapshot):
    document = ET.fromstring(rss(feed(make_snapshot)))

    item = document.find("channel/item")
    assert item is not None
    assert item.findtext("pubDate") == "Thu, 01 Oct 2026 07:30:00 GMT"
    assert item.find("guid").get("isPermaLink") == "false"
    assert document.find("channel/{http://www.w3.org/2005/Atom}link").get("rel") == "self"
