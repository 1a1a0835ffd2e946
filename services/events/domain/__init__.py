"""Pure rules of the events service: no web, bus, mail or database here."""
