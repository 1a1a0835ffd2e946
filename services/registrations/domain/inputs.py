"""What an organizer writes: an event's registration form, its settings and custom questions.
Plain pydantic models (the use case checks and saves them; the API reads and answers them),
strict as the OpenAPI schema tells: see shared/inputs.py."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from shared.inputs import JsonBool, JsonFloat, JsonInt, RowId

MAX_QUESTIONS = 30
CHOICE_KINDS = ("single", "multiple")
# A page of our own ("/privacy") or one on the organization's site: no spaces, no control
# characters. Patterns, so that the schema tells what is refused; explicit ranges rather
# than \s, which JSON Schema (ECMA) and pydantic (Rust) read differently.
_URL_CHAR = r"[^\x00-\x20\x7f-\x9f]"
_HOST_CHAR = r"[^\x00-\x20\x7f-\x9f/]"
NOTICE_URL = rf"^(https?://{_HOST_CHAR}+(/{_URL_CHAR}*)?|/({_HOST_CHAR}{_URL_CHAR}*)?)$"
# One line (no control characters) with something written on it.
ONE_LINE = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"

# Several lines allowed (line breaks), no other control characters.
_LINES = r"^[^\x00-\x09\x0b\x0c\x0e-\x1f\x7f]*$"

Label = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300, pattern=ONE_LINE)]
Version = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40, pattern=ONE_LINE)]
Help = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500, pattern=r"^[^\x00-\x1f\x7f]*$")
]
Policy = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000, pattern=_LINES)]
NoticeUrl = Annotated[str, StringConstraints(max_length=500, pattern=NOTICE_URL)]
OptionValue = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9_-]{1,60}$")
]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OptionShape(_Shape):
    value: OptionValue
    it: Label
    en: Label


class QuestionShape(_Shape):
    # given back: the same question, its answers kept
    id: RowId | None = None
    kind: Literal["short_text", "long_text", "single", "multiple", "yes_no"]
    label_it: Label
    label_en: Label
    required: JsonBool = False
    options: list[OptionShape] = Field(default_factory=list, max_length=50)
    help_it: Help = Field(default="", description="Shown under the field on the form.")
    help_en: Help = ""

    def problems(self) -> list[str]:
        """What is wrong with the options for this kind of question."""
        values = [option.value for option in self.options]
        if self.kind in CHOICE_KINDS and len(values) < 2:
            return [f"{self.label_en}: a {self.kind} choice needs at least two options"]
        if self.kind not in CHOICE_KINDS and values:
            return [f"{self.label_en}: only single and multiple choices have options"]
        if len(set(values)) != len(values):
            return [f"{self.label_en}: option values must differ"]
        return []


class SettingsShape(_Shape):
    double_opt_in: JsonBool = False
    confirm_hours: JsonFloat = Field(default=48.0, gt=0, le=720)
    offer_hours: JsonFloat = Field(default=48.0, gt=0, le=720)
    near_event_hours: JsonFloat = Field(default=48.0, ge=0, le=720)
    waitlist: JsonBool = True
    # "/privacy" (the default): the form links to the event's notice kept here, versioned by
    # this service. Another address: the organization's own page, whose versions it manages
    # and declares in privacy_notice_version.
    privacy_notice_url: NoticeUrl = Field(
        default="/privacy",
        description="'/privacy': the event's notice kept and versioned here (edit it at "
        "/api/organizer/privacy). Another address: your own page; its versions are yours to "
        "manage, declared in privacy_notice_version.",
    )
    privacy_notice_version: Version = Field(
        default="2026-01",
        description="The version of your own page's notice; unused with '/privacy'.",
    )
    retention_days: JsonInt = Field(default=180, ge=1, le=3650)
    cancellation_policy_it: Policy = Field(
        default="",
        description="What happens when a person cancels or does not come; shown beside the "
        "form's submit button and on the person's page. Empty: nothing is shown.",
    )
    cancellation_policy_en: Policy = ""


class FormShape(_Shape):
    """The form definition as the organizer API reads and writes it."""

    settings: SettingsShape = Field(default_factory=SettingsShape)
    questions: list[QuestionShape] = Field(default_factory=list, max_length=MAX_QUESTIONS)
