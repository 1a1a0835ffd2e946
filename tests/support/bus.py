"""Looking at the streams, as an operator would with the nats CLI."""

import asyncio
import json
from typing import Any

import nats
from nats.js.errors import NotFoundError

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


def stream_facts(stack: Stack, stream: str, subjects: str) -> list[tuple[str, dict[str, Any]]]:
    """(subject, the envelope's data) of every message a stream holds on `subjects`, in
    order: what a consumer reading it from the start would get, duplicates dropped by
    Nats-Msg-Id never among them."""

    async def read() -> list[tuple[str, dict[str, Any]]]:
        client = await nats.connect(servers=stack.nats_url.split(","))
        try:
            manager = client.jsm()
            last = (await manager.stream_info(stream)).state.last_seq
            found, seq = [], 1
            while seq <= last:
                try:
                    raw = await manager.get_msg(stream, seq=seq, subject=subjects, next=True)
                except NotFoundError:  # nothing more on those subjects
                    break
                assert raw.seq is not None and raw.subject is not None and raw.data is not None
                found.append((raw.subject, json.loads(raw.data)["data"]))
                seq = raw.seq + 1
            return found
        finally:
            await client.close()

    return asyncio.run(read())
