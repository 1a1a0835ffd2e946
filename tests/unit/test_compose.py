"""Every registration email as a mail client sees it: composed from the real fact, serialized,
then parsed back."""

import email
import email.policy
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from icalendar import Calendar

from services.notifications.domain.delivery_life import delivery_key, message_id, round_id
from services.notifications.domain.mails import OwedMail, owed_mail, with_history
from services.notifications.domain.participants import Registrant, apply_fact, holds_seat
from services.notifications.domain.schedule import (
    THANKS_WITHIN,
    due_times,
    plan,
    releasable,
    settle,
)
from services.notifications.domain.updates import hears_of, news_for, told, update_kind
from services.notifications.formats.email import compose
from services.notifications.storage.tables import Delivery
from services.notifications.usecases.deliveries import letter_of
from shared.contracts import (
    ChangeV1,
    EventUpdatedV1,
    PersonV1,
    RegistrationCancelledV1,
    RegistrationCheckedInV1,
    RegistrationConfirmationRequestedV1,
    RegistrationConfirmedV1,
    RegistrationModeChangedV1,
    RegistrationOfferedV1,
    RegistrationPendingV1,
    RegistrationPromotedV1,
    RegistrationWaitlistedV1,
)
from shared.contracts.registrations import RegistrationFact
from shared.ical import invite_uid
from tests.unit.conftest import STARTS_AT

pytestmark = pytest.mark.unit

DOMAIN = "convegni.example.it"
MAIL_FROM = "Convegni <noreply@convegni.example.it>"
ORGANIZER_EMAIL = "segreteria@areaomogenea.example.it"
NOW = datetime(2026, 11, 2, 10, 15, tzinfo=UTC)
REGISTRATION_ID = "3d1e9a70-5b2c-4f61-8e9d-0c1b2a3f4e5d"
EVENT_ID = "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f"
BASE = "https://iscrizioni.example.it"
MANAGE_URL = f"{BASE}/r/manage-token"
CONFIRM_URL = f"{BASE}/confirm/confirm-token"
ACCEPT_URL = f"{BASE}/accept/accept-token"
DEADLINE = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # 11:00 in Rome
ONLINE_URL = "https://meet.example.it/welfare"
PERSON = PersonV1(first_name="Maria", last_name="Rossi", email="maria.rossi@comune.crema.cr.it")


def fact(kind: type[RegistrationFact], **overrides: Any) -> RegistrationFact:
    """A fact as the registrations service publishes it."""
    values: dict[str, Any] = {
        "registration_id": REGISTRATION_ID,
        "event_id": EVENT_ID,
        "event_revision": 3,
        "person": PERSON,
        "language": "it",
        "manage_url": MANAGE_URL,
        "at": NOW,
    }
    values.update(overrides)
    return kind(**values)


def pending(**o: Any) -> RegistrationFact:
    return fact(RegistrationPendingV1, confirm_url=CONFIRM_URL, confirm_by=DEADLINE, **o)


def confirmed(**o: Any) -> RegistrationFact:
    return fact(RegistrationConfirmedV1, **o)


def promoted(**o: Any) -> RegistrationFact:
    return fact(RegistrationPromotedV1, **o)


def resend(**o: Any) -> RegistrationFact:
    return fact(RegistrationConfirmationRequestedV1, request_id="a1b2", **o)


def waitlisted(**o: Any) -> RegistrationFact:
    return fact(RegistrationWaitlistedV1, position=4, **o)


def offered(**o: Any) -> RegistrationFact:
    return fact(
        RegistrationOfferedV1, accept_url=ACCEPT_URL, offer_expires_at=DEADLINE, offer=2, **o
    )


def cancelled(reason: str = "by_person", held_seat: bool = True, **o: Any) -> RegistrationFact:
    return fact(RegistrationCancelledV1, reason=reason, held_seat=held_seat, **o)


def mode_changed(**o: Any) -> RegistrationFact:
    return fact(RegistrationModeChangedV1, change=1, **o)


def owed(told: RegistrationFact, *before: RegistrationFact) -> Delivery:
    """The Delivery the service queues for `told`, after the emails owed for `before`."""
    earlier: list[tuple[str, dict[str, Any]]] = []
    for previous in before:
        mail = _owed_after(previous, earlier)
        earlier.append((mail.kind, mail.payload))
    mail = _owed_after(told, earlier)
    key = delivery_key(round_id(told.registration_id, told.renewal), mail.kind, mail.number)
    return Delivery(
        key=key,
        kind=mail.kind,
        registration_id=told.registration_id,
        event_id=told.event_id,
        recipient_email=mail.recipient_email,
        recipient_name=mail.recipient_name,
        language=mail.language,
        message_id=message_id(key, DOMAIN),
        payload=json.dumps(mail.payload),
    )


def _owed_after(told: RegistrationFact, earlier: list[tuple[str, dict[str, Any]]]) -> OwedMail:
    mail = owed_mail(told)
    assert mail is not None
    return with_history(mail, earlier)


def sent(delivery: Delivery, snapshot, now: datetime = NOW) -> EmailMessage:
    """Compose (at `now`), serialize to bytes as SMTP would carry them, and parse back."""
    message = compose(
        letter_of(delivery),
        snapshot,
        mail_from=MAIL_FROM,
        organizer_email=ORGANIZER_EMAIL,
        domain=DOMAIN,
        now=now,
    )
    return email.message_from_bytes(message.as_bytes(), policy=email.policy.default)


def part(message: EmailMessage, content_type: str) -> EmailMessage:
    (found,) = [p for p in message.walk() if p.get_content_type() == content_type]
    return found


def text(message: EmailMessage) -> str:
    return part(message, "text/plain").get_content()


def html(message: EmailMessage) -> str:
    return part(message, "text/html").get_content()


