"""What flows through the document stages: page results in, a BudgetDocument out.

Each stage returns a copy of the state with the fields it produces set (dataclasses.replace);
a field stays None until its stage has run, and reading it earlier through `need` is an
error that names the field, so an order mistake in DOCUMENT_STAGES fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from extractors.backends.pdf_open import PdfInfo
from extractors.mapping.coded_items import ItemReadings
from extractors.mapping.projects import ProjectReading
from extractors.model import Line, PageResult, Reading, Table
from extractors.options import PipelineOptions
from extractors.reconcile import Value
from extractors.tables.typed import TypedTable
from extractors.validation.identities import Outcome
from extractors.validation.policy import Judged
from schemas import Amount, BudgetDocument, DocumentKind

T = TypeVar("T")


class StageOrderError(RuntimeError):
    """A stage read a field that no earlier stage has produced."""


@dataclass(frozen=True, slots=True)
class Metadata:
    year: int | None
    kind: DocumentKind
    department: str | None


@dataclass(frozen=True, slots=True)
class Mapped:
    """The coded-item tables and projects, kept beside the flat readings: the build stage
    lays out items and projects in the order the tables print them."""

    functions: ItemReadings
    economics: ItemReadings
    basics: ItemReadings
    projects: list[ProjectReading]


@dataclass(frozen=True, slots=True)
class DocumentState:
    info: PdfInfo
    results: Sequence[PageResult]  # in page order
    options: PipelineOptions
    lines: list[Line] = field(default_factory=list)  # stitch: every line, page order
    prose: list[Line] = field(default_factory=list)  # stitch: lines outside tables
    tables: list[Table] = field(default_factory=list)  # stitch: joined across pages
    typed: list[TypedTable] = field(default_factory=list)  # type
    meta: Metadata | None = None  # map
    mapped: Mapped | None = None  # map
    readings: list[Reading] = field(default_factory=list)  # map
    values: dict[str, Value] | None = None  # reconcile
    outcomes: list[Outcome] | None = None  # check
    judged: Judged | None = None  # judge
    amounts: dict[str, Amount] | None = None  # confidence
    document: BudgetDocument | None = None  # build


Stage = Callable[[DocumentState], DocumentState]


def need(value: T | None, name: str) -> T:
    if value is None:
        raise StageOrderError(f"document stage needs {name!r} before the stage that makes it")
    return value
