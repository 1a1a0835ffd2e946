"""The feedback questionnaire for organizers (Bearer token): its questions and whether the
certificates wait for the answers (editors), and the anonymous responses, summarized or as a
spreadsheet. Nothing here names who answered what."""

from datetime import UTC, datetime

from fastapi import APIRouter, Response

from services.registrations.context import CtxDep
from services.registrations.domain.questionnaire import Question, standard_set, summarize
from services.registrations.formats import spreadsheets
from services.registrations.usecases import questionnaire
from services.registrations.web.questionnaire_schemas import (
    QuestionIn,
    QuestionnaireIn,
    QuestionnaireOut,
    QuestionnaireSummaryOut,
    RatingOut,
    TextsOut,
)
from services.registrations.web.routes.staff_auth import Act, StaffDep, staff_event
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/organizer/events/{slug}/questionnaire",
    tags=["questionnaire"],
    responses=refusals(401, 404, 422),  # another organization's event is not found
)
LANGUAGES = ("it", "en")


def _questions_in(questions: list[Question]) -> list[QuestionIn]:
    return [QuestionIn(key=q.key, kind=q.kind, label=q.label) for q in questions]


@router.get("")
async def get_questionnaire(slug: str, staff: StaffDep, session: SessionDep) -> QuestionnaireOut:
    """The questions, whether certificates wait for the answers, and the standard set."""
    event = await staff_event(session, staff, slug)
    questions, required = await questionnaire.questionnaire_of(session, event.event_id)
    return QuestionnaireOut(
        questions=_questions_in(questions),
        required=required,
        standard=_questions_in(standard_set()),
    )


@router.put("", responses=refusals(400, 403, 409, 413))
async def save_questionnaire(
    slug: str, body: QuestionnaireIn, staff: StaffDep, session: SessionDep, ctx: CtxDep
) -> QuestionnaireOut:
    """Set the questions (fixed once someone answered) and whether they are required; no
    longer required, the certificates held for it are released and mailed."""
    event = await staff_event(session, staff, slug)
    staff.require(Act.EDIT)
    questions = [Question(q.key, q.kind, q.label.strip()) for q in body.questions]
    await questionnaire.save_questionnaire(
        session,
        event=event,
        questions=questions,
        required=body.required,
        links=ctx.links,
        now=datetime.now(UTC),
    )
    ctx.relay.wake()
    return await get_questionnaire(slug, staff, session)


@router.get("/summary")
async def questionnaire_summary(
    slug: str, staff: StaffDep, session: SessionDep, lang: str = "it"
) -> QuestionnaireSummaryOut:
    """How many answered, each rating counted and averaged, the comments (sorted)."""
    event = await staff_event(session, staff, slug)
    questions, _ = await questionnaire.questionnaire_of(session, event.event_id)
    summary = summarize(questions, await questionnaire.responses(session, event.event_id))
    language = lang if lang in LANGUAGES else "it"
    asks = {q.key: q.asks(language) for q in questions}
    return QuestionnaireSummaryOut(
        responses=summary.responses,
        ratings=[
            RatingOut(
                key=key,
                asks=asks[key],
                counts={str(r): n for r, n in counts.items()},
                average=summary.averages[key],
            )
            for key, counts in summary.ratings.items()
        ],
        texts=[TextsOut(key=key, asks=asks[key], texts=t) for key, t in summary.texts.items()],
    )


@router.get("/responses.csv")
async def questionnaire_responses(slug: str, staff: StaffDep, session: SessionDep) -> Response:
    """One row per response, one column per question, in no order that says who."""
    event = await staff_event(session, staff, slug)
    questions, _ = await questionnaire.questionnaire_of(session, event.event_id)
    answers = await questionnaire.responses(session, event.event_id)
    rows = [[q.asks("it") for q in questions]]
    rows += [[given.get(q.key, "") for q in questions] for given in answers]
    headers = {
        "Content-Disposition": f'attachment; filename="{event.slug}-questionario.csv"',
        "Cache-Control": "no-store",
    }
    content = spreadsheets.to_csv(spreadsheets.safe_rows(rows))
    return Response(content, media_type="text/csv; charset=utf-8", headers=headers)
