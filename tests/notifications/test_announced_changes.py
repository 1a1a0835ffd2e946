"""Changes announced on purpose (issue 14, acceptance 3): an organizer edits a published event
three times in the console and publishes the edits together: each registrant gets exactly one
email, listing what the review page said it would. Published without notice: no email, though
every copy of the event moves on."""

import re
import uuid
from collections.abc import Iterator
from email.message import EmailMessage

import httpx
import pytest

from devstack.mailsink.store import read_messages
from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.console.browserless import Console, Organization, form_on, new_member
from tests.console.payloads import small_event
from tests.notifications.mailbox import (
    copy_revision,
    invite_facts,
    mails_to,
    notifications_db,
    register,
    text,
    wait_for_mails_to,
)
from tests.support.mail import invite
from tests.support.people import Person, people
from tests.support.reading import said
from tests.support.system import organizer_headers, publish, wait_until_registrable

pytestmark = pytest.mark.e2e

DEMO = Organization(slug="area-omogenea-cremasca", name="area-omogenea-cremasca")
UPDATES = ("rescheduled", "programme_changed")


@pytest.fixture(scope="module")
def console(stack) -> Iterator[Console]:
    """An editor of the demo organization, logged in to the console."""
    organizer_headers(stack)  # the demo organization exists from its first token
    browser = Console(stack)
    assert browser.log_in(new_member(stack, DEMO, "editor")).status_code == 303
    yield browser
    browser.close()


def update_deliveries(stack: Stack, event_id: str) -> list[tuple[str, str, str]]:
    """(recipient, kind, status) of every email about a change to the event."""
    return notifications_db(
        stack,
        "SELECT recipient_email, kind, status FROM delivery WHERE event_id = ? AND kind IN (?, ?)",
        event_id,
        *UPDATES,
    )


def registered_event(stack: Stack, languages: list[str]) -> tuple[dict, list[Person]]:
    """A published event and one confirmed registrant per language, each with their
    confirmation in the sink."""
    event = publish(stack, small_event(f"annunci {uuid.uuid4().hex[:6]}"))
    wait_until_registrable(stack, event["slug"])
    registrants = people(len(languages), tag=f"annunci-{uuid.uuid4().hex[:6]}")
    for person, language in zip(registrants, languages, strict=True):
        assert register(stack, event["slug"], person, language=language).status_code == 201
    for person in registrants:
        wait_for_mails_to(stack, person, 1)
    return event, registrants


def told_lines(page: str, language: str) -> list[str]:
    found = re.search(rf'<ul lang="{language}" class="told"[^>]*>(.*?)</ul>', page, re.S)
    assert found, f"no {language} lines on the review page"
    return [said(line) for line in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)]


def listed(message: EmailMessage) -> list[str]:
    return [line[2:] for line in text(message).splitlines() if line.startswith("- ")]


def publish_changes(console: Console, event_url: str, notify: str) -> str:
    """Open the review page, press one of its publish buttons; the page as it was read."""
    review = f"{event_url}/changes"
    page = console.get(review).text
    answer = console.post(
        f"{review}/publish", {**form_on(page, f"{review}/publish"), "notify": notify}
    )
    assert answer.status_code == 303, answer.text
    return page


def all_sent(stack: Stack, event_id: str, count: int) -> list[tuple[str, str, str]]:
    """The event's update emails, once there are `count` of them and every one is sent."""
    return wait_until(
        lambda: (
            len(rows := update_deliveries(stack, event_id)) >= count
            and all(status == "sent" for _, _, status in rows)
            and rows
        ),
        timeout=90,
        what=f"{count} update emails sent for {event_id}",
    )


def test_three_edits_published_together_mail_each_registrant_once_as_previewed(stack, console):
    event, registrants = registered_event(stack, ["it", "it", "en"])
    event_url = f"/console/{DEMO.slug}/events/{event['id']}"
    [item] = event["programme"]
    item_edit = f"{event_url}/programme/{item['id']}/edit"
    before = {
        p.email: invite_facts(mails_to(read_messages(stack.maildir), p)[0]) for p in registrants
    }

    console.submit(f"{event_url}/edit", f"{event_url}/edit", start_time="08:45")
    console.submit(item_edit, item_edit, speaker_1="")
    console.submit(f"{event_url}/edit", f"{event_url}/edit", subtitle="Seconda edizione")
    page = publish_changes(console, event_url, "yes")
    rows = all_sent(stack, event["id"], len(registrants))
    messages = read_messages(stack.maildir)

    preview = {language: told_lines(page, language) for language in ("it", "en")}
    assert len(preview["it"]) == 3
    assert sorted(rows) == sorted((p.email, "rescheduled", "sent") for p in registrants)
    for person, language in zip(registrants, ["it", "it", "en"], strict=True):
        [_, update] = mails_to(messages, person)
        assert listed(update) == preview[language]
        _, uid, sequence, _ = before[person.email]
        assert invite_facts(update) == ("REQUEST", uid, sequence + 1, "CONFIRMED")


def test_published_without_notice_mails_no_one_and_every_copy_moves_on(stack, console):
    event, registrants = registered_event(stack, ["it", "en"])
    event_url = f"/console/{DEMO.slug}/events/{event['id']}"

    console.submit(f"{event_url}/edit", f"{event_url}/edit", subtitle="Refuso corretto")
    console.submit(f"{event_url}/edit", f"{event_url}/edit", description="Ingresso libero.")
    publish_changes(console, event_url, "no")
    wait_until(
        lambda: copy_revision(stack, event["id"]) == 2,
        timeout=90,
        what="notifications' copy at revision 2",
    )
    public = httpx.get(f"{stack.url('events')}/events/{event['slug']}", timeout=30).text
    messages = read_messages(stack.maildir)

    assert "Refuso corretto" in said(public)
    assert update_deliveries(stack, event["id"]) == []
    assert [len(mails_to(messages, person)) for person in registrants] == [1, 1]


def test_programme_note_carries_the_invite_with_the_same_sequence_and_the_new_programme(
    stack, console
):
    event, [person] = registered_event(stack, ["it"])
    event_url = f"/console/{DEMO.slug}/events/{event['id']}"
    [item] = event["programme"]
    item_edit = f"{event_url}/programme/{item['id']}/edit"
    [confirmation] = mails_to(read_messages(stack.maildir), person)

    console.submit(item_edit, item_edit, title="Relazione introduttiva")
    publish_changes(console, event_url, "yes")
    all_sent(stack, event["id"], 1)
    [_, note] = mails_to(read_messages(stack.maildir), person)

    [entry] = invite(note).walk("VEVENT")
    [first] = invite(confirmation).walk("VEVENT")
    assert note["Subject"] == f"Programma aggiornato: {event['title']}"
    assert invite_facts(note) == invite_facts(confirmation)  # REQUEST, same UID and SEQUENCE
    assert entry.decoded("DTSTAMP") >= first.decoded("DTSTAMP")
    assert "Relazione introduttiva" in str(entry["DESCRIPTION"])
    assert "Relazione introduttiva" not in str(first["DESCRIPTION"])
