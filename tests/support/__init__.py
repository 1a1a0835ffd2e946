"""Helpers for tests that run the real system: stacks, people, mail, databases."""
