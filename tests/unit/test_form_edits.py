"""The form builder's steps on a definition, and what may change in answered questions."""

from services.registrations.domain.answered import Answered, Kept, refusals, tally
from services.registrations.domain.form_edits import lines, move, options, put, remove
from services.registrations.domain.inputs import FormShape, OptionShape, QuestionShape


def _question(qid: int | None, kind: str = "short_text", **more: object) -> QuestionShape:
    return QuestionShape.model_validate(
        {"id": qid, "kind": kind, "label_it": f"Domanda {qid}", "label_en": f"Q {qid}", **more}
    )


BUFFET_OPTIONS = [{"value": "si", "it": "Sì", "en": "Yes"}, {"value": "no", "it": "No", "en": "No"}]
FORM = FormShape(questions=[_question(1), _question(2), _question(3)])


def test_moving_a_question_up_and_down_stays_within_the_form():
    up = move(FORM, 3, -1)
    top = move(FORM, 1, -1)
    down = move(FORM, 1, 1)

    assert [q.id for q in up.questions] == [1, 3, 2]
    assert [q.id for q in top.questions] == [1, 2, 3]
    assert [q.id for q in down.questions] == [2, 1, 3]


def test_put_replaces_a_question_by_id_and_adds_a_new_one_last():
    changed = put(FORM, _question(2, label_it="Nuovo testo"))
    added = put(FORM, _question(None))
    removed = remove(FORM, 2)

    assert [q.label_it for q in changed.questions] == ["Domanda 1", "Nuovo testo", "Domanda 3"]
    assert [q.id for q in added.questions] == [1, 2, 3, None]
    assert [q.id for q in removed.questions] == [1, 3]


def test_options_keep_the_value_of_an_italian_text_already_there():
    before = [OptionShape(**option) for option in BUFFET_OPTIONS]

    made = options(["Sì", "Forse", "Forse!"], ["Yes"], before)

    assert made == [
        {"value": "si", "it": "Sì", "en": "Yes"},
        {"value": "forse", "it": "Forse", "en": "Forse"},
        {"value": "forse-2", "it": "Forse!", "en": "Forse!"},
    ]
    assert lines(" a \n\n b\r\n") == ["a", "b"]


def test_answered_questions_refuse_deletion_kind_change_and_lost_options():
    kept = {
        1: Kept(1, "short_text", "Town", {}),
        2: Kept(2, "single", "Lunch", {"si": "Sì", "no": "No"}),
        3: Kept(3, "short_text", "Unanswered", {}),
    }
    answered = tally([(1, "Crema"), (2, "si"), (2, "si"), (2, "no")])
    renamed = [{"value": "si", "it": "Sì, resto", "en": "Yes"}, BUFFET_OPTIONS[1]]
    given = [_question(2, "single", options=renamed)]

    found = refusals(kept, given, answered)
    as_kind = refusals(
        kept, [_question(1, "long_text"), _question(2, "single", options=BUFFET_OPTIONS)], answered
    )

    assert answered[2] == Answered(3, {"si": 2, "no": 1})
    assert [(r.question_id, r.reason, r.people) for r in found] == [
        (1, "deleted", 1),
        (2, "option", 2),
    ]
    assert found[1].option == "Sì"
    assert [(r.question_id, r.reason) for r in as_kind] == [(1, "kind")]


def test_answered_questions_may_change_wording_and_gain_options():
    kept = {2: Kept(2, "multiple", "Sessions", {"am": "Mattina", "pm": "Pomeriggio"})}
    answered = tally([(2, '["am", "pm"]')])
    more = [
        {"value": "am", "it": "Mattina", "en": "Morning!"},
        {"value": "pm", "it": "Pomeriggio", "en": "Afternoon"},
        {"value": "eve", "it": "Sera", "en": "Evening"},
    ]

    found = refusals(kept, [_question(2, "multiple", label_it="Quando?", options=more)], answered)

    assert answered[2].chosen == {"am": 1, "pm": 1}
    assert found == []
