"""The table finders compared in the peer benchmarks, behind one signature.

Every tool gets a PDF path and returns, per page, the tables it finds as `Found`: a bbox in
pdfplumber's coordinates (points, origin top-left) and the rows of cell texts.  Each tool is
run with its defaults, as a new user would, on every page of the file.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Found:
    page: int  # 1-based
    bbox: BBox
    rows: list[list[str]]
    # Ours only: each cell's text split into its visual lines, for the convention where a
    # multi-line cell becomes several rows (camelot stream's output).
    cell_lines: list[list[list[str]]] | None = None
    # Ours only: one row per visual line of the whole table, each cell's words on that line
    # in its column (camelot stream's rows are the page's text lines, not the cells).
    line_rows: list[list[str]] | None = None
    # Ours only: the title and note lines right above the table (Table.context), nearest
    # last, for the convention that keeps them in the table's first rows.
    context: tuple[str, ...] = ()


Finder = Callable[[Path, str | None], list[Found]]


def ours(path: Path, password: str | None = None, hints: Any = None) -> list[Found]:
    """Our table stage exactly as extractors/pipeline.py runs it on a digital page.

    `hints`, when given, is called with each page's height and returns the TableHints
    (extractors/tables/hints.py) passed to find_tables on that page: what a caller knows."""
    import pdfplumber

    from extractors.backends.text_layer import read_page
    from extractors.options import PipelineOptions
    from extractors.tables.find import find_tables
    from extractors.tables.lines import page_lines

    options = PipelineOptions(ocr_engine="none", ocr_workers=1)
    out: list[Found] = []
    with pdfplumber.open(str(path), password=password or "") as pdf:
        for number, plumber_page in enumerate(pdf.pages, start=1):
            page = read_page(plumber_page, number, options)
            given = hints(page.height) if hints else None
            for table in find_tables(page, page_lines(page), options, given):
                grid = table.cell_matrix()
                rows = [[c.text if c else "" for c in row] for row in grid]
                lines = [[_visual_lines(c) if c else [] for c in row] for row in grid]
                context = tuple(table.context)
                out.append(Found(number, table.bbox, rows, lines, _line_rows(grid), context))
    return out


def _line_rows(grid: list[list[Any]]) -> list[list[str]]:
    """The table re-cut into the page's text lines: a word joins the line whose centre is
    within half a word height of its own; each cell keeps its column."""
    placed = [(w, j) for row in grid for j, c in enumerate(row) if c for w in c.words]
    if not placed:
        return []
    heights = sorted(w.bbox[3] - w.bbox[1] for w, _ in placed)
    reach = 0.5 * heights[len(heights) // 2]
    lines: list[list[tuple[Any, int]]] = []
    for word, col in sorted(placed, key=lambda p: (p[0].bbox[1] + p[0].bbox[3]) / 2):
        centre = (word.bbox[1] + word.bbox[3]) / 2
        if lines and centre - _centre(lines[-1]) <= reach:
            lines[-1].append((word, col))
        else:
            lines.append([(word, col)])
    width = len(grid[0]) if grid else 0
    out = []
    for line in lines:
        texts = [[w for w, c in line if c == j] for j in range(width)]
        out.append([" ".join(w.text for w in sorted(t, key=lambda w: w.bbox[0])) for t in texts])
    return out


def _centre(line: list[tuple[Any, int]]) -> float:
    return sum((w.bbox[1] + w.bbox[3]) / 2 for w, _ in line) / len(line)


def _visual_lines(cell: Any) -> list[str]:
    """A cell's words grouped by baseline, top to bottom, each line's words left to right."""
    groups: list[list[Any]] = []
    for word in sorted(cell.words, key=lambda w: (w.bbox[1], w.bbox[0])):
        if groups and abs(groups[-1][0].bbox[1] - word.bbox[1]) < 2.5:
            groups[-1].append(word)
        else:
            groups.append([word])
    return [" ".join(w.text for w in sorted(g, key=lambda w: w.bbox[0])) for g in groups]


def camelot_finder(flavor: str) -> Finder:
    def run(path: Path, password: str | None = None) -> list[Found]:
        import camelot

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(path), pages="all", flavor=flavor, password=password)
        out = []
        for t in tables:
            x0, y0, x1, y1 = t._bbox  # PDF space, origin bottom-left
            height = _page_height(path, int(t.page), password)
            rows = [[str(v) for v in r] for r in t.df.values.tolist()]
            out.append(Found(int(t.page), (x0, height - y1, x1, height - y0), rows))
        return out

    return run


def pdfplumber_finder(path: Path, password: str | None = None) -> list[Found]:
    import pdfplumber

    out = []
    with pdfplumber.open(str(path), password=password or "") as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for t in page.find_tables():
                rows = [[c or "" for c in r] for r in t.extract()]
                out.append(Found(number, tuple(t.bbox), rows))  # type: ignore[arg-type]
    return out


def tabula_finder(path: Path, password: str | None = None) -> list[Found]:
    """tabula-java with its defaults (guess the areas, stream or lattice per area)."""
    import tabula

    out = []
    for number in range(1, _page_count(path, password) + 1):
        tables = tabula.read_pdf(
            str(path), pages=number, output_format="json", password=password, silent=True
        )
        for t in tables:
            rows = [[c.get("text", "") for c in r] for r in t["data"]]
            bbox = (t["left"], t["top"], t["right"], t["bottom"])
            if rows:
                out.append(Found(number, bbox, rows))
    return out


def _page_height(path: Path, number: int, password: str | None) -> float:
    import pdfplumber

    with pdfplumber.open(str(path), password=password or "") as pdf:
        return float(pdf.pages[number - 1].height)


def _page_count(path: Path, password: str | None) -> int:
    import pdfplumber

    with pdfplumber.open(str(path), password=password or "") as pdf:
        return len(pdf.pages)


def java_available() -> bool:
    try:
        return subprocess.run(["java", "-version"], capture_output=True).returncode == 0
    except OSError:
        return False


FINDERS: dict[str, Finder] = {
    "ours": ours,
    "camelot lattice": camelot_finder("lattice"),
    "camelot stream": camelot_finder("stream"),
    "pdfplumber": pdfplumber_finder,
    "tabula": tabula_finder,
}


def stamp() -> str:
    """The machine and commit a result was measured on, printed with every result."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h %cI %s"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "extractors", "benchmarks/*.py"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in _cpuinfo() if ln.startswith("model name")), "?"
    )
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Machine: {platform.node()}, {cpu}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, load average {load}.  "
        f"Commit: {commit[:100]}{' (+ uncommitted changes)' if dirty else ''}."
    )


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return []


def md_table(header: list[str], rows: list[list[object]]) -> str:
    def cell(v: object) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)
