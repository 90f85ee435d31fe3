"""The reviewed version of a document: built from the latest result, kept in review_states.

Every change goes through `commit_changes`: the identities re-run, values they now confirm
are confirmed by evidence, the audit rows are written and the state row moves one revision
on with a conditional UPDATE, so two reviewers saving at once cannot both win."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractors.validation.recheck import recheck
from schemas import Amount, BudgetDocument, Status
from service.review.edits import Applied, amount_at
from service.review.reapply import finding_key, reapply
from workers.models import Document, Result, utcnow
from workers.review_models import Correction, ReviewState
from workers.webhooks.outbox import emit

HUMAN_ACTIONS = ("correct", "confirm", "not_applicable")
FINDING_ACTIONS = ("finding_confirmed", "finding_error")


class NoResult(LookupError):
    """The document has no extraction result yet."""


class Stale(Exception):
    """The client's ETag is not the current one (412)."""

    def __init__(self, current: str, changes: list[dict[str, Any]]) -> None:
        super().__init__(current)
        self.current, self.changes = current, changes


@dataclass(slots=True)
class Change:
    etag: str
    open_items: int
    state: str
    confirmed: list[str] = field(default_factory=list)
    failing: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    needs_review: list[str] = field(default_factory=list)


def etag_of(state: ReviewState) -> str:
    return f'"{state.base_version}.{state.revision}"'


def latest(session: Session, document_id: str) -> Result:
    result = session.scalars(
        select(Result).where(Result.document_id == document_id).order_by(Result.version.desc())
    ).first()
    if result is None:
        raise NoResult(document_id)
    return result


def review_state(session: Session, document: Document) -> ReviewState:
    """The current state, rebuilt when a newer extraction of the file has arrived."""
    result = latest(session, document.id)
    state = session.get(ReviewState, document.id)
    if state is not None and state.base_version >= result.version:
        return state
    doc = BudgetDocument.model_validate(result.body)
    corrections = _corrections(session, document.id)
    conflicts = reapply(doc, [c for c in corrections if c.action in HUMAN_ACTIONS])
    recheck(doc, anchors(doc, {c.path for c in corrections if c.action in HUMAN_ACTIONS}))
    body = doc.model_dump(mode="json")
    resolved = {c.path for c in corrections if c.action in FINDING_ACTIONS}
    open_items = open_count(doc, resolved)
    if state is None:
        state = ReviewState(document_id=document.id, tenant_id=document.tenant_id, revision=0)
        session.add(state)
    state.base_version, state.body, state.conflicts = result.version, body, conflicts
    state.open_items = open_items
    state.state = "open" if open_items else "reviewed"
    state.updated_at = utcnow()
    try:
        session.commit()
    except IntegrityError:  # another request built it first
        session.rollback()
        return review_state(session, document)
    return state


def anchors(doc: BudgetDocument, checked_by_people: set[str]) -> set[str]:
    """Values a person corrected or confirmed, as they stand now (a dropped confirmation
    after a re-extraction is no anchor)."""
    held = (Status.corrected, Status.confirmed)
    return {p for p in checked_by_people if (a := amount_at(doc, p)) and a.status in held}


def open_count(doc: BudgetDocument, resolved_findings: set[str]) -> int:
    findings = [f for f in doc.findings if finding_key(f.rule, f.paths) not in resolved_findings]
    return doc.review.needs_review + len(findings)


def resolved_findings(session: Session, document_id: str) -> set[str]:
    return {c.path for c in _corrections(session, document_id) if c.action in FINDING_ACTIONS}


def check_etag(session: Session, state: ReviewState, if_match: str) -> None:
    current = etag_of(state)
    if if_match.strip() in (current, f"W/{current}"):
        return
    since = _revision_in(if_match, state.base_version)
    changes = [
        audit_entry(c)
        for c in _corrections(session, state.document_id)
        if since is None or c.revision > since
    ]
    raise Stale(current, changes)


def _revision_in(etag: str, base_version: int) -> int | None:
    """The revision an ETag of this base names; None if it names another extraction."""
    try:
        base, revision = etag.strip().removeprefix("W/").strip('"').split(".")
        return int(revision) if int(base) == base_version else None
    except ValueError:
        return None


