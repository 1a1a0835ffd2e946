"""Tables of the events service; METADATA holds exactly these, for its Alembic history."""

from services.events.storage.tables.directory import Room, Speaker, Venue
from services.events.storage.tables.events import Event, EventRevision, ItemSpeaker, ProgrammeItem
from services.events.storage.tables.organizations import (
    Account,
    ApiToken,
    LoginSession,
    Membership,
    Organization,
)
from shared.inbox import InboxMessage
from shared.migrations import service_metadata
from shared.outbox import OutboxMessage

METADATA = service_metadata(
    Organization,
    Account,
    Membership,
    LoginSession,
    ApiToken,
    Speaker,
    Venue,
    Room,
    Event,
    ProgrammeItem,
    ItemSpeaker,
    EventRevision,
    OutboxMessage,
    InboxMessage,
)

__all__ = [
    "METADATA",
    "Account",
    "ApiToken",
    "Event",
    "EventRevision",
    "ItemSpeaker",
    "LoginSession",
    "Membership",
    "Organization",
    "ProgrammeItem",
    "Room",
    "Speaker",
    "Venue",
]
