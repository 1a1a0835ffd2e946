"""Who may show our pages inside theirs: nobody, unless the route says so.

A page inside another site's frame can be overlaid with that site's buttons, so that a click
meant for theirs lands on ours (clickjacking: a registration cancelled, a colleague invited).
Every answer therefore refuses framing: CSP `frame-ancestors 'none'`, and X-Frame-Options
for the browsers that predate it. A route made to be framed (the events' embeddable list)
sends its own Content-Security-Policy naming who may frame it, and its answer is left as it
is: the one header decides, so no route can ask for framing and be refused by accident.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = b"content-security-policy"
REFUSED = ((POLICY, b"frame-ancestors 'none'"), (b"x-frame-options", b"DENY"))


class FramingRefused:
    """ASGI middleware: framing refused on every answer that sets no policy of its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_refusing(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == POLICY for name, _ in headers):
                    message["headers"] = [*headers, *REFUSED]
            await send(message)

        await self.app(scope, receive, send_refusing)
