"""The fixed interface: `budgetlens extract IN.pdf -o OUT.json`, exit 2 + one line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`budgetlens ARGS` as this source tree has it (the console script is extractors.cli:main)."""
    cmd = [sys.executable, "-m", "extractors.cli", *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)


def one_line_reason(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def test_not_a_pdf(tmp_path: Path) -> None:
    bad = tmp_path / "notes.pdf"
    bad.write_text("hello, I am not a PDF")
    proc = run("extract", bad, "-o", tmp_path / "out.json")
    assert proc.returncode == 2
    assert "not a PDF" in one_line_reason(proc)
    assert not (tmp_path / "out.json").exists()


def test_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(72, 720, "locked")
    c.save()
    proc = run("extract", path, "-o", tmp_path / "out.json")
    assert proc.returncode == 2
    assert "encrypted" in one_line_reason(proc)


def test_corrupt(tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    c = canvas.Canvas(str(good))
    c.drawString(72, 720, "truncated soon")
    c.save()
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(good.read_bytes()[:200])
    proc = run("extract", bad, "-o", tmp_path / "out.json")
    assert proc.returncode == 2
    assert "corrupt" in one_line_reason(proc)


def test_zero_pages(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n"
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer << /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(body)
    proc = run("extract", path, "-o", tmp_path / "out.json")
    assert proc.returncode == 2
    assert "zero pages" in one_line_reason(proc)


def test_missing_file(tmp_path: Path) -> None:
    proc = run("extract", tmp_path / "nope.pdf", "-o", tmp_path / "out.json")
    assert proc.returncode == 2
    assert "no such file" in one_line_reason(proc)


def _sample_pdf(path: Path) -> Path:
    """A tiny digital page: a title, a unit line and a narrative sentence."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 14)
    c.drawString(72, 760, "2021年平顶山市医疗保障局部门预算")
    c.setFont("STSong-Light", 10)
    c.drawString(72, 720, "平顶山市医疗保障局2021年收、支总计为688.7万元。")
    c.drawString(72, 700, "其中：基本支出422.7万元，占61.38%；项目支出266.0万元，占38.62%。")
    c.save()
    return path


def test_extract_writes_contract_json(tmp_path: Path) -> None:
    pdf = _sample_pdf(tmp_path / "sample.pdf")
    out = tmp_path / "out.json"
    proc = run("extract", pdf, "-o", out)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text())
    assert doc["schema_version"] == "1.0"
    assert doc["document"]["fiscal_year"] == 2021
    assert doc["document"]["page_count"] == 1
    assert doc["totals"]["revenue_total"]["value"] == 6887000.0
    assert doc["totals"]["basic_expenditure"]["value"] == 4227000.0
    assert doc["totals"]["basic_expenditure"]["sources"][0]["page"] == 1
    assert "personnel_expense" not in doc["totals"]  # absent is absent, never a guessed 0


def test_batch_folder_with_one_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _sample_pdf(folder / "a.pdf")
    (folder / "b.pdf").write_text("not a pdf")
    proc = run("extract", folder, "-o", tmp_path / "out")
    assert proc.returncode == 1
    assert (tmp_path / "out" / "a.json").exists()
    assert not (tmp_path / "out" / "b.json").exists()
    assert "[2/2]" in proc.stderr and "1 of 2 extracted" in proc.stderr


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_format_flag(tmp_path: Path, fmt: str) -> None:
    pdf = _sample_pdf(tmp_path / "sample.pdf")
    out = tmp_path / f"out.{fmt}"
    proc = run("extract", pdf, "-o", out, "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    if fmt == "csv":
        text = out.read_text(encoding="utf-8")
        assert "totals.revenue_total" in text and "6887000" in text
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        sheets = load_workbook(out).sheetnames
        assert sheets, "an XLSX with at least the values sheet"
    else:
        assert json.loads(out.read_text())["totals"]["revenue_total"]["value"] == 6887000.0
