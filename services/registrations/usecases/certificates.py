"""Certificates of attendance: an event's settings, and closing attendance, which issues a
certificate to each confirmed person who attended long enough. Closing happens once: the
certificates and their facts commit together, so each person's certificate is issued (and
mailed, by notifications) exactly once, whatever is killed and retried."""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.certificate_codes import (
    CertificateCodeInvalid,
    certificate_code,
    is_holder,
    new_serial,
    read_certificate_code,
)
from services.registrations.storage.certificates import Certificate, CertificateSettings
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases.attendance import attendance_by_person
from services.registrations.usecases.audit_trail import record
from services.registrations.usecases.certificate_facts import (
    answered_by,
    hold,
    release,
    withhold,
)
from services.registrations.usecases.facts import Links
from shared.contracts import EventSnapshotV1
from shared.errors import Conflict, NotFound


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str
    signature: str = ""  # the digest of their signature's image, if uploaded


async def settings_of(*, session: AsyncSession, event_id: str) -> CertificateSettings:
    """The event's certificate settings; none issued until an organizer says so."""
    return await session.get(CertificateSettings, event_id) or CertificateSettings(
        event_id=event_id
    )


def signatories_of(settings: CertificateSettings) -> list[Signatory]:
    return [Signatory(**given) for given in json.loads(settings.signatories)]


async def save_settings(
    *,
    session: AsyncSession,
    event: EventCopy,
    issued: bool,
    minimum_share: float,
    credits: str,
    accreditation: str,
    signatories: list[Signatory],
    explain_shortfall: bool = False,
) -> CertificateSettings:
    settings = await settings_of(session=session, event_id=event.event_id)
    settings.explain_shortfall = explain_shortfall
    settings.issued = issued
    settings.minimum_share = minimum_share
    settings.credits = credits.strip()
    settings.accreditation = accreditation.strip()
    settings.signatories = json.dumps(_keeping_signatures(signatories_of(settings), signatories))
    session.add(settings)
    await session.commit()
    return settings


def _keeping_signatures(before: list[Signatory], given: list[Signatory]) -> list[dict[str, str]]:
    """The signatories as given, each with the signature uploaded for the same name: a
    signature stays with its person when others are added, removed or moved."""
    signed = {s.name.casefold(): s.signature for s in before if s.signature}
    return [
        {
            "name": s.name,
            "role": s.role,
            "signature": s.signature or signed.get(s.name.casefold(), ""),
        }
        for s in given
    ]


class AttendanceClosed(Conflict):
    def __init__(self) -> None:
        super().__init__("Attendance is closed already: the certificates were issued")


class NoCertificates(Conflict):
    def __init__(self) -> None:
        super().__init__("This event issues no certificates: turn them on in its settings first")


