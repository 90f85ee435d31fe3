"""Scenarios 4 and 5: poison and hostile PDFs through the API and real worker processes.

Every input ends as a clean 4xx at upload or a terminal job whose errors say why; no 5xx
and no traceback reaches the client; worker memory stays under WORKER_MAX_MEMORY_MB. A
page that hangs the parser or inflates past the cap fails alone (the other pages extract),
and a file that kills its worker every time fails after MAX_ATTEMPTS while other jobs flow.
"""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select
from svc_hostile import TEXT, flood_stream, hostile_files, pages_pdf
from svc_pdfs import budget_pdf
from svc_stack import (
    RssSampler,
    celery_proc,
    children,
    db_kind,
    kill,
    report,
    stack_env,
    wait_terminal,
    worker_args,
)
from svc_support import upload

from service.settings import Settings
from workers.db import session_scope
from workers.models import PageBatch

MEMORY_MB = 1536
LIMITS = {
    "PAGE_TIME_LIMIT": "3",
    "MAX_DECOMPRESSED_MB": "64",
    "WORKER_MAX_MEMORY_MB": str(MEMORY_MB),
    "MAX_ATTEMPTS": "2",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    files = hostile_files(folder)
    # Page 2 hangs the parser (millions of operators): pages 1 and 3 must still extract.
    files["hang_on_page_2"] = folder / "hang.pdf"
    files["hang_on_page_2"].write_bytes(pages_pdf([TEXT, flood_stream(3_000_000), TEXT]))
    return files


def _killer(settings: Settings, pool_parent: int, job_id: str, stop: threading.Event) -> None:
    """The 'crashing' file: whichever pool child takes one of its batches dies at once."""
    while not stop.is_set():
        with session_scope(settings.database_url) as session:
            holders = session.scalars(
                select(PageBatch.worker).where(
                    PageBatch.job_id == job_id,
                    PageBatch.state == "pending",
                    PageBatch.worker.is_not(None),
                )
            ).all()
        pool = set(children(pool_parent))
        for holder in holders:
            pid = int(str(holder).rsplit(":", 1)[1])
            if pid in pool:
                kill(pid)
        stop.wait(0.1)


def test_hostile_inputs_end_cleanly(
    client: TestClient,
    auth: dict[str, str],
    settings: Settings,
    tmp_path: Path,
    hostile: dict[str, Path],
) -> None:
    env = stack_env(settings, **LIMITS)
    log = tmp_path / "workers.log"
    answers: dict[str, int] = {}
    jobs: dict[str, str] = {}
    for name, path in hostile.items():
        response = upload(client, auth, path)
        answers[name] = response.status_code
        assert "Traceback" not in response.text and response.status_code < 500, (
            name,
            response.text,
        )
        if response.status_code == 202:
            jobs[name] = response.json()["id"]
        else:
            assert response.json()["detail"]["reason"], name
    # Stands for a file that crashes the parser: slow enough (a 3 s page) to be caught.
    crash_pdf = tmp_path / "crash.pdf"
    crash_pdf.write_bytes(pages_pdf([flood_stream(2_900_000)]))
    crash = upload(client, auth, crash_pdf)
    fine = [
        upload(client, auth, budget_pdf(tmp_path / f"ok{n}.pdf", pages=2, marker=f"ok{n}"))
        for n in range(3)
    ]
    with celery_proc(env, log, *worker_args("extract", "extract", 2)) as worker:
        stop = threading.Event()
        killer = threading.Thread(
            target=_killer, args=(settings, worker.pid, crash.json()["id"], stop), daemon=True
        )
        killer.start()
        started = time.monotonic()
        with RssSampler([worker.pid]) as rss:
            every = [*jobs.values(), crash.json()["id"], *(r.json()["id"] for r in fine)]
            states = wait_terminal(settings, every, timeout=300)
        stop.set()
        elapsed = time.monotonic() - started
    views = {name: client.get(f"/v1/jobs/{job}", headers=auth).json() for name, job in jobs.items()}
    crashed = client.get(f"/v1/jobs/{crash.json()['id']}", headers=auth).json()
    report(
        "4+5 poison and hostile PDFs",
        db_kind(settings),
        inputs=len(hostile) + 1,
        refused_4xx=sum(400 <= c < 500 for c in answers.values()),
        jobs=len(jobs) + 1,
        jobs_lost=sum(
            states.get(j) not in ("succeeded", "partial", "failed", "rejected") for j in every
        ),
        http_5xx=sum(c >= 500 for c in answers.values()),
        peak_rss_mb=rss.peak_mb,
        elapsed_s=round(elapsed, 1),
        outcomes={
            name: views[name]["state"] if name in views else answers[name] for name in hostile
        },
    )
    assert set(states.values()) <= {"succeeded", "partial", "failed", "rejected"}, states
    for name, view in views.items():
        if view["state"] != "succeeded":
            assert view["errors"] and all(e["reason"] for e in view["errors"]), (name, view)
        assert view["state"] != "failed" or view["pages_done"] < view["pages_total"], view
    # The refused ones, for the reason they are hostile.
    for name in ("empty", "not_pdf", "html_polyglot", "zip_polyglot", "pdf_with_zip_appended",
                 "truncated", "encrypted_user_password"):  # fmt: skip
        assert answers[name] == 422, (name, answers[name])
    assert views["count_100k"]["pages_total"] == 1 and views["count_100k"]["state"] == "succeeded"
    bomb = views["flate_bomb"]
    assert bomb["state"] == "failed" and "over 64 MB" in bomb["errors"][0]["reason"], bomb
    hang = views["hang_on_page_2"]
    assert hang["state"] == "partial" and [e["page"] for e in hang["errors"]] == [2], hang
    assert "took over 3 s" in hang["errors"][0]["reason"]
    assert crashed["state"] == "failed" and "gave up after 2 attempts" in str(crashed["errors"])
    assert all(states[r.json()["id"]] == "succeeded" for r in fine)
    assert rss.peak_mb < MEMORY_MB


def test_huge_page_image_is_capped(
    client: TestClient, auth: dict[str, str], settings: Settings, hostile: dict[str, Path]
) -> None:
    app_settings = settings.model_copy(update={"render_max_pixels": 4_000_000})
    client.app.state.settings = app_settings  # type: ignore[attr-defined]
    doc = upload(client, auth, hostile["huge_page"]).json()["document_id"]
    png = client.get(f"/v1/documents/{doc}/pages/1.png", headers=auth)
    assert png.status_code == 200
    width, height = Image.open(io.BytesIO(png.content)).size
    assert width * height <= 4_000_000 and width > 1000  # 14400 pt at 150 dpi would be 30000
