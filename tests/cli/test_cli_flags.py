"""Flags users of docling / marker / camelot expect: --version, the format from -o's
extension, -o - to stdout, --pages, engine and threshold flags over the environment."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_helpers import ROOT, RULED, one_line, run_cli


def test_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("budgetlens ") and proc.stdout.split()[1][0].isdigit()


def test_help_lists_every_flag() -> None:
    text = run_cli("extract", "--help").stdout
    for flag in (
        "--format",
        "--pages",
        "--ocr-engine",
        "--table-engine",
        "--review-threshold",
        "--allow-partial",
        "--paddleocr-model-dir",
        "BUDGETLENS_OCR_ENGINE",
    ):
        assert flag in text, flag
    top = run_cli("--help").stdout
    assert all(cmd in top for cmd in ("extract", "check", "schema", "serve"))


def test_format_follows_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    proc = run_cli("extract", RULED, "-o", out, "--pages", "4", "-q")
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so Excel reads the Chinese"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "path"
    assert rows[1][:4] == ["totals.revenue_total", "6887000.0", "688.7", "万元"]


def test_format_flag_overrides_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = run_cli("extract", RULED, "-o", out, "--format", "csv", "--pages", "4", "-q")
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().decode("utf-8-sig").startswith("path,value,")


def test_unknown_extension_is_a_one_line_error(tmp_path: Path) -> None:
    proc = run_cli("extract", RULED, "-o", tmp_path / "out.txt")
    assert proc.returncode == 2
    assert "--format" in one_line(proc.stderr)


def test_stdout_carries_only_the_json() -> None:
    proc = run_cli("extract", RULED, "-o", "-", "--pages", "4-5")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)  # nothing but the document on stdout
    assert doc["totals"]["revenue_total"]["value"] == 6887000.0
    assert "page 2/2" in proc.stderr and "-> stdout" in proc.stderr


def test_pages_reads_only_those_pages(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = run_cli("extract", RULED, "-o", out, "--pages", "1,4,8-9", "-q")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text())
    assert [p["page"] for p in doc["document"]["pages"]] == [1, 4, 8, 9]
    assert doc["document"]["page_count"] == 13
    kinds = {t["kind"] for t in doc["tables"]}
    assert "revenue_expenditure_summary" in kinds and "three_public" not in kinds  # p11


@pytest.mark.parametrize(
    ("spec", "message"),
    [("14", "page 14 of a 13-page PDF"), ("3-x", "is not N, A-B or A-"), ("5-2", "5-2")],
)
def test_bad_pages_are_one_line_errors(tmp_path: Path, spec: str, message: str) -> None:
    proc = run_cli("extract", RULED, "-o", tmp_path / "out.json", "--pages", spec)
    assert proc.returncode == 2
    assert message in one_line(proc.stderr)
    assert not (tmp_path / "out.json").exists()


def test_flags_win_over_the_environment(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    env = {"BUDGETLENS_REVIEW_THRESHOLD": "0.5", "BUDGETLENS_OCR_ENGINE": "none"}
    proc = run_cli(
        "extract", RULED, "-o", out, "--pages", "4", "--review-threshold", "0.99", "-q", env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text())["review"]["threshold"] == 0.99
    proc = run_cli("extract", RULED, "-o", out, "--pages", "4", "-q", env=env)
    assert json.loads(out.read_text())["review"]["threshold"] == 0.5  # the environment still works


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--review-threshold", "high"], {}, "--review-threshold must be a number from 0 to 1"),
        (["--table-engine", "tabula"], {}, "--table-engine must be grid or camelot"),
        ([], {"BUDGETLENS_TABLE_ENGINE": "tabula"}, "BUDGETLENS_TABLE_ENGINE must be"),
    ],
)
def test_bad_settings_are_one_line_errors(
    tmp_path: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    proc = run_cli("extract", RULED, "-o", tmp_path / "out.json", *args, env=env)
    assert proc.returncode == 2
    assert message in one_line(proc.stderr)


def test_schema_prints_the_json_schema() -> None:
    proc = run_cli("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == json.loads(
        (ROOT / "schemas" / "budget.schema.json").read_text(encoding="utf-8")
    )


def test_csv_on_stdout_has_no_bom() -> None:
    proc = run_cli("extract", RULED, "-o", "-", "--format", "csv", "--pages", "4", "-q")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("path,value,raw,unit,")
