"""Every response carries `X-Request-ID`, and every log line written for the request too.

An incoming X-Request-ID (a proxy's, a client's) is kept when it is short and plain, so one
id follows a request across services; anything else is replaced, since it lands in logs.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from workers.logs import log_fields

HEADER = "X-Request-ID"
_SANE = re.compile(r"[A-Za-z0-9._:+=/-]{1,128}")
log = logging.getLogger(__name__)


def request_id(incoming: str | None) -> str:
    if incoming and _SANE.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestId:
    """Pure ASGI middleware; one `request` log line per request, with status and duration."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id(Headers(scope=scope).get(HEADER))
        answered = {"status": 500}  # an unhandled error never starts a response here
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                answered["status"] = message["status"]
                MutableHeaders(scope=message)[HEADER] = rid
            await send(message)

        with log_fields(request_id=rid):
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                log.info(
                    "request",
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": answered["status"],
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
