"""What the events service's routes reach: its settings, sessions, relay and bus."""

from dataclasses import dataclass
from typing import Annotated

from services.events.settings import EventsSettings
from shared.context import ServiceContext
from shared.web.deps import context_of, depends_on


@dataclass
class EventsContext(ServiceContext[EventsSettings]):
    pass


of_request = context_of(EventsContext)
CtxDep = Annotated[EventsContext, depends_on(of_request)]
