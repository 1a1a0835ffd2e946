"""Sending over SMTP with aiosmtplib: a connection reused while it lasts, at a pace shared by
a process's connections, with a say for the caller just before DATA."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.message import EmailMessage

import aiosmtplib
from aiosmtplib.email import extract_recipients, extract_sender, flatten_message

from services.notifications.settings import NotificationsSettings
from services.notifications.workers.metrics import SMTP_SECONDS


class SendFailed(Exception):
    """An SMTP refusal or a connection problem; `permanent` for 5xx answers."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class Pacer:
    """At most `rate` sends per second: each at least 1/rate after the one before (0: no
    limit), in this process only, whichever connection sends."""

    def __init__(self, rate: float) -> None:
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._last = -float("inf")
        self._turn = asyncio.Lock()

    async def wait(self) -> None:
        """Return when the next send may leave."""
        if not self._interval:
            return
        # A minimum gap, not a bucket of saved-up sends: providers throttle on short windows,
        # so a send delayed by a slow server must not be followed by a burst. Connections
        # waiting together leave one at a time, each a full gap after the one before.
        async with self._turn:
            delay = self._last + self._interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            self._last = time.monotonic()


BeforeData = Callable[[], Awaitable[bool]]


@dataclass(frozen=True)
class Composed:
    """An email as SMTP carries it (formats.email.compose_bytes: 7-bit, CRLF) and its
    envelope: it is sent as it is, never flattened a second time."""

    content: bytes
    sender: str
    recipient: str


class Stopwatch:
    """Seconds spent inside its `with` blocks, added up."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def __enter__(self) -> None:
        self._started = time.perf_counter()

    def __exit__(self, *_: object) -> None:
        self.seconds += time.perf_counter() - self._started


class Mailer:
    """One SMTP connection, reused while it lasts, sending at the pace of a Pacer that other
    connections of the process may share."""

    def __init__(self, settings: NotificationsSettings, pacer: Pacer | None = None) -> None:
        self._settings = settings
        self._client: aiosmtplib.SMTP | None = None
        self._pacer = pacer or Pacer(settings.sending_rate_per_second)

    async def send(
        self, message: EmailMessage | Composed, *, before_data: BeforeData | None = None
    ) -> bool:
        """Send one message (one recipient) when the pace allows: a Composed one as it is,
        an EmailMessage flattened as aiosmtplib would. `before_data` is awaited
        once the server took the envelope, just before DATA: False gives the message up
        (RSET) and send returns False. The DATA exchange as a whole lasts at most
        SMTP_TIMEOUT_SECONDS. Raises SendFailed saying whether to retry."""
        talking = Stopwatch()  # the server's time: not the pace's, nor before_data's
        try:
            with talking:
                client = await self._connected()
                content, envelope = _flattened(client, message)
            await self._pacer.wait()
            with talking:
                encoding = envelope.encoding
                await client.mail(envelope.sender, options=envelope.options, encoding=encoding)
                for recipient in envelope.recipients:
                    await client.rcpt(recipient, encoding=encoding)
            if before_data is not None and not await self._asked(before_data):
                await client.rset()
                return False
            with talking:
                async with asyncio.timeout(self._settings.smtp_timeout_seconds):
                    await client.data(content)
            return True
        except aiosmtplib.SMTPResponseException as exc:
            permanent = exc.code >= 500
            await (self._reset() if permanent else self.close())
            recipient = getattr(exc, "recipient", "")
            told = f"{exc.code} {exc.message}" + (f" <{recipient}>" if recipient else "")
            raise SendFailed(told, permanent=permanent) from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            await self.close()
            raise SendFailed(f"{type(exc).__name__}: {exc}", permanent=False) from exc
        except ValueError as exc:  # an address SMTP cannot carry: it will not on retry either
            raise SendFailed(f"unaddressable: {exc}", permanent=True) from exc
        finally:
            SMTP_SECONDS.observe(talking.seconds)

    async def _asked(self, before_data: BeforeData) -> bool:
        try:
            return await before_data()
        except BaseException:  # the envelope is open: hang up rather than leave it half-done
            await self.close()
            raise

    async def _connected(self) -> aiosmtplib.SMTP:
        if self._client is not None and self._client.is_connected:
            return self._client
        settings = self._settings
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        client = aiosmtplib.SMTP(
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            use_tls=settings.smtp_implicit_tls,
            start_tls=settings.smtp_starttls,
            username=settings.smtp_username,
            password=password,
            timeout=settings.smtp_timeout_seconds,
        )
        await client.connect()
        self._client = client
        return client

    async def _reset(self) -> None:
        """Clear a refused envelope, keeping the connection (a refusal is about the email)."""
        if self._client is None:
            return
        try:
            await self._client.rset()
        except (aiosmtplib.SMTPException, OSError, TimeoutError):
            await self.close()

    async def close(self) -> None:
        if self._client is not None:
            try:
                await self._client.quit()
            except Exception:
                self._client.close()
            self._client = None


@dataclass(frozen=True)
class Envelope:
    sender: str
    recipients: list[str]
    options: list[str]
    encoding: str


def _flattened(client: aiosmtplib.SMTP, message: EmailMessage | Composed) -> tuple[bytes, Envelope]:
    if isinstance(message, Composed):
        return message.content, _envelope(client, message.sender, [message.recipient], False)
    return _message_flattened(client, message)


def _envelope(
    client: aiosmtplib.SMTP, sender: str, recipients: list[str], eight_bit: bool
) -> Envelope:
    """MAIL FROM's options: SMTPUTF8 for an address beyond ASCII (refused by a server that
    lacks it), BODY=8BITMIME for a body that needs it."""
    utf8 = not (sender + "".join(recipients)).isascii()
    options = []
    if utf8:
        if not client.supports_extension("smtputf8"):
            raise aiosmtplib.SMTPNotSupported("SMTPUTF8 is not supported by this server")
        options.append("SMTPUTF8")
    if eight_bit:
        options.append("BODY=8BITMIME")
    return Envelope(sender, recipients, options, "utf-8" if utf8 else "ascii")


def _message_flattened(client: aiosmtplib.SMTP, message: EmailMessage) -> tuple[bytes, Envelope]:
    """The message's bytes and envelope as aiosmtplib's send_message makes them (From and
    To read, Bcc left out, 8BITMIME and SMTPUTF8 used when the server offers them), here so
    that the sender can act between the envelope and DATA."""
    sender = extract_sender(message)
    recipients = extract_recipients(message)
    if sender is None or not recipients:
        raise ValueError("a message needs a From and a recipient")
    eight_bit = client.supports_extension("8BITMIME")
    envelope = _envelope(client, sender, recipients, eight_bit)
    utf8 = envelope.encoding == "utf-8"
    content = flatten_message(message, utf8=utf8, cte_type="8bit" if eight_bit else "7bit")
    return content, envelope
