"""A published programme becomes a confirmation email with a calendar invite."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from shared.ical import invite_uid
from tests.support.mail import calendar_part, invite, wait_for_mails
from tests.support.people import people
from tests.support.system import (
    conference,
    post_form,
    publish,
    register_url,
    running_stack,
    wait_until_registrable,
)

pytestmark = pytest.mark.e2e

ROME = ZoneInfo("Europe/Rome")


def test_registration_by_form_mails_one_invite_a_calendar_accepts(tmp_path):
    with running_stack(tmp_path) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        person = people(1)[0]

        page = post_form(register_url(stack, event["slug"]), person.form())
        [message] = wait_for_mails(stack.maildir, 1)

        assert page.status_code == 200
        assert "Iscrizione confermata" in page.text
        part = calendar_part(message)
        calendar = invite(message)
        [vevent] = calendar.walk("VEVENT")
        [vtimezone] = calendar.walk("VTIMEZONE")
        assert message.get_content_type() == "multipart/mixed"
        assert part.get_param("method") == "REQUEST" == str(calendar["METHOD"])
        assert str(vevent["UID"]) == invite_uid(event["id"], person.email, "convegni.localhost")
        assert int(vevent["SEQUENCE"]) == 0
        assert vevent.decoded("DTSTAMP").tzinfo is not None
        assert str(vevent["ORGANIZER"]).startswith("mailto:")
        assert str(vevent["ATTENDEE"]) == f"mailto:{person.email}"
        assert str(vtimezone["TZID"]) == "Europe/Rome"
        assert vevent["DTSTART"].params["TZID"] == "Europe/Rome"
        starts = datetime.fromisoformat(event["starts_at"]).astimezone(ROME)
        assert vevent.decoded("DTSTART") == starts
        assert vevent.decoded("DTSTART").strftime("%H:%M") == "09:00"
        assert vevent.decoded("DTEND") == datetime.fromisoformat(event["ends_at"]).astimezone(ROME)
        assert str(vevent["SUMMARY"]) == event["title"]
        assert str(vevent["LOCATION"]).startswith("Sala Pietro da Cemmo")
        attachments = [p.get_filename() for p in message.iter_attachments()]
        assert attachments == ["invito.ics"]


def test_invite_uid_differs_per_attendee_and_repeats_per_attendee(tmp_path):
    with running_stack(tmp_path) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        first, second = people(2)

        for person in (first, second):
            post_form(register_url(stack, event["slug"]), person.form())
        messages = wait_for_mails(stack.maildir, 2)

        uids = {
            str(message["To"].addresses[0].addr_spec): str(invite(message).walk("VEVENT")[0]["UID"])
            for message in messages
        }
        assert uids[first.email] != uids[second.email]
        assert uids[first.email] == invite_uid(
            event["id"], first.email.upper(), "convegni.localhost"
        )
