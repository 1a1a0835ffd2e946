"""The documents of a public event's programme items, for anyone: each PDF under the event's
page, read in the browser or saved under its own name."""

from fastapi import APIRouter, Response

from services.events.usecases import materials
from shared.web.deps import SessionDep

router = APIRouter(include_in_schema=False)


@router.get("/events/{slug}/materials/{material_id}")
async def material(slug: str, material_id: int, session: SessionDep) -> Response:
    filename, content = await materials.public_file(session, slug=slug, material_id=material_id)
    headers = {
        "Content-Disposition": f'inline; filename="{filename}"',
        "Cache-Control": "public, max-age=300",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(content, media_type="application/pdf", headers=headers)
