"""Backing up a JetStream stream as JSON lines, and restoring it into a stream.

    python -m shared.bus.backup [--nats URL] dump --stream EVENTS --out EVENTS.jsonl
    python -m shared.bus.backup [--nats URL] restore --in EVENTS.jsonl [--force]

A dump is every message the stream stores, oldest first, a JSON object a line: stream,
original sequence and time, subject, headers, data in base64. It reads by sequence (the
message-get API), so it creates no consumer and moves none. `-` is stdout (or stdin).

A restore publishes each message again, in order, with its headers (its Nats-Msg-Id too);
the stream gives it a new sequence and time. It creates a missing stream, and refuses one
that holds messages unless --force (JetStream then drops the Nats-Msg-Ids seen within its
duplicate window, and the consumers' inboxes skip the rest). See deploy/BACKUPS.md.
"""

import argparse
import asyncio
import base64
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import nats
from nats.js.client import JetStreamContext
from nats.js.errors import NotFoundError

from shared.bus.cli import operator_parser
from shared.bus.streams import STREAMS, stream_config
from shared.settings import BusSettings

PUBLISH_TIMEOUT_SECONDS = 5.0


class StreamNotEmpty(RuntimeError):
    """The stream to restore into holds messages already (and --force was not given)."""


@dataclass(frozen=True)
class Restored:
    stream: str
    published: int
    duplicates: int


async def dump_stream(js: JetStreamContext, stream: str, out: TextIO) -> int:
    """Write every message stored now, oldest first; returns how many."""
    last = (await js.stream_info(stream)).state.last_seq
    written, sequence = 0, 1
    while sequence <= last:
        try:
            # The next stored message at or after `sequence`: deleted ones are gaps.
            raw = await js.get_msg(stream, seq=sequence, subject=">", next=True)
        except NotFoundError:
            break
        if int(raw.seq or 0) > last:  # arrived after the dump began
            break
        line = {
            "stream": stream,
            "sequence": raw.seq,
            "time": raw.time.isoformat() if raw.time else None,
            "subject": raw.subject,
            "headers": raw.headers or {},
            "data": base64.b64encode(raw.data or b"").decode("ascii"),
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        written, sequence = written + 1, int(raw.seq or sequence) + 1
    return written


async def _stored(js: JetStreamContext, stream: str, replicas: int) -> int:
    """How many messages the stream holds; a missing stream is created first (empty)."""
    try:
        return int((await js.stream_info(stream)).state.messages)
    except NotFoundError:
        if stream not in STREAMS:
            raise
        await js.add_stream(stream_config(stream, replicas=replicas))
        return 0


async def restore_stream(
    js: JetStreamContext, lines: Iterable[str], *, force: bool = False, replicas: int = 1
) -> Restored:
    """Publish every dumped message again, in order, keeping its headers."""
    stream, published, duplicates = "", 0, 0
    for line in filter(str.strip, lines):
        message = json.loads(line)
        if not stream:
            stream = message["stream"]
            stored = await _stored(js, stream, replicas)
            if stored and not force:
                raise StreamNotEmpty(f"{stream} holds {stored} messages already (--force adds)")
        ack = await js.publish(
            message["subject"],
            base64.b64decode(message["data"]),
            stream=stream,
            timeout=PUBLISH_TIMEOUT_SECONDS,
            headers=message["headers"] or None,
        )
        duplicates += bool(ack.duplicate)
        published += not ack.duplicate
    return Restored(stream=stream, published=published, duplicates=duplicates)


async def _run(args: argparse.Namespace, file: TextIO) -> int:
    client = await nats.connect(args.nats, connect_timeout=3, max_reconnect_attempts=0)
    try:
        js = client.jetstream()
        if args.command == "dump":
            written = await dump_stream(js, args.stream, file)
            print(f"dumped {written} messages of {args.stream}", file=sys.stderr)
            return 0
        try:
            done = await restore_stream(js, file, force=args.force, replicas=args.replicas)
        except StreamNotEmpty as exc:
            print(f"refused: {exc}", file=sys.stderr)
            return 1
        where, dropped = done.stream or "no stream", done.duplicates
        print(
            f"restored {done.published} messages to {where} ({dropped} duplicates dropped)",
            file=sys.stderr,
        )
        return 0
    finally:
        await client.close()


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m shared.bus.backup`."""
    parser = operator_parser("Dump a JetStream stream, or restore a dump.")
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="every message of one stream, as JSON lines")
    dumping.add_argument("--stream", required=True, choices=sorted(STREAMS))
    dumping.add_argument("--out", required=True, help="file to write, or - for stdout")
    restoring = commands.add_parser("restore", help="publish a dump's messages again")
    restoring.add_argument("--in", dest="input", required=True, help="dump file, or - for stdin")
    restoring.add_argument("--force", action="store_true", help="even into a non-empty stream")
    restoring.add_argument(
        "--replicas",
        type=int,
        default=BusSettings().stream_replicas,
        help="replicas of a stream created by the restore (STREAM_REPLICAS)",
    )
    args = parser.parse_args(argv)
    if args.command == "restore":
        with sys.stdin if args.input == "-" else open(args.input, encoding="utf-8") as source:
            return asyncio.run(_run(args, source))
    if args.out == "-":
        return asyncio.run(_run(args, sys.stdout))
    partial = Path(f"{args.out}.partial")  # the dump file appears only once complete
    with partial.open("w", encoding="utf-8") as out:
        code = asyncio.run(_run(args, out))
    partial.replace(args.out)
    return code


if __name__ == "__main__":
    sys.exit(main())
