"""The logo and the signatures on an event's certificates, as an editor puts them there from
the certificates page: a file that cannot go on a certificate refused saying why (nothing
kept), a signature only for a signatory already named, a preview to look at, and the
certificate the person gets by email drawing them."""

import uuid

import pytest

from devstack.waiting import wait_until
from tests.console.browserless import csrf_on, form_on
from tests.organizer.test_certificate_desk import attended_whole_day
from tests.support.certificates import attached_pdfs, certificate_mails, image, images_in, pdf_text
from tests.support.html import html_problems

pytestmark = pytest.mark.e2e


def upload(desk, page_text: str, slot: str, name: str, content: bytes, kind: str):
    return desk.browser.post(
        f"{desk.page}/certificates/images",
        data={"csrf": csrf_on(page_text), "slot": slot},
        files={"file": (name, content, kind)},
    )


def test_an_editor_puts_a_logo_and_signatures_on_the_certificates(desk):
    desk.enter()
    email = f"anna-{uuid.uuid4().hex[:8]}@comune-test.it"
    attended_whole_day(desk, "Anna", email)
    page_url = f"{desk.page}/certificates"
    page = desk.browser.get(page_url)
    settings_form = form_on(page.text, f"{page_url}/settings#error-summary")
    one_signatory = {
        **settings_form,
        "issued": "on",
        "minimum_percent": "80",
        "signatory_name_1": "Gianni Rossoni",
        "signatory_role_1": "Presidente dell'Area Omogenea Cremasca",
    }
    desk.browser.post(f"{page_url}/settings", data=one_signatory)
    page = desk.browser.get(page_url)

    not_an_image = upload(desk, page.text, "logo", "logo.png", b"just some text", "image/png")
    no_signatory = upload(desk, page.text, "signature-2", "firma.png", image(), "image/png")
    logo = upload(desk, page.text, "logo", "logo.png", image("PNG", (600, 200)), "image/png")
    signature = upload(desk, page.text, "signature-1", "firma.jpg", image("JPEG"), "image/jpeg")
    shown = desk.browser.get(logo.headers["location"])
    preview = desk.browser.get(f"{page_url}/preview.pdf")

    assert not_an_image.status_code == 422
    assert "Il file non è un&#39;immagine PNG o JPEG leggibile" in not_an_image.text
    assert no_signatory.status_code == 422
    assert "Salva prima nome e ruolo di chi firma" in no_signatory.text
    assert (logo.status_code, signature.status_code) == (303, 303)
    assert shown.text.count("Immagine caricata.") == 2
    assert html_problems(shown.text) == []
    assert preview.headers["content-type"] == "application/pdf"
    assert images_in(preview.content) == 2
    assert "Maria Rossi" in pdf_text(preview.content)

    # A second signatory added before the first: the signature stays with its person.
    desk.browser.post(
        f"{page_url}/settings",
        data={
            **one_signatory,
            "signatory_name_1": "Laura Bianchi",
            "signatory_role_1": "Assistente sociale coordinatrice",
            "signatory_name_2": "Gianni Rossoni",
            "signatory_role_2": "Presidente dell'Area Omogenea Cremasca",
        },
    )
    ready = desk.browser.get(page_url)
    assert "Firma di Gianni Rossoni" in ready.text
    assert ready.text.count("Immagine caricata.") == 2
    closed = desk.browser.post(f"{page_url}/close", data=form_on(ready.text, f"{page_url}/close"))

    assert closed.status_code == 303
    (mailed,) = wait_until(
        lambda: certificate_mails(desk.stack.maildir, email), timeout=60, what="the certificate"
    )
    (pdf,) = attached_pdfs(mailed)
    assert images_in(pdf) == 2
    text = pdf_text(pdf)
    assert "Anna Rossi" in text and "Gianni Rossoni" in text and "Laura Bianchi" in text

    removed = desk.browser.post(
        f"{page_url}/images/remove", data={"csrf": csrf_on(ready.text), "slot": "logo"}
    )
    assert removed.status_code == 303
    assert images_in(desk.browser.get(f"{page_url}/preview.pdf").content) == 1
