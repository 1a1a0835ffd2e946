"""The Mailer against a real SMTP server (aiosmtpd): one connection reused, the sending rate
kept, and refusals told apart (5xx for good, 4xx to retry)."""

import itertools
import time
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from devstack.ports import free_port
from services.notifications.settings import NotificationsSettings
from services.notifications.workers.sender import claim_limit
from services.notifications.workers.smtp import Mailer, Pacer, SendFailed

pytestmark = pytest.mark.integration


class Counting:
    """Counts connections (one EHLO each) and notes when each message arrived."""

    def __init__(self) -> None:
        self.connections = 0
        self.arrivals: list[float] = []
        self.answer = ""  # when set, DATA is answered with it instead of being accepted

    async def handle_EHLO(self, server, session, envelope, hostname, responses) -> list[str]:
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.answer:
            return self.answer
        self.arrivals.append(time.perf_counter())
        return "250 OK"


@pytest.fixture
def server() -> Iterator[tuple[Counting, int]]:
    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def settings(port: int, **changes: object) -> NotificationsSettings:
    return NotificationsSettings(smtp_host="127.0.0.1", smtp_port=port, **changes)


def message(n: int) -> EmailMessage:
    email = EmailMessage()
    email["From"] = "noreply@convegni.localhost"
    email["To"] = f"persona{n}@comune-test.it"
    email["Subject"] = f"Iscrizione confermata {n}"
    email.set_content("Ci vediamo al convegno.")
    return email


async def test_mailer_sends_every_message_on_one_connection(server):
    handler, port = server
    mailer = Mailer(settings(port))

    for n in range(20):
        await mailer.send(message(n))
    await mailer.close()

    assert (handler.connections, len(handler.arrivals)) == (1, 20)


async def test_pacer_at_20_per_second_leaves_50ms_between_sends():
    pacer = Pacer(20)
    stamps = []

    for _ in range(6):
        await pacer.wait()
        stamps.append(time.monotonic())

    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    assert min(gaps) >= 0.05


async def test_mailer_with_a_rate_takes_the_interval_per_message(server):
    handler, port = server
    mailer = Mailer(settings(port, sending_rate_per_second=20))

    for n in range(6):
        await mailer.send(message(n))
    await mailer.close()

    # From the second arrival on: the first one also waited for the connection.
    assert len(handler.arrivals) == 6
    assert handler.arrivals[-1] - handler.arrivals[1] >= 4 * 0.05 - 0.02


async def test_mailer_tells_a_5xx_refusal_permanent_and_a_4xx_temporary(server):
    handler, port = server
    mailer = Mailer(settings(port))

    handler.answer = "554 5.7.1 Rejected"
    with pytest.raises(SendFailed, match=r"554 5\.7\.1 Rejected") as permanent:
        await mailer.send(message(1))
    handler.answer = "451 4.3.0 Try again later"
    with pytest.raises(SendFailed, match=r"451 4\.3\.0") as temporary:
        await mailer.send(message(2))
    handler.answer = ""
    await mailer.send(message(3))
    await mailer.close()

    assert (permanent.value.permanent, temporary.value.permanent) == (True, False)
    assert len(handler.arrivals) == 1
    assert handler.connections == 2  # dropped after the 4xx, reconnected for the next


@pytest.mark.parametrize(("rate", "claimed"), [(0, 50), (100, 50), (0.25, 15), (0.001, 1)], ids=str)
def test_claim_limit_at_a_rate_fits_a_batch_in_half_the_lease(rate, claimed):
    limit = claim_limit(settings(1025, sending_rate_per_second=rate, sending_lease_seconds=120))

    assert limit == claimed
