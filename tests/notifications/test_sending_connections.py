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
    # The pace is kept where a send starts; what the server sees adds each send's own
    # jitter (a commit, a busy machine): two more in a second at most, 10% on average.
    busiest = max(sum(1 for b in arrivals if a <= b < a + 1) for a in arrivals)
    assert busiest <= 12, arrivals
    assert 14 / (arrivals[-1] - arrivals[0]) <= 11, arrivals
