"""An imported programme set against the stored one: items that are the same ones keep their
ids (and so their materials and recording), level by level; what would change is said as a
revision summary says it, and an unchanged programme changes nothing."""

from datetime import UTC, datetime

import pytest

from services.events.domain.inputs import ItemSpeakerIn, ProgrammeItemIn
from services.events.domain.programme_import import (
    fingerprint,
    imported,
    keep_ids,
    programme_changes_said,
    without_ids,
)
from shared.contracts import MaterialV1, ProgrammeItemV1, SpeakerV1

pytestmark = pytest.mark.unit

STORED = (
    ProgrammeItemV1(
        id=11,
        kind="opening",
        title="Introduzione",
        starts_at=datetime(2026, 11, 30, 8, 0, tzinfo=UTC),
        speakers=(SpeakerV1(id=5, name="Giovanni Rossoni"),),
        materials=(MaterialV1(id=1, title="Slide", url="https://x.example/m/1", size=1024),),
    ),
    ProgrammeItemV1(
        id=12,
        kind="section",
        title="Prima sessione",
        items=(ProgrammeItemV1(id=13, kind="talk", title="I sub-ambiti"),),
    ),
    ProgrammeItemV1(id=14, kind="closing", title="Conclusioni"),
)


def sheet() -> list[ProgrammeItemIn]:
    """The stored programme as a spreadsheet gives it back: local times, no ids."""
    return [
        ProgrammeItemIn(
            kind="opening",
            title="Introduzione",
            starts_at=datetime(2026, 11, 30, 9, 0),
            speakers=[ItemSpeakerIn(name="Giovanni Rossoni")],
        ),
        ProgrammeItemIn(
            kind="section",
            title="Prima sessione",
            items=[ProgrammeItemIn(kind="talk", title="I sub-ambiti")],
        ),
        ProgrammeItemIn(kind="closing", title="Conclusioni"),
    ]


def test_the_same_programme_keeps_every_id_and_changes_nothing(make_snapshot):
    current = make_snapshot(programme=STORED)

    kept = keep_ids(current.programme, sheet(), "Europe/Rome")
    after = imported(current, kept)

    assert [item.id for item in kept] == [11, 12, 14]
    assert kept[1].items[0].id == 13
    assert after.programme[0].materials == STORED[0].materials
    assert programme_changes_said(current, after) == ()


def test_a_moved_item_keeps_its_id_and_the_changes_are_said(make_snapshot):
    current = make_snapshot(programme=STORED)
    edited = sheet()
    edited[0].starts_at = datetime(2026, 11, 30, 9, 15)
    edited[1].items.append(ProgrammeItemIn(kind="debate", title="Dibattito"))
    del edited[2]

    kept = keep_ids(current.programme, edited, "Europe/Rome")
    changes = programme_changes_said(current, imported(current, kept))

    assert kept[0].id == 11
    assert [item.id for item in kept[1].items] == [13, None]
    assert [change.it for change in changes] == [
        "'Introduzione' 09:00 -> 09:15",
        "aggiunto 'Dibattito'",
        "rimosso 'Conclusioni'",
    ]


def test_the_fingerprint_follows_the_stored_programme():
    assert fingerprint(STORED) == fingerprint(STORED)
    assert fingerprint(STORED) != fingerprint(STORED[:2])


def test_ids_are_dropped_to_be_matched_again():
    kept = keep_ids(STORED, sheet(), "Europe/Rome")

    assert [item.id for item in without_ids(kept)] == [None, None, None]
    assert without_ids(kept)[1].items[0].id is None
