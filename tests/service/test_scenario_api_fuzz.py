"""Scenario 10: schemathesis generates requests from the OpenAPI schema; none may get a 5xx.

Every operation gets generated path ids, query values, JSON and multipart bodies, with a
valid key (so the handlers run, not only the auth check). Quotas are off for the run.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from svc_stack import db_kind, report

from service.app import create_app
from service.settings import Settings

STATUSES: Counter[int] = Counter()


@pytest.fixture
def api_schema(settings: Settings) -> Any:
    unlimited = settings.model_copy(
        update={"tenant_uploads_per_minute": 0, "tenant_max_queued_jobs": 0}
    )
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(unlimited))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@hypothesis_settings(
    max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
def test_no_server_errors(case: Any, auth: dict[str, str]) -> None:
    response = case.call(headers=auth)
    STATUSES[response.status_code] += 1
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])
    assert "Traceback" not in response.text


def test_fuzz_figures(settings: Settings) -> None:
    """Runs after the generated cases of this module: their status counts, as figures."""
    report(
        "10 schemathesis over the OpenAPI schema",
        db_kind(settings),
        requests=sum(STATUSES.values()),
        http_5xx=sum(n for code, n in STATUSES.items() if code >= 500),
        statuses=dict(sorted(STATUSES.items())),
    )
    assert sum(STATUSES.values()) > 0
