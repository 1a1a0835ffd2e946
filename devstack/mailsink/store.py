"""The sink's Maildir: deliver raw messages, read them back parsed, and list their MIME parts.

Tests anywhere in the project can read what the services sent with `read_messages(path)`.
"""

import contextlib
import email
import email.policy
import itertools
import mailbox
import mimetypes
import os
import re
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage, MIMEPart
from pathlib import Path

StrPath = str | os.PathLike[str]

# Keys written by mailbox.Maildir look like "1700000000.M123456P42Q7.host"; the microseconds are
# not zero-padded, so plain string order is not arrival order.
_KEY_PATTERN = re.compile(r"^(?P<seconds>\d+)\.M(?P<micros>\d+)P\d+Q(?P<counter>\d+)")
# The host part of a key, escaped as mailbox.Maildir escapes it ('/' and ':' cannot be in it).
_HOSTNAME = socket.gethostname().replace("/", r"\057").replace(":", r"\072")
_counter = itertools.count()


@dataclass(frozen=True)
class MessageSummary:
    """What the inbox list shows about one message."""

    key: str
    subject: str
    sender: str
    recipients: str
    date: datetime
    message_id: str

    def as_json(self) -> dict[str, str]:
        """The summary as the JSON object of GET /api/messages."""
        return {
            "key": self.key,
            "subject": self.subject,
            "from": self.sender,
            "to": self.recipients,
            "date": self.date.isoformat(),
            "message_id": self.message_id,
        }


@dataclass(frozen=True)
class MessagePart:
    """One leaf MIME part of a message, addressed by its position among the leaves."""

    index: int
    content_type: str
    filename: str | None
    size: int
    part: MIMEPart

    @property
    def download_name(self) -> str:
        """The part's own filename, or a made-up one with an extension matching its type."""
        if self.filename:
            return self.filename
        extension = _extension_for(self.content_type)
        return f"parte-{self.index}{extension}"

    def payload(self) -> bytes:
        """The part's body with its transfer encoding (base64, quoted-printable) undone."""
        data = self.part.get_payload(decode=True)
        return data if isinstance(data, bytes) else b""


def open_maildir(path: StrPath) -> mailbox.Maildir:
    """The Maildir at `path`, created with its parents and cur/new/tmp folders if missing."""
    # mailbox.Maildir creates only the last folder, and the default var/mail may lack var/ too.
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return mailbox.Maildir(path, create=True)


def deliver(path: StrPath, raw: bytes) -> str:
    """Store `raw` exactly as received in the Maildir at `path` (which exists: open_maildir)
    and return its key, named as mailbox.Maildir names one. Written to tmp/ and renamed into
    new/, so a reader never sees half a message; not fsynced (mailbox.Maildir.add fsyncs each
    message): this is a development and test sink, whose mail outlives a killed process
    (the page cache keeps it) but need not outlive a power cut. A few microseconds of
    syscalls, cheaper than handing the write to a thread."""
    now = time.time()
    key = f"{int(now)}.M{int(now % 1 * 1e6)}P{os.getpid()}Q{next(_counter)}.{_HOSTNAME}"
    folder = os.fspath(path)
    written = os.path.join(folder, "tmp", key)
    descriptor = _created(path, written)
    try:
        with open(descriptor, "wb", closefd=True) as file:
            file.write(raw)
        os.rename(written, os.path.join(folder, "new", key))
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(written)
        raise
    return key


