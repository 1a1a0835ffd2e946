"""The registration form's rules: required fields, limits, addresses and consent."""

import pytest

from services.registrations.domain.form import RegistrationInput, check_form, normalize_email

pytestmark = pytest.mark.unit

ONE_MEGABYTE = 1024 * 1024


def form(**overrides: str) -> dict[str, str]:
    values = {
        "first_name": "Maria",
        "last_name": "Rossi",
        "email": "maria.rossi@comune.crema.cr.it",
        "organization": "Comune di Crema",
        "privacy_consent": "on",
    }
    values.update(overrides)
    return {name: value for name, value in values.items() if value is not None}


def test_check_form_valid_input_returns_registration_input():
    raw = form()

    person, errors = check_form(raw)

    assert errors == {}
    assert person == RegistrationInput(
        first_name="Maria",
        last_name="Rossi",
        email="maria.rossi@comune.crema.cr.it",
        organization="Comune di Crema",
        privacy_consent=True,
    )


@pytest.mark.parametrize("field", ["first_name", "last_name", "email"])
def test_check_form_missing_required_field_is_required(field):
    raw = form()
    del raw[field]

    person, errors = check_form(raw)

    assert person is None
    assert errors == {field: "required"}


@pytest.mark.parametrize("field", ["first_name", "last_name", "email"])
def test_check_form_blank_required_field_is_required(field):
    raw = form(**{field: "   \t "})

    person, errors = check_form(raw)

    assert person is None
    assert errors == {field: "required"}


def test_check_form_empty_form_lists_every_problem():
    raw: dict[str, str] = {}

    person, errors = check_form(raw)

    assert person is None
    assert errors == {
        "first_name": "required",
        "last_name": "required",
        "email": "required",
        "privacy_consent": "consent_required",
    }


def test_check_form_megabyte_first_name_is_too_long_without_exception():
    raw = form(first_name="M" * ONE_MEGABYTE)

    person, errors = check_form(raw)

    assert person is None
    assert errors == {"first_name": "too_long"}


def test_check_form_megabyte_email_is_too_long_not_invalid():
    raw = form(email="m" * ONE_MEGABYTE + "@comune.it")

    person, errors = check_form(raw)

    assert person is None
    assert errors == {"email": "too_long"}


@pytest.mark.parametrize(
    ("field", "limit"),
    [("first_name", 100), ("last_name", 100), ("organization", 200)],
)
def test_check_form_value_at_limit_is_accepted(field, limit):
    raw = form(**{field: "a" * limit})

    person, errors = check_form(raw)

    assert errors == {}
    assert getattr(person, field) == "a" * limit


@pytest.mark.parametrize(
    ("field", "limit"),
    [("first_name", 100), ("last_name", 100), ("organization", 200)],
)
def test_check_form_value_over_limit_is_too_long(field, limit):
    raw = form(**{field: "a" * (limit + 1)})

    person, errors = check_form(raw)

    assert person is None
    assert errors == {field: "too_long"}


def test_check_form_limit_counts_after_trimming():
    raw = form(first_name="   " + "a" * 100 + "   ")

    person, errors = check_form(raw)

    assert errors == {}
    assert person is not None
    assert person.first_name == "a" * 100


@pytest.mark.parametrize(
    "address",
    [
        "maria.rossi",
        "maria.rossi@",
        "@comune.it",
        "maria@@comune.it",
        "maria rossi@comune.it",
        "maria@comune",
        "maria@comune..it",
        "Maria Rossi <maria@comune.it>",
        "maria@comune.it\r\nBcc: altri@example.org",
    ],
)
def test_check_form_malformed_email_is_email_invalid(address):
    raw = form(email=address)

    person, errors = check_form(raw)

    assert person is None
    assert errors == {"email": "email_invalid"}


def test_check_form_email_domain_is_normalized_and_trimmed():
    raw = form(email="  Maria.Rossi@Comune.Crema.CR.IT \n")

    person, errors = check_form(raw)

    assert errors == {}
    assert person is not None
    assert person.email == "Maria.Rossi@comune.crema.cr.it"


def test_check_form_trims_whitespace_around_every_field():
    raw = form(
        first_name="  Maria ",
        last_name="\tRossi\n",
        organization="  Comune di Crema  ",
    )

    person, errors = check_form(raw)

    assert errors == {}
    assert person is not None
    assert (person.first_name, person.last_name, person.organization) == (
        "Maria",
        "Rossi",
        "Comune di Crema",
    )


@pytest.mark.parametrize("organization", [None, "", "    "])
def test_check_form_organization_missing_or_blank_is_none(organization):
    raw = form(organization=organization)

    person, errors = check_form(raw)

    assert errors == {}
    assert person is not None
    assert person.organization is None


@pytest.mark.parametrize("consent", ["on", "true", "yes", "1"])
def test_check_form_consent_given_is_accepted(consent):
    raw = form(privacy_consent=consent)

    person, errors = check_form(raw)

    assert errors == {}
    assert person is not None
    assert person.privacy_consent is True


@pytest.mark.parametrize("consent", [None, "", "off", "false", "no", "0"])
def test_check_form_consent_missing_or_refused_is_consent_required(consent):
    raw = form(privacy_consent=consent)

    person, errors = check_form(raw)

    assert person is None
    assert errors == {"privacy_consent": "consent_required"}


def test_check_form_consent_reported_together_with_field_errors():
    raw = form(first_name="", email="not-an-address", privacy_consent="")

    person, errors = check_form(raw)

    assert person is None
    assert errors == {
        "first_name": "required",
        "email": "email_invalid",
        "privacy_consent": "consent_required",
    }


def test_check_form_ignores_unknown_fields():
    raw = {**form(), "is_admin": "yes", "seats": "100"}

    person, errors = check_form(raw)

    assert errors == {}
    assert person is not None


def test_normalize_email_trims_and_lowercases():
    address = "  Maria.Rossi@Comune.Crema.CR.IT \n"

    key = normalize_email(address)

    assert key == "maria.rossi@comune.crema.cr.it"


def test_normalize_email_two_spellings_of_one_mailbox_give_one_key():
    spellings = ["MARIA.ROSSI@COMUNE.IT", " maria.rossi@comune.it", "Maria.Rossi@Comune.It  "]

    keys = {normalize_email(address) for address in spellings}

    assert keys == {"maria.rossi@comune.it"}
