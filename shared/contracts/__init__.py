"""Message contracts: versioned facts in a CloudEvents 1.0 envelope."""

from shared.contracts.envelope import Envelope, Fact, fact_types, parse_fact
from shared.contracts.events import (
    ChangeV1,
    EventCancelledV1,
    EventFact,
    EventPublishedV1,
    EventSnapshotV1,
    EventUpdatedV1,
    ProgrammeItemV1,
    SpeakerV1,
    VenueV1,
)
from shared.contracts.registrations import RegistrationConfirmedV1

__all__ = [
    "ChangeV1",
    "Envelope",
    "EventCancelledV1",
    "EventFact",
    "EventPublishedV1",
    "EventSnapshotV1",
    "EventUpdatedV1",
    "Fact",
    "ProgrammeItemV1",
    "RegistrationConfirmedV1",
    "SpeakerV1",
    "VenueV1",
    "fact_types",
    "parse_fact",
]
