"""A notifications replica's sender alone, as a process a test can kill for real:
`python -m tests.notifications.sending_replica`, its settings from the environment
(DATABASE_URL, SMTP_PORT, SMTP_CONNECTIONS, ...). Sends until killed."""

import asyncio

from services.notifications.settings import NotificationsSettings
from services.notifications.workers.sender import Sender
from shared.db import create_engine, session_factory


async def send_until_killed() -> None:
    settings = NotificationsSettings()
    sessions = session_factory(create_engine(settings.database_url))
    sender = Sender(sessions, settings)
    while True:
        if not await sender.send_due():
            await asyncio.sleep(settings.sender_poll_seconds)


if __name__ == "__main__":
    asyncio.run(send_until_killed())
