"""The confirmation email as a mail client sees it: serialized, then parsed back."""

import email
import email.policy
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from icalendar import Calendar

from services.notifications.domain.deliveries import delivery_key, message_id
from services.notifications.mail.compose import compose_confirmation
from services.notifications.models import Delivery
from shared.ical import invite_uid

pytestmark = pytest.mark.unit

DOMAIN = "convegni.example.it"
MAIL_FROM = "Convegni <noreply@convegni.example.it>"
ORGANIZER_EMAIL = "segreteria@areaomogenea.example.it"
NOW = datetime(2026, 11, 2, 10, 15, tzinfo=UTC)
REGISTRATION_ID = "3d1e9a70-5b2c-4f61-8e9d-0c1b2a3f4e5d"


def delivery(**overrides) -> Delivery:
    key = delivery_key(REGISTRATION_ID, "confirmed")
    values = {
        "key": key,
        "kind": "confirmed",
        "registration_id": REGISTRATION_ID,
        "event_id": "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f",
        "recipient_email": "maria.rossi@comune.crema.cr.it",
        "recipient_name": "Maria Rossi",
        "language": "it",
        "message_id": message_id(key, DOMAIN),
    }
    values.update(overrides)
    return Delivery(**values)


def sent(owed: Delivery, snapshot) -> EmailMessage:
    """Compose, serialize to bytes as SMTP would carry them, and parse back."""
    message = compose_confirmation(
        owed,
        snapshot,
        mail_from=MAIL_FROM,
        organizer_email=ORGANIZER_EMAIL,
        domain=DOMAIN,
        now=NOW,
    )
    return email.message_from_bytes(message.as_bytes(), policy=email.policy.default)


def part(message: EmailMessage, content_type: str) -> EmailMessage:
    (found,) = [p for p in message.walk() if p.get_content_type() == content_type]
    return found


def test_compose_confirmation_mime_tree_is_mixed_of_alternative_and_ics(make_snapshot):
    owed, snapshot = delivery(), make_snapshot()

    message = sent(owed, snapshot)

    assert [p.get_content_type() for p in message.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
        "application/ics",
    ]


def test_compose_confirmation_alternative_is_first_part_of_mixed(make_snapshot):
    owed, snapshot = delivery(), make_snapshot()

    message = sent(owed, snapshot)

    assert [p.get_content_type() for p in message.iter_parts()] == [
        "multipart/alternative",
        "application/ics",
    ]


def test_compose_confirmation_calendar_part_method_matches_calendar_method(make_snapshot):
    owed, snapshot = delivery(), make_snapshot()

    calendar_part = part(sent(owed, snapshot), "text/calendar")

    inside = Calendar.from_ical(calendar_part.get_content())
    assert (calendar_part.get_param("method"), str(inside["METHOD"])) == ("REQUEST", "REQUEST")


def test_compose_confirmation_ics_attachment_has_a_filename(make_snapshot):
    owed, snapshot = delivery(), make_snapshot()

    attachment = part(sent(owed, snapshot), "application/ics")

    assert (attachment.is_attachment(), attachment.get_filename()) == (True, "invito.ics")


def test_compose_confirmation_attachment_is_the_same_invite_as_the_calendar_part(
    make_snapshot,
):
    message = sent(delivery(), make_snapshot())

    inline = Calendar.from_ical(part(message, "text/calendar").get_content())
    attached = Calendar.from_ical(part(message, "application/ics").get_content())

    assert inline == attached


def test_compose_confirmation_invite_is_for_the_recipient(make_snapshot):
    owed, snapshot = delivery(), make_snapshot()

    invite = Calendar.from_ical(part(sent(owed, snapshot), "text/calendar").get_content())

    (vevent,) = invite.walk("VEVENT")
    assert (str(vevent["UID"]), str(vevent["ATTENDEE"]), vevent.decoded("SEQUENCE")) == (
        invite_uid(snapshot.id, owed.recipient_email, DOMAIN),
        f"mailto:{owed.recipient_email}",
        snapshot.calendar_sequence,
    )


def test_compose_confirmation_italian_subject_contains_title(make_snapshot):
    owed, snapshot = delivery(language="it"), make_snapshot(title="Città più unita")

    message = sent(owed, snapshot)

    assert message["Subject"] == "Iscrizione confermata: Città più unita"


