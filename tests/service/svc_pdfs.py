"""Small real PDFs made with reportlab: text pages with CJK, encrypted, corrupt."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PAGES = [
    ["平顶山市医疗保障局2021年部门预算公开", "收、支总计为 688.7 万元，基本支出 422.7 万元。"],
    ["部门收支总表  单位：万元", "收入总计 688.7  支出总计 688.7"],
]


def budget_pdf(path: Path, pages: int = 2, marker: str = "", password: str | None = None) -> Path:
    """`marker` makes the bytes (and so the sha256) differ between otherwise equal files."""
    encrypt = StandardEncryption(password, ownerPassword=password + "-owner") if password else None
    pdf = canvas.Canvas(str(path), encrypt=encrypt)
    for number in range(pages):
        pdf.setFont(FONT, 12)
        lines = PAGES[number % len(PAGES)]
        for i, line in enumerate([*lines, marker]):
            pdf.drawString(72, 760 - 20 * i, line)
        pdf.showPage()
    pdf.save()
    return path
