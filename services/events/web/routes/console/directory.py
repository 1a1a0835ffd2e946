"""The organization's directories: speakers and venues, listed, added and edited. Both have
the same pages, made once by `add_pages` for each."""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Path
from fastapi.responses import HTMLResponse, Response

from services.events.usecases import directory
from services.events.usecases.directory import SPEAKERS, VENUES, Directory
from services.events.web.routes.console.directory_forms import (
    DIRECTORY_RULES,
    entry_from_values,
    entry_values,
    form_fields,
)
from services.events.web.routes.console.forms import Problems, form_values, from_refusal
from services.events.web.routes.console.session import (
    EditorDep,
    Workspace,
    WorkspaceDep,
    console_router,
)
from shared.errors import Conflict
from shared.inputs import MAX_ROW_ID

router = console_router()


async def _speakers_listed(ws: Workspace, found: Sequence[Any]) -> dict[str, Any]:
    return {"speakers": found}


async def _venues_listed(ws: Workspace, found: Sequence[Any]) -> dict[str, Any]:
    """Each venue with its rooms."""
    return {"venues": [(venue, await directory.venue_rooms(ws.session, venue)) for venue in found]}


@dataclass(frozen=True)
class Pages:
    """A directory's pages: the list (its template's context made by `listing`) and the
    form, at /{org}/<noun>s, /new and /<id>/edit; the form's template knows `<noun>_id`."""

    of: Directory[Any, Any]
    listing: Callable[[Workspace, Sequence[Any]], Awaitable[dict[str, Any]]]

    @property
    def path(self) -> str:
        return f"/{self.of.noun}s"

    @property
    def id_name(self) -> str:
        return f"{self.of.noun}_id"

    def form(
        self,
        ws: Workspace,
        values: dict[str, str],
        problems: Problems,
        *,
        entry_id: int | None,
        status_code: int = 200,
    ) -> HTMLResponse:
        context = {"values": values, "problems": problems, self.id_name: entry_id}
        template = f"console/{self.of.noun}_form.html"
        return ws.render(template, context, status_code=status_code)

    async def save(self, ws: Workspace, *, entry_id: int | None) -> Response:
        values = form_values(await ws.form(), form_fields(self.of.model))
        if entry_id is not None:  # ours, before anything else is looked at
            await directory.own(ws.session, ws.principal, self.of, entry_id)
        given, problems = entry_from_values(self.of.model, values)
        if given is None:
            return self.form(ws, values, problems, entry_id=entry_id, status_code=422)
        try:
            await directory.save(
                session=ws.session,
                principal=ws.principal,
                of=self.of,
                given=given,
                entry_id=entry_id,
            )
        except Conflict as refusal:
            problems = from_refusal(refusal, DIRECTORY_RULES)
            return self.form(ws, values, problems, entry_id=entry_id, status_code=409)
        return ws.redirect(self.path, done="saved")


def add_pages(pages: Pages) -> None:
    """The list, the blank form, the filled form, and their two POSTs."""
    noun, path, model = pages.of.noun, pages.path, pages.of.model

    def entry_id() -> Any:
        return Path(alias=pages.id_name, ge=1, le=MAX_ROW_ID)

    async def listed(ws: WorkspaceDep) -> HTMLResponse:
        found = await directory.listed(session=ws.session, principal=ws.principal, of=pages.of)
        return ws.render(f"console{path}.html", await pages.listing(ws, found))

    async def blank(ws: EditorDep) -> HTMLResponse:
        return pages.form(ws, entry_values(model, None), Problems(), entry_id=None)

    async def filled(ws: EditorDep, row_id: int = entry_id()) -> HTMLResponse:
        entry = await directory.own(ws.session, ws.principal, pages.of, row_id)
        values = entry_values(model, await directory.as_input(ws.session, pages.of, entry))
        return pages.form(ws, values, Problems(), entry_id=row_id)

    async def create(ws: EditorDep) -> Response:
        return await pages.save(ws, entry_id=None)

    async def update(ws: EditorDep, row_id: int = entry_id()) -> Response:
        return await pages.save(ws, entry_id=row_id)

    one = f"/{{org}}{path}/{{{pages.id_name}}}/edit"
    for route, endpoint, method, name in (
        (f"/{{org}}{path}", listed, "GET", f"{noun}s"),
        (f"/{{org}}{path}/new", blank, "GET", f"new_{noun}"),
        (one, filled, "GET", f"edit_{noun}"),
        (f"/{{org}}{path}/new", create, "POST", f"create_{noun}"),
        (one, update, "POST", f"update_{noun}"),
    ):
        # Every one answers with a page, or a redirect it makes itself.
        router.add_api_route(
            route, endpoint, methods=[method], name=name, response_class=HTMLResponse
        )


add_pages(Pages(SPEAKERS, _speakers_listed))
add_pages(Pages(VENUES, _venues_listed))
