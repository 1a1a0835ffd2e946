"""The embedded development stack: nats-server, the services, a mail sink and demo data."""
