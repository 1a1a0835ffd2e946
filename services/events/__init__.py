"""The events service: organizers publish events and their programmes; the public reads them.

Owns organizations, organizer accounts and tokens, speakers, venues, events, programme items
and revisions; publishes every change of a published event on the EVENTS stream. Its rooms,
the same in every service:

- `main.py`: the composition root (create_app: routes, context, workers); `context.py`: the
  typed context routes and workers receive; `settings.py`: environment variables.
- `domain/`: pure rules and state machines on plain data (an event's publication life,
  validation, what changed between revisions); imports no web, bus, mail or database.
- `usecases/`: one function, one unit of work: load, decide, stage facts, commit.
- `storage/`: tables and the Alembic history (`storage/migrations/`).
- `web/`: routes (organizer API, public API, public pages, the console), schemas, templates.
- `workers/`: background work (none of its own: the outbox relay is shared).
- `formats/`: documents for other programs: .ics, schedule.xml/.json, JSON-LD, Markdown.
- `texts/`: gettext catalogs, one per area and language (`<language>/LC_MESSAGES/<area>.po`).
"""
