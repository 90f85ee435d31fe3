"""Scenario 10: schemathesis generates requests from the OpenAPI schema; none may get a 5xx.

Every operation gets generated path ids, query values, JSON and multipart bodies, with a
valid key (so the handlers run, not only the auth check). Quotas are off for the run.
Hypothesis drives each operation's strategy directly (schemathesis' pytest plugin does not
load under this pytest version).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.core.result import Ok
from svc_stack import db_kind, report

from service.app import create_app
from service.settings import Settings

EXAMPLES = 15


def test_no_server_errors(settings: Settings, auth: dict[str, str]) -> None:
    unlimited = settings.model_copy(
        update={"tenant_uploads_per_minute": 0, "tenant_max_queued_jobs": 0}
    )
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(unlimited))
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    results = list(schema.get_all_operations())
    # An operation the schema cannot describe is a failure of the schema itself.
    assert all(isinstance(result, Ok) for result in results), results
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    for operation in operations:

        @given(operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: Any) -> None:
            response = case.call(headers=auth)
            statuses[response.status_code] += 1
            if response.status_code >= 500 or "Traceback" in response.text:
                failures.append(f"{case.method} {case.formatted_path}: {response.text[:200]}")

        call()
    report(
        "10 schemathesis over the OpenAPI schema",
        db_kind(settings),
        operations=len(operations),
        requests=sum(statuses.values()),
        http_5xx=sum(n for code, n in statuses.items() if code >= 500),
        statuses=dict(sorted(statuses.items())),
    )
    assert failures == []
    assert len(operations) >= 15 and sum(statuses.values()) >= len(operations)
