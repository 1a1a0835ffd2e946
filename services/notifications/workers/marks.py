"""The sender's marks around each SMTP exchange: "sending" committed just before DATA, "sent"
heard just after the 250 and committed with the next "sending" (of any connection) or the
next claim. Whichever connection asks commits everything every connection has pending,
in one transaction (a group commit), so marks cost about one write per email, often less."""

import asyncio
from datetime import UTC, datetime

from services.notifications.usecases import sending
from services.notifications.usecases.sending import Held
from shared.db import SessionFactory


class Marks:
    """Pending marks of one process's sender. A connection waits for its "sending" mark to be
    committed before DATA, and that commit carries the "sent" mark of the email it sent
    before: so at any moment it has at most one email in "sending" that its person may have
    received (the one in DATA, or the one whose 250 is not yet recorded), never two."""

    def __init__(self, sessions: SessionFactory, send_lease_seconds: float) -> None:
        self._sessions = sessions
        self._send_lease_seconds = send_lease_seconds
        self._lock = asyncio.Lock()
        self._begin: list[tuple[int, Held, asyncio.Future[Held | None]]] = []
        self._sent: list[int] = []

    async def begin(self, delivery_id: int, held: Held) -> Held | None:
        """Mark a delivery sending, if its claim `held` is still this sender's; returns the
        send's lease end (its token from now on), or None when the claim was lost."""
        answer: asyncio.Future[Held | None] = asyncio.get_running_loop().create_future()
        self._begin.append((delivery_id, held, answer))
        await self._flush()
        return await answer

    def sent(self, delivery_id: int) -> None:
        """Note a delivery sent (the SMTP server said 250): committed with the next marks.
        Until then it stays in "sending", resent after its short lease if this process dies."""
        self._sent.append(delivery_id)

    def take_sent(self) -> list[int]:
        """The deliveries noted sent and not committed yet, for a transaction of the
        caller's; it gives them back (keep_sent) if that transaction fails."""
        sent, self._sent = self._sent, []
        return sent

    def keep_sent(self, sent: list[int]) -> None:
        """Sent marks taken and not committed: they go with the next marks."""
        self._sent[:0] = sent

    async def flush(self) -> None:
        """Commit what is pending."""
        await self._flush()

    async def _flush(self) -> None:
        async with self._lock:
            begin, sent = self._begin, self._sent
            self._begin, self._sent = [], []
            if not (begin or sent):
                return
            try:
                async with self._sessions() as session:
                    begun = await sending.record_marks(
                        session=session,
                        begin=[(delivery_id, held) for delivery_id, held, _ in begin],
                        sent=sent,
                        now=datetime.now(UTC),
                        send_lease_seconds=self._send_lease_seconds,
                    )
            except BaseException as exc:
                # A 250 is never forgotten while the process lives: it goes with the next
                # flush. A begin that may not have committed is not begun (not handed to DATA).
                self._sent[:0] = sent
                for _, _, answer in begin:
                    if not answer.done():
                        answer.set_exception(exc)
                raise
            for delivery_id, _, answer in begin:
                answer.set_result(begun.get(delivery_id))
