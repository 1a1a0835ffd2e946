"""Tables of the registrations service; METADATA holds exactly these, for its Alembic history."""

from services.registrations.storage.tables.events import EventCopy, FormSettings, Question
from services.registrations.storage.tables.organizers import IdempotentRequest, OrganizerToken
from services.registrations.storage.tables.registrations import Answer, Registration
from shared.inbox import InboxMessage
from shared.migrations import service_metadata
from shared.outbox import OutboxMessage

METADATA = service_metadata(
    EventCopy,
    FormSettings,
    Question,
    Registration,
    Answer,
    IdempotentRequest,
    OrganizerToken,
    OutboxMessage,
    InboxMessage,
)

__all__ = [
    "METADATA",
    "Answer",
    "EventCopy",
    "FormSettings",
    "IdempotentRequest",
    "OrganizerToken",
    "Question",
    "Registration",
]