def vevent(message: EmailMessage, content_type: str = "text/calendar"):
    (found,) = Calendar.from_ical(part(message, content_type).get_content()).walk("VEVENT")
    return found


def to_participant(kind: str, mode: str = "in_person", **extra: Any) -> Delivery:
    """The Delivery the service owes a confirmed participant (event news, scheduled mail):
    how they attend and their manage link, plus what the kind adds."""
    key = delivery_key(REGISTRATION_ID, kind, 4)
    return Delivery(
        key=key,
        kind=kind,
        registration_id=REGISTRATION_ID,
        event_id=EVENT_ID,
        recipient_email=PERSON.email,
        recipient_name="Maria Rossi",
        language="it",
        message_id=message_id(key, DOMAIN),
        payload=json.dumps({"mode": mode, "manage_url": MANAGE_URL, **extra}),
    )


MOVED = ["inizio 09:00 -> 09:30", "Roberto Gandioli rimosso da 'I sub-ambiti'"]
WITH_INVITE = {
    "confirmed": lambda: owed(confirmed()),
    "promoted": lambda: owed(promoted()),
    "resend": lambda: owed(resend(), confirmed()),
    "cancelled": lambda: owed(cancelled(), confirmed()),
    "rescheduled": lambda: to_participant("rescheduled", changes=MOVED),
    "programme_changed": lambda: to_participant("programme_changed", changes=MOVED[1:]),
}
WITHOUT_INVITE = {
    "pending": lambda: owed(pending()),
    "waitlisted": lambda: owed(waitlisted()),
    "offered": lambda: owed(offered()),
    "cancelled_waitlisted": lambda: owed(cancelled(held_seat=False), waitlisted()),
    "lapsed": lambda: owed(cancelled("lapsed"), waitlisted(), offered()),
    "mode_changed": lambda: owed(mode_changed()),
    "reminder": lambda: to_participant("reminder"),
    "still_coming": lambda: to_participant("still_coming"),
    "thanks": lambda: to_participant("thanks"),
}
EVERY_KIND = {**WITH_INVITE, **WITHOUT_INVITE}


@pytest.mark.parametrize("kind", WITH_INVITE)
def test_compose_with_invite_mime_tree_is_mixed_of_alternative_and_ics(make_snapshot, kind):
    delivery = WITH_INVITE[kind]()

    message = sent(delivery, make_snapshot())

    assert [p.get_content_type() for p in message.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
        "application/ics",
    ]


@pytest.mark.parametrize("kind", WITHOUT_INVITE)
def test_compose_without_invite_mime_tree_is_text_and_html(make_snapshot, kind):
    delivery = WITHOUT_INVITE[kind]()

    message = sent(delivery, make_snapshot())

    assert [p.get_content_type() for p in message.walk()] == [
        "multipart/alternative",
        "text/plain",
        "text/html",
    ]


def test_compose_confirmation_alternative_is_first_part_of_mixed(make_snapshot):
    delivery, snapshot = owed(confirmed()), make_snapshot()

    message = sent(delivery, snapshot)

    assert [p.get_content_type() for p in message.iter_parts()] == [
        "multipart/alternative",
        "application/ics",
    ]


@pytest.mark.parametrize(
    ("kind", "method"),
    [
        ("confirmed", "REQUEST"),
        ("promoted", "REQUEST"),
        ("resend", "REQUEST"),
        ("cancelled", "CANCEL"),
        ("rescheduled", "REQUEST"),
        ("programme_changed", "REQUEST"),
    ],
)
def test_compose_calendar_part_method_matches_calendar_method(make_snapshot, kind, method):
    delivery = WITH_INVITE[kind]()

    calendar_part = part(sent(delivery, make_snapshot()), "text/calendar")

    inside = Calendar.from_ical(calendar_part.get_content())
    assert (calendar_part.get_param("method"), str(inside["METHOD"])) == (method, method)


@pytest.mark.parametrize(
    ("kind", "filename"),
    [("confirmed", "invito.ics"), ("cancelled", "annullamento.ics")],
)
def test_compose_ics_attachment_is_the_same_invite_as_the_calendar_part(
    make_snapshot, kind, filename
):
    message = sent(WITH_INVITE[kind](), make_snapshot())

    inline = Calendar.from_ical(part(message, "text/calendar").get_content())
    attachment = part(message, "application/ics")

    assert (attachment.get_filename(), Calendar.from_ical(attachment.get_content())) == (
        filename,
        inline,
    )


def test_compose_confirmation_invite_is_for_the_recipient(make_snapshot):
    delivery, snapshot = owed(confirmed()), make_snapshot()

    event = vevent(sent(delivery, snapshot))

    assert (str(event["UID"]), str(event["ATTENDEE"]), event.decoded("SEQUENCE")) == (
        invite_uid(snapshot.id, PERSON.email, DOMAIN),
        f"mailto:{PERSON.email}",
        snapshot.calendar_sequence,
    )


def test_compose_cancel_withdraws_the_same_uid_with_a_higher_sequence(make_snapshot):
    snapshot = make_snapshot()
    request = vevent(sent(owed(confirmed()), snapshot))

    cancel = vevent(sent(owed(cancelled(), confirmed()), snapshot))

    assert (str(cancel["UID"]), cancel.decoded("SEQUENCE"), str(cancel["STATUS"])) == (
        str(request["UID"]),
        request.decoded("SEQUENCE") + 1,
        "CANCELLED",
    )


def test_compose_invite_after_registering_again_is_newer_than_the_withdrawal(make_snapshot):
    snapshot = make_snapshot(calendar_sequence=2)
    withdrawal = vevent(sent(owed(cancelled(), confirmed()), snapshot))

    again = vevent(sent(owed(confirmed(renewal=1)), snapshot))

    assert (withdrawal.decoded("SEQUENCE"), again.decoded("SEQUENCE")) == (3, 4)
    assert str(again["STATUS"]) == "CONFIRMED"


