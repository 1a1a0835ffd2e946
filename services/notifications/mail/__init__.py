"""Building emails: texts from templates, the invite from shared.ical, MIME from the stdlib."""
