"""Certificates of attendance for organizers (Bearer token): the event's settings, and closing
attendance, which issues the certificates once (editors). Another organization's event is
not found."""

import json
from datetime import UTC, datetime

from fastapi import APIRouter

from services.registrations.context import CtxDep
from services.registrations.storage.certificates import CertificateSettings
from services.registrations.usecases import certificates
from services.registrations.web.routes.staff_auth import Act, StaffDep, staff_event
from services.registrations.web.schemas import (
    AttendanceClosedOut,
    CertificateOut,
    CertificateSettingsIn,
    CertificateSettingsOut,
    RevokedOut,
    RevokeIn,
    SignatoryIn,
    person_name,
)
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/organizer/events/{slug}",
    tags=["certificates"],
    responses=refusals(401, 404, 422),  # another organization's event is not found
)
SETTINGS = "/certificates/settings"


def _out(settings: CertificateSettings) -> CertificateSettingsOut:
    return CertificateSettingsOut(
        issued=settings.issued,
        minimum_share=settings.minimum_share,
        credits=settings.credits,
        accreditation=settings.accreditation,
        signatories=[SignatoryIn(**given) for given in json.loads(settings.signatories)],
        explain_shortfall=settings.explain_shortfall,
        closed_at=settings.closed_at,
    )


@router.get(SETTINGS)
async def certificate_settings(
    slug: str, staff: StaffDep, session: SessionDep
) -> CertificateSettingsOut:
    """Whether certificates are issued, the minimum attendance, credits and signatories."""
    event = await staff_event(session, staff, slug)
    return _out(await certificates.settings_of(session=session, event_id=event.event_id))


@router.put(SETTINGS, responses=refusals(400, 403, 413))
async def save_certificate_settings(
    slug: str, body: CertificateSettingsIn, staff: StaffDep, session: SessionDep
) -> CertificateSettingsOut:
    """Change what the event's certificates require and say (editors)."""
    event = await staff_event(session, staff, slug)
    staff.require(Act.EDIT)
    saved = await certificates.save_settings(
        session=session,
        event=event,
        issued=body.issued,
        minimum_share=body.minimum_share,
        credits=body.credits,
        accreditation=body.accreditation,
        signatories=[certificates.Signatory(s.name, s.role) for s in body.signatories],
        explain_shortfall=body.explain_shortfall,
    )
    return _out(saved)


@router.post("/attendance/close", responses=refusals(403, 409))
async def close_attendance(
    slug: str, staff: StaffDep, session: SessionDep, ctx: CtxDep
) -> AttendanceClosedOut:
    """Close attendance: each confirmed person who attended the minimum gets a certificate,
    by email (once; a second close is refused)."""
    event = await staff_event(session, staff, slug)
    staff.require(Act.EDIT)
    issued = await certificates.close_attendance(
        session=session, event=event, links=ctx.links, now=datetime.now(UTC), actor=staff.actor
    )
    ctx.relay.wake()
    return AttendanceClosedOut(certificates_issued=issued)


@router.get("/certificates")
async def list_certificates(
    slug: str, staff: StaffDep, session: SessionDep, ctx: CtxDep
) -> list[CertificateOut]:
    """The certificates issued, with their verification codes and whether revoked."""
    event = await staff_event(session, staff, slug)
    found = await certificates.issued_certificates(
        session=session, event=event, secret=ctx.links.secret
    )
    return [
        CertificateOut(
            id=certificate.id,
            registration_id=registration.id,
            name=person_name(registration),
            code=code,
            minutes_attended=certificate.minutes_attended,
            minutes_scheduled=certificate.minutes_scheduled,
            issued_at=certificate.issued_at,
            released_at=certificate.released_at,
            revoked_at=certificate.revoked_at,
        )
        for certificate, registration, code in found
    ]


@router.post("/certificates/{certificate_id}/revoke", responses=refusals(400, 403, 413))
async def revoke_certificate(
    slug: str,
    certificate_id: str,
    body: RevokeIn,
    staff: StaffDep,
    session: SessionDep,
    ctx: CtxDep,
) -> RevokedOut:
    """Withdraw a certificate issued by mistake: its verification page says revoked."""
    event = await staff_event(session, staff, slug)
    staff.require(Act.EDIT)
    revoked = await certificates.revoke(
        session=session,
        event=event,
        certificate_id=certificate_id,
        reason=body.reason,
        now=datetime.now(UTC),
        actor=staff.actor,
    )
    ctx.relay.wake()  # the audit log hears of it now
    assert revoked.revoked_at is not None
    return RevokedOut(certificate_id=revoked.id, revoked_at=revoked.revoked_at)
