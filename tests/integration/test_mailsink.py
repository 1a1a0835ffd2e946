"""The mail sink as a real process: SMTP in, Maildir on disk, inbox page and JSON out."""

import asyncio
import contextlib
import email.policy
import mailbox
import signal
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

import aiosmtplib
import httpx
import pytest

from devstack.mailsink.store import read_messages
from devstack.ports import free_port
from devstack.processes import ServiceProcess

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 10.0
POLL_INTERVAL = 0.05

SENDER = "noreply@comune.example.it"
RECIPIENT = "maria.rossi@example.org"
SUBJECT = "Conferma iscrizione <b>Bilancio & territorio</b>"
TEXT = "Gentile Maria Rossi,\nla sua iscrizione al convegno è confermata.\n"
HTML = "<p>Gentile Maria Rossi,</p><p>la sua iscrizione è <strong>confermata</strong>.</p>"
ICS = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//convegni//mailsink test//IT\r\n"
    "METHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:convegno-42@comune.example.it\r\n"
    "DTSTAMP:20250101T090000Z\r\n"
    "DTSTART:20250315T090000Z\r\n"
    "DTEND:20250315T130000Z\r\n"
    "SUMMARY:Bilancio e territorio\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


@dataclass(frozen=True)
class Sink:
    process: subprocess.Popen[bytes]
    smtp_port: int
    inbox_url: str
    maildir: Path
    log: Path


async def wait_for_exit(process: subprocess.Popen[bytes]) -> int | None:
    """The exit code once the process ends, or None if it is still running at the deadline."""
    try:
        # Popen.wait blocks; in a thread the event loop stays free for the other fixtures.
        return await asyncio.to_thread(process.wait, STARTUP_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None


@contextlib.asynccontextmanager
async def running_sink(workdir: Path) -> AsyncIterator[Sink]:
    """A ready mail sink process, on free ports with a Maildir that does not exist yet."""
    smtp_port, inbox_port = free_port(), free_port()
    maildir = workdir / "var" / "mail"
    service = ServiceProcess(
        "devstack.mailsink",
        port=inbox_port,
        env={
            "SMTP_SINK_HOST": "127.0.0.1",
            "SMTP_SINK_PORT": str(smtp_port),
            "INBOX_HOST": "127.0.0.1",
            "INBOX_PORT": str(inbox_port),
            "MAILDIR": str(maildir),
        },
        log_file=workdir / "mailsink.log",
    )
    service.start()
    try:
        await asyncio.to_thread(service.wait_healthy, STARTUP_TIMEOUT)
        assert service.process is not None
        yield Sink(service.process, smtp_port, service.url, maildir, service.log_file)
    finally:
        await asyncio.to_thread(service.stop)


def invitation() -> bytes:
    """A registration confirmation as the services send it: text, HTML, invite and .ics file."""
    message = EmailMessage()
    message["From"] = f"Comune di Esempio <{SENDER}>"
    message["To"] = f"Maria Rossi <{RECIPIENT}>"
    message["Subject"] = SUBJECT
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="comune.example.it")
    message.set_content(TEXT)
    message.add_alternative(HTML, subtype="html")
    message.add_alternative(ICS, subtype="calendar", params={"method": "REQUEST"})
    message.add_attachment(
        ICS.encode("ascii"), maintype="application", subtype="ics", filename="invito.ics"
    )
    return message.as_bytes(policy=email.policy.SMTP)


def leaf_index(message: EmailMessage, content_type: str) -> int:
    """Position of the first non-multipart part of the given type, as the inbox numbers parts."""
    leaves = [part for part in message.walk() if not part.is_multipart()]
    return next(i for i, part in enumerate(leaves) if part.get_content_type() == content_type)


def only_key(sink: Sink) -> str:
    """The Maildir key of the single delivered message."""
    (key,) = mailbox.Maildir(sink.maildir, create=False).keys()
    return key


@pytest.fixture(scope="module")
async def sink(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Sink]:
    async with running_sink(tmp_path_factory.mktemp("mailsink")) as running:
        yield running


@pytest.fixture(scope="module")
async def delivered(sink: Sink) -> bytes:
    raw = invitation()
    await aiosmtplib.send(
        raw, sender=SENDER, recipients=[RECIPIENT], hostname="127.0.0.1", port=sink.smtp_port
    )
    return raw


@pytest.fixture
async def inbox(sink: Sink) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sink.inbox_url) as client:
        yield client


async def test_maildir_holds_one_message_with_sent_subject(sink: Sink, delivered: bytes) -> None:
    maildir = mailbox.Maildir(sink.maildir, create=False)

    messages = list(maildir)

    assert len(messages) == 1
    assert messages[0]["Subject"] == SUBJECT


async def test_maildir_stores_exact_bytes_when_received(sink: Sink, delivered: bytes) -> None:
    maildir = mailbox.Maildir(sink.maildir, create=False)

    stored = maildir.get_bytes(only_key(sink))

    assert stored == delivered


async def test_read_messages_parses_with_default_policy(sink: Sink, delivered: bytes) -> None:
    messages = read_messages(sink.maildir)

    assert [message["Subject"] for message in messages] == [SUBJECT]
    assert isinstance(messages[0], EmailMessage)
    body = messages[0].get_body(preferencelist=("plain",))
    assert body is not None
    assert body.get_content() == TEXT


