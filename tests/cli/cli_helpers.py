"""Run the CLI of this source tree in a subprocess, as a user runs `budgetlens`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden"
RULED = GOLDEN / "pds2021_a_ruled_3col.pdf"  # 13 pages, every standard table


def run_cli(
    *args: str | Path,
    env: dict[str, str] | None = None,
    prelude: str = "",
) -> subprocess.CompletedProcess[str]:
    """`python -m extractors.cli ARGS` from the repository root (so this tree's code runs,
    whatever the installed console script points at); `prelude` runs first in the child."""
    code = f"{prelude}\nimport sys\nfrom extractors.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def scanned_pdf(target: Path, page: int = 4, dpi: int = 150) -> Path:
    """A page of RULED as a scan: rendered to an image, saved as an image-only PDF."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(RULED))
    try:
        image = doc[page - 1].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()
    image.save(target, "PDF", resolution=dpi)
    return target
