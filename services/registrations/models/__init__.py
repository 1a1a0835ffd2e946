"""Tables of the registrations service; METADATA holds exactly these, for its Alembic history."""

from services.registrations.models.events import EventCopy, FormSettings, Question
from services.registrations.models.organizers import IdempotentRequest, OrganizerToken
from services.registrations.models.registrations import Answer, Registration
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
