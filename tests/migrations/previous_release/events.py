"""The events database at the previous release."""

import json

from sqlalchemy.ext.asyncio import AsyncConnection

from tests.migrations.previous_release import (
    AUDIENCE,
    DOORS,
    ENDS,
    EVENT_ID,
    MESSAGE_IDS,
    PROGRAMME,
    PUBLISHED,
    SLUG,
    SNAPSHOT,
    STARTS,
    TITLE,
    insert,
    published_fact,
)


async def rows(connection: AsyncConnection) -> None:
    """The organization, its owner and token, venue, speaker, the published event, its
    programme, its first revision and the fact that announced it."""
    organization = await insert(
        connection,
        "organization",
        returning="id",
        slug="area-omogenea-cremasca",
        name="Area Omogenea Cremasca",
    )
    account = await insert(
        connection,
        "account",
        returning="id",
        email="segreteria@areaomogeneacremasca.example",
        name="Segreteria Area Omogenea",
        password_hash="$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        created_at=PUBLISHED,
    )
    await insert(
        connection, "membership", account_id=account, organization_id=organization, role="owner"
    )
    await insert(
        connection,
        "api_token",
        organization_id=organization,
        name="Sito del Consorzio.it",
        prefix="cvg_3f9a",
        token_hash="5e1f" * 16,
        role="editor",
        created_at=PUBLISHED,
    )
    venue = await insert(
        connection,
        "venue",
        returning="id",
        organization_id=organization,
        name="Sala Pietro da Cemmo",
        building="Centro Culturale Sant'Agostino",
        city="Crema",
    )
    rossoni = await insert(
        connection,
        "speaker",
        returning="id",
        organization_id=organization,
        name="Giovanni (Gianni) Rossoni",
        position="Presidente dell'Area Omogenea Cremasca",
    )
    await insert(
        connection,
        "event",
        id=EVENT_ID,
        organization_id=organization,
        slug=SLUG,
        status="published",
        title=TITLE,
        supporters=json.dumps(["Consorzio.it"]),
        audience=json.dumps(AUDIENCE),
        timezone="Europe/Rome",
        doors_open_at=DOORS,
        doors_note="registrazione partecipanti e welcome coffee",
        starts_at=STARTS,
        ends_at=ENDS,
        venue_id=venue,
        capacity=150,
        language="it",
        revision=1,
        calendar_sequence=0,
        published_snapshot=SNAPSHOT,
        reminder_hours_before=24.0,
        thanks_after=True,
        notify_programme_changes=True,
        created_at=PUBLISHED,
    )
    for sort, (kind, title, starts_at) in enumerate(PROGRAMME):
        item = await insert(
            connection,
            "programme_item",
            returning="id",
            event_id=EVENT_ID,
            sort=sort,
            kind=kind,
            title=title,
            starts_at=starts_at,
        )
    await insert(
        connection, "item_speaker", item_id=item, speaker_id=rossoni, role="speaker", sort=0
    )
    await insert(
        connection,
        "event_revision",
        event_id=EVENT_ID,
        revision=1,
        created_at=PUBLISHED,
        author="segreteria@areaomogeneacremasca.example",
        changes="[]",
        calendar_relevant=False,
        snapshot=SNAPSHOT,
    )
    await published_fact(
        connection,
        "events.event.published",
        MESSAGE_IDS["published"],
        {"event": json.loads(SNAPSHOT)},
    )
