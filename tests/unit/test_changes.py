"""What changed between two revisions, in words, and whether calendars must hear of it."""

from datetime import UTC, datetime
from typing import Any

import pytest

from services.events.domain.changes import describe_changes
from shared.contracts import EventSnapshotV1, ProgrammeItemV1, SpeakerV1, VenueV1
from shared.contracts.events import OrganizationV1

pytestmark = pytest.mark.unit

SAN_DOMENICO = VenueV1(name="Teatro San Domenico", address="Piazza Trento e Trieste", city="Crema")
SANT_AGOSTINO = VenueV1(
    name="Sala Pietro da Cemmo",
    building="Centro Culturale Sant'Agostino",
    address="Piazza Terni de' Gregorj 5",
    city="Crema",
)
SUB_AMBITI = "I sub-ambiti e le prospettive di sviluppo gestionale"


def rome(hour: int, minute: int = 0, day: int = 30, month: int = 11) -> datetime:
    """A wall-clock time in Rome on a late-autumn day (CET, UTC+1), stored in UTC."""
    return datetime(2026, month, day, hour - 1, minute, tzinfo=UTC)


def person(name: str, person_id: int | None = None, role: str = "speaker") -> SpeakerV1:
    return SpeakerV1(id=person_id, name=name, role=role)


def item(item_id: int | None, kind: str, title: str, at: datetime | None, **more: Any):
    return ProgrammeItemV1(id=item_id, kind=kind, title=title, starts_at=at, **more)


def programme(*, ids: bool = True) -> tuple[ProgrammeItemV1, ...]:
    """The welfare convegno as announced; without ids like messages before the directory."""

    def n(number: int) -> int | None:
        return number if ids else None

    return (
        item(
            n(1),
            "opening",
            "Introduzione: il ruolo politico e di coordinamento dei Sindaci",
            rome(9),
            speakers=(person("Giovanni (Gianni) Rossoni", n(11)),),
        ),
        item(
            n(2),
            "greetings",
            "Saluti e interventi",
            rome(9, 20),
            speakers=(person("Alessandro Cominelli", n(12)), person("Diego Maltagliati", n(13))),
        ),
        item(n(3), "talk", SUB_AMBITI, rome(9, 50), speakers=(person("Roberto Gandioli", n(14)),)),
        item(n(4), "panel", "Tavola rotonda dei Sindaci", rome(10, 30), ends_at=rome(12, 30)),
        item(n(5), "closing", "Chiusura dei lavori", rome(12, 30)),
    )


def snapshot(**overrides: Any) -> EventSnapshotV1:
    values: dict[str, Any] = {
        "id": "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f",
        "slug": "welfare-area-omogenea-cremasca",
        "revision": 3,
        "calendar_sequence": 1,
        "status": "published",
        "title": "Coordinare le politiche sociali all'interno dell'Area Omogenea",
        "subtitle": "Valorizzare il modello dei Sub Ambiti",
        "description": "Un confronto tra i Sindaci sul welfare locale.",
        "organizer": OrganizationV1(slug="area-omogenea-cremasca", name="Area Omogenea Cremasca"),
        "timezone": "Europe/Rome",
        "doors_open_at": rome(8, 30),
        "starts_at": rome(9),
        "ends_at": rome(13),
        "venue": SANT_AGOSTINO,
        "capacity": 200,
        "programme": programme(),
        "page_url": "https://convegni.example.it/eventi/welfare-area-omogenea-cremasca",
    }
    values.update(overrides)
    return EventSnapshotV1(**values)


def revised(old: EventSnapshotV1, **changes: Any) -> EventSnapshotV1:
    """The next revision of `old` with `changes` applied."""
    return old.model_copy(update={"revision": old.revision + 1, **changes})


def replace_item(items: tuple[ProgrammeItemV1, ...], index: int, **changes: Any):
    return tuple(i.model_copy(update=changes) if n == index else i for n, i in enumerate(items))


def codes(changes) -> list[str]:
    return [change.code for change in changes]


def test_describe_changes_issue_example_gives_start_then_speaker_and_is_relevant():
    old = snapshot()
    new = revised(old, starts_at=rome(9, 30), programme=replace_item(old.programme, 2, speakers=()))

    changes, relevant = describe_changes(old, new)

    assert codes(changes) == ["start_moved", "speaker_removed"]
    assert (changes[0].en, changes[0].it) == ("start 09:00 -> 09:30", "inizio 09:00 -> 09:30")
    assert changes[1].en == f"Roberto Gandioli removed from '{SUB_AMBITI}'"
    assert changes[1].it == f"Roberto Gandioli rimosso da '{SUB_AMBITI}'"
    assert relevant is True


