"""Who is calling the API: an organization's bearer token, or the platform operator."""

from typing import Annotated

from fastapi import Depends, Header

from services.events.context import CtxDep
from services.events.domain.access import Action, Principal
from services.events.usecases import accounts
from shared.auth import constant_time_equal
from shared.errors import Unauthorized
from shared.web.deps import SessionDep


def bearer(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Send your API token as 'Authorization: Bearer <token>'")
    return token.strip()


async def api_principal(
    session: SessionDep, authorization: Annotated[str | None, Header()] = None
) -> Principal:
    """The token's organization; a door staff token reads nothing here (403): events and
    directories are for the roles that read them."""
    principal = await accounts.principal_from_token(session=session, token=bearer(authorization))
    principal.require(Action.READ)
    return principal


def require_admin(ctx: CtxDep, authorization: Annotated[str | None, Header()] = None) -> None:
    if not constant_time_equal(bearer(authorization), ctx.settings.admin_token.get_secret_value()):
        raise Unauthorized("This needs the platform operator's token (ADMIN_TOKEN)")


PrincipalDep = Annotated[Principal, Depends(api_principal)]