@pytest.mark.parametrize(
    ("told", "before"),
    [(confirmed, ()), (promoted, ()), (resend, (confirmed,))],
    ids=["confirmed", "promoted", "resend"],
)
def test_compose_confirmation_gives_the_ticket_code_in_text_and_html(make_snapshot, told, before):
    code = "7KQ4-M2XD-P"
    delivery = owed(told(ticket_code=code), *(f(ticket_code=code) for f in before))

    message = sent(delivery, make_snapshot())

    assert f"Codice del biglietto: {code}" in text(message)
    assert f">{code}</strong>" in html(message)


@pytest.mark.parametrize(
    "delivery",
    [
        lambda: owed(confirmed(mode="online", ticket_code="7KQ4-M2XD-P")),
        lambda: owed(confirmed()),  # a fact from before short codes
        lambda: owed(waitlisted(ticket_code="7KQ4-M2XD-P")),
    ],
    ids=["online", "old-fact", "waitlisted"],
)
def test_compose_says_no_ticket_code_without_one_for_the_door(make_snapshot, delivery):
    message = sent(delivery(), make_snapshot())

    assert "Codice del biglietto" not in text(message) + html(message)


def test_compose_promoted_invite_has_the_same_uid_as_a_confirmation(make_snapshot):
    snapshot = make_snapshot()

    uids = {str(vevent(sent(owed(f()), snapshot))["UID"]) for f in (confirmed, promoted)}

    assert uids == {invite_uid(snapshot.id, PERSON.email, DOMAIN)}


@pytest.mark.parametrize(
    ("kind", "language", "subject"),
    [
        ("pending", "it", "Conferma il tuo indirizzo email: Città più unita"),
        ("pending", "en", "Confirm your email address: Città più unita"),
        ("confirmed", "it", "Iscrizione confermata: Città più unita"),
        ("confirmed", "en", "Registration confirmed: Città più unita"),
        ("promoted", "it", "Posto libero, iscrizione confermata: Città più unita"),
        ("promoted", "en", "A seat came free, registration confirmed: Città più unita"),
        ("resend", "it", "Iscrizione confermata: Città più unita"),
        ("resend", "en", "Registration confirmed: Città più unita"),
        ("waitlisted", "it", "Sei in lista d'attesa: Città più unita"),
        ("waitlisted", "en", "You are on the waiting list: Città più unita"),
        ("offered", "it", "C'è un posto per te, accettalo: Città più unita"),
        ("offered", "en", "A seat is held for you: Città più unita"),
        ("cancelled", "it", "Iscrizione annullata: Città più unita"),
        ("cancelled", "en", "Registration cancelled: Città più unita"),
        ("lapsed", "it", "Offerta del posto scaduta: Città più unita"),
        ("lapsed", "en", "Seat offer lapsed: Città più unita"),
        ("mode_changed", "it", "Modalità di partecipazione cambiata: Città più unita"),
        ("mode_changed", "en", "Attendance mode changed: Città più unita"),
        ("rescheduled", "it", "Evento modificato: Città più unita"),
        ("rescheduled", "en", "Event changed: Città più unita"),
        ("programme_changed", "it", "Programma aggiornato: Città più unita"),
        ("programme_changed", "en", "Programme updated: Città più unita"),
        ("reminder", "it", "Promemoria: Città più unita"),
        ("reminder", "en", "Reminder: Città più unita"),
        ("still_coming", "it", "Partecipi ancora? Città più unita"),
        ("still_coming", "en", "Are you still coming? Città più unita"),
        ("thanks", "it", "Grazie per aver partecipato: Città più unita"),
        ("thanks", "en", "Thank you for attending: Città più unita"),
    ],
)
def test_compose_subject_is_in_the_recipient_language(make_snapshot, kind, language, subject):
    delivery = EVERY_KIND[kind]()
    delivery.language = language

    message = sent(delivery, make_snapshot(title="Città più unita"))

    assert message["Subject"] == subject


@pytest.mark.parametrize("kind", EVERY_KIND)
@pytest.mark.parametrize(("language", "greeting"), [("it", "Gentile"), ("en", "Dear")])
def test_compose_every_kind_greets_in_the_recipient_language(
    make_snapshot, kind, language, greeting
):
    delivery = EVERY_KIND[kind]()
    delivery.language = language

    message = sent(delivery, make_snapshot())

    assert text(message).splitlines()[0] == f"{greeting} Maria Rossi,"
    assert f'<html lang="{language}">' in html(message)
    assert f"<p>{greeting} Maria Rossi,</p>" in html(message)


def test_compose_confirmation_italian_text_is_in_italian(make_snapshot):
    delivery, snapshot = owed(confirmed(language="it")), make_snapshot()

    lines = text(sent(delivery, snapshot)).splitlines()

    assert (lines[:3], [line for line in lines if line.startswith("Quando:")]) == (
        ["Gentile Maria Rossi,", "", "la tua iscrizione è confermata."],
        ["Quando: lunedì 30 novembre 2026, 09:00-13:00"],
    )


def test_compose_confirmation_english_text_is_in_english(make_snapshot):
    delivery, snapshot = owed(confirmed(language="en")), make_snapshot()

    lines = text(sent(delivery, snapshot)).splitlines()

    assert (lines[:3], [line for line in lines if line.startswith("When:")]) == (
        ["Dear Maria Rossi,", "", "your registration is confirmed."],
        ["When: Monday 30 November 2026, 09:00-13:00"],
    )


