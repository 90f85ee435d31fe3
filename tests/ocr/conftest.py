"""Scanned inputs built once per session into a temp folder (nothing large is committed)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pdfplumber
import pytest

from extractors.model import Page
from extractors.ocr import ocr_page
from extractors.options import PipelineOptions

BUILD = Path(__file__).resolve().parents[1] / "data" / "scanned" / "build.py"
REALDATA = (
    Path(__file__).resolve().parents[3]
    / "shared/realdata/cn_budget/renwu_2026_city_budgets/_scanned_not_budget"
)


BEIJING = (
    Path(__file__).resolve().parents[3]
    / "shared/realdata/cn_budget/renwu_2026_city_budgets/002_北京"
    / "审计局_附件2：北京市审计局2026年度部门预算报表.pdf"
)


def scan_beijing(build_module: ModuleType, out: Path, pages: list[int]) -> Path:
    """北京 审计局's `pages` scanned as benchmarks/real_truth_report.py --scanned 150 does."""
    if not BEIJING.exists():
        pytest.skip("shared realdata not present")
    build_module.scan_pdf(
        BEIJING, out, build_module.Variant("150", 150, 1.5, 8.0, 0.5, 60), 11, pages
    )
    return out


def load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scanned_build", BUILD)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build_module() -> ModuleType:
    return load_build()


@pytest.fixture(scope="session")
def scanned(tmp_path_factory: pytest.TempPathFactory, build_module: ModuleType) -> dict[str, Path]:
    return build_module.build(tmp_path_factory.mktemp("scanned"))


def blank_page(path: Path, number: int) -> Page:
    """The page as the text-layer reader hands it to OCR."""
    with pdfplumber.open(str(path)) as pdf:
        p = pdf.pages[number - 1]
        return Page(
            number=number,
            width=float(p.width),
            height=float(p.height),
            rotation=int(p.rotation or 0),
            source="ocr",
            status="needs_ocr",
            reason="no text layer",
        )


class OcrCache:
    """OCR each (file, page) once per session: the assertions share the expensive part."""

    def __init__(self) -> None:
        self._pages: dict[tuple[Path, int], Page] = {}
        self.options = PipelineOptions(ocr_engine="rapidocr")

    def page(self, path: Path, number: int) -> Page:
        key = (path, number)
        if key not in self._pages:
            self._pages[key] = ocr_page(path, blank_page(path, number), self.options)
        return self._pages[key]


@pytest.fixture(scope="session")
def ocr() -> OcrCache:
    return OcrCache()


@pytest.fixture(scope="session")
def realdata_files() -> list[Path]:
    if os.environ.get("BUDGETLENS_SKIP_REALDATA") or not REALDATA.is_dir():
        pytest.skip(f"real scans not present at {REALDATA}")
    files = sorted(REALDATA.glob("*/*.pdf"))
    if not files:
        pytest.skip(f"no PDFs under {REALDATA}")
    return files
