"""How a found table is scored against camelot's expected one (bench_camelot_suite.py's
module docstring says what each score means)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from peers import Found

MAX_SHIFT_ROWS = 6
MAX_SHIFT_COLS = 2
Grid = list[list[str]]
LEADER_DOTS = re.compile(r"[.…·]{2,}")


@dataclass(slots=True)
class Score:
    exact: float = 0.0
    normalised: float = 0.0
    aligned: float = 0.0
    any_position: float = 0.0
    exact_table: bool = False
    found: bool = False
    convention: str = ""


def norm(text: str) -> str:
    """Whitespace and dot leaders dropped, case folded: how many dots lead a label to its
    figures is layout (camelot spreads them over lines), not content."""
    return LEADER_DOTS.sub("", re.sub(r"\s+", "", text)).casefold()


def trimmed(grid: Grid) -> Grid:
    """Drop all-blank rows and columns: a blank margin row is layout, not content."""
    rows = [r for r in grid if any(c.strip() for c in r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    keep = [j for j in range(width) if any(r[j].strip() for r in rows)]
    return [[r[j] for j in keep] for r in rows]


def position_accuracy(expected: Grid, got: Grid, key: bool) -> float:
    def at(grid: Grid, i: int, j: int) -> str:
        text = grid[i][j] if i < len(grid) and j < len(grid[i]) else ""
        return norm(text) if key else text.strip()

    height = max(len(expected), len(got))
    width = max([len(r) for r in expected + got] or [0])
    cells = [(i, j) for i in range(height) for j in range(width)]
    shown = [(i, j) for i, j in cells if at(expected, i, j) or at(got, i, j)]
    if not shown:
        return 1.0
    return sum(at(expected, i, j) == at(got, i, j) for i, j in shown) / len(shown)


def bag_f1(expected: Grid, got: Grid) -> float:
    e = Counter(norm(c) for r in expected for c in r if norm(c))
    g = Counter(norm(c) for r in got for c in r if norm(c))
    total = sum(e.values()) + sum(g.values())
    return 2 * sum((e & g).values()) / total if total else 1.0


def split_lines(found: Found) -> Grid:
    """Our table with each multi-line cell spread over rows, one line per row (stream style)."""
    if found.cell_lines is None:
        return found.rows
    out: Grid = []
    for row in found.cell_lines:
        depth = max([len(c) for c in row] or [1]) or 1
        out += [[c[k] if k < len(c) else "" for c in row] for k in range(depth)]
    return out


def score(expected: Grid, got: Grid, convention: str) -> Score:
    e, g = trimmed(expected), trimmed(got)
    return Score(
        exact=position_accuracy(e, g, key=False),
        normalised=position_accuracy(e, g, key=True),
        aligned=max(
            position_accuracy(*_aligned_pair(e, g, down, right), key=True)
            for down in range(-MAX_SHIFT_ROWS, MAX_SHIFT_ROWS + 1)
            for right in range(-MAX_SHIFT_COLS, MAX_SHIFT_COLS + 1)
        ),
        any_position=bag_f1(e, g),
        exact_table=[[norm(c) for c in r] for r in e] == [[norm(c) for c in r] for r in g],
        found=True,
        convention=convention,
    )


def _aligned_pair(expected: Grid, got: Grid, down: int, right: int) -> tuple[Grid, Grid]:
    """The two grids with ours moved by (down, right); a negative move pads the expected
    table instead, so every cell of both still counts."""
    expected = _shifted(expected, max(0, -down), max(0, -right))
    return expected, _shifted(got, max(0, down), max(0, right))


def _shifted(grid: Grid, down: int, right: int) -> Grid:
    width = max([len(r) for r in grid] or [0]) + right
    return [[""] * width for _ in range(down)] + [[""] * right + r for r in grid]


def best(expected: Grid, tables: list[Found], split: bool) -> Score:
    candidates = [score(expected, t.rows, "as is") for t in tables]
    if split:
        candidates += [
            score(expected, [*above, *grid], convention + title)
            for t in tables
            for convention, grid in _conventions(t)
            for title, above in _titles(t, len(grid[0]) if grid else 0)
        ]
    return max(
        candidates,
        key=lambda s: (s.normalised, s.aligned, s.exact, s.any_position),
        default=Score(),
    )


def _conventions(found: Found) -> list[tuple[str, Grid]]:
    out = [("as is", found.rows), ("lines split", split_lines(found))]
    return [*out, ("page lines", found.line_rows)] if found.line_rows else out


def _titles(found: Found, width: int) -> list[tuple[str, Grid]]:
    """No title row, or the nearest k context lines above the table as rows of their own."""
    out: list[tuple[str, Grid]] = [("", [])]
    for k in range(1, len(found.context) + 1):
        rows = [[line] + [""] * (width - 1) for line in found.context[-k:]]
        out.append((f", {k} title line{'s' if k > 1 else ''} kept", rows))
    return out
