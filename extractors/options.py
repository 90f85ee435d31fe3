"""Typed pipeline settings; engines are chosen here, by name, never by code edits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

TableEngine = Literal["grid", "camelot"]
OcrEngine = Literal["rapidocr", "paddleocr", "none"]
# "heuristic": pictures from image objects, seals by colour; "cdla": plus the layout model
# on image pages (extractors/layout/engines.py).
LayoutEngine = Literal["heuristic", "cdla"]


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 2000


def ocr_workers_from_env() -> int:
    """BUDGETLENS_OCR_WORKERS: processes that OCR a document's scanned pages; 0 = auto."""
    raw = os.environ.get("BUDGETLENS_OCR_WORKERS", "auto").strip().lower()
    if raw in ("", "auto"):
        return 0
    if not raw.isdigit():
        raise ValueError(f"BUDGETLENS_OCR_WORKERS must be auto or a number >= 1, not {raw!r}")
    return max(1, int(raw))


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    table_engine: TableEngine = "grid"
    ocr_engine: OcrEngine = "rapidocr"
    layout_engine: LayoutEngine = "heuristic"
    review_threshold: float = 0.9
    # A page whose text layer has fewer CJK/alnum characters than this is sent to OCR.
    min_text_chars: int = 8
    limits: Limits = field(default_factory=Limits)
    # Processes OCR-ing the scanned pages of one document (extract_document): 0 = auto (one
    # per core, up to 2, when there are enough scanned pages to pay for starting them),
    # 1 = in this process.  Read from the environment even for default options, so
    # BUDGETLENS_OCR_WORKERS=1 turns the pool off for library callers too.
    ocr_workers: int = field(default_factory=ocr_workers_from_env)

    @classmethod
    def from_env(cls) -> PipelineOptions:
        env = os.environ
        return cls(
            table_engine=check_table_engine(env.get("BUDGETLENS_TABLE_ENGINE", "grid")),
            ocr_engine=check_ocr_engine(env.get("BUDGETLENS_OCR_ENGINE", "rapidocr")),
            layout_engine=check_layout_engine(env.get("BUDGETLENS_LAYOUT_ENGINE", "heuristic")),
            review_threshold=check_threshold(env.get("BUDGETLENS_REVIEW_THRESHOLD", "0.9")),
            ocr_workers=ocr_workers_from_env(),
            limits=Limits(
                max_bytes=int(env.get("BUDGETLENS_MAX_BYTES", str(100 * 1024 * 1024))),
                max_pages=int(env.get("BUDGETLENS_MAX_PAGES", "2000")),
            ),
        )

    def with_overrides(
        self,
        *,
        table_engine: str | None = None,
        ocr_engine: str | None = None,
        review_threshold: str | float | None = None,
    ) -> PipelineOptions:
        """These options with the given settings replaced (None keeps one): the CLI's flags
        win over the environment this way.  Raises ValueError with a one-line reason."""
        return replace(
            self,
            table_engine=self.table_engine
            if table_engine is None
            else check_table_engine(table_engine, "--table-engine"),
            ocr_engine=self.ocr_engine
            if ocr_engine is None
            else check_ocr_engine(ocr_engine, "--ocr-engine"),
            review_threshold=self.review_threshold
            if review_threshold is None
            else check_threshold(review_threshold, "--review-threshold"),
        )


TABLE_ENGINES: tuple[TableEngine, ...] = get_args(TableEngine)
OCR_ENGINES: tuple[OcrEngine, ...] = get_args(OcrEngine)


def check_table_engine(name: str, source: str = "BUDGETLENS_TABLE_ENGINE") -> TableEngine:
    for engine in TABLE_ENGINES:
        if name == engine:
            return engine
    raise ValueError(f"{source} must be {' or '.join(TABLE_ENGINES)}, not {name!r}")


def check_layout_engine(name: str, source: str = "BUDGETLENS_LAYOUT_ENGINE") -> LayoutEngine:
    for engine in get_args(LayoutEngine):
        if name == engine:
            return engine  # type: ignore[no-any-return]
    raise ValueError(f"{source} must be {' or '.join(get_args(LayoutEngine))}, not {name!r}")


def check_ocr_engine(name: str, source: str = "BUDGETLENS_OCR_ENGINE") -> OcrEngine:
    for engine in OCR_ENGINES:
        if name == engine:
            return engine
    known = ", ".join(OCR_ENGINES[:-1]) + f" or {OCR_ENGINES[-1]}"
    raise ValueError(f"{source} must be {known}, not {name!r}")


def check_threshold(raw: str | float, source: str = "BUDGETLENS_REVIEW_THRESHOLD") -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{source} must be a number from 0 to 1, not {raw!r}")
    return value
