"""The CloudEvents 1.0 envelope and the base class of every fact sent on the bus."""

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

# Message ids are uuid5 in this namespace, so the same fact always gets the same id.
MESSAGE_NAMESPACE = uuid.UUID("0b6f3b1e-6a55-4c9b-9d3c-2f3c8a4b7e10")


class Fact(BaseModel):
    """Something that happened; subclasses name it in the past tense and carry a version."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    subject: ClassVar[str]  # the NATS subject, e.g. "events.event.published"
    type_name: ClassVar[str]  # the CloudEvents type, e.g. "it.convegni.events.event.published.v1"

    def message_key(self) -> str:
        """What makes this fact unique; two facts with the same key are the same message."""
        raise NotImplementedError

    def message_id(self) -> str:
        return str(uuid.uuid5(MESSAGE_NAMESPACE, f"{self.type_name}/{self.message_key()}"))


class Envelope(BaseModel):
    """CloudEvents 1.0 structured-mode envelope, as JSON on the wire."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    specversion: Literal["1.0"] = "1.0"
    id: str
    source: str
    type: str
    subject: str | None = None
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    datacontenttype: str = "application/json"
    # CloudEvents distributed-tracing extension: the trace this fact was produced in.
    traceparent: str | None = None
    data: dict[str, Any]

    @classmethod
    def wrap(
        cls,
        fact: Fact,
        *,
        source: str,
        subject: str | None = None,
        traceparent: str | None = None,
    ) -> "Envelope":
        """Put a fact in an envelope whose id is the fact's deterministic message id."""
        return cls(
            id=fact.message_id(),
            source=source,
            type=fact.type_name,
            subject=subject,
            traceparent=traceparent,
            data=fact.model_dump(mode="json"),
        )


_FACT_TYPES: dict[str, type[Fact]] = {}


def fact_types() -> dict[str, type[Fact]]:
    """Every known fact class by CloudEvents type (filled as contract modules import)."""
    return _FACT_TYPES


def register(cls: type[Fact]) -> type[Fact]:
    _FACT_TYPES[cls.type_name] = cls
    return cls


def parse_fact(envelope: Envelope) -> Fact | None:
    """The fact inside an envelope, or None for a type this code does not know."""
    cls = _FACT_TYPES.get(envelope.type)
    return cls.model_validate(envelope.data) if cls else None
