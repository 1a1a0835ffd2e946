"""Run the mail sink: SMTP and the inbox page on one event loop until SIGTERM or SIGINT."""

import asyncio
import contextlib
import logging
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import uvicorn
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from devstack.mailsink.inbox import create_app
from devstack.mailsink.smtp import MaildirHandler, start_smtp_server
from devstack.mailsink.store import open_maildir

log = logging.getLogger("devstack.mailsink")

SHUTDOWN_GRACE_SECONDS = 5.0


class SinkSettings(BaseSettings):
    """Where the sink listens and where it files the mail."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True, use_attribute_docstrings=True)

    smtp_host: str = Field("127.0.0.1", validation_alias="SMTP_SINK_HOST")
    """The address the sink's SMTP server listens on."""
    smtp_port: int = Field(1025, validation_alias="SMTP_SINK_PORT")
    """Its SMTP port (the services' SMTP_PORT)."""
    inbox_host: str = Field("127.0.0.1", validation_alias="INBOX_HOST")
    """The address of the inbox page."""
    inbox_port: int = Field(8025, validation_alias="INBOX_PORT")
    """The port of the inbox page."""
    maildir: Path = Field(Path("var/mail"), validation_alias="MAILDIR")
    """Where the caught emails are filed (a Maildir)."""


class InboxServer(uvicorn.Server):
    """Uvicorn without its own signal handling, so that one stop signal ends SMTP and HTTP alike."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # Uvicorn would re-raise the captured signal after shutdown, killing the process uncleanly.
        yield


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket, bound before anything is announced so the logged address is real."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family)


async def serve(settings: SinkSettings, stop: asyncio.Event) -> None:
    """Serve SMTP and the inbox until `stop` is set or the web server ends on its own."""
    open_maildir(settings.maildir)
    smtp_socket = bind(settings.smtp_host, settings.smtp_port)
    inbox_socket = bind(settings.inbox_host, settings.inbox_port)
    smtp = await start_smtp_server(MaildirHandler(settings.maildir), smtp_socket)
    inbox = InboxServer(_uvicorn_config(settings))
    inbox_task = asyncio.create_task(inbox.serve(sockets=[inbox_socket]), name="mailsink-inbox")
    _announce(settings, smtp_socket, inbox_socket)
    stop_task = asyncio.create_task(stop.wait(), name="mailsink-stop")
    try:
        await asyncio.wait({stop_task, inbox_task}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop_task.cancel()
        inbox.should_exit = True
        await inbox_task
        smtp.close()
        # From Python 3.12 this also waits for open SMTP sessions, which may idle for minutes.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(smtp.wait_closed(), timeout=SHUTDOWN_GRACE_SECONDS)
    log.info("mailsink stopped")


def _uvicorn_config(settings: SinkSettings) -> uvicorn.Config:
    app = create_app(settings.maildir)
    # Host and port are informational here: uvicorn serves the socket bound by `bind`.
    return uvicorn.Config(
        app,
        host=settings.inbox_host,
        port=settings.inbox_port,
        access_log=False,
        lifespan="off",
        log_config=None,
    )


def _announce(
    settings: SinkSettings, smtp_socket: socket.socket, inbox_socket: socket.socket
) -> None:
    smtp_host, smtp_port = smtp_socket.getsockname()[:2]
    inbox_host, inbox_port = inbox_socket.getsockname()[:2]
    log.info("SMTP sink listening on smtp://%s:%s", smtp_host, smtp_port)
    log.info("Inbox on http://%s:%s/", inbox_host, inbox_port)
    log.info("Storing mail in Maildir %s", settings.maildir.resolve())


async def _main() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await serve(SinkSettings(), stop)


def main() -> None:
    """Entry point of `python -m devstack.mailsink`."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # aiosmtpd logs every SMTP command at INFO; the handler already logs one line per message.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    asyncio.run(_main())


if __name__ == "__main__":
    main()