def test_compose_confirmation_text_lists_the_programme(make_snapshot):
    delivery, snapshot = owed(confirmed()), make_snapshot()

    lines = text(sent(delivery, snapshot)).splitlines()

    start = lines.index("Programma:") + 1
    assert lines[start : start + 5] == [
        "09:00 Introduzione - Giovanni Rossoni",
        "09:30 Prima sessione",
        "  09:30 I sub-ambiti - Anna Bianchi, Luca Verdi",
        "  Dibattito",
        "12:30 Conclusioni",
    ]


@pytest.mark.parametrize(
    "kind",
    [
        "confirmed",
        "promoted",
        "resend",
        "waitlisted",
        "offered",
        "rescheduled",
        "programme_changed",
        "reminder",
        "still_coming",
    ],
)
@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("it", f"Per gestire o annullare la tua iscrizione: {MANAGE_URL}"),
        ("en", f"To manage or cancel your registration: {MANAGE_URL}"),
    ],
)
def test_compose_links_the_manage_page(make_snapshot, kind, language, sentence):
    delivery = EVERY_KIND[kind]()
    delivery.language = language

    message = sent(delivery, make_snapshot())

    assert sentence in text(message).splitlines()
    assert f'<a href="{MANAGE_URL}">' in html(message)


def test_compose_cancelled_has_no_manage_link(make_snapshot):
    delivery = owed(cancelled(), confirmed())

    message = sent(delivery, make_snapshot())

    assert (MANAGE_URL in text(message), MANAGE_URL in html(message)) == (False, False)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("it", "conferma il tuo indirizzo email entro martedì 24 novembre 2026 alle 11:00"),
        ("en", "confirm your email address by Tuesday 24 November 2026 at 11:00"),
    ],
)
def test_compose_pending_asks_to_confirm_by_the_deadline_with_the_link(
    make_snapshot, language, sentence
):
    delivery = owed(pending(language=language))

    message = sent(delivery, make_snapshot())

    assert sentence in text(message)
    assert CONFIRM_URL in text(message).splitlines()
    assert f'<a href="{CONFIRM_URL}"' in html(message)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("it", "sei in lista d'attesa, al posto n. 4."),
        ("en", "you are on the waiting list, in position 4."),
    ],
)
def test_compose_waitlisted_says_the_position(make_snapshot, language, sentence):
    delivery = owed(waitlisted(language=language))

    lines = text(sent(delivery, make_snapshot())).splitlines()

    assert lines[2].endswith(sentence)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("it", "lo teniamo per te fino a martedì 24 novembre 2026 alle 11:00."),
        ("en", "it is held for you until Tuesday 24 November 2026 at 11:00."),
    ],
)
def test_compose_offered_holds_the_seat_until_the_deadline_in_the_event_timezone(
    make_snapshot, language, sentence
):
    delivery = owed(offered(language=language), waitlisted())

    message = sent(delivery, make_snapshot())

    assert text(message).splitlines()[2].endswith(sentence)
    assert ACCEPT_URL in text(message).splitlines()
    assert f'<a href="{ACCEPT_URL}"' in html(message)


@pytest.mark.parametrize(
    ("reason", "language", "sentence"),
    [
        ("by_person", "it", "la tua iscrizione è stata annullata, come hai chiesto."),
        ("by_person", "en", "your registration has been cancelled, as you asked."),
        ("by_organizer", "it", "l'organizzazione ha annullato la tua iscrizione."),
        ("by_organizer", "en", "the organizers have cancelled your registration."),
        ("expired", "it", "la tua iscrizione è scaduta: l'indirizzo email non è stato "),
        ("expired", "en", "your registration has expired: the email address was not "),
        ("lapsed", "it", "l'offerta del posto è scaduta: non è stata accettata in tempo "),
        ("lapsed", "en", "the offer lapsed: the seat was not accepted in time "),
        ("event_cancelled", "it", "l'organizzazione ha annullato l'evento, che non avrà luogo: "),
        ("event_cancelled", "en", "the organizers have called the event off: "),
    ],
)
def test_compose_cancelled_says_why(make_snapshot, reason, language, sentence):
    delivery = owed(cancelled(reason, language=language), confirmed())

    lines = text(sent(delivery, make_snapshot())).splitlines()

    assert lines[2].startswith(sentence)


@pytest.mark.parametrize(
    ("before", "reason", "withdraws"),
    [
        ((confirmed,), "by_person", True),
        ((confirmed,), "event_cancelled", True),
        ((waitlisted, promoted), "by_organizer", True),
        ((pending,), "expired", False),  # held a seat, never had an invite
        ((waitlisted, offered), "lapsed", False),  # held a seat, never had an invite
        ((pending,), "by_person", False),
    ],
)
def test_compose_cancelled_withdraws_only_an_invite_that_was_sent(
    make_snapshot, before, reason, withdraws
):
    delivery = owed(cancelled(reason, held_seat=True), *[f() for f in before])

    message = sent(delivery, make_snapshot())

    calendars = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == (1 if withdraws else 0)


def test_compose_resend_repeats_the_confirmation_saying_so(make_snapshot):
    delivery = owed(resend(), confirmed())

    lines = text(sent(delivery, make_snapshot())).splitlines()

    assert lines[:5] == [
        "Gentile Maria Rossi,",
        "",
        "come richiesto, ecco di nuovo la nostra email:",
        "",
        "la tua iscrizione è confermata.",
    ]


def test_compose_resend_has_its_own_message_id(make_snapshot):
    first, again = owed(confirmed()), owed(resend(), confirmed())

    ids = [sent(d, make_snapshot())["Message-ID"] for d in (first, again)]

    assert (ids[0] != ids[1], ids[1]) == (True, again.message_id)


def test_compose_resend_of_a_waitlisted_registration_repeats_the_waitlist_without_invite(
    make_snapshot,
):
    delivery = owed(resend(), waitlisted())

    message = sent(delivery, make_snapshot())

    assert message["Subject"].startswith("Sei in lista d'attesa")
    assert "text/calendar" not in [p.get_content_type() for p in message.walk()]


