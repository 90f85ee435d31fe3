"""`budgetlens serve`: the HTTP API under uvicorn.  Imported only for that command, so the
core install (CLI and library, no web stack) never needs FastAPI."""

from __future__ import annotations

import sys

SERVICE_PACKAGES = ("uvicorn", "fastapi", "sqlalchemy", "celery")


def serve(host: str, port: int) -> int:
    try:
        for name in SERVICE_PACKAGES:
            __import__(name)
    except ImportError as err:
        sys.stderr.write(
            f"budgetlens serve needs the service extra ({err.name or err} is missing): "
            "pip install 'budgetlens[service]'\n"
        )
        return 2
    import uvicorn

    # service.app:app is a factory: settings are read when the server starts, not at import.
    uvicorn.run("service.app:app", factory=True, host=host, port=port)
    return 0
