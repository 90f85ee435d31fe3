"""Engines: registry, offline loading, and the paddleocr error path (real packages, no mocks)."""

from __future__ import annotations

import socket
from pathlib import Path

import numpy as np
import pytest

from extractors.ocr.engine_types import OcrEngineError
from extractors.ocr.engines import ENGINES, load_ocr_engine
from extractors.ocr.paddle_engine import PADDLE_MODEL_ENV, PaddleOcrEngine
from extractors.ocr.page_image import render_page
from extractors.ocr.rapid_engine import RapidOcrEngine


def test_registry_names_match_options() -> None:
    assert set(ENGINES) == {"rapidocr", "paddleocr"}
    with pytest.raises(OcrEngineError, match="unknown OCR engine"):
        load_ocr_engine("tesseract")


def test_engine_is_cached_per_process() -> None:
    assert load_ocr_engine("rapidocr") is load_ocr_engine("rapidocr")


def test_rapidocr_loads_and_reads_without_network(
    scanned: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("network access attempted during OCR")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    engine = RapidOcrEngine()  # a fresh instance: model loading happens under the guard
    image = render_page(scanned["source"], 1).image[150:400, :]
    words = engine.recognize(image)
    assert any("部门" in w.text or "万元" in w.text for w in words)


def test_paddleocr_without_model_dir_names_the_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PADDLE_MODEL_ENV, raising=False)
    with pytest.raises(OcrEngineError, match=PADDLE_MODEL_ENV):
        PaddleOcrEngine()


def test_paddleocr_with_empty_model_dir_names_the_env_var(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PADDLE_MODEL_ENV, str(tmp_path))
    with pytest.raises(OcrEngineError, match=PADDLE_MODEL_ENV):
        PaddleOcrEngine()


def test_blank_image_reads_nothing() -> None:
    assert load_ocr_engine("rapidocr").recognize(np.full((400, 300), 255, np.uint8)) == []


def test_amounts_glued_to_the_next_cell_are_separated() -> None:
    from extractors.ocr.text_lines import separate_amounts

    assert separate_amounts("6,887,000.001、工资福利支出") == "6,887,000.00 1、工资福利支出"
    assert separate_amounts("收入合计6,887,000.00支出") == "收入合计 6,887,000.00 支出"
    assert separate_amounts("2,660,000.002,660,000.00") == "2,660,000.00 2,660,000.00"
    # Ungrouped figures and codes are never cut: a 4-decimal 万元 figure is one number.
    for whole in ("1234.5678", "30101基本工资", "6,887,000.00 4,227,000.00"):
        assert separate_amounts(whole) == whole
