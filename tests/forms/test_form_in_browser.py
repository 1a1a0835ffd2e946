"""The form in Debian's Chromium on a phone: no serious or critical accessibility violations
(axe-core) in Italian and English, and usable with the keyboard alone."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.forms.organizer import define_form
from tests.forms.visitor import person
from tests.support.browser import chromium, fits_the_screen, phone_page
from tests.support.system import register_url

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
QUESTIONS = [
    {"kind": "short_text", "label_it": "Comune", "label_en": "Town", "required": True},
    {"kind": "yes_no", "label_it": "Ti serve un attestato?", "label_en": "Need a certificate?",
     "required": True},
    {"kind": "multiple", "label_it": "Sessioni", "label_en": "Sessions",
     "options": [{"value": "welfare", "it": "Welfare", "en": "Welfare"},
                 {"value": "budget", "it": "Bilancio", "en": "Budget"}]},
]  # fmt: skip
SUBMIT = {"it": "Iscriviti", "en": "Register"}


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture
def phone(browser) -> Page:
    yield from phone_page(browser)


@pytest.fixture
def hybrid_with_questions(stack, new_event):
    """The fullest form: a choice of mode, and questions of several kinds."""
    event = new_event(attendance_mode="hybrid", capacity=20, online_capacity=20)
    saved = define_form(stack, event["slug"], questions=QUESTIONS)
    return event, [q["id"] for q in saved["questions"]]


def form_url(stack, slug: str, lang: str) -> str:
    return register_url(stack, slug) + f"?lang={lang}"


def serious_violations(page: Page) -> list[str]:
    """axe-core's violations of impact serious or critical, as "rule: targets" lines."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run()")
    assert result["passes"], "axe-core checked nothing"
    return [
        f"{v['id']}: {[node['target'] for node in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_empty_form_has_no_serious_violations(stack, hybrid_with_questions, phone, lang):
    event, _ = hybrid_with_questions

    phone.goto(form_url(stack, event["slug"], lang))

    assert serious_violations(phone) == []
    assert fits_the_screen(phone)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_form_with_errors_has_no_serious_violations(stack, hybrid_with_questions, phone, lang):
    event, _ = hybrid_with_questions
    phone.goto(form_url(stack, event["slug"], lang))

    phone.get_by_role("button", name=SUBMIT[lang]).click()

    expect(phone.locator("#error-summary")).to_be_focused()
    assert serious_violations(phone) == []
    assert fits_the_screen(phone)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_answer_to_a_waitlisted_person_has_no_serious_violations(
    stack, new_event, visitor, phone, lang
):
    event = new_event(capacity=1)
    visitor(event["slug"]).send(person(f"first-in-the-room-{lang}"))
    phone.goto(form_url(stack, event["slug"], lang))
    for name, value in (("first_name", "Giulia"), ("last_name", "Ferrari"),
                        ("email", f"waitlisted.{lang}@comune.crema.cr.it")):  # fmt: skip
        phone.locator(f"#{name}").fill(value)
    phone.locator("label[for=privacy_consent]").click()  # where a finger touches it

    phone.get_by_role("button", name=SUBMIT[lang]).click()

    expect(phone.get_by_role("heading", level=2)).to_contain_text(
        {"it": "Richiesta ricevuta", "en": "Request received"}[lang]
    )
    assert serious_violations(phone) == []
    assert fits_the_screen(phone)


def focused(page: Page) -> str:
    """The focused element's id, or its tag and text when it has none."""
    return str(
        page.evaluate(
            "() => document.activeElement.id || "
            "document.activeElement.tagName + ':' + document.activeElement.textContent.trim()"
        )
    )


def tab(page: Page) -> str:
    page.keyboard.press("Tab")
    return focused(page)


def test_form_is_filled_and_sent_with_the_keyboard_alone(stack, hybrid_with_questions, phone):
    event, (town, certificate, sessions) = hybrid_with_questions
    phone.goto(form_url(stack, event["slug"], "it"))
    before = [tab(phone) for _ in range(12) if focused(phone) != "first_name"]

    steps = [
        ("last_name", "Ferrari"),
        ("email", "giulia.tastiera@comune.crema.cr.it"),
        ("phone", None),
        ("organization", "Comune di Crema"),
        ("role", None),
        ("mode-0", "ArrowDown"),  # one stop for the group; the arrow picks online
        (f"q{town}", "Crema"),
        (f"q{certificate}-0", "Space"),
        (f"q{sessions}-0", None),
        (f"q{sessions}-1", "Space"),
        ("accessibility-0", None),
        ("accessibility-1", "Space"),
        ("accessibility-2", None),
        ("accessibility-3", None),
        ("accessibility_other", None),
    ]
    phone.keyboard.type("Giulia")
    visited = []
    for _, action in steps:
        visited.append(tab(phone))
        if action in ("ArrowDown", "Space"):
            phone.keyboard.press(action)
        elif action:
            phone.keyboard.type(action)
    link = tab(phone)
    consent = tab(phone)
    phone.keyboard.press("Space")
    marketing = tab(phone)
    button = tab(phone)
    phone.keyboard.press("Enter")

    expect(phone.get_by_role("heading", name="Richiesta ricevuta")).to_be_visible()
    assert "first_name" in before
    assert visited == [expected for expected, _ in steps]
    assert link.startswith("A:Leggi l'informativa privacy")
    assert (consent, marketing, button) == (
        "privacy_consent",
        "marketing_consent",
        "BUTTON:Iscriviti",
    )


@pytest.mark.parametrize("lang", ["it", "en"])
def test_failed_submit_after_the_skip_link_focuses_the_error_summary(
    stack, hybrid_with_questions, phone, lang
):
    event, _ = hybrid_with_questions
    phone.goto(form_url(stack, event["slug"], lang))
    skip = tab(phone)
    phone.keyboard.press("Enter")  # the address now ends in #main

    phone.get_by_role("button", name=SUBMIT[lang]).click()

    expect(phone.locator("#error-summary")).to_be_focused()
    assert skip.startswith("A:")
    assert phone.url.endswith("#error-summary")
