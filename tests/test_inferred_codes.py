"""A table that prints names only, indented by level: codes come from the national lists."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from extractors.pipeline import extract_document

ROWS = [
    ("合计", "134.34", 0),
    ("一般公共服务支出", "134.34", 0),
    ("审计事务", "134.34", 1),
    ("行政运行", "114.48", 2),
    ("审计业务", "19.86", 2),
]


def _names_only_pdf(path: Path) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("STSong-Light", 14)
    c.drawString(150, 790, "2026年上海市审计局部门支出总表")
    c.setFont("STSong-Light", 10)
    c.drawString(60, 765, "单位：万元")
    left, right, top, row_h = 60, 500, 750, 22
    xs = [left, 330, right]
    rows = [("项目", "合计", 0), *ROWS]
    for i, (name, amount, indent) in enumerate(rows):
        y = top - i * row_h
        c.drawString(left + 6 + indent * 12, y - 15, name)
        c.drawRightString(xs[2] - 6, y - 15, amount)
    bottom = top - len(rows) * row_h
    for i in range(len(rows) + 1):
        c.line(left, top - i * row_h, right, top - i * row_h)
    for x in xs:
        c.line(x, top, x, bottom)
    c.save()
    return path


def test_codes_rebuilt_from_names_are_marked_inferred(tmp_path: Path) -> None:
    doc = extract_document(_names_only_pdf(tmp_path / "names.pdf"))
    items = {item.code: item for item in doc.expenditure_by_function}
    assert set(items) == {"201", "20108", "2010801", "2010804"}
    assert all(item.code_inferred for item in items.values())
    assert items["2010801"].level == "项" and items["20108"].level == "款"
    assert items["2010801"].total is not None
    assert str(items["2010801"].total.value) == "1144800.00"
    # the sums hold, so the values may be accepted, but less confidently than printed codes
    assert items["201"].total is not None and items["201"].total.confidence < 0.999