def test_describe_changes_description_only_is_not_relevant():
    old = snapshot()

    changes, relevant = describe_changes(old, revised(old, description="Programma aggiornato."))

    assert codes(changes) == ["description_changed"]
    assert relevant is False


def test_describe_changes_venue_change_names_both_venues_and_is_relevant():
    old = snapshot(venue=SAN_DOMENICO)

    changes, relevant = describe_changes(old, revised(old, venue=SANT_AGOSTINO))

    assert codes(changes) == ["venue_changed"]
    assert changes[0].en == "venue changed: Teatro San Domenico -> Sala Pietro da Cemmo"
    assert changes[0].it == "sede cambiata: Teatro San Domenico -> Sala Pietro da Cemmo"
    assert relevant is True


def test_describe_changes_same_venue_at_another_address_is_relevant():
    old = snapshot()
    moved = SANT_AGOSTINO.model_copy(update={"address": "Piazza Terni de' Gregorj 6"})

    changes, relevant = describe_changes(old, revised(old, venue=moved))

    assert codes(changes) == ["venue_address_changed"]
    assert "Piazza Terni de' Gregorj 6" in changes[0].en
    assert relevant is True


def test_describe_changes_map_link_only_is_not_relevant():
    old = snapshot()
    mapped = SANT_AGOSTINO.model_copy(update={"map_url": "https://www.openstreetmap.org/#map"})

    changes, relevant = describe_changes(old, revised(old, venue=mapped))

    assert codes(changes) == ["venue_map_changed"]
    assert relevant is False


def test_describe_changes_speakers_swapped_as_on_the_day_is_one_reorder_not_relevant():
    old = snapshot()
    cominelli, maltagliati = old.programme[1].speakers
    swapped = replace_item(old.programme, 1, speakers=(maltagliati, cominelli))

    changes, relevant = describe_changes(old, revised(old, programme=swapped))

    assert codes(changes) == ["speakers_reordered"]
    assert changes[0].en == "speakers reordered in 'Saluti e interventi'"
    assert relevant is False


def test_describe_changes_bookkeeping_only_gives_nothing():
    old = snapshot()
    new = revised(
        old, calendar_sequence=old.calendar_sequence + 1, page_url="https://altro.example.it/e"
    )

    assert describe_changes(old, new) == ((), False)


def test_describe_changes_item_matched_by_id_survives_a_retitle():
    old = snapshot()
    retitled = replace_item(old.programme, 4, title="Conclusioni")

    changes, relevant = describe_changes(old, revised(old, programme=retitled))

    assert codes(changes) == ["item_retitled"]
    assert changes[0].en == "'Chiusura dei lavori' renamed 'Conclusioni'"
    assert relevant is False


def test_describe_changes_items_without_ids_match_by_kind_and_title():
    old = snapshot(programme=programme(ids=False))
    later = replace_item(old.programme, 4, starts_at=rome(13))

    changes, relevant = describe_changes(old, revised(old, programme=later))

    assert codes(changes) == ["item_moved"]
    assert changes[0].en == changes[0].it == "'Chiusura dei lavori' 12:30 -> 13:00"
    assert relevant is False


def test_describe_changes_day_moved_shows_the_dates():
    old = snapshot()
    new = revised(old, starts_at=rome(9, day=1, month=12), ends_at=rome(13, day=1, month=12))

    changes, relevant = describe_changes(old, new)

    assert codes(changes)[:2] == ["day_moved", "end_moved"]
    assert changes[0].en == "moved to another day: 30/11 09:00 -> 01/12 09:00"
    assert changes[1].it == "fine 30/11 13:00 -> 01/12 13:00"
    assert relevant is True


def test_describe_changes_item_added_says_title_and_time_in_both_languages():
    old = snapshot()
    saluti = item(6, "greetings", "Saluti", rome(9, 15))
    added = (*old.programme[:1], saluti, *old.programme[1:])

    changes, relevant = describe_changes(old, revised(old, programme=added))

    assert codes(changes) == ["item_added"]
    assert (changes[0].en, changes[0].it) == (
        "added 'Saluti' at 09:15",
        "aggiunto 'Saluti' alle 09:15",
    )
    assert relevant is False


