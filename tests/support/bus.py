"""Looking at the streams, as an operator would with the nats CLI."""

import asyncio

import nats

from devstack.stack import Stack


def stream_messages(stack: Stack, stream: str) -> int:
    """How many messages a stream holds (duplicates dropped by Nats-Msg-Id never count)."""

    async def count() -> int:
        client = await nats.connect(servers=stack.nats_url.split(","))
        try:
            return (await client.jetstream().stream_info(stream)).state.messages
        finally:
            await client.close()

    return asyncio.run(count())
