"""The sessions a person holds a seat in or waits for (issue 17's parallel workshops)."""

from datetime import datetime
from typing import ClassVar

from shared.contracts.envelope import Fact, register


@register
class SessionsChangedV1(Fact):
    """Where a person stands in the sessions of an event, after a change: the sessions they
    hold a seat in (`seated`) and those whose line they wait in (`waiting`), by programme
    item id. Sent by registrations in the transaction of the change: their own choice, a
    cancellation that leaves them all, or a seat given to them by someone who left.
    `version` counts a registration's changes: the highest one says where they stand now."""

    subject: ClassVar[str] = "registrations.sessions.changed"
    type_name: ClassVar[str] = "it.convegni.registrations.sessions.changed.v1"
    registration_id: str
    event_id: str
    version: int
    seated: tuple[int, ...] = ()
    waiting: tuple[int, ...] = ()
    at: datetime

    def message_key(self) -> str:
        return f"{self.registration_id}/sessions/{self.version}"
