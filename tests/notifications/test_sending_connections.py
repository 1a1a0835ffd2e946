"""Several SMTP connections in flight, and the sending rate held across them: counted at the
sink (how many DATA exchanges were under way at once, when each message arrived)."""

import pytest

from services.notifications.settings import NotificationsSettings
from services.notifications.workers.sender import Sender
from tests.notifications.owed_emails import address, all_deliveries, owe_confirmations

pytestmark = [
    pytest.mark.integration,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]


async def send_all(sessions, settings: NotificationsSettings) -> None:
    sender = Sender(sessions, settings)
    try:
        while await sender.send_due():
            pass
    finally:
        await sender.close()


async def test_sender_keeps_one_email_in_flight_on_each_of_its_connections(sessions, sink):
    handler, port = sink
    handler.delay = 0.2
    await owe_confirmations(sessions, 8)
    settings = NotificationsSettings(smtp_host="127.0.0.1", smtp_port=port, smtp_connections=4)

    await send_all(sessions, settings)

    assert (handler.connections, handler.most_in_flight) == (4, 4)
    assert handler.copies() == {address(n): 1 for n in range(8)}
    assert {d.status for d in await all_deliveries(sessions)} == {"sent"}


async def test_rate_of_10_per_second_holds_across_four_connections(sessions, sink):
    handler, port = sink
    await owe_confirmations(sessions, 15)
    settings = NotificationsSettings(
        smtp_host="127.0.0.1", smtp_port=port, smtp_connections=4, sending_rate_per_second=10
    )

    await send_all(sessions, settings)
    arrivals = sorted(r.at for r in handler.received)

    assert len(arrivals) == 15
    assert handler.connections == 4
    # Within any second from an arrival on, at most 10 (one more for a send's own jitter);
    # fifteen took at least 1.4 s of the server's clock.
    assert max(sum(1 for b in arrivals if a <= b < a + 1) for a in arrivals) <= 11
    assert arrivals[-1] - arrivals[0] >= 14 * 0.1 - 0.05
