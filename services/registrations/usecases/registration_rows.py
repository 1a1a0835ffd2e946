"""A registration's row on the hot path: found by address, made, and written. Core
statements on the table (shared.db.execute_core): most addresses are new, and only one that
is found needs its row loaded as an object; a new registration is a read-only copy outside
the session, which then has nothing to flush."""

import json
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain import registration_life
from services.registrations.domain.form import RegistrationInput
from services.registrations.domain.registration_life import RegistrationStep
from services.registrations.storage.tables import (
    Registration,
    new_registration_id,
    new_ticket_code,
)
from services.registrations.usecases.person_feed import feed_id_of
from services.registrations.usecases.short_codes import unused_short_code
from shared.db import execute_core

REGISTRATIONS = Registration.__table__  # type: ignore[attr-defined]  # a table model's
# Built once.
ID_BY_EMAIL = select(REGISTRATIONS.c.id).where(
    REGISTRATIONS.c.event_id == bindparam("event_id"),
    REGISTRATIONS.c.email_key == bindparam("email_key"),
)
INSERT = insert(REGISTRATIONS)
# The columns a new registration starts at their plain default (no factory); its status
# comes from its life's machine.
UNCHANGING_DEFAULTS = {
    name: field.default
    for name, field in Registration.model_fields.items()
    if not field.is_required() and field.default_factory is None and name != "status"
}


async def by_email(session: AsyncSession, event_id: str, email_key: str) -> Registration | None:
    found = await execute_core(session, ID_BY_EMAIL, {"event_id": event_id, "email_key": email_key})
    registration_id = found.scalar()
    return None if registration_id is None else await session.get(Registration, registration_id)


async def store(session: AsyncSession, registration: Registration, *, new: bool) -> None:
    """A new registration written with a Core INSERT (its object stays outside the session,
    which has nothing to flush); a renewed one through the session, which holds it."""
    if new:
        # Every column is in the copy's own dict (`new` gives them all): read without the
        # mapped attributes' descriptors.
        await execute_core(session, INSERT, vars(registration))
        return
    session.add(registration)
    await session.flush()  # PostgreSQL checks the unique address here, SQLite at commit


def given_columns(person: RegistrationInput, language: str, now: datetime) -> dict[str, Any]:
    """The columns the form gives, as this registration round starts."""
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "organization": person.organization,
        "role": person.role,
        "mode": person.mode,
        "language": language,
        "accessibility": json.dumps(list(person.accessibility)),
        "accessibility_other": person.accessibility_other,
        "privacy_consent_at": now,
        "created_at": now,
        "marketing_consent": person.marketing_consent,
        "cancelled_at": None,
        "offer_expires_at": None,
    }


async def new(
    session: AsyncSession,
    event_id: str,
    email_key: str,
    step: RegistrationStep,
    values: dict[str, Any],
) -> Registration:
    """A first registration of this address at this event, with its ticket's short code and
    the address's calendar feed id. A read-only copy (`model_construct`, a tenth of the cost
    of an ORM object): it is written with a Core INSERT (`store`) and never joins the session.
    Every column is given: pydantic inspects a default factory's signature on each call,
    which cost more than the rest of the copy."""
    columns = (
        UNCHANGING_DEFAULTS
        | values
        | {
            "id": new_registration_id(),
            "ticket_code": new_ticket_code(),
            "event_id": event_id,
            "email_key": email_key,
            "short_code": await unused_short_code(session, event_id),
            "feed_id": await feed_id_of(session, email_key),
        }
    )
    return Registration.model_construct(**columns, status=registration_life.TABLE.start(step))


def renewed(
    registration: Registration, step: RegistrationStep, values: dict[str, Any]
) -> Registration:
    """The address's ended registration, registered again: a new round of messages."""
    registration.renewals += 1
    for name, value in values.items():
        setattr(registration, name, value)
    registration_life.TABLE.move(registration, step)
    return registration
