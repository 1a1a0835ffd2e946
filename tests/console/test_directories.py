"""The speaker and venue directories, and the owners' API tokens."""

import re

import httpx
import pytest

from tests.console.browserless import new_member

pytestmark = pytest.mark.e2e


@pytest.fixture
def owner(stack, organization, browsers):
    console = browsers()
    console.log_in(new_member(stack, organization, "owner"))
    return console


def test_new_speaker_is_listed_and_can_be_edited(logged_in, organization):
    speakers = f"/console/{organization.slug}/speakers"
    logged_in.submit(f"{speakers}/new", f"{speakers}/new", honorific="Dott.ssa", name="Chiara Neri")
    edit = re.search(rf'href="({speakers}/\d+/edit)"', logged_in.get(speakers).text).group(1)

    answer = logged_in.submit(edit, edit, position="Assessora ai servizi sociali")
    listing = logged_in.get(speakers).text

    assert answer.status_code == 303
    assert "Dott.ssa Chiara Neri" in listing
    assert "Assessora ai servizi sociali" in listing


def test_speaker_named_twice_is_refused_on_the_name(logged_in, organization):
    new = f"/console/{organization.slug}/speakers/new"
    logged_in.submit(new, new, name="Paolo Gialli")

    answer = logged_in.submit(new, new, name="Paolo Gialli")

    assert answer.status_code == 409
    assert 'href="#name"' in answer.text


def test_venue_rooms_are_typed_one_per_line(logged_in, organization):
    venues = f"/console/{organization.slug}/venues"

    answer = logged_in.submit(
        f"{venues}/new", f"{venues}/new", name="Palazzo comunale", rooms="Sala A\nSala B\n"
    )

    assert answer.status_code == 303
    assert "Sale: Sala A, Sala B" in logged_in.get(venues).text


def test_venue_without_a_name_is_shown_again_with_the_problem(logged_in, organization):
    new = f"/console/{organization.slug}/venues/new"

    answer = logged_in.submit(new, new, city="Crema")

    assert answer.status_code == 422
    assert 'href="#name"' in answer.text
    assert 'value="Crema"' in answer.text


def test_token_value_is_shown_once_then_revoked(owner, organization, stack):
    tokens = f"/console/{organization.slug}/tokens"

    created = owner.submit(f"{tokens}/new", f"{tokens}/new", name="Sito del Comune")
    value = re.search(r'id="token-value" value="([^"]+)"', created.text).group(1)
    listing = owner.get(tokens).text
    revoke = re.search(rf'href="({tokens}/\d+/revoke)"', listing).group(1)
    confirm = owner.get(revoke)
    revoked = owner.submit(revoke, revoke)
    api = httpx.get(
        f"{stack.url('events')}/api/organizer/speakers",
        headers={"Authorization": f"Bearer {value}"},
    )

    assert created.headers["cache-control"] == "no-store"
    assert "non sarà più mostrato" in created.text
    assert value not in listing
    assert value[:12] in listing
    assert "smetterà subito di funzionare" in confirm.text
    assert revoked.headers["location"].endswith("?done=revoked")
    assert api.status_code == 401
