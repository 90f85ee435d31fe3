"""The findings view in the browser and the findings API, over real documents whose tables
contradict each other (烟台 统计局, 普陀 财政局 2024 决算). Needs ../shared/realdata.

Which findings a document has is the extractor's business: the tests take the first one (or
the first one naming a value of the contract) rather than a rule fixed here."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from svc_browser import chromium, live_server
from svc_review import PASSWORD, account, stored_document

from extractors.numbers import UNIT_FACTORS
from schemas import BudgetDocument
from schemas.paths import get_amount
from service.app import create_app
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
YANTAI = (
    ROOT.parent / "shared/realdata/cn_budget/renwu_2026_city_budgets/025_烟台/"
    "2026年烟台市统计局部门预算.pdf"
)
PUTUO_GOOD = (
    ROOT.parent / "shared/realdata/cn_budget/shanghai_putuo_zxj6827111/GovBudgetChecker/"
    "samples/good/上海市普陀区财政局2024年度部门决算.pdf"
)
pytestmark = [
    pytest.mark.realdata,
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
    pytest.mark.skipif(not YANTAI.exists(), reason=f"{YANTAI} is absent"),
    pytest.mark.skipif(not PUTUO_GOOD.exists(), reason=f"{PUTUO_GOOD} is absent"),
]


def test_a_finding_is_confirmed_in_the_document(settings: Settings) -> None:
    who = account(settings, "findings")
    doc = stored_document(settings, who.tenant_id, YANTAI)
    with live_server(create_app(settings)) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        page.goto(f"{base}/review/login")
        page.fill("input[name=email]", who.email)
        page.fill("input[name=password]", PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/review")
        before = page.request.get(f"{base}/v1/documents/{doc}/review").json()
        first = next(f for f in before["findings"] if not f["resolved"])
        page.goto(f"{base}/review/documents/{doc}/findings")
        article = page.wait_for_selector("article.finding.open")
        assert first["rule"] in article.inner_text()
        assert len(article.query_selector_all(".side-by-side img")) >= 1
        page.wait_for_function("() => [...document.images].every(i => i.complete)")
        page.screenshot(path=str(ROOT / "docs" / "review-findings.png"))
        page.click("button[data-resolve=confirmed]")
        page.wait_for_selector("article.finding.resolved")
        trail = page.request.get(f"{base}/v1/documents/{doc}/audit").json()
        assert [t["action"] for t in trail] == ["finding_confirmed"]
        assert trail[0]["actor"] == who.email
        after = page.request.get(f"{base}/v1/documents/{doc}/review").json()
        assert after["open_items"] == before["open_items"] - 1
        assert after["state"] == ("reviewed" if after["open_items"] == 0 else before["state"])


def test_a_finding_marked_extraction_error_becomes_a_correction(
    client: TestClient, settings: Settings
) -> None:
    who = account(settings, "findings-api")
    doc = stored_document(settings, who.tenant_id, PUTUO_GOOD)
    summary = client.get(f"/v1/documents/{doc}/review", headers=who.api).json()
    reviewed = client.get(f"/v1/documents/{doc}/result?version=reviewed", headers=who.api).json()
    result = BudgetDocument.model_validate(reviewed)
    finding, part = next(
        (f, p) for f in summary["findings"] for p in f["paths"] if get_amount(result, p)
    )
    amount = get_amount(result, part)
    assert amount is not None and amount.unit is not None
    factor = UNIT_FACTORS[amount.unit]
    fixed = f"{(Decimal(str(amount.value)) + 200) / factor:.2f}"  # 200 元 more
    body = {"finding": finding["key"], "resolution": "extraction_error", "path": part,
            "raw": fixed, "unit": amount.unit, "reason": "class row misread"}  # fmt: skip
    stale = client.post(f"/v1/documents/{doc}/findings", json=body,
                        headers=who.api | {"If-Match": '"1.99"'})  # fmt: skip
    assert stale.status_code == 412
    done = client.post(f"/v1/documents/{doc}/findings", json=body,
                       headers=who.api | {"If-Match": summary["etag"]})  # fmt: skip
    assert done.status_code == 200, done.text
    trail = client.get(f"/v1/documents/{doc}/audit", headers=who.api).json()
    assert [(t["action"], t["path"]) for t in trail][:2] == [
        ("correct", part),
        ("finding_error", finding["key"]),
    ]
    assert trail[0]["new"]["raw"] == fixed
    after = client.get(f"/v1/documents/{doc}/review", headers=who.api).json()
    assert all(f["resolved"] for f in after["findings"] if f["key"] == finding["key"])
