"""Build scanned test inputs: digital PDFs rendered to noisy grey images, wrapped as image PDFs.

    python tests/data/scanned/build.py OUT_DIR [SOURCE.pdf ...]

Without sources it first writes its own digital PDF (`source.pdf`: a ruled 3-column
类/名称/金额 table, a 5-column table with more amounts, and a blank page) with reportlab.
Every source page becomes, in OUT_DIR:
    <stem>_150_noisy.pdf   150 dpi, skewed +1.5°, gaussian noise, blur, JPEG q=55
    <stem>_200.pdf         200 dpi, skewed -0.8°, light noise, JPEG q=80
    <stem>_rot90.pdf       page 1 only, 150 dpi, turned 90° (the paper fed sideways)
Deterministic (seeded); a few hundred KB in all, so tests build it into a temp folder.
"""

from __future__ import annotations

import io
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")

NAMES = [
    "一般公共服务支出", "人大事务", "行政运行", "政协事务", "教育支出", "普通教育",
    "科学技术支出", "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出",
    "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出", "住房保障支出",
    "灾害防治及应急管理支出", "机关服务", "一般行政管理事务", "事业运行", "其他支出",
    "公务员医疗补助", "机关事业单位基本养老保险缴费支出",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Variant:
    suffix: str
    dpi: int
    skew: float  # degrees, counter-clockwise
    noise: float  # gaussian sigma on 0..255
    blur: float  # gaussian sigma in pixels, 0 = none
    jpeg: int
    rot90: bool = False
    first_page_only: bool = False


VARIANTS = [
    Variant("150_noisy", 150, 1.5, 12.0, 0.7, 55),
    Variant("200", 200, -0.8, 5.0, 0.0, 80),
    Variant("rot90", 150, 0.6, 8.0, 0.5, 70, rot90=True, first_page_only=True),
]

# Whole documents (the golden corpus, real budgets) scanned the way an office copier does:
# 150 dpi grey, slight rotation, noise, a little blur, JPEG.
DOCUMENT_SCAN = Variant("scan", 150, 0.7, 8.0, 0.5, 60)


def amount(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.08:
        return "0.00"
    value = rng.uniform(0.5, 10 ** rng.uniform(1, 6))
    if kind < 0.14:
        value = -value
    if kind > 0.9:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def make_source_pdf(path: Path, seed: int = 7) -> Path:
    """A small digital budget-like PDF with ruled tables (needs reportlab + a CJK font)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    pdfmetrics.registerFont(TTFont("WQY", str(CJK_FONT), subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4

    def table(top: float, cols: list[float], rows: list[list[str]], right: set[int]) -> None:
        row_h = 22.0
        x_edges = [60.0]
        for w in cols:
            x_edges.append(x_edges[-1] + w)
        c.setLineWidth(0.8)
        for i in range(len(rows) + 1):
            y = height - top - i * row_h
            c.line(x_edges[0], y, x_edges[-1], y)
        for x in x_edges:
            c.line(x, height - top, x, height - top - len(rows) * row_h)
        c.setFont("WQY", 10)
        for i, row in enumerate(rows):
            y = height - top - i * row_h - 15
            for j, text in enumerate(row):
                if j in right:
                    c.drawRightString(x_edges[j + 1] - 6, y, text)
                else:
                    c.drawString(x_edges[j] + 6, y, text)

    # Page 1: 类 / 名称 / 金额, 15 rows and a total.
    c.setFont("WQY", 16)
    c.drawCentredString(width / 2, height - 70, "2026年部门预算支出表")
    c.setFont("WQY", 10)
    c.drawString(60, height - 100, "部门：市财政局")
    c.drawRightString(width - 60, height - 100, "单位：万元")
    rows = [["类", "名称", "金额"]]
    for i in range(15):
        rows.append([str(201 + i), rng.choice(NAMES), amount(rng)])
    rows.append(["", "合计", amount(rng)])
    table(110, [70, 250, 155], rows, right={2})
    c.showPage()

    # Page 2: five columns, more amounts per page.
    c.setFont("WQY", 14)
    c.drawCentredString(width / 2, height - 60, "一般公共预算支出表")
    c.setFont("WQY", 10)
    c.drawRightString(width - 50, height - 85, "单位：万元")
    rows = [["科目编码", "科目名称", "2025年预算数", "2026年预算数", "增减额"]]
    for _ in range(22):
        code = str(rng.choice([201, 205, 208, 210])) + f"{rng.randint(1, 99):02d}"
        rows.append([code, rng.choice(NAMES)[:9], amount(rng), amount(rng), amount(rng)])
    table(95, [65, 160, 90, 90, 80], rows, right={2, 3, 4})
    c.showPage()

    # Page 3: no text at all.
    c.showPage()
    c.save()
    return path


def scan_image(gray: np.ndarray, v: Variant, rng: np.random.Generator) -> np.ndarray:
    img: np.ndarray = gray.astype(np.float32)
    if v.skew:
        h, w = img.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), v.skew, 1.0)
        img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    if v.blur:
        img = cv2.GaussianBlur(img, (0, 0), v.blur)
    if v.noise:
        img = img + rng.normal(0, v.noise, img.shape)
    out = np.clip(img, 0, 255).astype(np.uint8)
    if v.rot90:
        # Counter-clockwise: the page must be turned 90° clockwise to be read.
        out = np.ascontiguousarray(np.rot90(out, k=1))
    return out


def scan_pdf(
    source: Path, out: Path, v: Variant, seed: int = 11, pages_wanted: list[int] | None = None
) -> Path:
    """Every page of `source` (or the 1-based `pages_wanted`) as an image-only PDF."""
    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(str(source))
    pages: list[Image.Image] = []
    try:
        numbers: list[int] | range = range(1) if v.first_page_only else range(len(doc))
        if pages_wanted is not None:
            numbers = [n - 1 for n in pages_wanted]
        for i in numbers:
            page = doc[i]
            gray = page.render(scale=v.dpi / 72, grayscale=True).to_numpy()
            if gray.ndim == 3:
                gray = gray[:, :, 0]
            scanned = scan_image(gray, v, rng)
            # Round-trip through JPEG at the variant's quality: the artefacts are the point.
            buf = io.BytesIO()
            Image.fromarray(scanned).save(buf, "JPEG", quality=v.jpeg)
            buf.seek(0)
            pages.append(Image.open(buf).convert("L"))
            page.close()
    finally:
        doc.close()
    pages[0].save(
        out, "PDF", resolution=float(v.dpi), save_all=True, append_images=pages[1:], quality=v.jpeg
    )
    return out


# The table on page 1 of source.pdf, pasted as a picture into a digital page.
MIXED_CROP = (50.0, 100.0, 545.0, 490.0)  # points on the source page
MIXED_AT = (40.0, 150.0)  # where its top-left lands on the mixed page


def make_mixed_pdf(source: Path, out: Path, dpi: int = 200) -> Path:
    """A digital page with text plus a picture of a table (the mixed-document case)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    doc = pdfium.PdfDocument(str(source))
    try:
        x0, top, x1, bottom = MIXED_CROP
        w, h = doc[0].get_size()
        bitmap = doc[0].render(scale=dpi / 72, grayscale=True, crop=(x0, h - bottom, w - x1, top))
        picture = bitmap.to_pil().convert("L")
    finally:
        doc.close()
    pdfmetrics.registerFont(TTFont("WQY", str(CJK_FONT), subfontIndex=0))
    c = canvas.Canvas(str(out), pagesize=A4)
    c.setFont("WQY", 12)
    c.drawString(40, A4[1] - 80, "附件：项目支出表（扫描件）")
    c.drawString(40, A4[1] - 110, "以下表格为扫描图片，正文为文字层。")
    ax, atop = MIXED_AT
    c.drawImage(
        ImageReader(picture), ax, A4[1] - atop - (bottom - top), width=x1 - x0, height=bottom - top
    )
    c.showPage()
    c.save()
    return out


def build(out_dir: Path, sources: list[Path] | None = None) -> dict[str, Path]:
    """Write every variant of every source into out_dir; returns name -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    built: dict[str, Path] = {}
    if not sources:
        source = make_source_pdf(out_dir / "source.pdf")
        sources = [source]
        built["mixed"] = make_mixed_pdf(source, out_dir / "mixed.pdf")
    for src in sources:
        built[src.stem] = src
        for v in VARIANTS:
            name = f"{src.stem}_{v.suffix}"
            built[name] = scan_pdf(src, out_dir / f"{name}.pdf", v)
    return built


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for name, path in build(Path(argv[0]), [Path(a) for a in argv[1:]]).items():
        print(f"{name}\t{path}\t{path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
