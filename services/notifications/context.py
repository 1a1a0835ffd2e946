"""What the notifications service's routes and workers reach: its settings, sessions, relay,
bus, and the wake-ups of its sender and scheduler (a fact heard, a retry pressed)."""

import asyncio
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends

from services.notifications.settings import NotificationsSettings
from shared.context import ServiceContext
from shared.web.deps import context_of


@dataclass
class NotificationsContext(ServiceContext[NotificationsSettings]):
    sender_wake: asyncio.Event = field(default_factory=asyncio.Event)
    scheduler_wake: asyncio.Event = field(default_factory=asyncio.Event)


of_request = context_of(NotificationsContext)
CtxDep = Annotated[NotificationsContext, Depends(of_request)]
