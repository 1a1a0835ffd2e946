"""The way back from the registrations pages to the events console: its addresses (relative
when both services answer on one origin, behind the proxy) and the breadcrumbs through it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shared.catalogs import N_
from shared.contracts import EventSnapshotV1
from shared.settings import ServiceSettings
from shared.web.breadcrumbs import Crumb
from shared.web.i18n import DEFAULT_LANGUAGE

CONSOLE = N_("org_crumb_console")


@dataclass(frozen=True)
class ConsoleLinks:
    """The console of one organization, in the reader's language."""

    settings: ServiceSettings
    organization_slug: str
    language: str
    reads_events: bool = True  # False for door staff, whom the console's event page refuses

    def url(self, path: str = "") -> str:
        """/console/ without `path`, else /console/<org><path>; on the console's own origin
        when it is not this one."""
        origin = self.settings.events_public_url.rstrip("/")
        if origin == self.settings.registrations_public_url.rstrip("/"):
            origin = ""
        org = f"/{self.organization_slug}" if path else "/"
        kept = "" if self.language == DEFAULT_LANGUAGE else f"?lang={self.language}"
        return f"{origin}/console{org}{path}{kept}"

    def place(
        self, say: Callable[[str], str], event: EventSnapshotV1, here: str, via: Crumb | None = None
    ) -> dict[str, Any]:
        """The way back (`console_event`) and the breadcrumbs Console > organization > event
        > [`via`] > `here` (a catalog key): console pages, then ours. Door staff, who may not
        open the console's event page, go back to their events list, with no event crumb."""
        events = self.url("/events")
        at_event = self.url(f"/events/{event.id}") if self.reads_events else events
        crumbs: list[Crumb] = [
            (say(CONSOLE), self.url()),
            (event.organizer.name, events),
            *([(event.title, at_event)] if self.reads_events else []),
            *([(say(via[0]), via[1])] if via else []),
            (say(here), None),
        ]
        return {"console_event": at_event, "breadcrumbs": crumbs}