def test_compose_confirmation_english_subject_contains_title(make_snapshot):
    owed, snapshot = delivery(language="en"), make_snapshot(title="Città più unita")

    message = sent(owed, snapshot)

    assert message["Subject"] == "Registration confirmed: Città più unita"


def test_compose_confirmation_italian_text_is_in_italian(make_snapshot):
    owed, snapshot = delivery(language="it"), make_snapshot()

    text = part(sent(owed, snapshot), "text/plain").get_content()

    lines = text.splitlines()
    assert (lines[:3], [line for line in lines if line.startswith("Quando:")]) == (
        ["Gentile Maria Rossi,", "", "la tua iscrizione è confermata."],
        ["Quando: lunedì 30 novembre 2026, 09:00-13:00"],
    )


def test_compose_confirmation_english_text_is_in_english(make_snapshot):
    owed, snapshot = delivery(language="en"), make_snapshot()

    text = part(sent(owed, snapshot), "text/plain").get_content()

    lines = text.splitlines()
    assert (lines[:3], [line for line in lines if line.startswith("When:")]) == (
        ["Dear Maria Rossi,", "", "your registration is confirmed."],
        ["When: Monday 30 November 2026, 09:00-13:00"],
    )


def test_compose_confirmation_text_lists_the_programme(make_snapshot):
    owed, snapshot = delivery(), make_snapshot()

    text = part(sent(owed, snapshot), "text/plain").get_content()

    lines = text.splitlines()
    start = lines.index("Programma:") + 1
    assert lines[start : start + 5] == [
        "09:00 Introduzione - Giovanni Rossoni",
        "09:30 Prima sessione",
        "  09:30 I sub-ambiti - Anna Bianchi, Luca Verdi",
        "  Dibattito",
        "12:30 Conclusioni",
    ]


@pytest.mark.parametrize(("language", "greeting"), [("it", "Gentile"), ("en", "Dear")])
def test_compose_confirmation_html_is_in_the_recipient_language(make_snapshot, language, greeting):
    owed, snapshot = delivery(language=language), make_snapshot()

    html = part(sent(owed, snapshot), "text/html").get_content()

    assert f'<html lang="{language}">' in html
    assert f"<p>{greeting} Maria Rossi,</p>" in html


def test_compose_confirmation_html_escapes_the_title(make_snapshot):
    owed, snapshot = delivery(), make_snapshot(title="Bilancio & <b>territorio</b>")

    html = part(sent(owed, snapshot), "text/html").get_content()

    assert "Bilancio &amp; &lt;b&gt;territorio&lt;/b&gt;" in html
    assert "<b>territorio</b>" not in html


def test_compose_confirmation_message_id_is_the_delivery_one(make_snapshot):
    owed, snapshot = delivery(), make_snapshot()

    message = sent(owed, snapshot)

    assert message["Message-ID"] == owed.message_id


def test_compose_confirmation_addresses_sender_and_recipient(make_snapshot):
    owed, snapshot = delivery(recipient_name="Maria Grazia D'Angelo"), make_snapshot()

    message = sent(owed, snapshot)

    (to,) = message["To"].addresses
    (sender,) = message["From"].addresses
    assert (to.display_name, to.addr_spec, sender.addr_spec) == (
        "Maria Grazia D'Angelo",
        "maria.rossi@comune.crema.cr.it",
        "noreply@convegni.example.it",
    )


def test_compose_confirmation_is_marked_auto_generated_and_dated(make_snapshot):
    owed, snapshot = delivery(), make_snapshot()

    message = sent(owed, snapshot)

    assert (message["Auto-Submitted"], message["Date"].datetime) == ("auto-generated", NOW)


def test_compose_confirmation_title_with_line_break_still_gives_a_message(make_snapshot):
    owed, snapshot = delivery(), make_snapshot(title="Welfare locale:\nl'Area Omogenea")

    message = sent(owed, snapshot)

    assert "\n" not in message["Subject"]


def test_compose_confirmation_name_with_line_break_still_gives_a_message(make_snapshot):
    owed, snapshot = delivery(recipient_name="Maria\nRossi"), make_snapshot()

    message = sent(owed, snapshot)

    (to,) = message["To"].addresses
    assert to.addr_spec == "maria.rossi@comune.crema.cr.it"
