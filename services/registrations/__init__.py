"""The registrations service: citizens register through the form; seats, waitlist, tickets,
check-in and self-service; organizers read and export who is coming.

Owns its copy of every published event (from the EVENTS stream), forms and questions,
registrations and answers; publishes each registration's facts on the REGISTRATIONS stream.
Its rooms, the same in every service:

- `main.py`: the composition root (create_app: routes, context, workers); `context.py`: the
  typed context routes and workers receive (with the signed-link maker); `settings.py`.
- `domain/`: pure rules and state machines on plain data (the registration's life, the form's
  rules, signed links); imports no web, bus, mail or database.
- `usecases/`: one function, one unit of work: load, decide, stage facts, commit (register,
  cancel, accept an offer, check in, expire what is overdue ...).
- `storage/`: tables and the Alembic history (`storage/migrations/`).
- `web/`: routes (the public form, the person's own page, organizer pages and API, check-in),
  schemas, templates.
- `workers/`: the EVENTS consumer and the sweeper (opt-ins and offers that lapse, retention).
- `formats/`: documents for other programs: CSV and Excel exports.
- `texts/`: gettext catalogs, one per area and language (`<language>/LC_MESSAGES/<area>.po`).
"""
