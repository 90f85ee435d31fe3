"""Layout regions: seals found by colour and wiped before OCR, the CDLA model's regions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from extractors.layout.engines import get_layout_engine
from extractors.layout.seals import seal_regions
from extractors.model import union_bbox
from extractors.ocr import load_ocr_engine
from extractors.ocr.page_image import render_page
from extractors.ocr.quad_reading import ocr_image
from extractors.options import PipelineOptions
from extractors.pipeline import read_pages

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
SEAL_CENTRE, SEAL_RADIUS = (200.0, 150.0), 55.0  # points from the top-left
FIGURE = "6887000.00"


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A figure with a red seal stamped over it (the text prints through, as ink does)."""
    pdfmetrics.registerFont(TTFont("seal-zh", str(FONT), subfontIndex=0))
    path = tmp_path_factory.mktemp("seal") / "sealed.pdf"
    c = Canvas(str(path), pagesize=(595, 842))
    cx, cy = SEAL_CENTRE[0], 842 - SEAL_CENTRE[1]
    c.setStrokeColorRGB(0.85, 0.1, 0.1)
    c.setFillColorRGB(0.85, 0.1, 0.1)
    c.setLineWidth(3)
    c.circle(cx, cy, SEAL_RADIUS)
    c.setFont("seal-zh", 11)
    c.drawCentredString(cx, cy - 30, "平顶山市医疗保障局")
    c.setFillColorRGB(0, 0, 0)
    c.setFont("seal-zh", 12)
    c.drawString(cx - 70, cy + 2, f"合计 {FIGURE}")
    c.save()
    return path


def test_seal_is_found_by_colour(sealed: Path) -> None:
    doc = pdfium.PdfDocument(str(sealed))
    bgr = doc[0].render(scale=96 / 72).to_numpy()[:, :, :3]
    doc.close()
    (seal,) = seal_regions(np.ascontiguousarray(bgr), 96 / 72)
    x0, y0, x1, y1 = seal.bbox
    (cx, cy), r = SEAL_CENTRE, SEAL_RADIUS
    assert seal.kind == "seal" and seal.score >= 0.9
    assert abs(x0 - (cx - r)) < 4 and abs(x1 - (cx + r)) < 4
    assert abs(y0 - (cy - r)) < 4 and abs(y1 - (cy + r)) < 4


def test_seal_is_wiped_and_the_figure_under_it_is_read(sealed: Path) -> None:
    rendered = render_page(sealed, 1)
    s = rendered.scale
    (cx, cy), r = SEAL_CENTRE, SEAL_RADIUS
    ring = rendered.image[int((cy - r) * s) - 3 : int((cy - r) * s) + 4, int(cx * s)]
    assert ring.min() > 200  # the ring's top is paper again
    words = ocr_image(load_ocr_engine("rapidocr"), rendered.image)
    assert any(FIGURE in w.text for w in words), [w.text for w in words]


def test_cdla_finds_the_table_of_a_budget_page() -> None:
    model = get_layout_engine("cdla")
    assert model is not None
    path = GOLDEN / "pds2021_a_ruled_3col.pdf"
    (result,) = read_pages(path, [4], PipelineOptions(ocr_engine="none"))
    tx0, ty0, tx1, ty1 = union_bbox([c.bbox for t in result.tables for c in t.cells])
    rendered = render_page(path, 4, dpi=96)
    tables = [r for r in model.regions(rendered.image, rendered.scale) if r.kind == "table"]
    assert tables
    x0, y0, x1, y1 = max(tables, key=lambda r: r.score).bbox
    inter = max(0.0, min(x1, tx1) - max(x0, tx0)) * max(0.0, min(y1, ty1) - max(y0, ty0))
    union = (x1 - x0) * (y1 - y0) + (tx1 - tx0) * (ty1 - ty0) - inter
    assert inter / union > 0.8


def test_unknown_layout_engine_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGETLENS_LAYOUT_ENGINE", "yolo")
    with pytest.raises(ValueError, match="BUDGETLENS_LAYOUT_ENGINE"):
        PipelineOptions.from_env()
    assert get_layout_engine("heuristic") is None
