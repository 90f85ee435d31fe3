"""Request body size limit, enforced while the body streams in.

The multipart parser spools the whole upload to disk before the route runs, so a check in
the route comes after a 1 GiB chunked body was written. This middleware counts bytes as
they arrive and stops at the limit: the route's form parsing raises 413 and the rest of
the body is never read.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import too_large

# Multipart framing around the file: a body this much over the limit cannot be a valid upload.
MULTIPART_SLACK = 64 * 1024


class BodyLimit:
    """Pure ASGI middleware: 413 once more than `file_limit + MULTIPART_SLACK` bytes came."""

    def __init__(self, app: ASGIApp, file_limit: int) -> None:
        self.app = app
        self.file_limit = file_limit
        self.body_limit = file_limit + MULTIPART_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.body_limit:
                    # Raised inside FastAPI's body parsing, which re-raises HTTPExceptions.
                    raise too_large(self.file_limit)
            return message

        await self.app(scope, counted, send)
