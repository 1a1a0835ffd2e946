"""The convegni services: events, registrations, notifications, one process and one database
each; and cli, the organizers' command line (`convegni`), which talks to them over HTTP."""
