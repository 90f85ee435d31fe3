"""The review UI in a real browser (Chromium via Playwright) over a real extracted document.

Keyboard only: log in, open the queue, confirm a value, correct values, see the identity
re-check confirm the neighbours without a reload, edit a table cell in place, confirm a
whole table, finish the queue, read the audit and the reviewed JSON, receive
`review.completed` from a real Celery worker. Saves the
screenshots shown in the README under docs/. Prints key presses and seconds per value.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from svc_browser import chromium, live_server
from svc_receiver import receiver
from svc_review import PASSWORD, account, stored_document
from test_end_to_end import worker  # noqa: F401  (a real Celery worker delivers the webhook)

from service.app import create_app
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
WRONG = "expenditure_by_function.2040601.project"  # printed 64,840,547.00; the row says 0
SEVEN = "expenditure_by_function.2040605.project"  # printed 1,242,900.00
NEIGHBOUR = "expenditure_by_function.2040604.project"
IN_PLACE = "expenditure_by_function.2040613.project"  # printed 2,278,800.00
AS_READ = "expenditure_by_function.2040699.project"  # printed 38,454,900.00, right
IMAGES_LOADED = "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"
pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class Keys:
    """Presses keys on the page and counts them."""

    def __init__(self, page: Any) -> None:
        self.page, self.count = page, 0

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.count += 1

    def type(self, text: str) -> None:
        for char in text:
            self.press(char)


def current(page: Any) -> str:
    return str(page.eval_on_selector("[data-view]", "el => el.dataset.path || ''"))


def go_to(page: Any, keys: Keys, path: str) -> None:
    """j/k through the queue to `path` (navigation, not counted per value)."""
    order = page.eval_on_selector_all(
        "#open-items li[data-path]", "els => els.map(e => e.dataset.path)"
    )
    for _ in range(len(order)):
        here = current(page)
        if here == path:
            return
        keys.press("j" if order.index(path) > order.index(here) else "k")
        page.wait_for_function(
            "p => document.querySelector('[data-view]').dataset.path !== p", arg=here
        )
    assert current(page) == path


def saved(page: Any, before: str) -> None:
    page.wait_for_function(
        "p => document.querySelector('[data-view]').dataset.path !== p", arg=before
    )


def test_review_a_real_document_in_the_browser(
    settings: Settings,
    worker: subprocess.Popen[bytes],  # noqa: F811
) -> None:
    redis.Redis.from_url(settings.broker_url).flushdb()
    who = account(settings, "browser")
    doc = stored_document(settings, who.tenant_id)
    figures: dict[str, float] = {}
    with receiver() as hook, live_server(create_app(settings)) as base, chromium() as browser:
        api = httpx.Client(base_url=base, headers=who.api)
        api.post("/v1/webhooks", json={"url": hook.url, "events": ["review.completed"]})
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        page.goto(f"{base}/review")
        assert page.url.endswith("/review/login")
        page.fill("input[name=email]", who.email)
        page.fill("input[name=password]", PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/review")
        open_before = int(page.inner_text(".doc .open-count"))
        assert open_before >= 9
        page.screenshot(path=str(DOCS / "review-queue.png"), full_page=True)

        page.keyboard.press("j")  # the riskiest item: failed checks, lowest confidence
        page.keyboard.press("Enter")
        page.wait_for_selector("h1.path")
        assert current(page) == WRONG
        page.evaluate("window.__noReload = true")
        keys = Keys(page)
        # A value that is right as printed: c.
        go_to(page, keys, AS_READ)
        keys.count, started = 0, time.perf_counter()
        keys.press("c")
        saved(page, AS_READ)
        figures["keys_confirm"] = keys.count
        figures["seconds_confirm"] = time.perf_counter() - started
        go_to(page, keys, SEVEN)
        page.wait_for_function(IMAGES_LOADED)
        page.screenshot(path=str(DOCS / "review-item.png"))

        # A 7-digit figure, typed as printed: e, 1242900, Enter.
        keys.count, started = 0, time.perf_counter()
        keys.press("e")
        keys.type("1242900")
        keys.press("Enter")
        saved(page, SEVEN)
        figures["keys_correct_7_digits"] = keys.count
        figures["seconds_correct_7_digits"] = time.perf_counter() - started

        # The misprint: e, 0, Enter; the identity re-check confirms the neighbours at once.
        go_to(page, keys, WRONG)
        keys.count, started = 0, time.perf_counter()
        keys.press("e", "0", "Enter")
        saved(page, WRONG)
        figures["keys_correct_misprint"] = keys.count
        figures["seconds_correct_misprint"] = time.perf_counter() - started
        assert "confirmed by evidence" in page.inner_text("#toast")
        assert page.query_selector(f"#open-items li[data-path='{NEIGHBOUR}']") is None
        assert page.evaluate("window.__noReload") is True  # the queue updated in place

        # A whole table confirmed in one action (the table of the corrected value).
        page.goto(f"{base}/review/documents/{doc}/items/{WRONG}")
        keys.press("t")
        page.wait_for_selector("table.extracted")
        page.wait_for_function(IMAGES_LOADED)
        page.screenshot(path=str(DOCS / "review-table.png"))
        # A cell edited in place: focus it, e, the figure, Enter.
        page.focus(f"td[data-path='{IN_PLACE}']")
        keys.press("e")
        keys.type("2278800")
        keys.press("Enter")
        page.wait_for_selector(f"td.corrected[data-path='{IN_PLACE}']")
        keys.press("a")
        page.wait_for_selector("#toast.show")
        page.wait_for_function(
            "() => !document.querySelector('td.value.accepted, td.value.needs_review')"
        )

        # Whatever else is open is confirmed as read: c, one key per value.
        page.goto(f"{base}/review/documents/{doc}")
        confirms, started = 0, time.perf_counter()
        while current(page):
            here = current(page)
            keys.press("c")
            saved(page, here)
            confirms += 1
        figures["confirmed_as_read"] = confirms
        figures["seconds_per_confirm"] = (time.perf_counter() - started) / max(confirms, 1)
        assert page.inner_text(".doc-state") == "reviewed"

        trail = page.request.get(f"{base}/v1/documents/{doc}/audit").json()
        mine = [t for t in trail if t["path"] == WRONG]
        assert mine[0]["actor"] == who.email and mine[0]["old"]["raw"] == "64,840,547.00"
        assert any(t["actor"] == "checks" and t["path"] == NEIGHBOUR for t in trail)
        body = page.request.get(f"{base}/v1/documents/{doc}/result?version=reviewed").json()
        row = next(i for i in body["expenditure_by_function"] if i["code"] == "2040601")
        assert row["project"]["status"] == "corrected" and row["project"]["value"] == 0
        assert body["review"]["needs_review"] == 0
        assert hook.got_one.wait(60), "no review.completed webhook"
        assert '"review.completed"' in hook.requests[0].body
    figures["open_items_before"] = open_before
    print("\nreview browser figures:", {k: round(v, 3) for k, v in figures.items()})
