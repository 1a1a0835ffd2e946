"""Texts for people: gettext catalogs, one per area (domain) and language, read together
over the shared ones (shared/web/texts), so that no caller names a domain:
<language>/LC_MESSAGES/<domain>.po for mail (each email's subject and text), letter (what
every email shares) and deliveries (the deliveries page). How a key finds its domain:
babel.cfg."""

from pathlib import Path

from shared.catalogs import SHARED_TEXTS, Catalogs

CATALOGS = Catalogs(SHARED_TEXTS, Path(__file__).parent)
