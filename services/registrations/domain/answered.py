"""What may change in a question people have already answered, so that their answers stay
readable in the list and the exports: its wording, help text and whether it is required may
change; its kind may not, an option someone chose may not be removed or renamed (its Italian
text names it), and the question may not be deleted. Each refusal says how many answered."""

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from services.registrations.domain.inputs import QuestionShape


@dataclass(frozen=True)
class Answered:
    """How many people answered a question, and how many chose each option."""

    people: int = 0
    chosen: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Kept:
    """A saved question as the rule reads it: its kind and its options' values."""

    id: int
    kind: str
    label: str  # English, for the API's message
    options: Mapping[str, str]  # value -> Italian text


@dataclass(frozen=True)
class Refusal:
    """A change refused: `reason` is deleted, kind or option; `option` the option's text."""

    question_id: int
    reason: str
    people: int
    label: str
    option: str = ""

    def said(self) -> str:
        """In English, for the API."""
        what = {
            "deleted": "cannot be deleted",
            "kind": "cannot change kind",
            "option": f"cannot lose or rename the option '{self.option}'",
        }[self.reason]
        return f"{self.label}: {self.people} people answered already, so it {what}"


def tally(values: Iterable[tuple[int, str]]) -> dict[int, Answered]:
    """Answers (question id, stored value) counted per question and per chosen option."""
    people: Counter[int] = Counter()
    chosen: dict[int, Counter[str]] = {}
    for question_id, value in values:
        people[question_id] += 1
        for option in _options_in(value):
            chosen.setdefault(question_id, Counter())[option] += 1
    return {q: Answered(n, dict(chosen.get(q, {}))) for q, n in people.items()}


def _options_in(value: str) -> list[str]:
    if value.startswith("["):  # a multiple choice keeps a JSON list
        try:
            listed = json.loads(value)
        except ValueError:
            return [value]
        return [str(v) for v in listed] if isinstance(listed, list) else [value]
    return [value]


def refusals(
    kept: Mapping[int, Kept], given: Iterable[QuestionShape], answered: Mapping[int, Answered]
) -> list[Refusal]:
    """What the new definition would change in answered questions that it may not."""
    shapes = {shape.id: shape for shape in given if shape.id is not None}
    found: list[Refusal] = []
    for question_id, question in kept.items():
        counts = answered.get(question_id)
        if counts is None or not counts.people:
            continue
        shape = shapes.get(question_id)
        if shape is None:
            found.append(Refusal(question_id, "deleted", counts.people, question.label))
        elif shape.kind != question.kind:
            found.append(Refusal(question_id, "kind", counts.people, question.label))
        else:
            found.extend(_lost_options(question, shape, counts))
    return found


def _lost_options(question: Kept, shape: QuestionShape, counts: Answered) -> list[Refusal]:
    now = {option.value: option.it for option in shape.options}
    return [
        Refusal(question.id, "option", chosen, question.label, question.options.get(value, value))
        for value, chosen in counts.chosen.items()
        if value in question.options and now.get(value) != question.options[value]
    ]
