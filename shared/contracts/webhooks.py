"""Facts about an organization's webhooks, published by the events service."""

from datetime import datetime
from typing import ClassVar, Literal

from shared.contracts.envelope import Fact, register


@register
class WebhookDisabledV1(Fact):
    """An organization's webhook endpoint stopped receiving deliveries: it kept failing until a
    delivery spent its whole retry schedule (`reason` "failing"), or it answered 410 Gone
    ("gone"). The notifications service emails each of `owners` (the organization's owners'
    addresses) once. Not sent when a person turns an endpoint off in the console."""

    subject: ClassVar[str] = "events.webhook.disabled"
    type_name: ClassVar[str] = "it.convegni.events.webhook.disabled.v1"
    endpoint_id: int
    organization_slug: str
    organization_name: str
    url: str
    reason: Literal["failing", "gone"]
    failures: int  # failed attempts in a row when it was disabled
    last_error: str = ""
    owners: tuple[str, ...] = ()
    console_url: str  # the endpoint's page in the console, to turn it on again
    disabled_at: datetime
    language: str = "it"

    def message_key(self) -> str:
        return f"{self.endpoint_id}/disabled/{self.disabled_at.isoformat()}"