def _created(path: StrPath, name: str) -> int:
    """A new file's descriptor; the Maildir is made again if it was removed meanwhile."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        return os.open(name, flags, 0o666)
    except FileNotFoundError:
        open_maildir(path)
        return os.open(name, flags, 0o666)


def message_keys(path: StrPath) -> list[str]:
    """Keys of the stored messages in arrival order, oldest first; empty if there is no Maildir."""
    return [key for key, _ in _arrivals(_existing(path))]


def read_raw(path: StrPath, key: str) -> bytes:
    """The stored bytes of one message; KeyError if there is no such message."""
    maildir = _existing(path)
    if maildir is None:
        raise KeyError(key)
    return maildir.get_bytes(key)


def read_message(path: StrPath, key: str) -> EmailMessage:
    """One message parsed with the modern email API; KeyError if there is no such message."""
    return parse(read_raw(path, key))


def read_messages(path: StrPath) -> list[EmailMessage]:
    """Every stored message parsed with `email.policy.default`, oldest first."""
    maildir = _existing(path)
    return [parse(maildir.get_bytes(key)) for key, _ in _arrivals(maildir)] if maildir else []


def parse(raw: bytes) -> EmailMessage:
    """Parse RFC 822 bytes into an EmailMessage whose text reads with plain "\\n" line ends."""
    # Mail arrives over SMTP with CRLF and is stored that way; without this, every decoded text
    # body would end its lines in "\r\n" and comparisons in tests would be needlessly fiddly.
    message = email.message_from_bytes(raw.replace(b"\r\n", b"\n"), policy=email.policy.default)
    assert isinstance(message, EmailMessage)  # guaranteed by policy.default, narrowed for mypy
    return message


def summaries(path: StrPath) -> list[MessageSummary]:
    """Summaries of every stored message, newest first."""
    maildir = _existing(path)
    if maildir is None:
        return []
    newest_first = reversed(_arrivals(maildir))
    return [summarize(key, parse(maildir.get_bytes(key)), at) for key, at in newest_first]


def summarize(key: str, message: EmailMessage, arrived: datetime) -> MessageSummary:
    """The list-view facts of a message; the Date header wins over the arrival time."""
    return MessageSummary(
        key=key,
        subject=header(message, "Subject"),
        sender=header(message, "From"),
        recipients=header(message, "To"),
        date=_header_date(message) or arrived,
        message_id=header(message, "Message-ID"),
    )


def header(message: EmailMessage, name: str) -> str:
    """A decoded header value, or "" when it is missing or too malformed to decode."""
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError):
        # The header parser raises on some broken headers; the sink must still show the mail.
        return ""
    return "" if value is None else str(value)


def parts(message: EmailMessage) -> list[MessagePart]:
    """The leaf MIME parts (bodies, calendar invites, attachments) in document order."""
    leaves = [part for part in message.walk() if not part.is_multipart()]
    return [_describe(index, part) for index, part in enumerate(leaves)]


def text_body(message: EmailMessage, subtype: str) -> str | None:
    """The decoded text/<subtype> body ("plain" or "html"), or None if the message has none."""
    body = message.get_body(preferencelist=(subtype,))
    return None if body is None else _decoded_text(body)


def _describe(index: int, part: MIMEPart) -> MessagePart:
    data = part.get_payload(decode=True)
    return MessagePart(
        index=index,
        content_type=part.get_content_type(),
        filename=part.get_filename(),
        size=len(data) if isinstance(data, bytes) else 0,
        part=part,
    )


def _decoded_text(part: MIMEPart) -> str:
    try:
        return str(part.get_content())
    except (LookupError, UnicodeError):
        # An unknown or lying charset should not hide the message: show it lossily instead.
        data = part.get_payload(decode=True)
        return data.decode("utf-8", errors="replace") if isinstance(data, bytes) else ""


def _extension_for(content_type: str) -> str:
    # mimetypes knows .ics only on some systems; invites are what this sink is mostly about.
    if content_type == "text/calendar":
        return ".ics"
    return mimetypes.guess_extension(content_type) or ".bin"


def _header_date(message: EmailMessage) -> datetime | None:
    try:
        value = message.get("Date")
    except (ValueError, IndexError, TypeError):
        return None
    parsed = getattr(value, "datetime", None)
    return parsed if isinstance(parsed, datetime) else None


def _existing(path: StrPath) -> mailbox.Maildir | None:
    # Readers must not create the Maildir: "no Maildir yet" simply means "no mail yet".
    if not all((Path(path) / sub).is_dir() for sub in ("cur", "new", "tmp")):
        return None
    return mailbox.Maildir(path, create=False)


def _arrivals(maildir: mailbox.Maildir | None) -> list[tuple[str, datetime]]:
    if maildir is None:
        return []
    order = {key: _arrival_order(maildir, key) for key in maildir.keys()}
    keys = sorted(order, key=order.__getitem__)
    return [(key, datetime.fromtimestamp(order[key][0], tz=UTC)) for key in keys]


def _arrival_order(maildir: mailbox.Maildir, key: str) -> tuple[float, int, str]:
    match = _KEY_PATTERN.match(key)
    if match is None:
        # Not written by mailbox.Maildir: fall back to the file's modification time.
        return (maildir.get_message(key).get_date(), 0, key)
    seconds = int(match["seconds"]) + int(match["micros"]) / 1_000_000
    return (seconds, int(match["counter"]), key)
