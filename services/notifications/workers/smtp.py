"""Sending over SMTP with aiosmtplib, reusing one connection while it lasts, at a set pace."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from email.utils import parseaddr

import aiosmtplib

from services.notifications.settings import NotificationsSettings
from services.notifications.workers.metrics import SMTP_SECONDS


class SendFailed(Exception):
    """An SMTP refusal or a connection problem; `permanent` for 5xx answers."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class Pacer:
    """At most `rate` sends per second: each at least 1/rate after the one before (0: no
    limit), in this process only."""

    def __init__(self, rate: float) -> None:
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._last = -float("inf")

    async def wait(self) -> None:
        """Return when the next send may leave."""
        if not self._interval:
            return
        # A minimum gap, not a bucket of saved-up sends: providers throttle on short windows,
        # so a send delayed by a slow server must not be followed by a burst.
        delay = self._last + self._interval - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        self._last = time.monotonic()


class Mailer:
    def __init__(self, settings: NotificationsSettings) -> None:
        self._settings = settings
        self._client: aiosmtplib.SMTP | None = None
        self._pacer = Pacer(settings.sending_rate_per_second)

    async def send(self, message: EmailMessage) -> None:
        """Send one message when the pace allows; raises SendFailed saying whether to retry."""
        await self._sent_by(lambda client: client.send_message(message))

    async def send_bytes(self, data: bytes, *, recipient: str) -> None:
        """Send an email composed as SMTP carries it (formats.email.compose_bytes) from
        MAIL_FROM's address, as it is: it is not flattened a second time."""
        sender = parseaddr(self._settings.mail_from)[1]
        # A 7-bit message needs no BODY=8BITMIME; an address beyond ASCII needs SMTPUTF8.
        utf8 = not (sender.isascii() and recipient.isascii())
        options = ["SMTPUTF8"] if utf8 else []
        await self._sent_by(
            lambda client: client.sendmail(sender, [recipient], data, mail_options=options)
        )

    async def _sent_by(self, send: Callable[[aiosmtplib.SMTP], Awaitable[object]]) -> None:
        """Run `send` on the connection when the pace allows; raises SendFailed saying
        whether to retry."""
        await self._pacer.wait()
        try:
            with SMTP_SECONDS.time():
                client = await self._connected()
                await send(client)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            refusals = exc.recipients
            reason = "; ".join(f"{r.code} {r.message} <{r.recipient}>" for r in refusals)
            raise SendFailed(reason, permanent=all(r.code >= 500 for r in refusals)) from exc
        except aiosmtplib.SMTPResponseException as exc:
            if exc.code >= 500:
                raise SendFailed(f"{exc.code} {exc.message}", permanent=True) from exc
            await self.close()
            raise SendFailed(f"{exc.code} {exc.message}", permanent=False) from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            await self.close()
            raise SendFailed(f"{type(exc).__name__}: {exc}", permanent=False) from exc

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

    async def close(self) -> None:
        if self._client is not None:
            try:
                await self._client.quit()
            except Exception:
                self._client.close()
            self._client = None
