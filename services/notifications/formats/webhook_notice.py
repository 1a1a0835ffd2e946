"""The email telling an organization's owner that one of its webhook endpoints was turned
off: which address, why (it kept failing, or answered 410 Gone), its last answer, and the
console's page to turn it on again. No event, so no invite."""

from datetime import datetime

from services.notifications.formats import mime
from services.notifications.formats.bodies import render_bodies, subject
from services.notifications.formats.letter import Letter, headers_of, moment, one_line
from services.notifications.formats.mime import Draft


def compose_webhook_disabled(letter: Letter, *, mail_from: str, now: datetime) -> Draft:
    """The owner's notice of an endpoint turned off."""
    facts, language = letter.facts, letter.language
    values = {**facts, "disabled_at": moment(facts["disabled_at"]), "language": language}
    organization = one_line(facts["organization_name"])
    title = subject("webhook_disabled", language, organization=organization)
    headers = (*headers_of(letter, mail_from, now), mime.header("Subject", title))
    return Draft(headers, render_bodies("webhook_disabled", language, values))
