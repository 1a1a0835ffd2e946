"""Texts for people: gettext catalogs, one per area (domain) and language, read together
over the shared ones (shared/web/texts), so that no caller names a domain:
<language>/LC_MESSAGES/<domain>.po for pages (the public pages), console (its frame),
events, event_form, programme, checks (the programme's warnings), directory, tokens,
problems (what a console form reports) and changes (revision summaries). How a key finds
its domain: babel.cfg."""

from pathlib import Path

from shared.catalogs import SHARED_TEXTS, Catalogs

CATALOGS = Catalogs(SHARED_TEXTS, Path(__file__).parent)
