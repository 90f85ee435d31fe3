"""An engine that cannot start is one line and exit 2 before any page is read."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from cli_helpers import RULED, one_line, run_cli, scanned_pdf

PADDLE_MODELS = os.environ.get("BUDGETLENS_PADDLEOCR_MODEL_DIR", "")


def _no_page_read(stderr: str) -> None:
    assert "page 1/" not in stderr and "pages in" not in stderr


def test_unknown_ocr_engine(tmp_path: Path) -> None:
    proc = run_cli("extract", RULED, "-o", tmp_path / "out.json", "--ocr-engine", "tesseract")
    assert proc.returncode == 2
    assert "--ocr-engine must be rapidocr, paddleocr or none" in one_line(proc.stderr)
    assert not (tmp_path / "out.json").exists()


def test_paddleocr_without_models(tmp_path: Path) -> None:
    env = {"BUDGETLENS_PADDLEOCR_MODEL_DIR": ""}
    proc = run_cli(
        "extract", RULED, "-o", tmp_path / "o.json", "--ocr-engine", "paddleocr", env=env
    )
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert "paddleocr" in line and "BUDGETLENS_PADDLEOCR_MODEL_DIR" in line
    _no_page_read(proc.stderr)
    assert not (tmp_path / "o.json").exists()


def _fake_models(root: Path) -> Path:
    """What a half-copied model folder looks like: the names right, the bytes garbage."""
    for kind in ("det", "rec"):
        folder = root / kind
        folder.mkdir(parents=True)
        (folder / "inference.pdiparams").write_bytes(os.urandom(256))
        (folder / "inference.json").write_text("{not json")
        (folder / "inference.yml").write_text(f"Global:\n  model_name: PP-OCRv5_server_{kind}\n")
    return root


@pytest.mark.parametrize("how", ["flag", "env"])
def test_paddleocr_with_a_broken_model_dir(tmp_path: Path, how: str) -> None:
    models = _fake_models(tmp_path / "models")
    args: list[str | Path] = [
        "extract",
        RULED,
        "-o",
        tmp_path / "o.json",
        "--ocr-engine",
        "paddleocr",
    ]
    env = {"BUDGETLENS_PADDLEOCR_MODEL_DIR": ""}
    if how == "flag":
        args += ["--paddleocr-model-dir", models]
    else:
        env["BUDGETLENS_PADDLEOCR_MODEL_DIR"] = str(models)
    proc = run_cli(*args, env=env)
    assert proc.returncode == 2
    assert "the paddleocr OCR engine cannot start" in one_line(proc.stderr)
    _no_page_read(proc.stderr)
    assert not (tmp_path / "o.json").exists()


def test_empty_model_dir(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    proc = run_cli(
        "extract",
        RULED,
        "-o",
        tmp_path / "o.json",
        "--ocr-engine",
        "paddleocr",
        "--paddleocr-model-dir",
        tmp_path / "models",
    )
    assert proc.returncode == 2
    assert "has no PaddleOCR det/rec model folders" in one_line(proc.stderr)


@pytest.mark.skipif(
    importlib.util.find_spec("paddleocr") is None or not PADDLE_MODELS,
    reason="paddleocr not installed here or no local models in BUDGETLENS_PADDLEOCR_MODEL_DIR "
    "(pip install 'budgetlens[paddle]'; models are never downloaded)",
)
def test_paddleocr_with_real_models(tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    scan = scanned_pdf(tmp_path / "scan.pdf")
    proc = run_cli("extract", scan, "-o", out, "--ocr-engine", "paddleocr")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text())
    assert doc["document"]["pages"][0]["source"] == "ocr"
    assert doc["totals"]["revenue_total"]["value"] == 6887000.0
