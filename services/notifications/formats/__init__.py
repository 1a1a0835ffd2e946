"""Documents built from plain data for other programs and people: calendars, exports, emails."""
