"""What the registrations service hears on the bus: events (to keep its own copy; drafts too,
so organizers prepare the form before publishing) and the organizations' API tokens and
people's roles (to recognise them without asking the events service)."""

from datetime import UTC, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.context import RegistrationsContext
from services.registrations.storage.tables import OrganizerToken, StaffMember
from services.registrations.usecases import event_copy
from shared.bus.consumer import ConsumerSpec, Handler
from shared.contracts import (
    Envelope,
    EventDraftSavedV1,
    EventFact,
    OrganizerMembershipChangedV1,
    OrganizerTokenIssuedV1,
    OrganizerTokenRevokedV1,
    parse_fact,
)
from shared.inbox import run_once

EVENTS_CONSUMER = "registrations-events"


async def _remember_token(
    session: AsyncSession, fact: OrganizerTokenIssuedV1 | OrganizerTokenRevokedV1
) -> None:
    token = await session.get(OrganizerToken, fact.token_hash)
    if isinstance(fact, OrganizerTokenIssuedV1):
        token = token or OrganizerToken(
            token_hash=fact.token_hash, organization_slug=fact.organization_slug, role=fact.role
        )
    elif token is None:
        return
    else:
        token.revoked = True
    session.add(token)


async def _remember_member(session: AsyncSession, fact: OrganizerMembershipChangedV1) -> None:
    """Keep the person's newest role (None: removed); an older fact changes nothing."""
    key = (fact.organization_slug, fact.actor)
    member = await session.get(StaffMember, key)
    if member is not None and member.changed_at >= fact.changed_at:
        return
    member = member or StaffMember(
        organization_slug=fact.organization_slug, actor=fact.actor, changed_at=fact.changed_at
    )
    member.role, member.changed_at = fact.role, fact.changed_at
    session.add(member)


def consumers(ctx: RegistrationsContext) -> tuple[tuple[ConsumerSpec, Handler], ...]:
    settings, links = ctx.settings, ctx.links
    spec = ConsumerSpec.configured(
        settings, stream="EVENTS", durable=EVENTS_CONSUMER, subjects=("events.>",)
    )

    async def on_event(envelope: Envelope) -> None:
        fact = parse_fact(envelope)
        if isinstance(fact, EventFact):
            snapshot = fact.event

            async def effect(session: AsyncSession) -> None:
                await event_copy.apply_event_snapshot(
                    session, snapshot, links=links, now=datetime.now(UTC)
                )

        elif isinstance(fact, EventDraftSavedV1):
            draft = fact

            async def effect(session: AsyncSession) -> None:
                await event_copy.apply_draft(
                    session, draft.event, saved_at=draft.saved_at, now=datetime.now(UTC)
                )

        elif isinstance(fact, OrganizerTokenIssuedV1 | OrganizerTokenRevokedV1):
            token_fact = fact

            async def effect(session: AsyncSession) -> None:
                await _remember_token(session, token_fact)

        elif isinstance(fact, OrganizerMembershipChangedV1):
            member_fact = fact

            async def effect(session: AsyncSession) -> None:
                await _remember_member(session, member_fact)

        else:
            return  # a fact this version does not need
        await run_once(
            ctx.sessions, consumer=EVENTS_CONSUMER, message_id=envelope.id, effect=effect
        )
        ctx.relay.wake()  # a cancelled event cancels registrations: their facts go out now

    return ((spec, on_event),)
