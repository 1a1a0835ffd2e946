"""What the events service's routes reach: its settings, sessions, relay and bus."""

import asyncio
from dataclasses import dataclass, field
from typing import Annotated

from services.events.settings import EventsSettings
from shared.context import ServiceContext
from shared.web.deps import context_of, depends_on


@dataclass
class EventsContext(ServiceContext[EventsSettings]):
    # Set when deliveries are staged, so the webhook sender sends them now, not at its poll.
    webhooks_wake: asyncio.Event = field(default_factory=asyncio.Event)


of_request = context_of(EventsContext)
CtxDep = Annotated[EventsContext, depends_on(of_request)]
