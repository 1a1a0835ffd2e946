"""NATS JetStream helpers: connection, streams, publishing with Nats-Msg-Id, durable consumers."""
