"""A certificate of attendance issued through the organizers' API, as an organizer would:
the person scanned in before the start and out after the end (added by hand), certificates
turned on, attendance closed. For the tests that need one to look at; and the emails that
bring certificates, read from the sink with their PDF's text."""

import io
import os
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pypdf

from devstack.mailsink.store import read_messages
from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.support.system import organizer_headers


def issue_certificate(
    stack: Stack, *, organization: str, slug: str, registration_id: str, event: dict[str, Any]
) -> dict[str, Any]:
    """The person's certificate as the organizers' list shows it (with its code); `event`
    is the conference's payload, whose times are local."""
    headers = organizer_headers(stack, organization)
    events = f"/api/organizer/events/{slug}"
    with httpx.Client(base_url=stack.url("registrations"), headers=headers, timeout=30) as api:
        wait_until(
            lambda: api.get(f"{events}/certificates/settings").status_code == 200,
            timeout=60,
            what="the organizer's token at registrations",
        )
        begins = datetime.fromisoformat(event["starts_at"]) - timedelta(minutes=30)
        ends = datetime.fromisoformat(event["ends_at"]) + timedelta(minutes=30)
        for at, leaving in ((begins, False), (ends, True)):
            scan = {"at": at.isoformat(), "leaving": leaving}
            answer = api.post(f"{events}/registrations/{registration_id}/scans", json=scan)
            assert answer.status_code == 201, answer.text
        settings = {"issued": True, "minimum_share": 0.5, "credits": "4"}
        assert api.put(f"{events}/certificates/settings", json=settings).status_code == 200
        closed = api.post(f"{events}/attendance/close")
        assert closed.status_code == 200, closed.text
        (issued,) = api.get(f"{events}/certificates").json()
    return dict(issued)


STANDARD_QUESTIONNAIRE = {
    "questions": [
        {"key": "overall", "kind": "rating"},
        {"key": "relevance", "kind": "rating"},
        {"key": "speakers", "kind": "rating"},
        {"key": "organization", "kind": "rating"},
        {"key": "comments", "kind": "text"},
    ],
    "required": False,
}


def ask_questionnaire(stack: Stack, *, organization: str, slug: str) -> None:
    """The standard accreditation questionnaire on the event, not required."""
    headers = organizer_headers(stack, organization)
    url = f"{stack.url('registrations')}/api/organizer/events/{slug}/questionnaire"
    saved = httpx.put(url, json=STANDARD_QUESTIONNAIRE, headers=headers, timeout=30)
    assert saved.status_code == 200, saved.text


def certificate_mails(maildir: Path, address: str) -> list[EmailMessage]:
    """Every message caught for `address` that carries a PDF: each raw copy counts."""
    return [
        message
        for message in read_messages(maildir)
        if message["To"].addresses[0].addr_spec == address and attached_pdfs(message)
    ]


def attached_pdfs(message: EmailMessage) -> list[bytes]:
    return [
        part.get_payload(decode=True)
        for part in message.walk()
        if part.get_content_type() == "application/pdf"
    ]


def pdf_text(data: bytes) -> str:
    """The text a PDF reader extracts, on one line per page's worth of whitespace."""
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def image(kind: str = "PNG", size: tuple[int, int] = (300, 100), noise: bool = False) -> bytes:
    """An image as an organizer would upload it: a dark stroke on white (a signature, a
    logo), or random pixels (`noise`), which no compression makes small."""
    from PIL import Image, ImageDraw

    if noise:
        picture = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        picture = Image.new("RGB", size, "white")
        ImageDraw.Draw(picture).line((10, size[1] - 10, size[0] - 10, 10), fill="navy", width=4)
    out = io.BytesIO()
    picture.save(out, format=kind)
    return out.getvalue()


def images_in(pdf: bytes) -> int:
    """How many images a PDF's pages draw."""
    return sum(len(page.images) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
