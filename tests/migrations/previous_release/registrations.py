"""The registrations database at the previous release."""

import json

from sqlalchemy.ext.asyncio import AsyncConnection

from tests.migrations.previous_release import (
    CHECKED_IN,
    CHIARA,
    DAVIDE,
    ENDS,
    EVENT_ID,
    MESSAGE_IDS,
    PEOPLE,
    PUBLISHED,
    SLUG,
    SNAPSHOT,
    STARTS,
    TITLE,
    insert,
    published_fact,
)


async def rows(connection: AsyncConnection) -> None:
    """Its copy of the event, the form with one question, two seats taken (one checked in at
    the door), one cancelled, the organizer's token, and the facts in and out."""
    await insert(
        connection,
        "event_copy",
        event_id=EVENT_ID,
        slug=SLUG,
        organization_slug="area-omogenea-cremasca",
        revision=1,
        status="published",
        title=TITLE,
        timezone="Europe/Rome",
        starts_at=STARTS,
        ends_at=ENDS,
        attendance_mode="in_person",
        capacity=150,
        open_to_public=True,
        seats_taken=2,
        online_seats_taken=0,
        waitlist_counter=0,
        snapshot=SNAPSHOT,
    )
    await insert(
        connection,
        "form_settings",
        event_id=EVENT_ID,
        double_opt_in=False,
        confirm_hours=48.0,
        offer_hours=48.0,
        near_event_hours=48.0,
        waitlist=True,
        privacy_notice_url="/privacy",
        privacy_notice_version="2024-10",
        retention_days=180,
    )
    question = await insert(
        connection,
        "question",
        returning="id",
        event_id=EVENT_ID,
        position=0,
        kind="single",
        label_it="Ente di appartenenza",
        label_en="Organization",
        required=True,
        options=json.dumps(ORGANIZATION_KINDS),
    )
    for registration_id, person in PEOPLE.items():
        first_name, last_name, email, organization, status = person
        await insert(
            connection,
            "registration",
            id=registration_id,
            event_id=EVENT_ID,
            status=status,
            mode="in_person",
            first_name=first_name,
            last_name=last_name,
            email=email,
            email_key=email.lower(),
            organization=organization,
            accessibility=json.dumps(["hearing_loop"] if registration_id == DAVIDE else []),
            language="it",
            privacy_notice_version="2024-10",
            privacy_consent_at=PUBLISHED,
            marketing_consent=registration_id == CHIARA,
            ticket_code=registration_id.replace("-", ""),
            checked_in_at=CHECKED_IN if registration_id == CHIARA else None,
            checked_in_by="segreteria@areaomogeneacremasca.example"
            if registration_id == CHIARA
            else None,
            cancelled_at=CHECKED_IN if status == "cancelled" else None,
            renewals=0,
            created_at=PUBLISHED,
        )
    await insert(connection, "answer", registration_id=CHIARA, question_id=question, value="comune")
    await insert(
        connection,
        "organizer_token",
        token_hash="5e1f" * 16,
        organization_slug="area-omogenea-cremasca",
        role="editor",
        revoked=False,
    )
    await insert(
        connection,
        "inbox",
        consumer="registrations-events",
        message_id=MESSAGE_IDS["published"],
        received_at=PUBLISHED,
    )
    await published_fact(
        connection,
        "registrations.registration.confirmed",
        MESSAGE_IDS[CHIARA],
        {"registration_id": CHIARA, "event_id": EVENT_ID, "event_revision": 1},
    )


ORGANIZATION_KINDS = [
    {"value": "comune", "it": "Comune", "en": "Municipality"},
    {"value": "asst", "it": "ASST / ATS", "en": "Health authority"},
    {"value": "terzo-settore", "it": "Terzo Settore", "en": "Third sector"},
]