def commit_changes(
    session: Session,
    state: ReviewState,
    doc: BudgetDocument,
    applied: list[Applied],
    audit: tuple[str, str],
) -> Change:
    """Re-check, write the audit and the new state; `audit` is (actor, reason)."""
    actor, reason = audit
    earlier = _corrections(session, state.document_id)
    checked_by_people = {c.path for c in earlier if c.action in HUMAN_ACTIONS}
    checked = recheck(doc, anchors(doc, checked_by_people | {a.path for a in applied}))
    revision = state.revision + 1
    rows = [_row(state, revision, a.path, a.action, a.old, a.new, actor, reason) for a in applied]
    before = BudgetDocument.model_validate(state.body) if checked.confirmed else None
    for path in checked.confirmed:
        old = amount_at(before, path) if before else None
        rows.append(_row(state, revision, path, "evidence", old, None, "checks", _why(path)))
    return save(session, state, doc, rows, checked.confirmed, checked.failing)


def save(
    session: Session,
    state: ReviewState,
    doc: BudgetDocument,
    rows: list[Correction],
    confirmed: list[str],
    failing: list[str],
) -> Change:
    resolved = resolved_findings(session, state.document_id) | {
        r.path for r in rows if r.action in FINDING_ACTIONS
    }
    open_items = open_count(doc, resolved)
    done = open_items == 0
    values: dict[str, Any] = {
        "revision": state.revision + 1,
        "body": doc.model_dump(mode="json"),
        "open_items": open_items,
        "state": "reviewed" if done else "open",
        "updated_at": utcnow(),
    }
    finished = done and state.state != "reviewed"
    if finished:
        values["completed_at"] = utcnow()
    moved = session.execute(
        update(ReviewState)
        .where(
            ReviewState.document_id == state.document_id,
            ReviewState.revision == state.revision,
            ReviewState.base_version == state.base_version,
        )
        .values(**values)
    )
    if not moved.rowcount:  # type: ignore[attr-defined]
        session.rollback()
        fresh = session.get(ReviewState, state.document_id, populate_existing=True)
        assert fresh is not None
        raise Stale(etag_of(fresh), [])
    session.add_all(rows)
    events = _completed(session, state) if finished else []
    session.commit()
    etag = f'"{state.base_version}.{values["revision"]}"'
    state_name = str(values["state"])
    return Change(etag, open_items, state_name, confirmed, failing, events, doc.review.fields)


def _completed(session: Session, state: ReviewState) -> list[str]:
    reviewed = f"/v1/documents/{state.document_id}/result?version=reviewed"
    payload = {
        "type": "review.completed",
        "timestamp": utcnow().isoformat(),
        "data": {"document_id": state.document_id, "result_url": reviewed},
    }
    return emit(session, state.tenant_id, "review.completed", payload)


def _why(path: str) -> str:
    return f"every identity {path} takes part in holds after the correction"


def _row(
    state: ReviewState,
    revision: int,
    path: str,
    action: str,
    old: Amount | None,
    new: Amount | None,
    actor: str,
    reason: str,
) -> Correction:
    source = old.sources[0].model_dump(mode="json") if old and old.sources else None
    return Correction(
        tenant_id=state.tenant_id,
        document_id=state.document_id,
        revision=revision,
        base_version=state.base_version,
        path=path,
        action=action,
        old_value=_money(old.value) if old else None,
        new_value=_money(new.value) if new and action == "correct" else None,
        old_raw=old.raw if old else None,
        new_raw=new.raw if new and action == "correct" else None,
        unit=_unit(new or old),
        reason=reason,
        actor=actor,
        source=source,
    )


def _unit(amount: Amount | None) -> str | None:
    return amount.unit if amount is not None else None


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _corrections(session: Session, document_id: str) -> list[Correction]:
    return list(
        session.scalars(
            select(Correction).where(Correction.document_id == document_id).order_by(Correction.id)
        )
    )


def audit_entry(row: Correction) -> dict[str, Any]:
    return {
        "id": row.id,
        "at": row.created_at.isoformat(),
        "actor": row.actor,
        "action": row.action,
        "path": row.path,
        "old": {"value": row.old_value, "raw": row.old_raw},
        "new": {"value": row.new_value, "raw": row.new_raw},
        "unit": row.unit,
        "reason": row.reason,
        "revision": row.revision,
        "base_version": row.base_version,
    }


def audit(session: Session, document_id: str) -> list[dict[str, Any]]:
    return [audit_entry(c) for c in _corrections(session, document_id)]
