"""An organization's events as Atom 1.0 (RFC 4287) and RSS 2.0, for feed readers and for the
news widgets of the Comuni's websites (which read either).

An entry is an event. Its id is the event's own (urn:uuid), never its address, so that it
stays one entry whatever the site is called; `published` is its first publication and
`updated` its newest revision, so that a reader shows a moved or cancelled event again. The
entry links to the event's page and says when and where in its summary: feeds carry news of
events, not the programme (the page and the calendar feed do)."""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from services.events.formats.listing import Listed

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'
# Characters XML 1.0 cannot carry at all; pasted office text sometimes holds them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Entry:
    event: Listed
    title: str  # the event's title, or said as cancelled
    published: datetime
    updated: datetime


@dataclass(frozen=True)
class Feed:
    title: str
    language: str
    self_url: str  # this feed's own address (Atom: its id too)
    page_url: str  # the organization's events on the site
    author: str
    updated: datetime  # the newest entry's, or now when there is none
    entries: list[Entry]


def atom(feed: Feed) -> bytes:
    """The feed as an Atom 1.0 document."""
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: feed.language})
    _text(root, "id", feed.self_url)
    _text(root, "title", feed.title)
    _text(root, "updated", _rfc3339(feed.updated))
    ET.SubElement(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=feed.page_url)
    author = ET.SubElement(root, "author")
    _text(author, "name", feed.author)
    _text(author, "uri", feed.page_url)
    for entry in feed.entries:
        root.append(_atom_entry(entry, feed.language))
    return _document(root)


def _atom_entry(entry: Entry, language: str) -> ET.Element:
    event = entry.event
    element = ET.Element("entry")
    _text(element, "id", f"urn:uuid:{event.id}")
    title = _text(element, "title", entry.title)
    if event.language != language:
        title.set(XML_LANG, event.language)
    _text(element, "published", _rfc3339(entry.published))
    _text(element, "updated", _rfc3339(entry.updated))
    ET.SubElement(element, "link", rel="alternate", type="text/html", href=event.url)
    _text(element, "summary", event.summary())
    for topic in event.topics:
        ET.SubElement(element, "category", term=topic)
    return element


def rss(feed: Feed) -> bytes:
    """The same feed as RSS 2.0, with the atom:link to itself that validators ask for."""
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM})
    channel = ET.SubElement(root, "channel")
    _text(channel, "title", feed.title)
    _text(channel, "link", feed.page_url)
    _text(channel, "description", feed.title)
    _text(channel, "language", feed.language)
    _text(channel, "lastBuildDate", format_datetime(feed.updated.astimezone(UTC), usegmt=True))
    ET.SubElement(channel, "atom:link", rel="self", type="application/rss+xml", href=feed.self_url)
    for entry in feed.entries:
        item = ET.SubElement(channel, "item")
        _text(item, "title", entry.title)
        _text(item, "link", entry.event.url)
        _text(item, "guid", f"urn:uuid:{entry.event.id}", isPermaLink="false")
        _text(item, "pubDate", format_datetime(entry.published.astimezone(UTC), usegmt=True))
        _text(item, "description", entry.event.summary())
        for topic in entry.event.topics:
            _text(item, "category", topic)
    return _document(root)


def _text(parent: ET.Element, tag: str, value: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = _NOT_XML.sub("", value)
    return element


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _document(root: ET.Element) -> bytes:
    ET.indent(root)
    return XML_DECLARATION + bytes(ET.tostring(root, encoding="utf-8", xml_declaration=False))
