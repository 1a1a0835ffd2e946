"""What the organizers' API takes and gives for the feedback questionnaire."""

from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from services.registrations.domain.questionnaire import MAX_QUESTIONS, STANDARD
from shared.web.inputs import JsonBool


class QuestionIn(BaseModel):
    """One question: a standard one by its key (overall, relevance, speakers, organization,
    comments), or one of the organizer's own with its wording."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_-]{0,39}$", description="e.g. overall, q-venue")
    kind: Literal["rating", "text"] = Field(description="rating: 1 to 5; text: free answer")
    label: str = Field(default="", max_length=300, description="what it asks")

    @model_validator(mode="after")
    def _worded(self) -> "QuestionIn":
        standard = STANDARD.get(self.key)
        if standard is None and not self.label.strip():
            raise ValueError(f"question {self.key!r} needs its wording (label)")
        if standard is not None and standard[0] != self.kind:
            raise ValueError(f"the standard question {self.key!r} is of kind {standard[0]}")
        return self


class QuestionnaireIn(BaseModel):
    questions: list[QuestionIn] = Field(default_factory=list, max_length=MAX_QUESTIONS)
    required: JsonBool = Field(
        default=False, description="certificates wait for the person's answers"
    )

    @field_validator("questions")
    @classmethod
    def _keys_once(cls, questions: list[QuestionIn]) -> list[QuestionIn]:
        keys = [question.key for question in questions]
        doubled = sorted({key for key in keys if keys.count(key) > 1})
        if doubled:
            raise ValueError(f"each question once: {', '.join(doubled)} repeated")
        return questions


class QuestionnaireOut(QuestionnaireIn):
    standard: list[QuestionIn]  # the accreditation set, ready to use


class RatingOut(BaseModel):
    key: str
    asks: str
    counts: dict[str, int]  # "1".."5" -> how many gave it
    average: float | None


class TextsOut(BaseModel):
    key: str
    asks: str
    texts: list[str]  # sorted: their order says nothing of who wrote them


class QuestionnaireSummaryOut(BaseModel):
    responses: int
    ratings: list[RatingOut]
    texts: list[TextsOut]