@pytest.mark.parametrize("kind", ["confirmed", "mode_changed"])
def test_compose_online_with_a_link_gives_the_link(make_snapshot, kind):
    delivery = owed(
        confirmed(mode="online") if kind == "confirmed" else mode_changed(mode="online")
    )

    message = sent(delivery, make_snapshot(attendance_mode="hybrid", online_url=ONLINE_URL))

    assert f"Partecipi online. Link per collegarti: {ONLINE_URL}" in text(message).splitlines()
    assert f'<a href="{ONLINE_URL}">' in html(message)


def test_compose_online_without_a_link_says_it_comes_before_the_event(make_snapshot):
    delivery = owed(confirmed(mode="online", language="en"))

    message = sent(delivery, make_snapshot(attendance_mode="hybrid"))

    sentence = "You attend online: the link to join will reach you before the event."
    assert sentence in text(message).splitlines()


@pytest.mark.parametrize("kind", ["confirmed", "waitlisted", "offered", "mode_changed"])
def test_compose_in_person_never_gets_the_online_link(make_snapshot, kind):
    delivery = EVERY_KIND[kind]()

    message = sent(delivery, make_snapshot(attendance_mode="hybrid", online_url=ONLINE_URL))

    assert (ONLINE_URL in text(message), ONLINE_URL in html(message)) == (False, False)


def test_compose_online_waitlisted_never_gets_the_online_link(make_snapshot):
    delivery = owed(waitlisted(mode="online"))

    message = sent(delivery, make_snapshot(attendance_mode="hybrid", online_url=ONLINE_URL))

    assert ONLINE_URL not in text(message)


def test_compose_html_escapes_the_title(make_snapshot):
    delivery, snapshot = owed(confirmed()), make_snapshot(title="Bilancio & <b>territorio</b>")

    page = html(sent(delivery, snapshot))

    assert "Bilancio &amp; &lt;b&gt;territorio&lt;/b&gt;" in page
    assert "<b>territorio</b>" not in page


def test_compose_message_id_is_the_delivery_one(make_snapshot):
    delivery, snapshot = owed(confirmed()), make_snapshot()

    message = sent(delivery, snapshot)

    assert message["Message-ID"] == delivery.message_id


def test_compose_addresses_sender_and_recipient(make_snapshot):
    person = PERSON.model_copy(update={"first_name": "Maria Grazia", "last_name": "D'Angelo"})
    delivery, snapshot = owed(confirmed(person=person)), make_snapshot()

    message = sent(delivery, snapshot)

    (to,) = message["To"].addresses
    (sender,) = message["From"].addresses
    assert (to.display_name, to.addr_spec, sender.addr_spec) == (
        "Maria Grazia D'Angelo",
        "maria.rossi@comune.crema.cr.it",
        "noreply@convegni.example.it",
    )


def test_compose_is_marked_auto_generated_and_dated(make_snapshot):
    delivery, snapshot = owed(confirmed()), make_snapshot()

    message = sent(delivery, snapshot)

    assert (message["Auto-Submitted"], message["Date"].datetime) == ("auto-generated", NOW)


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_compose_headers_stay_on_one_line_whatever_title_and_name(make_snapshot, kind):
    delivery = EVERY_KIND[kind]()
    delivery.recipient_name = "Maria\r\nBcc: someone@example.com\nRossi"
    snapshot = make_snapshot(title="Welfare locale:\nl'Area Omogenea\r\nBcc: x@example.com")

    message = sent(delivery, snapshot)

    assert [name for name, value in message.items() if "\n" in str(value)] == []
    assert (message["Bcc"], message["To"].addresses[0].addr_spec) == (None, PERSON.email)
    assert message["Subject"].endswith("Welfare locale: l'Area Omogenea Bcc: x@example.com")


def test_compose_unknown_kind_refuses(make_snapshot):
    delivery = owed(confirmed())
    delivery.kind = "horoscope"

    with pytest.raises(KeyError):
        sent(delivery, make_snapshot())


@pytest.mark.parametrize(
    ("told", "key"),
    [
        (pending, f"{REGISTRATION_ID}/pending"),
        (confirmed, f"{REGISTRATION_ID}/confirmed"),
        (promoted, f"{REGISTRATION_ID}/promoted"),
        (resend, f"{REGISTRATION_ID}/confirmation_requested/a1b2"),
        (waitlisted, f"{REGISTRATION_ID}/waitlisted"),
        (offered, f"{REGISTRATION_ID}/offered/2"),
        (cancelled, f"{REGISTRATION_ID}/cancelled"),
        (mode_changed, f"{REGISTRATION_ID}/mode_changed/1"),
    ],
)
def test_owed_mail_key_is_registration_kind_and_number(told, key):
    delivery = owed(told())

    assert delivery.key == key


def test_owed_mail_checked_in_is_not_mailed():
    told = fact(RegistrationCheckedInV1)

    assert owed_mail(told) is None


def test_owed_mail_erased_person_is_not_mailed():
    told = confirmed(person=None)

    assert owed_mail(told) is None


def test_owed_mail_payload_keeps_links_and_leaves_the_person_out():
    mail = owed_mail(offered(mode="online"))

    assert mail is not None
    assert mail.payload == {
        "mode": "online",
        "manage_url": MANAGE_URL,
        "accept_url": ACCEPT_URL,
        "offer_expires_at": "2026-11-24T10:00:00Z",
        "offer": 2,
    }


