"""Layout regions (a seal here) are outlined on the review page image."""

from __future__ import annotations

from fastapi.testclient import TestClient
from svc_login import login
from svc_review import PUTUO, account, extracted, stored_document

from service.settings import Settings

PATH = "expenditure_by_function.2040601.project"


def test_item_page_outlines_the_regions_of_its_page(client: TestClient, settings: Settings) -> None:
    body = extracted(PUTUO)
    item = body["expenditure_by_function"]
    page = next(i for i in item if i["code"] == "2040601")["project"]["sources"][0]["page"]
    seal = {"kind": "seal", "bbox": [100.0, 200.0, 220.0, 320.0], "score": 0.9, "method": None}
    body["document"]["pages"][page - 1]["regions"] = [seal]
    who = account(settings, "regions")
    doc_id = stored_document(settings, who.tenant_id, body=body)
    login(client, who.email)
    html = client.get(f"/review/documents/{doc_id}/items/{PATH}").text
    # 150 dpi page image: 100 pt -> 208.3 px, less the 3 px margin every outline has.
    assert 'class="region region-seal"' in html
    assert "left:205.33" in html and "top:413.66" in html
