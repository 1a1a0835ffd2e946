"""The images on an event's certificates, from its organizers' page: the organization's logo
and each signatory's signature uploaded (PNG or JPEG, checked as the PDF will draw it) or
removed, and a sample certificate to see them on before attendance closes."""

from fastapi import APIRouter, Response
from starlette.datastructures import UploadFile

from services.registrations.domain.certificate_images import ImageRefused
from services.registrations.usecases import certificate_images, certificate_preview
from services.registrations.web.routes.certificate_desk import PAGE, image_refused
from services.registrations.web.routes.organizer_pages import (
    DeskDep,
    EditorDeskDep,
    OrganizerRoute,
)
from shared.catalogs import N_
from shared.certificate_pdf import fonts_in
from shared.contracts import CertificateImageV1

router = APIRouter(include_in_schema=False, route_class=OrganizerRoute)
NO_FILE = N_("cert_image_error_none")
PREVIEW = {"it": "anteprima-attestato.pdf", "en": "certificate-preview.pdf"}


@router.post("/organizer/events/{slug}/certificates/images")
async def upload(at: EditorDeskDep) -> Response:
    form = await at.form()
    sent = form.get("file")
    if not isinstance(sent, UploadFile) or not sent.filename:
        return await image_refused(at, NO_FILE)
    content = await sent.read(CertificateImageV1.IMAGE_BYTES + 1)  # one byte over is too big
    try:
        await certificate_images.put_image(
            at.session, event=at.event, slot=str(form.get("slot") or ""), content=content
        )
    except ImageRefused as refused:
        return await image_refused(at, refused.key)
    at.ctx.relay.wake()  # the image leaves for notifications now, before any certificate
    return at.see_other(PAGE, done="cert_desk_done_image")


@router.post("/organizer/events/{slug}/certificates/images/remove")
async def remove(at: EditorDeskDep) -> Response:
    form = await at.form()
    slot = str(form.get("slot") or "")
    await certificate_images.remove_image(at.session, event=at.event, slot=slot)
    return at.see_other(PAGE, done="cert_desk_done_image_removed")


@router.get("/organizer/events/{slug}/certificates/preview.pdf")
async def preview(at: DeskDep) -> Response:
    """A sample certificate with the settings as saved: what each person will get."""
    document = await certificate_preview.preview_pdf(
        at.session,
        event=at.event,
        language=at.language,
        links=at.links,
        fonts=fonts_in(at.ctx.settings.assets_dir),
    )
    name = PREVIEW.get(at.language, PREVIEW["it"])
    headers = {"Content-Disposition": f'inline; filename="{name}"', "Cache-Control": "no-store"}
    return Response(document, media_type="application/pdf", headers=headers)
