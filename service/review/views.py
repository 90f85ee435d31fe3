"""View models of the review pages, built from the reviewed state of one document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import status
from sqlalchemy.orm import Session

from schemas import Amount, BudgetDocument, Finding, TableRecord
from service.errors import problem
from service.review import queue
from service.review.access import owned_state
from service.review.edits import amount_at
from service.review.reapply import finding_key
from service.review.store import NoResult, etag_of, resolved_findings, review_state
from workers.models import Document
from workers.review_models import ReviewState


@dataclass(slots=True)
class DocumentView:
    id: str
    name: str
    department: str | None
    year: int | None
    state: str
    open_items: int
    etag: str
    items: list[queue.Item]
    findings: int
    tables: list[TableRecord]


@dataclass(slots=True)
class Page:
    number: int
    boxes: list[dict[str, float]] = field(default_factory=list)
    table: dict[str, float] | None = None
    # Layout regions (seals, pictures read by OCR, model regions): (kind, box in pixels).
    regions: list[tuple[str, dict[str, float]]] = field(default_factory=list)


@dataclass(slots=True)
class ItemView:
    doc: DocumentView
    item: queue.Item | None
    index: int
    prev: str | None
    next: str | None
    evidence: list[tuple[bool, str]]
    pages: list[Page]
    table: TableRecord | None


@dataclass(slots=True)
class TableView:
    doc: DocumentView
    table: TableRecord
    grid: list[list[dict[str, Any]]]
    pages: list[Page]


@dataclass(slots=True)
class FindingsView:
    doc: DocumentView
    findings: list[tuple[str, Finding, bool]]


def document_view(
    session: Session, document: Document, filters: queue.Filters
) -> DocumentView | None:
    try:
        state = review_state(session, document)
    except NoResult:
        return None
    return _doc_view(session, document, state, filters)


def _doc_view(
    session: Session, document: Document, state: ReviewState, filters: queue.Filters
) -> DocumentView:
    doc = BudgetDocument.model_validate(state.body)
    resolved = resolved_findings(session, document.id)
    open_findings = [f for f in doc.findings if finding_key(f.rule, f.paths) not in resolved]
    return DocumentView(
        id=document.id,
        name=document.filename,
        department=doc.document.department,
        year=doc.document.fiscal_year,
        state=state.state,
        open_items=state.open_items,
        etag=etag_of(state),
        items=queue.items(doc, filters),
        findings=len(open_findings),
        tables=doc.tables,
    )


def _loaded(session: Session, tenant: str, document_id: str) -> tuple[DocumentView, BudgetDocument]:
    document, state = owned_state(session, tenant, document_id)
    view = _doc_view(session, document, state, queue.Filters())
    return view, BudgetDocument.model_validate(state.body)


def item_view(session: Session, tenant: str, document_id: str, path: str | None) -> ItemView:
    view, doc = _loaded(session, tenant, document_id)
    paths = [i.path for i in view.items]
    if path is None or path not in paths:
        if path is not None:  # reviewed already: show it, with the open ones around it
            return _single(view, doc, path)
        item = view.items[0] if view.items else None
        index = 0
    else:
        index = paths.index(path)
        item = view.items[index]
    prev = paths[index - 1] if index > 0 else None
    nxt = paths[index + 1] if index + 1 < len(paths) else None
    return _with_item(view, doc, item, index, prev, nxt)


def _single(view: DocumentView, doc: BudgetDocument, path: str) -> ItemView:
    found = [i for i in queue.items(doc, queue.Filters(status="all")) if i.path == path]
    if not found:
        raise problem(status.HTTP_404_NOT_FOUND, "no such value", "not_found")
    nxt = view.items[0].path if view.items else None
    return _with_item(view, doc, found[0], -1, None, nxt)


def _with_item(
    view: DocumentView,
    doc: BudgetDocument,
    item: queue.Item | None,
    index: int,
    prev: str | None,
    nxt: str | None,
) -> ItemView:
    if item is None:
        return ItemView(view, None, 0, None, None, [], [], None)
    table = queue.table_of(doc, item.amount.sources[0].table_id if item.amount.sources else None)
    return ItemView(
        view,
        item,
        index,
        prev,
        nxt,
        queue.evidence(doc, item.path),
        _with_regions(doc, _pages(item.amount, table)),
        table,
    )


def _with_regions(doc: BudgetDocument, pages: list[Page]) -> list[Page]:
    infos = {info.page: info for info in doc.document.pages}
    for page in pages:
        for region in infos[page.number].regions if page.number in infos else []:
            if (box := queue.px(region.bbox)) is not None:
                page.regions.append((region.kind, box))
    return pages


def _pages(amount: Amount, table: TableRecord | None) -> list[Page]:
    pages: dict[int, Page] = {}
    for src in amount.sources:
        page = pages.setdefault(src.page, Page(src.page))
        if (box := queue.px(src.bbox)) is not None:
            page.boxes.append(box)
        if table is not None and src.table_id == table.table_id:
            page.table = queue.table_box(table, src.page)
    return list(pages.values())


def table_view(session: Session, tenant: str, document_id: str, table_id: str) -> TableView:
    view, doc = _loaded(session, tenant, document_id)
    table = queue.table_of(doc, table_id)
    if table is None:
        raise problem(status.HTTP_404_NOT_FOUND, "no such table", "not_found")
    values = queue.cell_paths(doc, table_id)
    n_rows = max((c.row + c.row_span for c in table.cells), default=0)
    grid: list[list[dict[str, Any]]] = [[] for _ in range(n_rows)]
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        path, amount = values.get((cell.row, cell.col), (None, None))
        grid[cell.row].append(
            {"cell": cell, "path": path, "status": amount.status.value if amount else ""}
        )
    pages = _with_regions(doc, [Page(p, table=queue.table_box(table, p)) for p in table.pages])
    return TableView(view, table, grid, pages)


def _correctable(doc: BudgetDocument, finding: Finding) -> Finding:
    """The finding with only the paths a correction can address (a table's 合计 row is
    checked but is no value of the contract)."""
    paths = [p for p in finding.paths if amount_at(doc, p) is not None]
    return finding.model_copy(update={"paths": paths})


def findings_view(session: Session, tenant: str, document_id: str) -> FindingsView:
    view, doc = _loaded(session, tenant, document_id)
    resolved = resolved_findings(session, document_id)
    rows = [
        (
            finding_key(f.rule, f.paths),
            _correctable(doc, f),
            finding_key(f.rule, f.paths) in resolved,
        )
        for f in doc.findings
    ]
    return FindingsView(view, rows)
