"""The form builder's steps on a form definition: put a question, move it, remove it, and the
options a clerk types one per line. Pure: the use case saves the definition that results."""

import re
import unicodedata

from services.registrations.domain.inputs import FormShape, OptionShape, QuestionShape


def put(form: FormShape, question: QuestionShape) -> FormShape:
    """The form with `question` in place of the one with its id, or added at the end."""
    if question.id is None:
        return form.model_copy(update={"questions": [*form.questions, question]})
    replaced = [question if q.id == question.id else q for q in form.questions]
    return form.model_copy(update={"questions": replaced})


def move(form: FormShape, question_id: int, step: int) -> FormShape:
    """The form with the question `step` places later (negative: earlier), within bounds."""
    questions = list(form.questions)
    at = next((i for i, q in enumerate(questions) if q.id == question_id), None)
    if at is None:
        return form
    to = min(max(at + step, 0), len(questions) - 1)
    questions.insert(to, questions.pop(at))
    return form.model_copy(update={"questions": questions})


def remove(form: FormShape, question_id: int) -> FormShape:
    kept = [q for q in form.questions if q.id != question_id]
    return form.model_copy(update={"questions": kept})


def lines(text: str) -> list[str]:
    """The non-blank lines of a text area, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def options(
    italian: list[str], english: list[str], before: list[OptionShape]
) -> list[dict[str, str]]:
    """Options from lines: an Italian text already there keeps its value (and its answers),
    a new one gets a value made from it. English missing: the Italian text is used."""
    known = {option.it: option.value for option in before}
    taken: set[str] = set()
    made = []
    for index, it in enumerate(italian):
        value = known.get(it) or _unique(_slug(it) or f"option-{index + 1}", taken, known)
        taken.add(value)
        en = english[index] if index < len(english) else it
        made.append({"value": value, "it": it, "en": en})
    return made


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:50]


def _unique(value: str, taken: set[str], known: dict[str, str]) -> str:
    used = taken | set(known.values())
    candidate, n = value, 2
    while candidate in used:
        candidate, n = f"{value}-{n}", n + 1
    return candidate
