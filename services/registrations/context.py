"""What the registrations service's routes and workers reach: its settings, sessions, relay,
bus, and the maker of the signed links its emails and pages carry."""

from dataclasses import dataclass, field
from typing import Annotated

from services.registrations.settings import RegistrationsSettings
from services.registrations.usecases.facts import Links
from services.registrations.usecases.form_rules import FormRulesCache
from shared.context import ServiceContext
from shared.web.deps import context_of, depends_on


@dataclass
class RegistrationsContext(ServiceContext[RegistrationsSettings]):
    links: Links = field(init=False)
    forms: FormRulesCache = field(init=False)  # the forms registering reads, kept in the process

    def __post_init__(self) -> None:
        self.links = Links(
            base_url=self.settings.registrations_public_url,
            secret=self.settings.secret_key.get_secret_value(),
        )
        self.forms = FormRulesCache()


of_request = context_of(RegistrationsContext)
CtxDep = Annotated[RegistrationsContext, depends_on(of_request)]
