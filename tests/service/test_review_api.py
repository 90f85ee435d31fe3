"""Corrections API over a real extracted document (上海普陀 unit budget, 9 values in review)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from svc_receiver import receiver
from svc_review import Account, account, add_result, extracted, stored_document

from service.settings import Settings
from workers.webhooks.delivery import deliver_event

WRONG = "expenditure_by_function.2040601.project"  # 64,840,547.00 printed in the 项 row
# In review with it: the row's total and basic, the 款 20406 and its other 项.
NEIGHBOURS = {
    "expenditure_by_function.20406.project",
    "expenditure_by_function.2040601.total",
    "expenditure_by_function.2040601.basic",
    *(f"expenditure_by_function.20406{c}.project" for c in ("04", "05", "07", "13", "99")),
}


@pytest.fixture
def tenant_a(settings: Settings) -> Account:
    return account(settings, "review-a")


@pytest.fixture
def doc_a(settings: Settings, tenant_a: Account) -> str:
    return str(stored_document(settings, tenant_a.tenant_id))


def reviewed(client: TestClient, auth: dict[str, str], doc: str) -> tuple[dict[str, Any], str]:
    answer = client.get(f"/v1/documents/{doc}/result?version=reviewed", headers=auth)
    assert answer.status_code == 200, answer.text
    return answer.json(), answer.headers["etag"]


def patch(
    client: TestClient,
    auth: dict[str, str],
    doc: str,
    path: str,
    etag: str | None,
    body: Mapping[str, object],
) -> httpx.Response:
    headers = auth | ({"If-Match": etag} if etag else {})
    return client.patch(f"/v1/documents/{doc}/values/{path}", headers=headers, json=body)


def amount(body: dict[str, Any], path: str) -> dict[str, Any]:
    section, code, field = path.split(".")
    item = next(i for i in body[section] if i["code"] == code)
    return item[field]


def confirm_the_rest(client: TestClient, auth: dict[str, str], doc: str) -> dict[str, Any]:
    """Confirm, as read, whatever is still open (the extractor may doubt other values too)."""
    body, etag = reviewed(client, auth, doc)
    change: dict = {}  # type: ignore[type-arg]
    for path in body["review"]["fields"]:
        change = patch(client, auth, doc, path, etag, {"action": "confirm"}).json()
        etag = change["etag"]
    return change


def test_one_correction_confirms_the_identity_by_evidence_and_completes_the_review(
    client: TestClient, settings: Settings, tenant_a: Account, doc_a: str
) -> None:
    auth = tenant_a.api
    before, etag = reviewed(client, auth, doc_a)
    assert {WRONG, *NEIGHBOURS} <= set(before["review"]["fields"])
    with receiver() as hook:
        client.post("/v1/webhooks", json={"url": hook.url, "events": ["review.completed"]},
                    headers=auth)  # fmt: skip
        fix = {"raw": "0", "unit": "元", "reason": "款 figure printed in the 项 row"}
        answer = patch(client, auth, doc_a, WRONG, etag, fix)
        assert answer.status_code == 200, answer.text
        change = answer.json()
        assert set(change["confirmed_by_evidence"]) >= NEIGHBOURS
        assert change["open_items"] == before["review"]["needs_review"] - 1 - len(
            change["confirmed_by_evidence"]
        )
        hooks = client.get("/v1/webhooks", headers=auth).json()
        if change["state"] != "reviewed":
            change = confirm_the_rest(client, auth, doc_a)
        assert change["state"] == "reviewed" and change["open_items"] == 0
        events = client.get(f"/v1/webhooks/{hooks[0]['id']}/events", headers=auth).json()
        assert [e["type"] for e in events] == ["review.completed"]
        deliver_event(settings, events[0]["id"])
        assert hook.got_one.wait(10)
        assert json.loads(hook.requests[0].body)["data"]["document_id"] == doc_a
    after, new_etag = reviewed(client, auth, doc_a)
    assert new_etag == change["etag"] != etag
    assert amount(after, WRONG)["status"] == "corrected" and amount(after, WRONG)["value"] == 0
    neighbour = amount(after, "expenditure_by_function.2040604.project")
    assert neighbour["status"] == "confirmed"
    assert all(c["passed"] for c in neighbour["checks"])
    assert after["review"]["needs_review"] == 0
    trail = client.get(f"/v1/documents/{doc_a}/audit", headers=auth).json()
    assert trail[0]["path"] == WRONG and trail[0]["old"]["raw"] == "64,840,547.00"
    assert trail[0]["new"] == {"value": "0.00", "raw": "0"}
    assert trail[0]["actor"].startswith("api:bl_")
    assert {t["path"] for t in trail if t["actor"] == "checks"} >= NEIGHBOURS


def test_stale_etag_answers_412_with_what_changed(
    client: TestClient, tenant_a: Account, doc_a: str
) -> None:
    auth = tenant_a.api
    _, etag = reviewed(client, auth, doc_a)
    assert patch(client, auth, doc_a, WRONG, None, {"action": "confirm"}).status_code == 428
    first = patch(client, auth, doc_a, "expenditure_by_function.2040605.project", etag,
                  {"action": "confirm"})  # fmt: skip
    assert first.status_code == 200
    stale = patch(client, auth, doc_a, WRONG, etag, {"raw": "0"})
    assert stale.status_code == 412
    body = stale.json()
    assert body["current_etag"] == first.json()["etag"] == stale.headers["etag"]
    assert [(c["action"], c["path"]) for c in body["changes"]] == [
        ("confirm", "expenditure_by_function.2040605.project")
    ]


def test_bad_edits_are_refused(client: TestClient, tenant_a: Account, doc_a: str) -> None:
    auth = tenant_a.api
    _, etag = reviewed(client, auth, doc_a)
    assert patch(client, auth, doc_a, "totals.no_such", etag, {"raw": "1"}).status_code == 404
    disagree = patch(client, auth, doc_a, WRONG, etag, {"raw": "12.5", "unit": "万元", "value": 1})
    assert disagree.status_code == 422 and "125000" in disagree.text
    assert patch(client, auth, doc_a, WRONG, etag, {"raw": "abc"}).status_code == 422


def test_corrections_are_reapplied_after_re_extraction(
    client: TestClient, settings: Settings, tenant_a: Account, doc_a: str
) -> None:
    auth = tenant_a.api
    _, etag = reviewed(client, auth, doc_a)
    patch(client, auth, doc_a, WRONG, etag, {"raw": "0"})
    add_result(settings, doc_a, extracted())  # the same file extracted again
    again, etag = reviewed(client, auth, doc_a)
    assert etag.startswith('"2.')
    assert amount(again, WRONG)["status"] == "corrected"
    assert not {WRONG, *NEIGHBOURS} & set(again["review"]["fields"])
    changed = extracted()
    section = next(i for i in changed["expenditure_by_function"] if i["code"] == "2040601")
    section["project"] = dict(section["project"], value=1.0, raw="1.00")
    add_result(settings, doc_a, changed)
    summary = client.get(f"/v1/documents/{doc_a}/review", headers=auth).json()
    assert [c["path"] for c in summary["conflicts"]] == [WRONG]
    assert summary["conflicts"][0]["extracted_now"] == "1.00"


def test_exports_of_the_reviewed_version_and_of_the_corrections(
    client: TestClient, tenant_a: Account, doc_a: str
) -> None:
    auth = tenant_a.api
    _, etag = reviewed(client, auth, doc_a)
    patch(client, auth, doc_a, WRONG, etag, {"raw": "0", "reason": "misplaced"})
    csv_text = client.get(f"/v1/documents/{doc_a}/reviewed.csv", headers=auth).text
    row = next(line for line in csv_text.splitlines() if WRONG in line)
    assert "corrected" in row
    xlsx = client.get(f"/v1/documents/{doc_a}/reviewed.xlsx", headers=auth)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    corrections = client.get("/v1/corrections.csv", headers=auth).text.splitlines()
    assert corrections[0].startswith("document_id,sha256")
    mine = [line for line in corrections if f",{WRONG},correct," in line]
    assert len(mine) == 1 and ",11," in mine[0] and "64,840,547.00" in mine[0]


def test_another_tenant_sees_nothing(
    client: TestClient, settings: Settings, tenant_a: Account, doc_a: str
) -> None:
    other = account(settings, "review-b")
    _, etag = reviewed(client, tenant_a.api, doc_a)
    for url in (f"/v1/documents/{doc_a}/result?version=reviewed", f"/v1/documents/{doc_a}/audit",
                f"/v1/documents/{doc_a}/review", f"/v1/documents/{doc_a}/reviewed.csv",
                f"/v1/documents/{doc_a}/pages/11.png"):  # fmt: skip
        assert client.get(url, headers=other.api).status_code == 404, url
    assert patch(client, other.api, doc_a, WRONG, etag, {"raw": "0"}).status_code == 404
