"""The console's webhook pages: owners only, an address that is not https:// or no kind
refused on the form with its field named, in the page's language."""

import pytest

from tests.console.browserless import Console, csrf_on, new_member, new_organization
from tests.webhooks.console import WebhookConsole

pytestmark = pytest.mark.e2e


def test_an_editor_is_refused_the_webhook_pages(stack):
    organization = new_organization(stack, "roles")
    editor = new_member(stack, organization, "editor")
    console = Console(stack)
    console.log_in(editor)

    answer = console.get(f"/console/{organization.slug}/webhooks")

    assert answer.status_code == 403
    console.close()


@pytest.mark.parametrize(
    ("url", "kinds", "said"),
    [
        ("http://crm.comune.it/hook", ["event.published"], "Indica un indirizzo che inizi con"),
        ("https://crm.comune.it/hook", [], "Scegli almeno un tipo di avviso"),
    ],
)
def test_a_refused_endpoint_is_said_on_the_form_and_not_added(stack, url, kinds, said):
    organization = new_organization(stack, "refused")
    owner = new_member(stack, organization, "owner")
    webhooks = WebhookConsole(stack, owner)
    path = f"/console/{organization.slug}/webhooks"
    csrf = csrf_on(webhooks.console.get(path).text)

    answer = webhooks.console.http.post(path, data={"csrf": csrf, "url": url, "kinds": kinds})

    assert answer.status_code == 422
    assert said in answer.text
    assert 'aria-describedby="' in answer.text
    assert "Nessun webhook per ora." in webhooks.console.get(path).text
    webhooks.close()
