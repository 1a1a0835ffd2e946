"""Where a page sits: the organization it belongs to (`page_org`, named in the header and the
footer), its event (`page_event`) and the breadcrumbs that lead to it, Home > organization >
event > page, with every link kept in the language the reader asked for."""

from typing import Protocol

from starlette.requests import Request

from shared.catalogs import N_
from shared.web.templating import Pages

Crumb = tuple[str, str | None]

HOME = N_("breadcrumb_home")
# The names of the pages below an event, for the routes to say where they are.
FORM = N_("crumb_form")
PERSONAL = N_("crumb_personal")
CHECKIN = N_("crumb_checkin")
REGISTRATIONS = N_("crumb_registrations")


class Organization(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...


class Event(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def organizer(self) -> Organization: ...


def place(
    pages: Pages,
    request: Request,
    *,
    org: Organization | None = None,
    event: Event | None = None,
    here: str | None = None,
) -> dict[str, object]:
    """The context naming where a page sits: `here` (a catalog key, or a text already said)
    is the current page; without it the event, else the organization, else Home is."""
    say = pages.translator(request)
    org = org or (event.organizer if event else None)
    home = pages.site.get("events_url", "").rstrip("/")
    asked = request.query_params.get("lang")
    lang = asked if asked in pages.catalogs.languages else None
    crumbs: list[Crumb] = [(say(HOME), _with_lang(f"{home}/", lang))]
    if org is not None:
        crumbs.append((org.name, _with_lang(f"{home}/?organizer={org.slug}", lang)))
    if event is not None:
        crumbs.append((event.title, _with_lang(f"{home}/events/{event.slug}", lang)))
    if here is not None:
        crumbs.append((say(here), None))
    else:
        crumbs[-1] = (crumbs[-1][0], None)
    return {
        "page_org": org,
        "page_event": event.slug if event is not None else None,
        "breadcrumbs": crumbs,
    }


def _with_lang(url: str, lang: str | None) -> str:
    if lang is None:
        return url
    return url + ("&" if "?" in url else "?") + f"lang={lang}"
