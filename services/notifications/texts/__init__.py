"""Texts for people, per language."""
