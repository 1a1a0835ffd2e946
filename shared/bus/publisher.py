"""Publishing to JetStream with the message id as Nats-Msg-Id, so the server drops repeats."""

from nats.js.client import JetStreamContext

PUBLISH_TIMEOUT_SECONDS = 5.0


class Publisher:
    def __init__(self, js: JetStreamContext) -> None:
        self._js = js

    async def publish_raw(
        self,
        subject: str,
        payload: bytes,
        *,
        message_id: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Publish and wait for the stream's ack; raises when the broker did not ack."""
        await self._js.publish(
            subject,
            payload,
            timeout=PUBLISH_TIMEOUT_SECONDS,
            headers={**(headers or {}), "Nats-Msg-Id": message_id},
        )
