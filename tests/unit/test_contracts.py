"""Facts in CloudEvents envelopes: deterministic ids, tolerant parsing, frozen values."""

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from shared.contracts import (
    ChangeV1,
    Envelope,
    EventCancelledV1,
    EventDraftSavedV1,
    EventFact,
    EventPublishedV1,
    EventUpdatedV1,
    PersonV1,
    RegistrationConfirmedV1,
    fact_types,
    parse_fact,
)

pytestmark = pytest.mark.unit

SOURCE = "/convegni/events"


def confirmed(**overrides) -> RegistrationConfirmedV1:
    values = {
        "registration_id": "3d1e9a70-5b2c-4f61-8e9d-0c1b2a3f4e5d",
        "event_id": "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f",
        "event_revision": 3,
        "person": PersonV1(
            first_name="Maria", last_name="Rossi", email="maria.rossi@comune.crema.cr.it"
        ),
        "at": datetime(2026, 11, 2, 10, 0, tzinfo=UTC),
    }
    values.update(overrides)
    return RegistrationConfirmedV1(**values)


def test_envelope_wrap_same_fact_twice_gives_same_id(make_snapshot):
    fact = EventPublishedV1(event=make_snapshot(revision=1))
    again = EventPublishedV1(event=make_snapshot(revision=1))

    ids = (Envelope.wrap(fact, source=SOURCE).id, Envelope.wrap(again, source=SOURCE).id)

    assert ids[0] == ids[1]


def test_envelope_wrap_id_is_the_fact_message_id(make_snapshot):
    fact = EventPublishedV1(event=make_snapshot(revision=1))

    envelope = Envelope.wrap(fact, source=SOURCE)

    assert envelope.id == fact.message_id()


def test_envelope_wrap_different_revisions_give_different_ids(make_snapshot):
    first = EventUpdatedV1(event=make_snapshot(revision=2))
    second = EventUpdatedV1(event=make_snapshot(revision=3))

    ids = (Envelope.wrap(first, source=SOURCE).id, Envelope.wrap(second, source=SOURCE).id)

    assert ids[0] != ids[1]


def test_envelope_wrap_different_fact_types_same_revision_give_different_ids(make_snapshot):
    updated = EventUpdatedV1(event=make_snapshot(revision=4))
    cancelled = EventCancelledV1(event=make_snapshot(revision=4, status="cancelled"))

    ids = (Envelope.wrap(updated, source=SOURCE).id, Envelope.wrap(cancelled, source=SOURCE).id)

    assert ids[0] != ids[1]


def test_envelope_wrap_id_ignores_source_and_subject(make_snapshot):
    fact = EventPublishedV1(event=make_snapshot(revision=1))

    ids = (
        Envelope.wrap(fact, source="/a").id,
        Envelope.wrap(fact, source="/b", subject="altro").id,
    )

    assert ids[0] == ids[1]


def test_envelope_wrap_carries_type_source_subject_and_data(make_snapshot):
    fact = EventPublishedV1(event=make_snapshot(revision=1))

    envelope = Envelope.wrap(fact, source=SOURCE, subject="welfare-area-omogenea-cremasca")

    assert (
        envelope.specversion,
        envelope.type,
        envelope.source,
        envelope.subject,
        envelope.data,
    ) == (
        "1.0",
        "it.convegni.events.event.published.v1",
        SOURCE,
        "welfare-area-omogenea-cremasca",
        fact.model_dump(mode="json"),
    )


def test_draft_saves_of_one_event_give_different_ids(make_snapshot):
    draft = make_snapshot(revision=0, status="draft")
    first = EventDraftSavedV1(event=draft, saved_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    second = EventDraftSavedV1(event=draft, saved_at=datetime(2026, 11, 2, 10, 1, tzinfo=UTC))

    ids = (first.message_id(), second.message_id())

    assert ids[0] != ids[1]


def test_draft_saved_is_outside_what_the_notifications_service_hears(make_snapshot):
    draft = make_snapshot(revision=0, status="draft")

    fact = EventDraftSavedV1(event=draft, saved_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))

    assert (fact.subject.startswith("events.event."), isinstance(fact, EventFact)) == (
        False,
        False,
    )


