"""The answers people gave to an event's custom questions, as its registrations list shows
them: each question's label and the answer in words (option labels, "sì"/"no"), in the
reader's language, in the form's order. An erased person has none left to show."""

from collections.abc import Sequence

from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.formats.spreadsheets import answer_text
from services.registrations.storage.tables import Registration
from services.registrations.usecases.event_copy import questions_of
from services.registrations.usecases.organizer import answers_of, question_column

Said = list[tuple[str, str]]  # (question's label, answer), questions left blank left out


async def answers_said(
    *, session: AsyncSession, event_id: str, registrations: Sequence[Registration], lang: str
) -> dict[str, Said] | None:
    """Each listed registration's answers in words, by registration id (none for an erased
    person); None when the event asks no questions of its own."""
    questions = [question_column(q) for q in await questions_of(session, event_id)]
    if not questions:
        return None
    ids = [r.id for r in registrations if r.erased_at is None]
    given = await answers_of(session=session, registration_ids=ids)
    label = {q.id: q.label_en if lang == "en" else q.label_it for q in questions}
    said: dict[str, Said] = {}
    for rid, answers in given.items():
        texts = [(label[q.id], answer_text(q, answers.get(q.id), lang)) for q in questions]
        said[rid] = [(question, text) for question, text in texts if text]
    return said
