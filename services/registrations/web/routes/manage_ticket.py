"""The ticket and the personal links that every page an emailed link opens shows at once:
the personal page, the QR ticket with its short code, the .ics file (the same signed links
as in the email)."""

from fastapi import Request
from markupsafe import Markup

from services.registrations.context import RegistrationsContext
from services.registrations.domain.links import ticket_payload
from services.registrations.domain.registration_life import Status
from services.registrations.domain.ticket_codes import spoken
from services.registrations.storage.tables import Registration
from shared.web.templating import Pages


def ticket_svg(payload: str, *, title: str) -> Markup:
    """The ticket's QR code as inline SVG: no image request, crisp when printed."""
    import segno  # on the first ticket shown: the form and the API never need it

    svg = segno.make(payload, error="m").svg_inline(scale=5, title=title, svgclass="ticket-qr")
    # segno escapes the title; role="img" makes screen readers read it as the image's name
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


def qr_payload(ctx: RegistrationsContext, registration: Registration) -> str:
    secret = ctx.settings.secret_key.get_secret_value()
    return ticket_payload(registration.id, registration.ticket_code, secret=secret)


def ticket(
    request: Request, pages: Pages, ctx: RegistrationsContext, registration: Registration
) -> dict[str, object]:
    """The ticket as a page shows it: the QR code, named for a screen reader, and the code."""
    name = f"{registration.first_name} {registration.last_name}"
    return {
        "ticket_svg": ticket_svg(
            qr_payload(ctx, registration),
            title=pages.translator(request)("manage_ticket_qr", name=name),
        ),
        "ticket_code": spoken(registration.short_code),
    }


def personal_links(
    request: Request, pages: Pages, ctx: RegistrationsContext, registration: Registration
) -> dict[str, object]:
    """The personal page's link always; the ticket and the .ics once the seat is confirmed."""
    manage_url = ctx.links.manage(registration)
    shown: dict[str, object] = {"manage_url": manage_url}
    if registration.status == Status.CONFIRMED:
        shown["ics_url"] = f"{manage_url}/event.ics"
        shown.update(ticket(request, pages, ctx, registration))
    return shown
