"""Reading the manage pages as a person's browser would: links, tokens, calendars."""

import html
import re
import uuid

from icalendar import Calendar

from tests.support.people import Person, people


def token_of(manage_url: str) -> str:
    return manage_url.rsplit("/", 1)[1]


def tampered(token: str) -> str:
    """The same token with its last character changed, as a bad copy-paste would."""
    return token[:-1] + ("a" if token[-1] != "a" else "b")


def link(page: str, anchor_id: str) -> str:
    """The address of the link with this id."""
    found = re.search(rf'<a href="([^"]+)"[^>]*id="{anchor_id}"', page)
    assert found, f"no link #{anchor_id}"
    return html.unescape(found.group(1))


def statuses(ics: bytes) -> dict[str, str]:
    """UID -> STATUS of every VEVENT in a calendar."""
    calendar = Calendar.from_ical(ics)
    return {str(v["UID"]): str(v["STATUS"]) for v in calendar.walk("VEVENT")}


def new_people(count: int) -> list[Person]:
    """People no other test registers: the feed holds everything one address did."""
    return people(count, tag=uuid.uuid4().hex[:10])
