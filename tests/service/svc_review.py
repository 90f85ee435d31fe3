"""Review fixtures: a real extracted document stored as a finished job, reviewer accounts."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from extractors.pipeline import extract_document
from service.auth import create_key, create_tenant
from service.review.accounts import create_reviewer
from service.settings import Settings
from workers.db import session_scope
from workers.models import Document, Job, Result, new_id, utcnow
from workers.store import FileStore, sha256_file

ROOT = Path(__file__).resolve().parents[2]
# A real 上海普陀 unit budget (21 pages): p11 prints 行政运行's 项目支出 as 64,840,547.00, the
# whole 款's figure, under a row total of 14,348,853.34; nine values go to review.
PUTUO = ROOT / "tests" / "data" / "review" / "putuo_unit_budget.pdf"
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Account:
    tenant_id: str
    api: dict[str, str]
    email: str


@cache
def extracted(pdf: Path = PUTUO) -> dict[str, Any]:
    return extract_document(pdf).model_dump(mode="json")


def account(settings: Settings, name: str) -> Account:
    email = f"{name}-{new_id('x')[-8:]}@example.org"
    with session_scope(settings.database_url) as session:
        tenant = create_tenant(session, name)
        _, key = create_key(session, tenant.id)
        create_reviewer(session, tenant.id, email, PASSWORD)
    return Account(tenant.id, {"Authorization": f"Bearer {key}"}, email)


def stored_document(
    settings: Settings, tenant_id: str, pdf: Path = PUTUO, body: dict[str, Any] | None = None
) -> str:
    """The PDF in the store and its extraction as result version 1 of a finished job."""
    sha = sha256_file(pdf)
    copy = settings.store_dir / "incoming.pdf"
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, copy)
    FileStore(settings.store_dir).put_pdf(sha, copy)
    body = body or extracted(pdf)
    with session_scope(settings.database_url) as session:
        document = Document(id=new_id("doc"), tenant_id=tenant_id, sha256=sha,
                            filename=pdf.name, n_bytes=pdf.stat().st_size,
                            page_count=body["document"]["page_count"],
                            department=body["document"]["department"],
                            fiscal_year=body["document"]["fiscal_year"])  # fmt: skip
        job = Job(id=new_id("job"), tenant_id=tenant_id, document_id=document.id,
                  state="succeeded", phase="done", finished_at=utcnow())  # fmt: skip
        session.add_all([document, job])
        session.flush()
        session.add(Result(document_id=document.id, job_id=job.id, version=1, body=body))
    return document.id


def add_result(settings: Settings, document_id: str, body: dict[str, Any]) -> int:
    """A re-extraction of the same file: the next result version."""
    with session_scope(settings.database_url) as session:
        job = Job(id=new_id("job"), tenant_id=session.get(Document, document_id).tenant_id,  # type: ignore[union-attr]
                  document_id=document_id, state="succeeded", phase="done")  # fmt: skip
        session.add(job)
        last = max(r.version for r in session.query(Result).filter_by(document_id=document_id))
        session.add(Result(document_id=document_id, job_id=job.id, version=last + 1, body=body))
    return last + 1
