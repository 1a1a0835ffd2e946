"""The public verification page of a certificate of attendance: what its QR code opens, and
where anyone can type the code printed on it. It says whether the certificate is valid, for
whom (initials, or the full name on the holder's own link), which event, how many hours and
credits, when it was issued, and whether it was revoked; a code we did not sign is refused."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.registrations.context import CtxDep
from services.registrations.usecases import certificates
from shared.web.deps import PagesDep, SessionDep

router = APIRouter(include_in_schema=False)


async def _verification(
    request: Request,
    code: str,
    token: str | None,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
) -> HTMLResponse:
    found = await certificates.verify(
        session=session, code=code[:40], token=token and token[:40], secret=ctx.links.secret
    )
    context = {"certificate": found, "code": code[:40]}
    answer = pages.render(
        request, "certificate_verify.html", context, status_code=200 if found else 404
    )
    answer.headers["Referrer-Policy"] = "no-referrer"  # the holder's link names them in full
    return answer


@router.get("/certificates/{code}", response_class=HTMLResponse)
async def verify_code(
    request: Request, code: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    return await _verification(request, code, None, session, ctx, pages)


@router.get("/certificates/{code}/{token}", response_class=HTMLResponse)
async def verify_holder_link(
    request: Request, code: str, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    return await _verification(request, code, token, session, ctx, pages)