@pytest.mark.parametrize(
    ("before", "subject", "link"),
    [
        ((pending,), "Conferma il tuo indirizzo email: ", CONFIRM_URL),
        ((waitlisted, offered), "C'è un posto per te, accettalo: ", ACCEPT_URL),
        ((waitlisted, offered, promoted), "Posto libero, iscrizione confermata: ", MANAGE_URL),
    ],
)
def test_compose_resend_repeats_where_the_registration_stands(make_snapshot, before, subject, link):
    delivery = owed(resend(), *[f() for f in before])

    message = sent(delivery, make_snapshot())

    assert message["Subject"].startswith(subject)
    assert link in text(message).split()


def test_compose_rescheduled_invite_has_the_confirmation_uid_and_the_event_sequence(
    make_snapshot,
):
    before, after = make_snapshot(calendar_sequence=2), make_snapshot(calendar_sequence=3)
    confirmation = vevent(sent(owed(confirmed()), before))

    update = vevent(sent(to_participant("rescheduled", changes=MOVED), after))

    assert (str(update["UID"]), update.decoded("SEQUENCE"), str(update["STATUS"])) == (
        str(confirmation["UID"]),
        confirmation.decoded("SEQUENCE") + 1,
        "CONFIRMED",
    )


@pytest.mark.parametrize("kind", ["rescheduled", "programme_changed"])
def test_compose_event_news_lists_what_changed_in_text_and_html(make_snapshot, kind):
    delivery = to_participant(kind, changes=MOVED)

    message = sent(delivery, make_snapshot())

    lines = text(message).splitlines()
    assert [line for line in lines if line.startswith("- ")] == [f"- {c}" for c in MOVED]
    assert "<li>inizio 09:00 -&gt; 09:30</li>" in html(message)


def test_compose_programme_changed_shows_the_latest_programme(make_snapshot):
    delivery = to_participant("programme_changed", changes=MOVED[1:])

    lines = text(sent(delivery, make_snapshot())).splitlines()

    assert lines[lines.index("Programma:") + 1] == "09:00 Introduzione - Giovanni Rossoni"


def test_compose_programme_note_invite_keeps_the_sequence_with_a_newer_stamp(make_snapshot):
    confirmation = vevent(sent(owed(confirmed()), make_snapshot()))
    later = NOW + timedelta(days=1)
    note = to_participant("programme_changed", changes=MOVED[1:])

    event = vevent(sent(note, make_snapshot(), now=later))

    assert (event.decoded("SEQUENCE"), str(event["UID"])) == (
        confirmation.decoded("SEQUENCE"),
        str(confirmation["UID"]),
    )
    assert event.decoded("DTSTAMP") > confirmation.decoded("DTSTAMP")
    assert "09:00 Introduzione - Giovanni Rossoni" in str(event["DESCRIPTION"])


@pytest.mark.parametrize(
    ("kind", "alarms"), [("confirmed", 1), ("rescheduled", 1), ("cancelled", 0)]
)
def test_compose_request_invites_carry_an_alarm_and_cancel_none(make_snapshot, kind, alarms):
    delivery = WITH_INVITE[kind]()

    event = vevent(sent(delivery, make_snapshot()))

    assert len(event.walk("VALARM")) == alarms


def test_compose_reminder_lists_the_latest_programme_and_links_the_manage_page(make_snapshot):
    delivery = to_participant("reminder")

    lines = text(sent(delivery, make_snapshot(title="Nuovo titolo"))).splitlines()

    assert lines[2:5] == ["ti ricordiamo l'evento per cui hai un posto:", "", "Nuovo titolo"]
    assert lines[lines.index("Programma:") + 1] == "09:00 Introduzione - Giovanni Rossoni"
    assert f"Per gestire o annullare la tua iscrizione: {MANAGE_URL}" in lines


@pytest.mark.parametrize(("mode", "shown"), [("online", True), ("in_person", False)])
def test_compose_reminder_gives_the_online_link_only_to_online_participants(
    make_snapshot, mode, shown
):
    delivery = to_participant("reminder", mode=mode)

    message = sent(delivery, make_snapshot(attendance_mode="hybrid", online_url=ONLINE_URL))

    assert (ONLINE_URL in text(message), ONLINE_URL in html(message)) == (shown, shown)


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("it", f"Annulla l'iscrizione: {MANAGE_URL}/cancel"),
        ("en", f"Cancel your registration: {MANAGE_URL}/cancel"),
    ],
)
def test_compose_still_coming_links_the_cancel_page(make_snapshot, language, line):
    delivery = to_participant("still_coming")
    delivery.language = language

    message = sent(delivery, make_snapshot())

    assert line in text(message).splitlines()
    assert f'<a href="{MANAGE_URL}/cancel"' in html(message)


def test_compose_thanks_has_no_manage_link(make_snapshot):
    delivery = to_participant("thanks")

    message = sent(delivery, make_snapshot())

    assert text(message).splitlines()[2].startswith("grazie per aver partecipato a ")
    assert (MANAGE_URL in text(message), MANAGE_URL in html(message)) == (False, False)


def test_compose_long_title_subject_is_folded_and_reads_back_whole(make_snapshot):
    title = ("Coordinare le politiche sociali: città più unite " * 11)[:500].strip()
    delivery = owed(confirmed())

    message = compose(
        letter_of(delivery),
        make_snapshot(title=title),
        mail_from=MAIL_FROM,
        organizer_email=ORGANIZER_EMAIL,
        domain=DOMAIN,
        now=NOW,
    )

    raw = message.as_bytes()
    head = raw.split(b"\n\n", 1)[0]
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert max(len(line) for line in head.splitlines()) <= 78
    assert parsed["Subject"] == f"Iscrizione confermata: {title}"


