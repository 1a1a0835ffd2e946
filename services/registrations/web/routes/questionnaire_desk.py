"""The organizers' summary of an event's feedback questionnaire (/organizer/events/<slug>/
questionnaire): how many answered, each rating as a bar chart with its table, the comments
sorted, and the responses as a spreadsheet. It names nobody: the answers do not either."""

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse

from services.registrations.domain.questionnaire import RATINGS, summarize
from services.registrations.formats import spreadsheets
from services.registrations.usecases import questionnaire
from services.registrations.web.routes.dashboard_pages import Words, category_chart, island
from services.registrations.web.routes.organizer_pages import DeskDep, OrganizerRoute
from shared.catalogs import N_

router = APIRouter(include_in_schema=False, route_class=OrganizerRoute)
HERE = N_("quest_desk_title")


@router.get("/organizer/events/{slug}/questionnaire", response_class=HTMLResponse)
async def questionnaire_summary(at: DeskDep) -> HTMLResponse:
    questions, required = await questionnaire.questionnaire_of(at.session, at.event.event_id)
    summary = summarize(questions, await questionnaire.responses(at.session, at.event.event_id))
    words = Words(at.pages, at.request)
    asks = {question.key: question.asks(words.lang) for question in questions}
    charts = [
        category_chart(
            words,
            f"q-{key}",
            asks[key],
            words.say("quest_desk_rating"),
            [(str(rating), counts[rating]) for rating in RATINGS],
            note=_average(words, summary.averages[key]),
        )
        for key, counts in summary.ratings.items()
    ]
    context = {
        "section": "certificates",
        "here": HERE,
        "questions": questions,
        "asks": asks,
        "required": required,
        "summary": summary,
        "charts": charts,
        "data": island(charts),
    }
    return at.render("questionnaire_desk.html", context)


def _average(words: Words, average: float | None) -> str:
    if average is None:
        return words.say("quest_desk_no_answers")
    return words.say("quest_desk_average", average=f"{average:g}")


@router.get("/organizer/events/{slug}/questionnaire.csv")
async def questionnaire_csv(at: DeskDep) -> Response:
    """One row per response, one column per question, in no order that says who."""
    questions, _ = await questionnaire.questionnaire_of(at.session, at.event.event_id)
    answers = await questionnaire.responses(at.session, at.event.event_id)
    rows = [[q.asks(at.language) for q in questions]]
    rows += [[given.get(q.key, "") for q in questions] for given in answers]
    headers = {
        "Content-Disposition": f'attachment; filename="{at.event.slug}-questionario.csv"',
        "Cache-Control": "no-store",
    }
    content = spreadsheets.to_csv(spreadsheets.safe_rows(rows))
    return Response(content, media_type="text/csv; charset=utf-8", headers=headers)