def test_describe_changes_item_removed_and_speaker_added():
    old = snapshot()
    without_panel = old.programme[:3] + old.programme[4:]
    with_guest = replace_item(
        without_panel, 1, speakers=(*old.programme[1].speakers, person("Fabio Bergamaschi", 15))
    )

    changes, _ = describe_changes(old, revised(old, programme=with_guest))

    assert codes(changes) == ["speaker_added", "item_removed"]
    assert changes[0].it == "Fabio Bergamaschi aggiunto a 'Saluti e interventi'"
    assert changes[1].en == "removed 'Tavola rotonda dei Sindaci'"


def test_describe_changes_speaker_role_changed():
    old = snapshot()
    chair = replace_item(old.programme, 2, speakers=(person("Roberto Gandioli", 14, "moderator"),))

    changes, _ = describe_changes(old, revised(old, programme=chair))

    assert codes(changes) == ["speaker_role_changed"]
    assert changes[0].it == f"Roberto Gandioli in '{SUB_AMBITI}': relatore -> moderatore"


def test_describe_changes_programme_reordered_only_is_one_change_not_relevant():
    old = snapshot()
    p = old.programme
    reordered = (p[0], p[2], p[1], p[3], p[4])

    changes, relevant = describe_changes(old, revised(old, programme=reordered))

    assert codes(changes) == ["programme_reordered"]
    assert relevant is False


def test_describe_changes_long_titles_are_shortened_with_an_ellipsis():
    old = snapshot()
    long_title = (
        "Il welfare di comunità nei comuni dell'Area Omogenea Cremasca: esperienze e numeri"
    )
    renamed = replace_item(old.programme, 3, title=long_title)

    changes, _ = describe_changes(old, revised(old, programme=renamed))

    shown = changes[0].en.split(" renamed ")[1].strip("'")
    assert len(shown) <= 60
    assert shown.endswith("…")
    assert long_title.startswith(shown[:-1])


def test_describe_changes_cancelled_comes_first_and_is_relevant():
    old = snapshot()

    changes, relevant = describe_changes(old, revised(old, status="cancelled", capacity=150))

    assert codes(changes) == ["cancelled", "capacity_changed"]
    assert changes[1].it == "posti 200 -> 150"
    assert relevant is True


def test_describe_changes_times_announced_is_relevant():
    whole_day = {"starts_at": datetime(2026, 11, 29, 23, tzinfo=UTC), "ends_at": rome(24)}
    old = snapshot(times_announced=False, doors_open_at=None, **whole_day)
    new = revised(
        old, times_announced=True, starts_at=rome(9), ends_at=rome(13), doors_open_at=None
    )

    changes, relevant = describe_changes(old, new)

    assert codes(changes) == ["times_announced"]
    assert changes[0].en == "times announced: 30/11 09:00-13:00"
    assert relevant is True


def test_describe_changes_doors_not_relevant_title_relevant():
    old = snapshot()
    new = revised(old, doors_open_at=rome(8, 45), title="Welfare locale nell'Area Omogenea")

    changes, relevant = describe_changes(old, new)

    assert codes(changes) == ["doors_changed", "title_changed"]
    assert changes[0].it == "apertura porte 08:30 -> 08:45"
    assert relevant is True  # the title is the invite's SUMMARY


@pytest.mark.parametrize(
    ("mode", "relevant"), [("hybrid", False), ("online", True)], ids=["hybrid", "online"]
)
def test_describe_changes_attendance_relevant_only_when_in_person_comes_or_goes(mode, relevant):
    old = snapshot()

    changes, calendar_relevant = describe_changes(old, revised(old, attendance_mode=mode))

    assert codes(changes) == ["attendance_changed"]
    assert calendar_relevant is relevant


def test_describe_changes_every_text_is_filled_in_both_languages():
    old = snapshot()
    new = revised(
        old,
        status="cancelled",
        starts_at=rome(9, 30),
        ends_at=rome(13, 30),
        venue=SAN_DOMENICO,
        title="Welfare locale",
        subtitle=None,
        online_capacity=50,
        attendance_mode="hybrid",
        registration_closes_at=rome(18, day=28),
        moderator=person("Fabio Bergamaschi", role="moderator"),
        co_organizers=(OrganizationV1(slug="comune-di-crema", name="Comune di Crema"),),
        supporters=("Fondazione Comunitaria",),
        audience=("Sindaci", "Assessori"),
        topics=("welfare",),
        programme=replace_item(old.programme, 3, room="Sala B", description="Con i Sindaci"),
    )

    changes, relevant = describe_changes(old, new)

    assert relevant is True
    assert len(changes) == 16
    for change in changes:
        assert change.it and change.en
        assert "{" not in change.it + change.en
