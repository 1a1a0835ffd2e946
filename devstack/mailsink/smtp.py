"""The SMTP side of the sink: accept every message from anyone to anyone, file it in a Maildir."""

import asyncio
import logging
import socket
from pathlib import Path

from aiosmtpd.smtp import SMTP, Envelope, Session

from devstack.mailsink.store import deliver

log = logging.getLogger(__name__)

# Generous for invitations with attachments, small enough that a runaway loop cannot fill the disk.
DATA_SIZE_LIMIT = 10 * 1024 * 1024


class MaildirHandler:
    """aiosmtpd handler that stores each message's exact bytes in a Maildir."""

    def __init__(self, maildir: Path) -> None:
        self.maildir = maildir

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """Store the message and accept it."""
        raw = envelope.original_content or b""
        # On the loop: a write without fsync costs less than a thread's hand-over would.
        key = deliver(self.maildir, raw)
        log.info("stored %s from %s to %s", key, envelope.mail_from, ", ".join(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


async def start_smtp_server(handler: MaildirHandler, sock: socket.socket) -> asyncio.Server:
    """Serve SMTP on an already bound socket, on the running event loop."""
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: _protocol(handler, loop), sock=sock)


def _protocol(handler: MaildirHandler, loop: asyncio.AbstractEventLoop) -> SMTP:
    return SMTP(
        handler,
        data_size_limit=DATA_SIZE_LIMIT,
        enable_SMTPUTF8=True,
        # A fixed name: the default socket.getfqdn() can stall on DNS for every connection.
        hostname="localhost",
        ident="convegni mailsink",
        # Nobody has to log in, but a service configured with SMTP credentials must not fail here:
        # advertise AUTH over plain text and accept whatever it sends.
        auth_require_tls=False,
        auth_callback=_accept_any_login,
        loop=loop,
    )


def _accept_any_login(mechanism: str, login: bytes, password: bytes) -> bool:
    return True
