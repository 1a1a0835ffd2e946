"""An owner at the console's webhook pages, as a browser without JavaScript: endpoints
added with their kinds, their secret read from their page, deliveries sent again."""

import re

import httpx

from devstack.stack import Stack
from tests.console.browserless import Console, Member, csrf_on, form_on


class WebhookConsole:
    def __init__(self, stack: Stack, owner: Member) -> None:
        self.console = Console(stack)
        self.org = f"/console/{owner.organization.slug}"
        answer = self.console.log_in(owner)
        assert answer.status_code == 303, answer.text

    def close(self) -> None:
        self.console.close()

    def add(self, url: str, kinds: list[str]) -> tuple[int, str]:
        """Add an endpoint; its id and its secret, as its page shows them."""
        page = self.console.get(f"{self.org}/webhooks")
        assert page.status_code == 200, page.text
        data = {"csrf": csrf_on(page.text), "url": url, "description": "test", "kinds": kinds}
        added = self.console.http.post(f"{self.org}/webhooks", data=data)
        assert added.status_code == 303, added.text
        endpoint_id = int(added.headers["location"].split("?")[0].rsplit("/", 1)[1])
        return endpoint_id, self.secret(endpoint_id)

    def page(self, endpoint_id: int) -> str:
        answer = self.console.get(f"{self.org}/webhooks/{endpoint_id}")
        assert answer.status_code == 200, answer.text
        return answer.text

    def secret(self, endpoint_id: int) -> str:
        found = re.search(r'id="webhook-secret">(whsec_[A-Za-z0-9+/=]+)<', self.page(endpoint_id))
        assert found, "no secret on the endpoint's page"
        return found.group(1)

    def is_on(self, endpoint_id: int) -> bool:
        action = f"{self.org}/webhooks/{endpoint_id}/enabled"
        return form_on(self.page(endpoint_id), action)["enabled"] == "0"

    def redeliver_first(self, endpoint_id: int) -> httpx.Response:
        """Press "send again" on the log's first (newest) delivery."""
        action = f"{self.org}/webhooks/{endpoint_id}/redeliver"
        return self.console.post(action, form_on(self.page(endpoint_id), action))
