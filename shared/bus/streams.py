"""The JetStream streams, one per owner, ensured (created or updated) at service start."""

from nats.js.api import StorageType, StreamConfig
from nats.js.client import JetStreamContext
from nats.js.errors import NotFoundError

DUPLICATE_WINDOW_SECONDS = 120.0

STREAMS: dict[str, list[str]] = {
    "EVENTS": ["events.>"],
    "REGISTRATIONS": ["registrations.>"],
    "NOTIFICATIONS": ["notifications.>"],
    # Messages a consumer gave up on, kept for operators: deadletters.<consumer>.<subject>.
    "DEADLETTERS": ["deadletters.>"],
}


def stream_config(name: str, *, replicas: int) -> StreamConfig:
    return StreamConfig(
        name=name,
        subjects=STREAMS[name],
        storage=StorageType.FILE,
        num_replicas=replicas,
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
    )


async def ensure_streams(js: JetStreamContext, *, replicas: int) -> None:
    """Create each stream, or bring an existing one to this configuration."""
    for name in STREAMS:
        config = stream_config(name, replicas=replicas)
        try:
            await js.stream_info(name)
        except NotFoundError:
            await js.add_stream(config)
        else:
            await js.update_stream(config)
