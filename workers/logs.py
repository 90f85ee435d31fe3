"""Structured JSON logs: one object per line, with job_id and other `extra` fields.

Fields bound with `log_fields(...)` (the API binds the request id for the length of a
request) are added to every line logged in that context, threads of the request included.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
_BOUND: ContextVar[dict[str, str] | None] = ContextVar("log_fields", default=None)


@contextmanager
def log_fields(**fields: str) -> Iterator[None]:
    token = _BOUND.set((_BOUND.get() or {}) | fields)
    try:
        yield
    finally:
        _BOUND.reset(token)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        out.update(_BOUND.get() or {})
        out.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
