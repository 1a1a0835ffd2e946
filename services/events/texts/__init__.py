"""Texts for people: gettext catalogs, one per language (<language>/LC_MESSAGES/messages.po),
read over the shared ones (shared/web/texts)."""

from pathlib import Path

from shared.catalogs import SHARED_TEXTS, Catalogs

CATALOGS = Catalogs(SHARED_TEXTS, Path(__file__).parent)
