"""Sending over SMTP with aiosmtplib, reusing one connection while it lasts."""

from email.message import EmailMessage

import aiosmtplib

from services.notifications.settings import NotificationsSettings


class SendFailed(Exception):
    """An SMTP refusal or a connection problem; `permanent` for 5xx answers."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class Mailer:
    def __init__(self, settings: NotificationsSettings) -> None:
        self._settings = settings
        self._client: aiosmtplib.SMTP | None = None

    async def send(self, message: EmailMessage) -> None:
        """Send one message; raises SendFailed saying whether to retry."""
        try:
            client = await self._connected()
            await client.send_message(message)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [refusal.code for refusal in exc.recipients]
            raise SendFailed(str(exc), permanent=all(code >= 500 for code in codes)) from exc
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
