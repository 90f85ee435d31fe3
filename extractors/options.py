"""Typed pipeline settings; engines are chosen here, by name, never by code edits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

TableEngine = Literal["grid", "camelot"]
OcrEngine = Literal["rapidocr", "paddleocr", "none"]


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 2000


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    table_engine: TableEngine = "grid"
    ocr_engine: OcrEngine = "rapidocr"
    review_threshold: float = 0.9
    # A page whose text layer has fewer CJK/alnum characters than this is sent to OCR.
    min_text_chars: int = 8
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def from_env(cls) -> PipelineOptions:
        env = os.environ
        table_engine = env.get("BUDGETLENS_TABLE_ENGINE", "grid")
        ocr_engine = env.get("BUDGETLENS_OCR_ENGINE", "rapidocr")
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
            review_threshold=float(env.get("BUDGETLENS_REVIEW_THRESHOLD", "0.9")),
            limits=Limits(
                max_bytes=int(env.get("BUDGETLENS_MAX_BYTES", str(100 * 1024 * 1024))),
                max_pages=int(env.get("BUDGETLENS_MAX_PAGES", "2000")),
            ),
        )
