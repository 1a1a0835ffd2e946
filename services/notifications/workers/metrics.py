"""What the notifications service counts: emails by outcome and SMTP latency as it sends, and
the deliveries by state, read at each scrape."""

from prometheus_client import Counter, Histogram
from prometheus_client.core import Metric
from sqlalchemy import func
from sqlmodel import col, select

from services.notifications.context import NotificationsContext
from services.notifications.domain.delivery_life import STATUSES
from services.notifications.storage.tables import Delivery
from shared.metrics import LATENCY_BUCKETS
from shared.web.metrics import gauge

EMAILS = Counter(
    "convegni_emails",
    "Sending attempts by email kind and outcome: sent, retrying, failed, or resent "
    "(taken over from a sender that died mid-send: maybe a second copy)",
    ["kind", "outcome"],
)
SMTP_SECONDS = Histogram(
    "convegni_smtp_send_seconds",
    "Time for the SMTP server to accept (or refuse) one email, connecting included",
    buckets=LATENCY_BUCKETS,
)


async def delivery_gauges(ctx: NotificationsContext) -> list[Metric]:
    """Deliveries by state, every state present (0 when none), for alerts on failed ones."""
    async with ctx.sessions() as session:
        counted = dict(
            (
                await session.exec(
                    select(Delivery.status, func.count()).group_by(col(Delivery.status))
                )
            ).all()
        )
    values: dict[tuple[str, ...], float] = {(state,): counted.get(state, 0) for state in STATUSES}
    return [gauge("convegni_deliveries", "Emails owed, by delivery state", values, ["state"])]
