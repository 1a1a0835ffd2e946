"""The convegni services: events, registrations, notifications; one process, one database each."""