async def test_read_messages_is_empty_when_maildir_missing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"

    messages = read_messages(missing)

    assert messages == []
    assert not missing.exists()


async def test_health_answers_ok(inbox: httpx.AsyncClient) -> None:
    response = await inbox.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_inbox_lists_subject_html_escaped(inbox: httpx.AsyncClient, delivered: bytes) -> None:
    response = await inbox.get("/")

    assert response.status_code == 200
    assert 'name="viewport"' in response.text
    assert "Conferma iscrizione &lt;b&gt;Bilancio &amp; territorio&lt;/b&gt;" in response.text
    assert "<b>Bilancio" not in response.text


async def test_inbox_shows_empty_state_when_no_mail(tmp_path: Path) -> None:
    # The fresh sink also starts from a Maildir whose parent folders do not exist yet.
    async with running_sink(tmp_path) as fresh, httpx.AsyncClient(base_url=fresh.inbox_url) as web:
        response = await web.get("/")

    assert response.status_code == 200
    assert "Nessun messaggio ricevuto" in response.text


async def test_detail_shows_text_part(
    sink: Sink, inbox: httpx.AsyncClient, delivered: bytes
) -> None:
    response = await inbox.get(f"/messages/{only_key(sink)}")

    assert response.status_code == 200
    assert "<pre>Gentile Maria Rossi,\nla sua iscrizione al convegno è confermata." in response.text
    assert "maria.rossi@example.org" in response.text


async def test_detail_frames_html_without_scripts(
    sink: Sink, inbox: httpx.AsyncClient, delivered: bytes
) -> None:
    response = await inbox.get(f"/messages/{only_key(sink)}")

    assert "<iframe" in response.text
    assert 'sandbox="' in response.text
    assert "allow-scripts" not in response.text
    assert 'srcdoc="&lt;base target=&#34;_blank&#34;&gt;&lt;p&gt;Gentile' in response.text


async def test_calendar_part_downloads_as_text_calendar(
    sink: Sink, inbox: httpx.AsyncClient, delivered: bytes
) -> None:
    index = leaf_index(read_messages(sink.maildir)[0], "text/calendar")

    response = await inbox.get(f"/messages/{only_key(sink)}/parts/{index}")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert b"METHOD:REQUEST" in response.content
    assert ".ics" in response.headers["content-disposition"]


async def test_ics_attachment_downloads_with_filename(
    sink: Sink, inbox: httpx.AsyncClient, delivered: bytes
) -> None:
    index = leaf_index(read_messages(sink.maildir)[0], "application/ics")

    response = await inbox.get(f"/messages/{only_key(sink)}/parts/{index}")

    assert response.status_code == 200
    assert response.content == ICS.encode("ascii")
    assert response.headers["content-disposition"].startswith('attachment; filename="invito.ics"')


async def test_raw_returns_rfc822_bytes(
    sink: Sink, inbox: httpx.AsyncClient, delivered: bytes
) -> None:
    response = await inbox.get(f"/messages/{only_key(sink)}/raw")

    assert response.status_code == 200
    assert response.headers["content-type"] == "message/rfc822"
    assert response.content == delivered


async def test_api_messages_lists_delivered_message(
    sink: Sink, inbox: httpx.AsyncClient, delivered: bytes
) -> None:
    response = await inbox.get("/api/messages")

    assert response.status_code == 200
    [listed] = response.json()
    assert listed["key"] == only_key(sink)
    assert listed["subject"] == SUBJECT
    assert RECIPIENT in listed["to"]
    assert SENDER in listed["from"]
    assert listed["message_id"].endswith("@comune.example.it>")
    assert listed["date"]


@pytest.mark.parametrize(
    "path", ["/messages/{key}", "/messages/{key}/raw", "/messages/{key}/parts/0"]
)
async def test_unknown_key_returns_404(inbox: httpx.AsyncClient, path: str) -> None:
    response = await inbox.get(path.format(key="1700000000.M1P1Q1.nowhere"))

    assert response.status_code == 404
    assert "Message not found" in response.text


async def test_unknown_part_returns_404(
    sink: Sink, inbox: httpx.AsyncClient, delivered: bytes
) -> None:
    response = await inbox.get(f"/messages/{only_key(sink)}/parts/99")

    assert response.status_code == 404


async def test_smtp_accepts_mail_when_client_logs_in(tmp_path: Path) -> None:
    async with running_sink(tmp_path) as fresh:
        await aiosmtplib.send(
            invitation(),
            sender=SENDER,
            recipients=[RECIPIENT],
            hostname="127.0.0.1",
            port=fresh.smtp_port,
            username="convegni",
            password="any-password",
        )

        messages = read_messages(fresh.maildir)

    assert [message["Subject"] for message in messages] == [SUBJECT]


async def test_sink_exits_cleanly_on_sigterm(tmp_path: Path) -> None:
    async with running_sink(tmp_path) as fresh:
        fresh.process.send_signal(signal.SIGTERM)

        exit_code = await wait_for_exit(fresh.process)

    assert exit_code == 0
    assert "mailsink stopped" in fresh.log.read_text()
