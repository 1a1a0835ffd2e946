"""The background task that applies time: lapsed opt-ins and offers, retention."""

import asyncio
import logging
import time
from datetime import UTC, datetime

from services.registrations.context import RegistrationsContext
from services.registrations.usecases import expiry

log = logging.getLogger(__name__)


async def run_sweeper(ctx: RegistrationsContext) -> None:
    settings, links = ctx.settings, ctx.links
    last_erase = 0.0
    while True:
        try:
            async with ctx.sessions() as session:
                if await expiry.expire_overdue(session=session, now=datetime.now(UTC), links=links):
                    ctx.relay.wake()
            if time.monotonic() - last_erase >= settings.erase_every_seconds:
                async with ctx.sessions() as session:
                    await expiry.erase_past_retention(session=session, now=datetime.now(UTC))
                last_erase = time.monotonic()
        except Exception:
            log.exception("sweep failed; trying again at the next round")
        await asyncio.sleep(settings.sweep_seconds)
