"""An organization's directories of speakers and venues, under one set of rules: each
organization sees its own entries only, listed by name, and a name stands once in a
directory. Resolving an event's references to them stages (flushes); only `save` commits."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Action, Principal
from services.events.domain.inputs import ItemSpeakerIn, SpeakerIn, VenueIn
from services.events.storage.directory_rows import read_fields, write_fields
from services.events.storage.tables import Room, Speaker, Venue
from shared.errors import Conflict, Invalid, NotFound

Entry = TypeVar("Entry", Speaker, Venue)
Given = TypeVar("Given", SpeakerIn, VenueIn)


async def _nothing_kept_apart(session: AsyncSession, entry: Any, given: Any) -> None:
    return None


async def _nothing_read_apart(session: AsyncSession, entry: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Directory(Generic[Entry, Given]):
    """One directory: its entries' table and the input an organizer writes for an entry
    (fields the table does not store, as a venue's rooms, have hooks of their own)."""

    noun: str
    table: type[Entry]
    model: type[Given]
    keep_apart: Callable[[AsyncSession, Entry, Given], Awaitable[None]] = _nothing_kept_apart
    read_apart: Callable[[AsyncSession, Entry], Awaitable[dict[str, Any]]] = _nothing_read_apart

    def taken(self, name: str) -> str:
        return f"A {self.noun} named '{name}' is already in your directory"


async def venue_rooms(session: AsyncSession, venue: Venue) -> list[str]:
    rooms = await session.exec(select(Room.name).where(Room.venue_id == venue.id))
    return sorted(rooms.all())


async def _add_rooms(session: AsyncSession, venue: Venue, given: VenueIn) -> None:
    """Rooms are added, never removed: programme items may name them."""
    known = set(await venue_rooms(session, venue))
    for name in dict.fromkeys(given.rooms):
        if name not in known:
            assert venue.id is not None
            session.add(Room(venue_id=venue.id, name=name))


async def _rooms(session: AsyncSession, venue: Venue) -> dict[str, Any]:
    return {"rooms": await venue_rooms(session, venue)}


SPEAKERS = Directory("speaker", Speaker, SpeakerIn)
VENUES = Directory("venue", Venue, VenueIn, _add_rooms, _rooms)


async def listed(
    *, session: AsyncSession, principal: Principal, of: Directory[Entry, Given]
) -> list[Entry]:
    """The organization's entries, by name."""
    query = select(of.table).where(of.table.organization_id == principal.organization_id)
    return list((await session.exec(query.order_by(col(of.table.name)))).all())


async def own(
    session: AsyncSession, principal: Principal, of: Directory[Entry, Given], entry_id: int
) -> Entry:
    """One of the organization's entries; another organization's is not found."""
    entry = await session.get(of.table, entry_id)
    if entry is None or entry.organization_id != principal.organization_id:
        raise NotFound(f"No {of.noun} {entry_id} in your directory")
    return entry


async def as_input(session: AsyncSession, of: Directory[Entry, Given], entry: Entry) -> Given:
    """The entry as the organizer would write it (read as stored, not validated again)."""
    stored = read_fields(entry, of.model)
    return of.model.model_construct(**stored, **await of.read_apart(session, entry))


async def save(
    *,
    session: AsyncSession,
    principal: Principal,
    of: Directory[Entry, Given],
    given: Given,
    entry_id: int | None = None,
) -> Entry:
    """Create an entry, or replace one (entry_id given), and commit."""
    principal.require(Action.EDIT)
    entry = await _upsert(session, principal, of, given, entry_id)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict(of.taken(given.name)) from exc
    return entry


async def _upsert(
    session: AsyncSession,
    principal: Principal,
    of: Directory[Entry, Given],
    given: Given,
    entry_id: int | None,
) -> Entry:
    if entry_id is None:
        entry = of.table(organization_id=principal.organization_id, name=given.name)
    else:
        entry = await own(session, principal, of, entry_id)
    write_fields(entry, given)
    session.add(entry)
    try:  # renamed as another entry: refused here, at the flush, before any commit
        await session.flush()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict(of.taken(given.name)) from exc
    await of.keep_apart(session, entry, given)
    return entry


async def _referenced(
    session: AsyncSession, principal: Principal, of: Directory[Entry, Given], entry_id: int
) -> Entry:
    """The entry an event names by id: ours, or the event is invalid."""
    try:
        return await own(session, principal, of, entry_id)
    except NotFound as exc:
        raise Invalid(f"Unknown {of.noun} {entry_id}: not in your directory") from exc


async def resolve_item_speaker(
    session: AsyncSession, principal: Principal, given: ItemSpeakerIn
) -> Speaker:
    """The directory entry an item names: by id (must be ours), or by name (added if new)."""
    if given.speaker_id is not None:
        return await _referenced(session, principal, SPEAKERS, given.speaker_id)
    assert given.name is not None
    speaker = (
        await session.exec(
            select(Speaker).where(
                Speaker.organization_id == principal.organization_id, Speaker.name == given.name
            )
        )
    ).first() or Speaker(organization_id=principal.organization_id, name=given.name)
    speaker.honorific = given.honorific or speaker.honorific
    speaker.position = given.position or speaker.position
    speaker.affiliation = given.organization or speaker.affiliation
    session.add(speaker)
    await session.flush()
    return speaker


async def resolve_venue(
    session: AsyncSession, principal: Principal, venue_id: int | None, given: VenueIn | None
) -> Venue:
    """The event's venue: ours by id, or by name (added or completed), without committing."""
    if venue_id is not None:
        return await _referenced(session, principal, VENUES, venue_id)
    assert given is not None
    existing = (
        await session.exec(
            select(Venue.id).where(
                Venue.organization_id == principal.organization_id, Venue.name == given.name
            )
        )
    ).first()
    return await _upsert(session, principal, VENUES, given, existing)
