"""pdfplumber words into visual lines; words holding a code and a name are split."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Word

# A word holding code and name together: "2010801-行政运行", "30101-基本工资"; the name part
# may run into the next code ("…缴费支出50102-社会保障缴费").
_GLUED = re.compile(r"(\d{3}(?:\d{2}){0,2})-?([^\d]+?)(?=\d{3}(?:\d{2}){0,2}-|$)")


def split_glued(words: Iterable[Word]) -> list[Word]:
    """Split "2010801-行政运行" words into a code word and a name word."""
    out: list[Word] = []
    for w in words:
        if re.match(r"^\d{3}(?:\d{2}){0,2}-?[^\d,.]", w.text):
            parts = list(_GLUED.finditer(w.text))
            if parts and "".join(p.group(0) for p in parts) == w.text:
                step = (w.x1 - w.x0) / max(len(w.text), 1)
                pos = 0
                for p in parts:
                    code, name = p.group(1), p.group(2)
                    x = w.x0 + step * pos
                    out.append(Word(code, x, x + step * len(code), w.top, w.bottom))
                    nx = x + step * (len(code) + 1)
                    out.append(Word(name, nx, nx + step * len(name), w.top, w.bottom))
                    pos += len(p.group(0))
                continue
        out.append(w)
    return out


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words on one visual line, sorted by x.

    A word joins the current line when its top is within half a word height of the line's
    first word: cells of one row are offset by a point or two (centred cells, mixed fonts),
    while the next row starts a full line height lower.
    """
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for w in ordered:
        if lines:
            head = lines[-1][0]
            height = max(min(head.bottom - head.top, w.bottom - w.top), 1.0)
            if w.top - head.top <= 0.5 * height:
                lines[-1].append(w)
                continue
        lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]
