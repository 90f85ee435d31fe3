"""Typed pipeline settings; engines are chosen here, by name, never by code edits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

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
        table_engine = env.get("BUDGETLENS_TABLE_ENGINE", "grid")
        ocr_engine = env.get("BUDGETLENS_OCR_ENGINE", "rapidocr")
        layout_engine = env.get("BUDGETLENS_LAYOUT_ENGINE", "heuristic")
        if layout_engine not in ("heuristic", "cdla"):
            raise ValueError(
                f"BUDGETLENS_LAYOUT_ENGINE must be heuristic or cdla, not {layout_engine!r}"
            )
        if table_engine not in ("grid", "camelot"):
            raise ValueError(
                f"BUDGETLENS_TABLE_ENGINE must be grid or camelot, not {table_engine!r}"
            )
        if ocr_engine not in ("rapidocr", "paddleocr", "none"):
            raise ValueError(
                f"BUDGETLENS_OCR_ENGINE must be rapidocr, paddleocr or none, not {ocr_engine!r}"
            )
        return cls(
            table_engine=table_engine,  # type: ignore[arg-type]
            ocr_engine=ocr_engine,  # type: ignore[arg-type]
            layout_engine=layout_engine,  # type: ignore[arg-type]
            review_threshold=float(env.get("BUDGETLENS_REVIEW_THRESHOLD", "0.9")),
            ocr_workers=ocr_workers_from_env(),
            limits=Limits(
                max_bytes=int(env.get("BUDGETLENS_MAX_BYTES", str(100 * 1024 * 1024))),
                max_pages=int(env.get("BUDGETLENS_MAX_PAGES", "2000")),
            ),
        )
