"""A cap on request bodies, so a huge upload is refused before it is read into memory. The
forms that upload a file (a path ending in /materials or /images) may be up to twice as large
as a document is allowed to be: a file a little too big reaches its page, which says by how
much and what to do; a far bigger one is refused here, saying the limit."""

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UPLOAD_SUFFIXES = ("/materials", "/images")
FORM_MARGIN = 64 * 1024  # the upload form's other fields and multipart's boundaries


class BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """ASGI middleware: 413 when Content-Length or the streamed body exceeds `max_bytes`."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, upload_bytes: int = 0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_bytes = max(2 * upload_bytes + FORM_MARGIN, max_bytes)
        self.document_bytes = upload_bytes

    def _limit(self, scope: Scope) -> int:
        uploading = scope["method"] == "POST" and scope["path"].endswith(UPLOAD_SUFFIXES)
        return self.upload_bytes if uploading else self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, send, limit)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge()
            return message

        try:
            await self.app(scope, counting_receive, send)
        except BodyTooLarge:
            await self._refuse(scope, send, limit)

    async def _refuse(self, scope: Scope, send: Send, limit: int) -> None:
        """413: in the API's error shape under /api/, as plain text to people elsewhere."""
        detail = f"Request too large: at most {limit // 1024} KB."
        if scope["path"].startswith("/api/"):
            body = json.dumps({"detail": detail, "errors": []}).encode()
            kind = b"application/json"
        elif limit == self.upload_bytes:
            mb = self.document_bytes // (1024 * 1024)
            body = (
                f"File troppo grande: al massimo {mb} MB. Torna indietro e scegli un file più "
                f"piccolo. / File too large: at most {mb} MB. Go back and choose a smaller file."
            ).encode()
            kind = b"text/plain; charset=utf-8"
        else:
            body = f"{detail} Richiesta troppo grande: accorcia i testi inviati.".encode()
            kind = b"text/plain; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})