async def close_attendance(
    *, session: AsyncSession, event: EventCopy, links: Links, now: datetime, actor: str
) -> int:
    """Close attendance and issue the certificates; returns how many were issued. Where the
    questionnaire is required, a person who has not answered yet gets theirs held (and an
    email asking for the answers): it is released when they answer."""
    settings = await settings_of(session=session, event_id=event.event_id)
    if not settings.issued:
        raise NoCertificates()
    closing = await session.exec(
        update(CertificateSettings)
        .where(
            col(CertificateSettings.event_id) == event.event_id,
            col(CertificateSettings.closed_at).is_(None),
        )
        .values(closed_at=now)
    )
    if closing.rowcount != 1:  # closed by someone else meanwhile (two clicks, two organizers)
        await session.rollback()
        raise AttendanceClosed()
    scheduled, people = await attendance_by_person(session=session, event=event)
    snapshot = EventSnapshotV1.model_validate_json(event.snapshot)
    waits_for_answers = settings.questionnaire_required and settings.questionnaire != "[]"
    answered = await answered_by(session, event.event_id) if waits_for_answers else set()
    issued = 0
    for found in people:
        if found.registration.erased_at is not None:
            continue
        if not found.attendance.meets(settings.minimum_share):
            if settings.explain_shortfall:
                withhold(session, found.registration, found.attendance, snapshot, settings, now)
            continue
        certificate = Certificate(
            id=str(uuid.uuid4()),
            serial=new_serial(),
            event_id=event.event_id,
            registration_id=found.registration.id,
            minutes_attended=int(found.attendance.attended.total_seconds() // 60),
            minutes_scheduled=int(scheduled.total_seconds() // 60),
            credits=settings.credits,
            issued_at=now,
        )
        session.add(certificate)
        if waits_for_answers and found.registration.id not in answered:
            hold(session, certificate, found.registration, snapshot, links)
        else:
            release(session, certificate, found.registration, snapshot, settings, links, now)
        issued += 1
    record(
        session, event=event, actor=actor, what="attendance_closed", now=now, subject=str(issued)
    )
    await session.commit()
    return issued


@dataclass(frozen=True)
class Verified:
    """What the public verification page says of a certificate."""

    holder: str  # the full name on the holder's link, initials otherwise
    event_title: str
    organizer_name: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    minutes_attended: int
    minutes_scheduled: int
    credits: str
    issued_at: datetime
    revoked_at: datetime | None
    revoked_reason: str


async def verify(
    *, session: AsyncSession, code: str, token: str | None, secret: str
) -> Verified | None:
    """The certificate a code names, as the verification page shows it; None for a code we
    did not sign (altered, mistyped, made up) or that names nothing."""
    try:
        serial = read_certificate_code(code, secret=secret)
    except CertificateCodeInvalid:
        return None
    found = (await session.exec(select(Certificate).where(Certificate.serial == serial))).first()
    if found is None or found.released_at is None:  # held: nobody holds its code yet
        return None
    registration = await session.get(Registration, found.registration_id)
    event = await session.get(EventCopy, found.event_id)
    assert registration is not None and event is not None
    snapshot = EventSnapshotV1.model_validate_json(event.snapshot)
    full = token is not None and is_holder(serial, token, secret=secret)
    return Verified(
        holder=_holder(registration, full=full),
        event_title=snapshot.title,
        organizer_name=snapshot.organizer.name,
        starts_at=snapshot.starts_at,
        ends_at=snapshot.ends_at,
        timezone=snapshot.timezone,
        minutes_attended=found.minutes_attended,
        minutes_scheduled=found.minutes_scheduled,
        credits=found.credits,
        issued_at=found.issued_at,
        revoked_at=found.revoked_at,
        revoked_reason=found.revoked_reason,
    )


def _holder(registration: Registration, *, full: bool) -> str:
    """The name, in full for the holder's link; initials ("M. R.") for a code alone, and
    after the person's data was erased nothing but that."""
    if registration.erased_at is not None:
        return "-"
    if full:
        return f"{registration.first_name} {registration.last_name}"
    return f"{registration.first_name[:1]}. {registration.last_name[:1]}."


async def revoke(
    *,
    session: AsyncSession,
    event: EventCopy,
    certificate_id: str,
    reason: str,
    now: datetime,
    actor: str,
) -> Certificate:
    """Withdraw a certificate (issued by mistake): the verification page says so from now."""
    found = await session.get(Certificate, certificate_id)
    if found is None or found.event_id != event.event_id:
        raise NotFound("No such certificate at this event")
    if found.revoked_at is None:
        found.revoked_at = now
        found.revoked_reason = reason.strip()
        session.add(found)
        registration = await session.get(Registration, found.registration_id)
        record(
            session,
            event=event,
            actor=actor,
            what="certificate_revoked",
            now=now,
            registration=registration,
        )
        await session.commit()
    return found


async def issued_certificates(
    *, session: AsyncSession, event: EventCopy, secret: str
) -> list[tuple[Certificate, Registration, str]]:
    """(certificate, its registration, its verification code) for each one issued."""
    rows = (
        await session.exec(
            select(Certificate, Registration)
            .join(Registration, col(Registration.id) == col(Certificate.registration_id))
            .where(Certificate.event_id == event.event_id)
            .order_by(col(Registration.last_name), col(Registration.first_name))
        )
    ).all()
    return [
        (found, registration, certificate_code(found.serial, secret=secret))
        for found, registration in rows
    ]