def test_registration_confirmed_id_depends_on_registration_only():
    fact = confirmed()
    renamed = confirmed(
        person=PersonV1(first_name="Maria Grazia", last_name="Rossi", email="m@comune.it")
    )

    ids = (fact.message_id(), renamed.message_id())

    assert ids[0] == ids[1]


def test_parse_fact_round_trip_through_json_gives_equal_fact(make_snapshot):
    fact = EventUpdatedV1(
        event=make_snapshot(revision=5),
        changes=(
            ChangeV1(code="start_moved", it="inizio 09:00 -> 09:30", en="start 09:00 -> 09:30"),
        ),
        calendar_relevant=True,
    )
    wire = Envelope.wrap(fact, source=SOURCE).model_dump_json()

    parsed = parse_fact(Envelope.model_validate_json(wire))

    assert parsed == fact


def test_parse_fact_registration_round_trip_gives_equal_fact():
    fact = confirmed()
    wire = Envelope.wrap(fact, source="/convegni/registrations").model_dump_json()

    parsed = parse_fact(Envelope.model_validate_json(wire))

    assert parsed == fact


def test_parse_fact_unknown_type_is_none():
    envelope = Envelope(
        id="1", source=SOURCE, type="it.convegni.events.event.postponed.v1", data={}
    )

    parsed = parse_fact(envelope)

    assert parsed is None


def test_parse_fact_ignores_unknown_fields_in_data():
    fact = confirmed()
    data = {**fact.model_dump(mode="json"), "badge_colour": "blu", "seat": {"row": 3}}
    envelope = Envelope(id=fact.message_id(), source=SOURCE, type=fact.type_name, data=data)

    parsed = parse_fact(envelope)

    assert parsed == fact


def test_parse_fact_ignores_unknown_fields_nested_in_the_snapshot(make_snapshot):
    fact = EventPublishedV1(event=make_snapshot(revision=1))
    data = fact.model_dump(mode="json")
    data["event"]["livestream_url"] = "https://example.org/live"
    data["event"]["venue"]["floor"] = "primo piano"
    data["event"]["programme"][0]["stream_colour"] = "blu"
    envelope = Envelope(id=fact.message_id(), source=SOURCE, type=fact.type_name, data=data)

    parsed = parse_fact(envelope)

    assert parsed == fact


def test_envelope_ignores_unknown_envelope_attributes(make_snapshot):
    fact = EventPublishedV1(event=make_snapshot(revision=1))
    wire = {**Envelope.wrap(fact, source=SOURCE).model_dump(mode="json"), "traceparent": "00-x"}

    parsed = parse_fact(Envelope.model_validate(wire))

    assert parsed == fact


def test_fact_types_know_every_published_fact():
    known = fact_types()

    ours = {name: cls for name, cls in known.items() if name.startswith("it.convegni.")}
    assert {name: cls.type_name for name, cls in ours.items()} == {n: n for n in ours}
    assert ours["it.convegni.events.event.published.v1"] is EventPublishedV1
    assert ours["it.convegni.events.event.updated.v1"] is EventUpdatedV1
    assert ours["it.convegni.events.event.cancelled.v1"] is EventCancelledV1
    assert ours["it.convegni.registrations.registration.confirmed.v1"] is RegistrationConfirmedV1


def test_fact_types_name_their_subject_and_version():
    known = fact_types().values()

    assert [cls.__name__ for cls in known if cls.type_name != f"it.convegni.{cls.subject}.v1"] == []


def test_fact_is_frozen():
    fact = confirmed()

    with pytest.raises(ValidationError):
        fact.language = "en"


def test_snapshot_inside_fact_is_frozen(make_snapshot):
    fact = EventPublishedV1(event=make_snapshot(revision=1))

    with pytest.raises(ValidationError):
        fact.event.title = "Un altro titolo"


def test_envelope_is_frozen(make_snapshot):
    envelope = Envelope.wrap(EventPublishedV1(event=make_snapshot(revision=1)), source=SOURCE)

    with pytest.raises(ValidationError):
        envelope.id = "another-id"
