"""Organizer API for the directories: speakers and venues, the same four routes for each
(list, create, read, replace), made once by `add_routes`. (Tokens are managed by owners in
the console, or by the operator: a token cannot mint tokens.)"""

from typing import Any

from fastapi import APIRouter, Path
from pydantic import BaseModel
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.usecases import directory
from services.events.usecases.directory import SPEAKERS, VENUES, Directory
from services.events.web.routes.auth import PrincipalDep
from services.events.web.schemas import SpeakerOut, VenueOut
from shared.inputs import MAX_ROW_ID
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/organizer", tags=["organizer: directories"], responses=refusals(401, 422)
)
SAVE = refusals(400, 403, 409, 413)  # a viewer; a name already in the directory


def add_routes(of: Directory[Any, Any], out: type[BaseModel]) -> None:
    """GET and POST /<noun>s, GET and PUT /<noun>s/{<noun>_id}, answering `out`."""
    noun = of.noun

    def entry_id() -> Any:
        return Path(alias=f"{noun}_id", ge=1, le=MAX_ROW_ID)

    async def shown(session: AsyncSession, entry: Any) -> Any:
        given = await directory.as_input(session, of, entry)
        return out.model_validate({"id": entry.id, **given.model_dump()})

    async def list_entries(principal: PrincipalDep, session: SessionDep) -> Any:
        entries = await directory.listed(session=session, principal=principal, of=of)
        return [await shown(session, entry) for entry in entries]

    async def create(given: BaseModel, principal: PrincipalDep, session: SessionDep) -> Any:
        entry = await directory.save(session=session, principal=principal, of=of, given=given)
        return await shown(session, entry)

    async def read(principal: PrincipalDep, session: SessionDep, row_id: int = entry_id()) -> Any:
        return await shown(session, await directory.own(session, principal, of, row_id))

    async def replace(
        given: BaseModel, principal: PrincipalDep, session: SessionDep, row_id: int = entry_id()
    ) -> Any:
        entry = await directory.save(
            session=session, principal=principal, of=of, given=given, entry_id=row_id
        )
        return await shown(session, entry)

    # FastAPI reads the body's type from the annotations: the directory's input, known here.
    create.__annotations__["given"] = replace.__annotations__["given"] = of.model
    many, one = f"/{noun}s", f"/{noun}s/{{{noun}_id}}"
    router.add_api_route(
        many,
        list_entries,
        methods=["GET"],
        name=f"list_{noun}s",
        response_model=list[out],  # type: ignore[valid-type]  # a model chosen at runtime
        description=f"Your organization's {noun} directory, by name.",
    )
    router.add_api_route(
        many,
        create,
        methods=["POST"],
        name=f"create_{noun}",
        response_model=out,
        status_code=201,
        responses=SAVE,
    )
    router.add_api_route(
        one,
        read,
        methods=["GET"],
        name=f"get_{noun}",
        response_model=out,
        responses=refusals(404),
    )
    router.add_api_route(
        one,
        replace,
        methods=["PUT"],
        name=f"update_{noun}",
        response_model=out,
        responses={**SAVE, **refusals(404)},
    )


add_routes(SPEAKERS, SpeakerOut)
add_routes(VENUES, VenueOut)
