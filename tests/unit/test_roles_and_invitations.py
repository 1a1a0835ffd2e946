"""Roles as a table of permissions (door staff is not above a viewer, only beside), and the
invitation email as a mail client sees it."""

import email
import email.policy
from datetime import UTC, datetime

import pytest

from services.events.domain.access import MAY, ROLES, Action, Principal, RoleRefused, may
from services.notifications.formats.email import Letter, compose
from services.registrations.web.routes.staff_auth import MAY as DESK_MAY
from services.registrations.web.routes.staff_auth import Act, Staff

NOW = datetime(2026, 12, 5, 16, 0, tzinfo=UTC)


def test_door_staff_may_only_check_in():
    allowed = [action for action in Action if may("door", action)]

    assert allowed == [Action.CHECK_IN]


def test_a_viewer_reads_but_changes_nothing():
    allowed = {action for action in Action if may("viewer", action)}

    assert allowed == {Action.READ, Action.CHECK_IN, Action.REGISTRATIONS}


def test_only_owners_manage_colleagues_tokens_and_read_the_log():
    owners_only = [Action.COLLEAGUES, Action.TOKENS, Action.AUDIT]

    assert [sorted(MAY[action]) for action in owners_only] == [["owner"]] * 3


def test_every_role_may_check_in_and_an_unknown_role_nothing():
    assert sorted(MAY[Action.CHECK_IN]) == sorted(ROLES)
    assert [action for action in Action if may("janitor", action)] == []


def test_a_refusal_names_the_role():
    door = Principal(1, "comune", "Comune", "door", "porta@comune.it")

    with pytest.raises(RoleRefused) as refused:
        door.require(Action.READ)

    assert (refused.value.status, refused.value.role) == (403, "door")


@pytest.mark.parametrize("role", ["owner", "editor", "door", "viewer"])
def test_registrations_reads_the_same_table(role):
    staff = Staff("comune", role, "x")

    said = {Act.READ: staff.may(Act.READ), Act.CHECK_IN: staff.may(Act.CHECK_IN)}

    assert said == {Act.READ: role != "door", Act.CHECK_IN: True}
    assert staff.may(Act.EDIT) == (role in ("owner", "editor"))
    assert set(DESK_MAY) == set(Act)


def invitation(language: str) -> email.message.EmailMessage:
    letter = Letter(
        kind="invitation",
        recipient_email="porta@comune.example.it",
        recipient_name="",
        language=language,
        message_id="<abc@convegni.example>",
        facts={
            "link": "https://convegni.example/console/invitations/inv_secret",
            "organization_name": "Comune di Crema",
            "role": "door",
            "invited_by": "Anna Bianchi",
            "expires_at": "2026-12-12T16:00:00+00:00",
        },
    )
    raw = compose(
        letter, None, mail_from="noreply@x.it", organizer_email="o@x.it", domain="x.it", now=NOW
    )
    return email.message_from_bytes(raw.as_bytes(), policy=email.policy.default)  # type: ignore[return-value]


def test_the_invitation_says_who_invites_with_which_role_until_when():
    mail = invitation("it")
    text = mail.get_body(preferencelist=("plain",)).get_content()
    html = mail.get_body(preferencelist=("html",)).get_content()

    assert mail["Subject"] == "Invito nell'area organizzatori di Comune di Crema"
    assert "Anna Bianchi ti invita a lavorare con Comune di Crema" in text
    assert "addetto all'accoglienza" in text
    assert "https://convegni.example/console/invitations/inv_secret" in text
    assert "12 dicembre 2026" in text
    assert 'href="https://convegni.example/console/invitations/inv_secret"' in html
    assert [part.get_content_type() for part in mail.walk()] == [
        "multipart/alternative",
        "text/plain",
        "text/html",
    ]


def test_the_invitation_speaks_english_when_the_inviter_did():
    mail = invitation("en")

    assert mail["Subject"] == "Invitation to the organizer console of Comune di Crema"
    assert "door staff" in mail.get_body(preferencelist=("plain",)).get_content()
