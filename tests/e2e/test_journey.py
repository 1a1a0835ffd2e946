"""A published programme becomes a confirmation email with a calendar invite; nothing a
registration's life puts in a link names the person's address."""

import base64
import html
import re
from datetime import datetime
from email.message import EmailMessage
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

import httpx
import pytest
from icalendar import Calendar

from shared.ical import invite_uid
from tests.forms.organizer import define_form
from tests.manage.pages import link, token_of
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
        assert "Richiesta ricevuta" in page.text
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


def encodings_of(text: str) -> set[str]:
    """`text` as it could hide in a link: itself, percent-encoded, base64 (standard and
    URL-safe, padded or not) and hex."""
    raw = text.encode()
    base64s = {base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode()}
    return {
        text,
        quote(text, safe=""),
        raw.hex(),
        *base64s,
        *(b.rstrip("=") for b in base64s),
    }


def decoded_parts(link: str) -> list[str]:
    """Every piece of a link between separators, decoded as base64, base64url and hex where
    it decodes: what a careless encoder would have put there."""
    decoded = []
    for piece in re.split(r"[/?&=.:#;,|]+", unquote(link)):
        padded = piece + "=" * (-len(piece) % 4)
        for decode in (base64.b64decode, base64.urlsafe_b64decode, bytes.fromhex):
            try:
                decoded.append(decode(padded if decode is not bytes.fromhex else piece))
            except ValueError:
                continue
    return [value.decode("utf-8", errors="replace") for value in decoded]


def carries(link: str, address: str) -> bool:
    """Whether the address (or its normalized key) is in the link, in any of those forms."""
    spelled = {address, address.strip().lower()}
    hidden = {form for spelling in spelled for form in encodings_of(spelling)}
    plain = unquote(link)
    if any(form in link or form in plain or form.lower() in link.lower() for form in hidden):
        return True
    return any(
        spelling.lower() in part.lower() for part in decoded_parts(link) for spelling in spelled
    )


def links_of_page(page: str) -> list[str]:
    """Every address a page (or an HTML email) links, loads or posts to."""
    return [html.unescape(u) for u in re.findall(r'(?:href|src|action)="([^"]*)"', page)]


def links_of_mail(message: EmailMessage) -> list[str]:
    """Every address in an email's text parts (plain, HTML, the invite), written or linked."""
    texts = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    return [
        *(u for t in texts for u in re.findall(r"(?:https?|webcal)://[^\s<>\"']+", t)),
        *(u for t in texts for u in links_of_page(t)),
    ]


def links_of_calendar(ics: bytes) -> list[str]:
    return [str(vevent["URL"]) for vevent in Calendar.from_ical(ics).walk("VEVENT")]


def test_no_link_of_a_registrations_life_carries_the_address(tmp_path):
    """Register (double opt-in), confirm, open the personal page, the feed, the .ics and the
    data, cancel: no address visited or linked, in a page, an email or a calendar, names the
    person's address or its key, plainly or encoded."""
    address = "Maria.Rossi@Comune-Test.it"
    with running_stack(tmp_path, env={"RATE_LIMIT_PER_MINUTE": "0"}) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        define_form(stack, event["slug"], settings={"double_opt_in": True})
        seen: list[str] = []
        with httpx.Client(timeout=30, follow_redirects=True) as browser:
            form = browser.get(register_url(stack, event["slug"]))
            fields = {**people(1)[0].form(), "email": address}
            outcome = post_form(register_url(stack, event["slug"]), fields, browser)
            [pending] = wait_for_mails(stack.maildir, 1)
            [confirm_url] = {u for u in links_of_mail(pending) if "/confirm/" in u}
            asked = browser.get(confirm_url)
            confirmed = browser.post(confirm_url, data={"token": confirm_url.rsplit("/", 1)[1]})
            confirmation = wait_for_mails(stack.maildir, 2)[-1]
            [manage_url] = {u for u in links_of_mail(confirmation) if "/r/" in u}
            manage = browser.get(manage_url)
            feed = browser.get(link(manage.text, "feed-https"))
            ics = browser.get(f"{manage_url}/event.ics")
            data = browser.get(f"{manage_url}/data.json")
            cancel_page = browser.get(f"{manage_url}/cancel")
            cancelled = browser.post(f"{manage_url}/cancel", data={"token": token_of(manage_url)})
            withdrawal = wait_for_mails(stack.maildir, 3)[-1]
            pages = [form, outcome, asked, confirmed, manage, cancel_page, cancelled]
            for answer in [*pages, feed, ics, data]:
                seen += [str(step.url) for step in (*answer.history, answer)]
            seen += [u for answer in pages for u in links_of_page(answer.text)]
            seen += [u for mail in (pending, confirmation, withdrawal) for u in links_of_mail(mail)]
            seen += links_of_calendar(feed.content) + links_of_calendar(ics.content)

        assert [a.status_code for a in (*pages, feed, ics, data)] == [200] * 10
        assert address.lower() in data.text  # the person's own data: there it belongs
        assert {confirm_url, manage_url, str(feed.url)} <= set(seen)
        assert [u for u in seen if carries(u, address)] == []
