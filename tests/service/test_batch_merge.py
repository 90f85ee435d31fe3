"""A real multi-batch document: the merged result equals one in-process extract_document.

The 广州 file has tables continued over pages 8|9, 10|11, 12|13, 14|15 and 21|22|23; with
two pages per batch each of those tables is split between batches and must be stitched
back at the merge.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from svc_support import upload

from extractors.pipeline import extract_document
from service.settings import Settings
from workers import extraction
from workers.db import session_scope
from workers.models import Job, PageBatch, Result

REAL = (
    Path(__file__).resolve().parents[3]
    / "shared/realdata/cn_budget/renwu_2026_city_budgets/005_广州/政府办公厅_2026年部门预算.pdf"
)


@pytest.fixture
def real_pdf(tmp_path: Path) -> Path:
    if not REAL.is_file():
        pytest.skip(f"real corpus not present at {REAL}")
    return Path(shutil.copy(REAL, tmp_path / "guangzhou.pdf"))


def test_merged_batches_equal_single_process(
    client: TestClient, settings: Settings, auth: dict[str, str], real_pdf: Path
) -> None:
    settings = settings.model_copy(update={"batch_pages": 2})
    job_id = upload(client, auth, real_pdf).json()["id"]
    step = extraction.start_job(settings, job_id)
    assert len(step.batches) == 14  # 28 pages
    order = list(step.batches)
    random.Random(5).shuffle(order)  # batches finish in any order
    finals = [extraction.run_batch(settings, job_id, i).assemble for i in order]
    assert finals == [False] * 13 + [True]
    extraction.merge_job(settings, job_id)

    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        assert job is not None and job.state == "succeeded", job and job.errors
        assert job.pages_done == job.pages_total == 28
        assert job.timings is not None and {"start", "merge"} <= set(job.timings)
        assert {"load", "decode", "assemble", "write", "commit"} <= set(job.timings["merge"])
        batches = session.scalars(select(PageBatch).where(PageBatch.job_id == job_id)).all()
        assert all(b.payload is None for b in batches)  # dropped once merged
        assert all(b.worker and b.started_at and b.finished_at for b in batches)
        assert all(b.cpu_seconds is not None and b.db_seconds is not None for b in batches)
        merged = session.scalars(select(Result.body).where(Result.job_id == job_id)).one()

    single = extract_document(real_pdf, extraction.pipeline_options(settings))
    assert merged == single.model_dump(mode="json")
    assert merged["expenditure_by_function"], "the function table was read"
