"""Builders shared by the unit tests: a published event as the bus carries it."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from shared.contracts import EventSnapshotV1, ProgrammeItemV1, SpeakerV1, VenueV1
from shared.contracts.events import OrganizationV1

# 30 November 2026, 09:00-13:00 in Rome (CET, +1).
STARTS_AT = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
ENDS_AT = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def nested_programme() -> tuple[ProgrammeItemV1, ...]:
    """An opening, then a section holding two talks (one without a time), then a closing."""
    return (
        ProgrammeItemV1(
            kind="opening",
            title="Introduzione",
            starts_at=datetime(2026, 11, 30, 8, 0, tzinfo=UTC),
            speakers=(SpeakerV1(name="Giovanni Rossoni"),),
        ),
        ProgrammeItemV1(
            kind="section",
            title="Prima sessione",
            starts_at=datetime(2026, 11, 30, 8, 30, tzinfo=UTC),
            items=(
                ProgrammeItemV1(
                    kind="talk",
                    title="I sub-ambiti",
                    starts_at=datetime(2026, 11, 30, 8, 30, tzinfo=UTC),
                    speakers=(SpeakerV1(name="Anna Bianchi"), SpeakerV1(name="Luca Verdi")),
                ),
                ProgrammeItemV1(kind="debate", title="Dibattito"),
            ),
        ),
        ProgrammeItemV1(
            kind="closing",
            title="Conclusioni",
            starts_at=datetime(2026, 11, 30, 11, 30, tzinfo=UTC),
        ),
    )


def _snapshot(**overrides: Any) -> EventSnapshotV1:
    values: dict[str, Any] = {
        "id": "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f",
        "slug": "welfare-area-omogenea-cremasca",
        "revision": 3,
        "calendar_sequence": 2,
        "status": "published",
        "title": "Coordinare le politiche sociali all'interno dell'Area Omogenea",
        "subtitle": "Valorizzare il modello dei Sub Ambiti",
        "organizer": OrganizationV1(slug="area-omogenea-cremasca", name="Area Omogenea Cremasca"),
        "timezone": "Europe/Rome",
        "starts_at": STARTS_AT,
        "ends_at": ENDS_AT,
        "venue": VenueV1(
            name="Sala Pietro da Cemmo",
            building="Centro Culturale Sant'Agostino",
            address="Piazza Terni de' Gregorj 5",
            city="Crema",
        ),
        "capacity": 200,
        "language": "it",
        "programme": nested_programme(),
        "page_url": "https://convegni.example.it/eventi/welfare-area-omogenea-cremasca",
    }
    values.update(overrides)
    return EventSnapshotV1(**values)


@pytest.fixture
def make_snapshot() -> Callable[..., EventSnapshotV1]:
    """A factory: `make_snapshot(title=...)` overrides any field of a published event."""
    return _snapshot
