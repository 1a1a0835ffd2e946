"""Looking at the streams, as an operator would with the nats CLI."""

import asyncio

import nats

from devstack.stack import Stack

PEOPLE_FACTS = "registrations.registration.>"  # the REGISTRATIONS facts about people


def stream_messages(stack: Stack, stream: str, subjects: str | None = None) -> int:
    """How many messages a stream holds (duplicates dropped by Nats-Msg-Id never count), or
    only those on `subjects` (e.g. "registrations.registration.>": the facts about people,
    without the availability bands published beside them)."""

    async def count() -> int:
        client = await nats.connect(servers=stack.nats_url.split(","))
        try:
            if subjects is None:
                return (await client.jetstream().stream_info(stream)).state.messages
            info = await client.jetstream().stream_info(stream, subjects_filter=subjects)
            return sum((info.state.subjects or {}).values())
        finally:
            await client.close()

    return asyncio.run(count())
