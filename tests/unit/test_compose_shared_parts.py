"""What every recipient of one email about one event shares is built once and kept: each
person still reads their own name, links and invite, exactly as if nothing had been kept,
and an event that changed is never read from what was kept for it before."""

import email
import email.policy
from dataclasses import replace
from email.message import EmailMessage

import pytest
from icalendar import Calendar

from services.notifications.formats import bodies
from services.notifications.formats.email import Letter, compose_bytes
from shared import ical
from tests.unit.test_compose import DOMAIN, MAIL_FROM, NOW, ORGANIZER_EMAIL

pytestmark = pytest.mark.unit

MARIA = Letter(
    kind="confirmed",
    recipient_email="maria.rossi@comune.crema.cr.it",
    recipient_name="Maria Rossi",
    language="it",
    message_id="<maria@convegni.example.it>",
    facts={"mode": "in_person", "manage_url": "https://iscrizioni.example.it/r/maria"},
)
# A name and a link with what HTML must escape.
LUCA = replace(
    MARIA,
    recipient_email="luca.bianchi@comune-test.it",
    recipient_name='Zeno <b>"Quattrocchi" & co',
    message_id="<luca@convegni.example.it>",
    facts={"mode": "in_person", "manage_url": "https://iscrizioni.example.it/r/luca?a=1&b=2"},
)


def forget() -> None:
    """Nothing kept: as the first email of a process."""
    bodies._frames.clear()
    bodies._seen.clear()
    ical._invite_frame.cache_clear()


def raw(letter: Letter, snapshot) -> bytes:
    return compose_bytes(
        letter,
        snapshot,
        mail_from=MAIL_FROM,
        organizer_email=ORGANIZER_EMAIL,
        domain=DOMAIN,
        now=NOW,
    )


def read(data: bytes, *, invite: bool = True) -> dict[str, object]:
    """An email as a client reads it: headers, each part's content, the invite's lines."""
    message: EmailMessage = email.message_from_bytes(data, policy=email.policy.default)  # type: ignore[assignment]
    parts = {p.get_content_type(): p.get_content() for p in message.walk() if not p.is_multipart()}
    calendar = Calendar.from_ical(parts.pop("text/calendar")) if invite else Calendar()
    return {
        "headers": [(k, str(v)) for k, v in message.items() if k != "Content-Type"],
        "parts": parts,
        "invite": sorted(calendar.to_ical().splitlines()),
    }


def test_second_recipient_reads_what_a_fresh_composer_writes_for_them(make_snapshot):
    snapshot = make_snapshot()
    forget()
    raw(MARIA, snapshot)
    raw(MARIA, snapshot)  # met twice: the event's shared parts are kept

    kept = read(raw(LUCA, snapshot))
    forget()
    fresh = read(raw(LUCA, snapshot))

    assert kept == fresh


def test_each_recipient_reads_only_their_own_name_link_and_attendee(make_snapshot):
    snapshot = make_snapshot()
    forget()

    maria, luca = read(raw(MARIA, snapshot)), read(raw(LUCA, snapshot))

    assert "Maria Rossi" in maria["parts"]["text/plain"]
    assert "Zeno" not in maria["parts"]["text/plain"]
    assert "Zeno &lt;b&gt;&#34;Quattrocchi&#34; &amp; co" in luca["parts"]["text/html"]
    assert "r/luca?a=1&amp;b=2" in luca["parts"]["text/html"]
    assert "Maria" not in luca["parts"]["text/html"]
    assert any(b"mailto:luca.bianchi@comune-test.it" in line for line in luca["invite"])
    assert not any(b"maria" in line for line in luca["invite"])


def test_event_changed_at_the_same_revision_is_composed_anew(make_snapshot):
    before = make_snapshot(title="Convegno sul welfare")
    after = make_snapshot(title="Convegno sul welfare territoriale")
    assert (before.id, before.revision) == (after.id, after.revision)
    forget()
    raw(MARIA, before)
    raw(MARIA, before)

    changed = read(raw(MARIA, after))

    assert "welfare territoriale" in changed["parts"]["text/plain"]
    assert any(b"SUMMARY:Convegno sul welfare territoriale" in line for line in changed["invite"])


def test_written_email_is_seven_bit_with_crlf_lines_of_at_most_78(make_snapshot):
    snapshot = make_snapshot(title="Città è più unità " * 6)

    written = raw(LUCA, snapshot)

    assert written.isascii()
    assert max(len(line) for line in written.split(b"\r\n")) <= 78
    assert b"\n" not in written.replace(b"\r\n", b"")
    assert b"\r" not in written.replace(b"\r\n", b"")


def test_waitlisted_people_share_the_text_and_each_reads_their_own_position(make_snapshot):
    snapshot = make_snapshot()
    waiting = [
        replace(MARIA, kind="waitlisted", facts={**MARIA.facts, "position": position})
        for position in (4, 5, 12)
    ]
    forget()

    kept = [read(raw(letter, snapshot), invite=False) for letter in waiting]
    shapes_kept = len(bodies._frames)
    forget()
    fresh = read(raw(waiting[2], snapshot), invite=False)

    assert shapes_kept == 1
    assert kept[2] == fresh
    assert "al posto n. 12." in kept[2]["parts"]["text/plain"]
    assert "al posto n. 5</strong>" in kept[1]["parts"]["text/html"]
