"""The feedback questionnaire ("questionario di gradimento") an accrediting body asks for: its
questions (the standard accreditation set, and the organizer's own), the answers a person
gives (ratings 1 to 5, required; comments, optional), and what the organizer reads: counts,
averages and comments, never who said what."""

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Kind = Literal["rating", "text"]
RATINGS = (1, 2, 3, 4, 5)
MAX_QUESTIONS = 20
MAX_TEXT = 2000

# The set an accreditation asks for, ready to use: key -> kind and what it asks (it, en).
STANDARD: dict[str, tuple[Kind, dict[str, str]]] = {
    "overall": (
        "rating",
        {"it": "Giudizio complessivo sull'evento", "en": "Overall rating of the event"},
    ),
    "relevance": (
        "rating",
        {
            "it": "Rilevanza dei temi rispetto al tuo lavoro",
            "en": "Relevance of the topics to your work",
        },
    ),
    "speakers": (
        "rating",
        {"it": "Qualità dei relatori", "en": "Quality of the speakers"},
    ),
    "organization": (
        "rating",
        {"it": "Organizzazione dell'evento", "en": "Organization of the event"},
    ),
    "comments": (
        "text",
        {"it": "Commenti e suggerimenti", "en": "Comments and suggestions"},
    ),
}


@dataclass(frozen=True)
class Question:
    key: str
    kind: Kind
    label: str = ""  # the organizer's own words; a standard question may leave it blank

    def asks(self, language: str) -> str:
        """What the question asks, in `language` (standard wording unless the organizer's)."""
        if self.label or self.key not in STANDARD:
            return self.label
        wording = STANDARD[self.key][1]
        return wording.get(language, wording["it"])


class AnswersInvalid(ValueError):
    """Answers that cannot be kept: `problems` maps a question key to what is wrong."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {text}" for key, text in problems.items()))
        self.problems = problems


def standard_set() -> list[Question]:
    return [Question(key, kind) for key, (kind, _) in STANDARD.items()]


def questions_of(stored: str) -> list[Question]:
    """The questions as the settings keep them (JSON)."""
    return [Question(**given) for given in json.loads(stored or "[]")]


def stored(questions: Iterable[Question]) -> str:
    return json.dumps([q.__dict__ for q in questions], ensure_ascii=False)


def read_answers(questions: list[Question], given: Mapping[str, str]) -> dict[str, int | str]:
    """The answers to keep: a rating 1-5 for every rating question (required), a text (at
    most MAX_TEXT characters, optional) for each text question; anything else is ignored."""
    answers: dict[str, int | str] = {}
    problems: dict[str, str] = {}
    for question in questions:
        value = (given.get(question.key) or "").strip()
        if question.kind == "text":
            if len(value) > MAX_TEXT:
                problems[question.key] = f"at most {MAX_TEXT} characters"
            elif value:
                answers[question.key] = value
        elif value not in {str(r) for r in RATINGS}:
            problems[question.key] = "choose a rating from 1 to 5"
        else:
            answers[question.key] = int(value)
    if problems:
        raise AnswersInvalid(problems)
    return answers


@dataclass(frozen=True)
class Summary:
    """What the organizer reads: per rating question how many gave each rating and the
    average, per text question the texts (sorted, so their order says nothing of who)."""

    responses: int
    ratings: dict[str, dict[int, int]]
    averages: dict[str, float | None]
    texts: dict[str, list[str]]


def summarize(questions: list[Question], responses: Iterable[Mapping[str, int | str]]) -> Summary:
    counts: dict[str, Counter[int]] = {q.key: Counter() for q in questions if q.kind == "rating"}
    texts: dict[str, list[str]] = {q.key: [] for q in questions if q.kind == "text"}
    total = 0
    for answers in responses:
        total += 1
        for key, value in answers.items():
            if key in counts and isinstance(value, int):
                counts[key][value] += 1
            elif key in texts and isinstance(value, str):
                texts[key].append(value)
    ratings = {key: {r: found[r] for r in RATINGS} for key, found in counts.items()}
    averages = {key: _average(found) for key, found in counts.items()}
    return Summary(total, ratings, averages, {key: sorted(t) for key, t in texts.items()})


def _average(found: Counter[int]) -> float | None:
    given = sum(found.values())
    return round(sum(r * n for r, n in found.items()) / given, 2) if given else None