@pytest.mark.parametrize(
    "title",
    [
        "Welfare di territorio: il ruolo dei Sindaci",  # the subject fits after "Subject: "
        "Welfare di territorio: il ruolo dei Sindaci oggi",  # it fits only a line of its own
        "Welfare di territorio: il ruolo dei Sindaci nei sub-ambiti cremaschi",  # neither
        "Città più unita: è il welfare dei Comuni, perché sì, e più ancora " * 3,
        "Una-parola-lunghissima-senza-spazi-che-non-si-piega-" * 4,
    ],
)
def test_compose_subject_reads_back_whole_whatever_its_length(make_snapshot, title):
    title = title.strip()

    message = sent(owed(confirmed()), make_snapshot(title=title))

    assert message["Subject"] == f"Iscrizione confermata: {title}"


@pytest.mark.parametrize(
    "name",
    [
        "<b>Mario</b> Rossi",
        '<b>Mario</b> "Rossi", Jr. <b>Mario</b> "Rossi", Jr. <b>Mario</b> "Rossi"',
        "Niccolò Àlvarez",
        "Maria Grazia Angela Francesca D'Angelo de Rossi Bianchi Ferrari Colombo",
    ],
)
def test_compose_recipient_reads_back_as_one_address_with_the_name(make_snapshot, name):
    delivery = owed(confirmed())
    delivery.recipient_name = name

    message = sent(delivery, make_snapshot())

    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == (name, PERSON.email)


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_compose_markup_in_a_name_is_text(make_snapshot, kind):
    delivery = EVERY_KIND[kind]()
    delivery.recipient_name = "<b>Mario</b> Rossi"

    message = sent(delivery, make_snapshot())

    assert text(message).splitlines()[0] == "Gentile <b>Mario</b> Rossi,"
    assert "<p>Gentile &lt;b&gt;Mario&lt;/b&gt; Rossi,</p>" in html(message)
    assert "<b>Mario</b>" not in html(message)


# Domain rules: who is registered, what is scheduled, who hears of a change.


def participant_after(*facts: RegistrationFact) -> Registrant:
    """The participant as the facts, in this order, leave it."""
    row: Registrant | None = None
    for heard in facts:
        row = apply_fact(row, heard) or row
    assert row is not None
    return row


def at(minutes: int) -> datetime:
    return NOW + timedelta(minutes=minutes)


def test_participant_confirmed_holds_a_seat_since_the_fact():
    row = participant_after(confirmed(event_revision=4, mode="online"))

    assert (row.status, row.confirmed_at, row.confirmed_revision, row.mode, row.email) == (
        "confirmed",
        NOW,
        4,
        "online",
        PERSON.email,
    )


def test_participant_older_fact_changes_nothing():
    row = participant_after(confirmed(), cancelled(at=at(5)))

    assert apply_fact(row, confirmed(at=at(1))) is None
    assert row.status == "cancelled"


def test_participant_mode_change_keeps_the_seat_since_the_confirmation():
    row = participant_after(confirmed(), mode_changed(at=at(5), mode="online"))

    assert (row.status, row.confirmed_at, row.mode) == ("confirmed", NOW, "online")


def test_participant_registered_again_after_cancelling_holds_a_new_seat():
    row = participant_after(confirmed(), cancelled(at=at(5)), confirmed(at=at(9), renewal=1))

    assert (row.status, row.renewal, row.confirmed_at) == ("confirmed", 1, at(9))


def test_participant_erased_is_no_longer_written_to():
    row = participant_after(confirmed(), fact(RegistrationCheckedInV1, person=None, at=at(5)))

    assert (row.email, row.name, holds_seat(row)) == ("", "", False)


def test_participant_promoted_after_waitlist_holds_a_seat():
    row = participant_after(waitlisted(), promoted(at=at(5)))

    assert (row.status, row.confirmed_at) == ("confirmed", at(5))


def test_schedule_due_times_follow_the_organizer_settings(make_snapshot):
    snapshot = make_snapshot(reminder_hours_before=2.0, still_coming_days_before=3.0)

    due = due_times(snapshot)

    assert due == {
        "still_coming": STARTS_AT - timedelta(days=3),
        "reminder": STARTS_AT - timedelta(hours=2),
        "thanks": snapshot.ends_at,
    }


def test_schedule_switched_off_kinds_are_not_due(make_snapshot):
    snapshot = make_snapshot(reminder_hours_before=None, thanks_after=False)

    assert due_times(snapshot) == {}


def test_schedule_plan_keys_each_email_by_the_event_start(make_snapshot):
    participant = participant_after(confirmed())

    planned = plan(make_snapshot(), participant, NOW)

    assert {kind: p.key for kind, p in planned.items()} == {
        "reminder": f"{REGISTRATION_ID}/reminder/2026-11-30T08:00:00+00:00",
        "thanks": f"{REGISTRATION_ID}/thanks/2026-11-30T08:00:00+00:00",
    }


def test_schedule_plan_owes_a_late_registrant_no_reminder_but_thanks(make_snapshot):
    participant = participant_after(confirmed(at=STARTS_AT - timedelta(hours=2)))

    planned = plan(make_snapshot(), participant, STARTS_AT - timedelta(hours=2))

    assert sorted(planned) == ["thanks"]


@pytest.mark.parametrize(
    ("changes", "facts"),
    [
        ({"status": "cancelled"}, (confirmed,)),
        ({}, (waitlisted,)),
        ({}, (confirmed, lambda: cancelled(at=at(5)))),
    ],
)
def test_schedule_plan_owes_nothing_to_a_cancelled_event_or_seat(make_snapshot, changes, facts):
    participant = participant_after(*[f() for f in facts])

    assert plan(make_snapshot(**changes), participant, NOW) == {}


def test_schedule_plan_nothing_once_too_late(make_snapshot):
    participant, snapshot = participant_after(confirmed()), make_snapshot()

    planned = plan(snapshot, participant, snapshot.ends_at + THANKS_WITHIN)

    assert planned == {}


