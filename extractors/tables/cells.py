"""Shared by every table engine: put words into cells, and cells into a Table."""

from __future__ import annotations

import itertools
import re

from extractors.model import BBox, Cell, Word, union_bbox
from extractors.tables.header import clean

_ASCII_END = re.compile(r"[0-9A-Za-z.,%)\]]$")
_ASCII_START = re.compile(r"^[0-9A-Za-z(\[]")


def cluster_positions(values: list[float], tolerance: float) -> list[float]:
    """Collapse nearly equal coordinates (ruling positions drawn a hair apart) into one."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def nearest_index(positions: list[float], value: float) -> int:
    return min(range(len(positions)), key=lambda i: abs(positions[i] - value))


def join_words(words: list[Word]) -> str:
    """Reading order inside a cell: line by line, left to right.

    CJK text runs together; a space is kept only between two Latin/number fragments on one
    line, so "24,554" split by the text layer is not glued to its neighbour by accident.
    """
    if not words:
        return ""
    if all(w.direction != "ltr" for w in words):
        return _join_sideways(words)
    ordered = [w for line in _lines(words) for w in sorted(line, key=lambda w: w.x0)]
    text = ordered[0].text
    for prev, word in itertools.pairwise(ordered):
        same_line = abs(word.yc - prev.yc) < 0.5 * (prev.bottom - prev.top)
        if same_line and _ASCII_END.search(text) and _ASCII_START.search(word.text):
            gap = word.x0 - prev.x1
            text += " " if gap > 1.5 else ""
        text += word.text
    return text


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into printed lines, top to bottom: a word whose centre is within half a
    line height of the line's first word is on that line.  (Fixed 4-point bands split a
    line where a short glyph sits lower, as "1、" does on a skewed scan: "一般公共服务1、".)"""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.yc):
        first = lines[-1][0] if lines else None
        if first is not None and word.yc - first.yc < 0.5 * (first.bottom - first.top):
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _join_sideways(words: list[Word]) -> str:
    """A header set sideways: words run up (btt) or down (ttb) the page, and its lines
    follow each other left to right (btt) or right to left (ttb)."""
    up = sum(w.direction == "btt" for w in words) * 2 >= len(words)
    ordered = sorted(
        words, key=lambda w: (round(w.xc / 4) * (1 if up else -1), -w.bottom if up else w.top)
    )
    text = ordered[0].text
    for word in ordered[1:]:
        gap = _ASCII_END.search(text) and _ASCII_START.search(word.text)
        text += (" " if gap else "") + word.text
    return text


def make_cell(row: int, col: int, words: list[Word], bbox: BBox, page: int) -> Cell:
    return Cell(
        row=row,
        col=col,
        text=join_words(words),
        bbox=bbox if bbox != (0.0, 0.0, 0.0, 0.0) else union_bbox([w.bbox for w in words]),
        page=page,
        words=words,
    )


def inside(word: Word, box: BBox, slack: float = 1.0) -> bool:
    return (
        box[0] - slack <= word.xc <= box[2] + slack and box[1] - slack <= word.yc <= box[3] + slack
    )


def cell_text(row: list[Cell | None], col: int | None) -> str:
    """The whitespace-free text of a grid row's cell at `col` ("" for none or out of range)."""
    cell = row[col] if col is not None and col < len(row) else None
    return clean(cell.text) if cell is not None else ""
