"""The organizers' dashboards: an event's figures, and an organization's across its events,
counted from the registrations themselves (one query, then domain/tally.py), so that they
cannot drift from the list, the exports and the summary."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain import tally
from services.registrations.storage.tables import EventCopy, Registration

DEFAULT_TIMEZONE = "Europe/Rome"


async def rows_of(session: AsyncSession, event_ids: list[str]) -> list[Registration]:
    """Every registration of these events (erased ones included: their status, mode and
    check-in stay for the counts)."""
    if not event_ids:
        return []
    found = await session.exec(
        select(Registration).where(col(Registration.event_id).in_(event_ids))
    )
    return list(found.all())


def ended(event: EventCopy, now: datetime) -> bool:
    return now >= event.ends_at


async def event_figures(*, session: AsyncSession, event: EventCopy, now: datetime) -> tally.Figures:
    """One event's dashboard."""
    rows = await rows_of(session, [event.event_id])
    attended = tally.attendance(rows, ended=ended(event, now))
    return tally.figures(rows, timezone=event.timezone, attended=attended)


@dataclass(frozen=True)
class EventLine:
    """One event of an organization's dashboard, with its own figures."""

    event: EventCopy
    ended: bool
    figures: tally.Figures


@dataclass(frozen=True)
class OrganizationFigures:
    events: list[EventLine]  # the latest first
    totals: tally.Figures  # over all of them
    timezone: str  # of the days counted in the totals


async def organization_figures(
    *, session: AsyncSession, organization_slug: str, now: datetime
) -> OrganizationFigures:
    """An organization's dashboard: each of its published events (drafts take no
    registrations), and all of them together."""
    events = list(
        (
            await session.exec(
                select(EventCopy)
                .where(EventCopy.organization_slug == organization_slug)
                .where(col(EventCopy.status) != "draft")  # no registrations to count yet
                .order_by(col(EventCopy.starts_at).desc())
            )
        ).all()
    )
    rows = await rows_of(session, [event.event_id for event in events])
    by_event: dict[str, list[Registration]] = {event.event_id: [] for event in events}
    for row in rows:
        by_event[row.event_id].append(row)
    zones = Counter(event.timezone for event in events)
    timezone = zones.most_common(1)[0][0] if zones else DEFAULT_TIMEZONE
    lines = []
    for event in events:
        over = ended(event, now)
        attended = tally.attendance(by_event[event.event_id], ended=over)
        mine = tally.figures(by_event[event.event_id], timezone=event.timezone, attended=attended)
        lines.append(EventLine(event, over, mine))
    total_attendance = sum((line.figures.attendance for line in lines), tally.Attendance())
    totals = tally.figures(rows, timezone=timezone, attended=total_attendance)
    return OrganizationFigures(lines, totals, timezone)
