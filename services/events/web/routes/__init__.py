"""HTTP routes of the events service: organizer API, public API, public pages."""
