"""Materials of programme items, uploaded in the console: a file that is not a PDF, is
empty or is over the limit is refused with a message the clerk can act on and nothing is
kept; a PDF appears on the public page once the event is over, downloads as uploaded, with
the recording's link; participants are not mailed for it, and the thank-you email lists it."""

import re
from datetime import timedelta
from email.message import EmailMessage

import httpx
import pytest
from fpdf import FPDF

from devstack.mailsink.store import read_messages
from devstack.waiting import wait_until
from tests.console.browserless import csrf_on
from tests.console.conftest import UPLOAD_LIMIT
from tests.notifications.mailbox import register, soon_event
from tests.support.html import html_problems
from tests.support.people import people
from tests.support.system import publish, wait_until_registrable

pytestmark = pytest.mark.e2e

TITLE = "Slide: la co-programmazione nei sub-ambiti"


def slides() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=16)
    pdf.cell(text="Co-programmazione e sub-ambiti")
    return bytes(pdf.output())


def upload(console, item_page: str, filename: str, content: bytes, title: str = TITLE):
    page = console.get(item_page)
    files = {"file": (filename, content, "application/pdf")}
    data = {"csrf": csrf_on(page.text), "title": title}
    action = item_page.removesuffix("/edit") + "/materials"
    return console.http.post(action, data=data, files=files)


def ended_event(stack, organization) -> tuple[str, dict]:
    """A published event that ended an hour ago, with one item."""
    payload = soon_event(-timedelta(hours=3), timedelta(hours=2))
    event = publish(stack, payload, organization=organization.slug)
    return f"/console/{organization.slug}/events/{event['id']}", event


def public_page(stack, event: dict) -> str:
    return httpx.get(f"{stack.url('events')}/events/{event['slug']}", timeout=30).text


def test_a_pdf_is_listed_after_the_event_and_anything_else_is_refused(
    stack, logged_in, organization
):
    event_url, event = ended_event(stack, organization)
    (item,) = event["programme"]
    item_page = f"{event_url}/programme/{item['id']}/edit"

    not_pdf = upload(logged_in, item_page, "programma.docx", b"PK\x03\x04 not a pdf")
    disguised = upload(logged_in, item_page, "slide.pdf", b"<html>not a pdf</html>")
    empty = upload(logged_in, item_page, "slide.pdf", b"")
    too_big = upload(logged_in, item_page, "slide.pdf", b"%PDF-1.4\n" + b"0" * UPLOAD_LIMIT)
    before = public_page(stack, event)
    document = slides()
    added = upload(logged_in, item_page, "Slide co-programmazione.pdf", document)
    link = logged_in.http.post(
        item_page.removesuffix("/edit") + "/recording",
        data={"csrf": csrf_on(logged_in.get(item_page).text), "recording_url": "javascript:x"},
    )
    recorded = logged_in.http.post(
        item_page.removesuffix("/edit") + "/recording",
        data={
            "csrf": csrf_on(logged_in.get(item_page).text),
            "recording_url": "https://www.youtube.com/watch?v=convegno",
        },
    )
    edit = logged_in.get(item_page)
    after = wait_until(
        lambda: (
            TITLE in (page := public_page(stack, event)) and "Registrazione video" in page and page
        ),
        timeout=30,
        what="the materials on the public page",
    )

    for refused, says in (
        (not_pdf, "Si possono caricare solo file PDF"),
        (disguised, "Si possono caricare solo file PDF"),
        (empty, "Il file è vuoto"),
        (too_big, "Il file supera 2 MB"),
    ):
        assert refused.status_code == 422, refused.text[:200]
        assert says in refused.text
    assert TITLE not in before
    assert added.status_code == 303
    assert link.status_code == 422 and "deve essere un indirizzo web" in link.text
    assert recorded.status_code == 303
    assert TITLE in edit.text and html_problems(edit.text) == []
    (url,) = re.findall(r'href="([^"]*/materials/\d+)"', after)
    served = httpx.get(url, timeout=30)
    assert served.status_code == 200
    assert served.headers["content-type"] == "application/pdf"
    assert served.content == document
    assert 'filename="Slide co-programmazione.pdf"' in served.headers["content-disposition"]
    assert 'href="https://www.youtube.com/watch?v=convegno"' in after
    assert html_problems(after) == []


def test_a_document_far_over_the_limit_is_refused_before_it_is_read(stack, logged_in, organization):
    event_url, event = ended_event(stack, organization)
    (item,) = event["programme"]
    item_page = f"{event_url}/programme/{item['id']}/edit"

    answer = upload(logged_in, item_page, "video.pdf", b"%PDF-" + b"0" * (3 * UPLOAD_LIMIT))

    assert answer.status_code == 413
    assert "File troppo grande: al massimo 2 MB" in answer.text


def thanks_to(stack, address: str) -> list[EmailMessage]:
    return [
        message
        for message in read_messages(stack.maildir)
        if message["To"].addresses[0].addr_spec == address
        and str(message["Subject"]).startswith("Grazie per aver partecipato")
    ]


def test_the_thank_you_email_lists_the_materials_and_nobody_is_mailed_for_them(
    stack, logged_in, organization
):
    payload = soon_event(timedelta(seconds=6), timedelta(seconds=6), thanks_after=True)
    event = publish(stack, payload, organization=organization.slug)
    wait_until_registrable(stack, event["slug"])
    (maria,) = people(1, tag="materials")
    assert register(stack, event["slug"], maria).status_code == 201
    event_url = f"/console/{organization.slug}/events/{event['id']}"
    (item,) = event["programme"]

    added = upload(logged_in, f"{event_url}/programme/{item['id']}/edit", "slide.pdf", slides())
    (thanks,) = wait_until(lambda: thanks_to(stack, maria.email), timeout=90, what="the thanks")

    assert added.status_code == 303
    text = thanks.get_body(("plain",)).get_content()
    assert "I documenti e le registrazioni dell'evento:" in text
    assert re.search(
        rf"- {re.escape(TITLE)}: https?://\S+/events/{event['slug']}/materials/\d+", text
    )
    subjects = [
        str(m["Subject"])
        for m in read_messages(stack.maildir)
        if m["To"].addresses[0].addr_spec == maria.email
    ]
    assert not any(subject.startswith("Programma aggiornato") for subject in subjects)
