"""The notifications service: every registration fact and event change becomes the emails a
person is owed, with calendar invites that update and cancel themselves.

Owns its copy of events, the participants as the facts tell them, deliveries (one row per
logical email) and scheduled mail (reminders). Its rooms, the same in every service:

- `main.py`: the composition root (create_app: routes, context, workers); `context.py`: the
  typed context routes and workers receive (with the sender's and scheduler's wake-ups).
- `domain/`: pure rules and state machines on plain data (a delivery's life, which email a
  fact calls for, when reminders fall due); imports no web, bus, mail or database.
- `usecases/`: one function, one unit of work: hear a fact, claim, mark sent or failed.
- `storage/`: tables and the Alembic history (`storage/migrations/`).
- `web/`: the operators' delivery log (API and page), its schemas and templates.
- `workers/`: the consumers, the scheduler, the sender and its SMTP connection.
- `formats/`: the email itself (`email.py`: its parts, its texts from the templates, one
  composer per kind) from plain data, and its encoded headers (`headers.py`).
- `texts/`: gettext catalogs, one per area and language (`<language>/LC_MESSAGES/<area>.po`).
"""
