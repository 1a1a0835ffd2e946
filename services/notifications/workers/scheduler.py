"""The scheduling loop: scheduled mail that fell due becomes deliveries, and the sender is
woken. A thin wrapper: what is due and what is still owed is decided in `scheduling`."""

import logging
from datetime import UTC, datetime

from services.notifications.context import NotificationsContext
from services.notifications.usecases import scheduled_mail
from shared.wakeups import sleep_until_woken

log = logging.getLogger(__name__)


async def run_scheduler(ctx: NotificationsContext) -> None:
    """Release due rows every `scheduler_poll_seconds`, or sooner when a fact was heard."""
    settings = ctx.settings
    wake, sender_wake = ctx.scheduler_wake, ctx.sender_wake
    await _replan_at_start(ctx)
    while True:
        wake.clear()  # before the round: a fact heard during it wakes the next one
        try:
            async with ctx.sessions() as session:
                made = await scheduled_mail.release_due(
                    session=session, now=datetime.now(UTC), domain=settings.calendar_domain
                )
        except Exception:
            log.exception("scheduling round failed; trying again")
            made = 0
        if made:
            sender_wake.set()
        await sleep_until_woken(wake, settings.scheduler_poll_seconds)


async def _replan_at_start(ctx: NotificationsContext) -> None:
    """Plan rows for what an upgrade left unplanned; a failure only waits for the facts."""
    try:
        async with ctx.sessions() as session:
            await scheduled_mail.replan_upcoming(session=session, now=datetime.now(UTC))
    except Exception:  # another replica planning the same rows at the same moment
        log.exception("replanning at start failed; rows follow the next facts instead")
