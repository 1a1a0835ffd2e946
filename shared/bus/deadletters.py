"""Dead letters for operators: list what consumers gave up on, and replay one.

A dead letter is the original message's data on `deadletters.<consumer>.<subject>` in the
DEADLETTERS stream, with the headers Convegni-Consumer, Convegni-Subject and Convegni-Error
(see shared.bus.consumer). Replaying republishes the data to the original subject, so every
consumer of that subject gets it again: the one that failed never committed its inbox row
and handles it normally; the others recorded the envelope id in their inbox and skip it.

    python -m shared.bus.deadletters [--nats nats://127.0.0.1:4222] list [--consumer NAME]
    python -m shared.bus.deadletters [--nats ...] replay SEQUENCE
"""

import argparse
import asyncio
import json
import sys
from dataclasses import dataclass
from datetime import datetime

import nats
from nats.js.api import RawStreamMsg
from nats.js.client import JetStreamContext
from nats.js.errors import NotFoundError

from shared.bus.cli import operator_parser

STREAM = "DEADLETTERS"
PREFIX = "deadletters"  # its subjects: deadletters.<consumer>.<original subject>
PUBLISH_TIMEOUT_SECONDS = 5.0


class DeadLetterNotFound(LookupError):
    """No dead letter at that sequence: never there, or already replayed."""


@dataclass(frozen=True)
class DeadLetter:
    sequence: int
    consumer: str
    subject: str
    error: str
    time: datetime | None
    envelope_id: str | None


def _envelope_id(data: bytes | None) -> str | None:
    """The CloudEvents id of the payload; None when it is not an envelope at all."""
    try:
        found = json.loads(data or b"").get("id")
    except (ValueError, AttributeError):
        return None
    return found if isinstance(found, str) else None


def _dead_letter(raw: RawStreamMsg) -> DeadLetter:
    headers = raw.headers or {}
    # deadletters.<consumer>.<subject>: durable names hold no dots, subjects do.
    _, consumer, subject = (raw.subject or "..").split(".", 2)
    return DeadLetter(
        sequence=int(raw.seq or 0),
        consumer=headers.get("Convegni-Consumer", consumer),
        subject=headers.get("Convegni-Subject", subject),
        error=headers.get("Convegni-Error", ""),
        time=raw.time,
        envelope_id=_envelope_id(raw.data),
    )


async def list_dead_letters(js: JetStreamContext, consumer: str | None = None) -> list[DeadLetter]:
    """Every dead letter, oldest first, optionally of one consumer only."""
    subjects = f"{PREFIX}.{consumer}.>" if consumer else f"{PREFIX}.>"
    found: list[DeadLetter] = []
    sequence = 1
    while True:
        try:
            # The next stored message at or after `sequence`: replayed (deleted) ones are gaps.
            raw = await js.get_msg(STREAM, seq=sequence, subject=subjects, next=True)
        except NotFoundError:
            return found
        found.append(_dead_letter(raw))
        sequence = int(raw.seq or sequence) + 1


async def replay(js: JetStreamContext, sequence: int) -> None:
    """Publish the dead letter's data to its original subject again, then delete it.

    The new Nats-Msg-Id (replay-<sequence>-<envelope id>) is not the original one, which
    the stream's duplicate window could still hold; it is deterministic, so a replay
    repeated after a crash between publish and delete is dropped as a duplicate."""
    try:
        raw = await js.get_msg(STREAM, seq=sequence)
    except NotFoundError as exc:
        raise DeadLetterNotFound(f"no dead letter {sequence} (already replayed?)") from exc
    letter = _dead_letter(raw)
    message_id = f"replay-{sequence}-{letter.envelope_id or 'raw'}"
    await js.publish(
        letter.subject,
        raw.data or b"",
        timeout=PUBLISH_TIMEOUT_SECONDS,
        headers={"Nats-Msg-Id": message_id},
    )
    await js.delete_msg(STREAM, sequence)


def _print(letters: list[DeadLetter]) -> None:
    if not letters:
        print("no dead letters")
    for letter in letters:
        when = letter.time.isoformat(timespec="seconds") if letter.time else "?"
        print(
            f"{letter.sequence}\t{when}\t{letter.consumer}\t{letter.subject}\t"
            f"{letter.envelope_id or '-'}\t{letter.error}"
        )


async def _run(args: argparse.Namespace) -> int:
    client = await nats.connect(args.nats, connect_timeout=3, max_reconnect_attempts=0)
    try:
        js = client.jetstream()
        if args.command == "list":
            _print(await list_dead_letters(js, args.consumer))
            return 0
        try:
            await replay(js, args.sequence)
        except DeadLetterNotFound as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"replayed {args.sequence}")
        return 0
    finally:
        await client.close()


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m shared.bus.deadletters`."""
    parser = operator_parser("List and replay dead letters.")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="sequence, time, consumer, subject, id, error")
    listing.add_argument("--consumer", help="only this durable consumer's dead letters")
    replaying = commands.add_parser("replay", help="republish one, then delete it")
    replaying.add_argument("sequence", type=int)
    return asyncio.run(_run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
