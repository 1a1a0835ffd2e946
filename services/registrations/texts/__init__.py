"""Texts for people: gettext catalogs, one per area (domain) and language, read together
over the shared ones (shared/web/texts), so that no caller names a domain:
<language>/LC_MESSAGES/<domain>.po for form, outcomes (what the form answers), manage and
manage_problems (the person's own pages), organizer and roster (the organizer's area and
an event's registrations), dashboard (the organizers' charts), form_settings and
form_builder (an event's registration settings and the questions of its form), checkin and
exports. How a key finds its domain: babel.cfg."""

from pathlib import Path

from shared.catalogs import SHARED_TEXTS, Catalogs

CATALOGS = Catalogs(SHARED_TEXTS, Path(__file__).parent)
