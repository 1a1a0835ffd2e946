"""Texts of the manage pages, Italian then English."""

MESSAGES: dict[str, tuple[str, str]] = {}
