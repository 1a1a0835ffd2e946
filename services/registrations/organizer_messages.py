"""Texts of the organizer pages, Italian then English."""

MESSAGES: dict[str, tuple[str, str]] = {}