def test_schedule_settle_creates_a_pending_row(make_snapshot):
    participant = participant_after(confirmed())
    planned = plan(make_snapshot(), participant, NOW)["reminder"]

    row = settle(None, planned)

    assert row is not None
    assert (row.kind, row.key, row.due_at, row.status) == (
        "reminder",
        planned.key,
        planned.due_at,
        "pending",
    )


def test_schedule_settle_leaves_a_queued_row_of_the_same_start(make_snapshot):
    participant = participant_after(confirmed())
    planned = plan(make_snapshot(reminder_hours_before=1.0), participant, NOW)["reminder"]
    row = settle(None, planned)
    assert row is not None
    row = replace(row, status="queued")

    assert settle(row, planned) is None


def test_schedule_settle_moved_event_owes_a_fresh_email(make_snapshot):
    participant = participant_after(confirmed())
    first = plan(make_snapshot(), participant, NOW)["reminder"]
    row = settle(None, first)
    assert row is not None
    row = replace(row, status="queued")
    later = STARTS_AT + timedelta(minutes=30)
    moved = plan(make_snapshot(starts_at=later), participant, NOW)["reminder"]

    settled = settle(row, moved)

    assert settled is not None
    assert (settled.status, settled.due_at, settled.key != first.key) == (
        "pending",
        later - timedelta(hours=24),
        True,
    )


def test_schedule_settle_drops_a_pending_row_no_longer_planned(make_snapshot):
    participant = participant_after(confirmed())
    row = settle(None, plan(make_snapshot(), participant, NOW)["reminder"])

    settled = settle(row, None)

    assert settled is not None
    assert settled.status == "dropped"


def test_schedule_releasable_not_for_a_cancelled_registration(make_snapshot):
    snapshot, participant = make_snapshot(), participant_after(confirmed())
    row = settle(None, plan(snapshot, participant, NOW)["reminder"])
    assert row is not None
    gone = participant_after(confirmed(), cancelled(at=at(5)))

    assert (
        releasable(row, participant, snapshot, at(6)),
        releasable(row, gone, snapshot, at(6)),
    ) == (
        True,
        False,
    )


def test_schedule_releasable_not_for_a_reminder_after_the_start(make_snapshot):
    snapshot, participant = make_snapshot(), participant_after(confirmed())
    row = settle(None, plan(snapshot, participant, NOW)["reminder"])
    assert row is not None

    assert releasable(row, participant, snapshot, STARTS_AT) is False


STARTED_LATER = ChangeV1(code="start_moved", it="inizio 09:00 -> 09:30", en="start 09:00 -> 09:30")
SPEAKER_GONE = ChangeV1(code="speaker_removed", it="X rimosso da 'Y'", en="X removed from 'Y'")
FEWER_SEATS = ChangeV1(code="capacity_changed", it="posti 200 -> 150", en="seats 200 -> 150")
NEW_LINK = ChangeV1(code="online_link_changed", it="collegamento", en="link")


def updated(
    snapshot, *changes: ChangeV1, relevant: bool = False, notify: bool = True
) -> EventUpdatedV1:
    return EventUpdatedV1(
        event=snapshot, changes=changes, calendar_relevant=relevant, notify=notify
    )


@pytest.mark.parametrize(
    ("changes", "relevant", "notify", "kind"),
    [
        ((STARTED_LATER, SPEAKER_GONE), True, True, "rescheduled"),
        ((STARTED_LATER,), True, False, "rescheduled"),
        ((SPEAKER_GONE,), False, True, "programme_changed"),
        ((SPEAKER_GONE,), False, False, None),
        ((FEWER_SEATS,), False, True, None),
    ],
)
def test_update_kind_invite_for_time_or_place_note_for_programme(
    make_snapshot, changes, relevant, notify, kind
):
    fact = updated(make_snapshot(notify_programme_changes=notify), *changes, relevant=relevant)

    assert update_kind(fact) == kind


def test_update_kind_none_for_a_change_published_without_notice(make_snapshot):
    fact = updated(make_snapshot(), SPEAKER_GONE, notify=False)

    assert update_kind(fact) is None


def test_update_kind_of_a_fact_from_before_notify_is_announced(make_snapshot):
    data = updated(make_snapshot(), SPEAKER_GONE).model_dump(mode="json")
    del data["notify"]

    assert update_kind(EventUpdatedV1.model_validate(data)) == "programme_changed"


@pytest.mark.parametrize(
    ("language", "mode", "said"),
    [
        ("it", "in_person", ["inizio 09:00 -> 09:30", "X rimosso da 'Y'"]),
        ("en", "in_person", ["start 09:00 -> 09:30", "X removed from 'Y'"]),
        ("en", "online", ["start 09:00 -> 09:30", "X removed from 'Y'", "link"]),
    ],
)
def test_updates_told_in_the_language_without_the_organizer_business(language, mode, said):
    changes = (STARTED_LATER, FEWER_SEATS, SPEAKER_GONE, NEW_LINK)

    assert told(changes, language=language, mode=mode) == said


@pytest.mark.parametrize(("revision", "hears"), [(4, True), (3, False)])
def test_updates_heard_by_who_was_confirmed_at_an_earlier_revision(revision, hears):
    participant = participant_after(confirmed(event_revision=3))

    assert hears_of(participant, revision) is hears


@pytest.mark.parametrize(
    ("changes", "kind", "news"),
    [
        ((STARTED_LATER, FEWER_SEATS), "rescheduled", ["inizio 09:00 -> 09:30"]),
        ((FEWER_SEATS,), "rescheduled", []),  # the invite must move all the same
        ((NEW_LINK,), "programme_changed", None),  # nothing for someone in the room
    ],
)
def test_updates_news_for_a_participant(make_snapshot, changes, kind, news):
    participant = participant_after(confirmed(event_revision=3))

    said = news_for(participant, updated(make_snapshot(revision=4), *changes), kind)

    assert said == news
