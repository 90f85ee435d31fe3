"""Figures in small print are read from several crops and settled glyph by glyph.

Measured on 北京 预算03表 scanned at 150 dpi (six-decimal figures in ~4 pt print; the page
is rendered at 200 dpi, where its median text box is 12 px): of the page's ~130 figures
the usual crop read 68 as printed.  The misreads are one or two glyphs (3<->1, 5<->6,
8<->9) that move with the crop: each crop loses different glyphs.  Enlarging the crop or
stretching its contrast did not help (56 and fewer), single other crops a little (up to
74), and a vote per glyph over three crops read 84 (70 of 60 on a 150 dpi render).  So on
a page whose text is that small every figure is read from those crops, and the glyph most
of them agree on wins.  The same document's pages in normal print (median box 15-27 px)
are left alone: they read right and pay nothing.

The vote only changes which figure is read; whether it is accepted is still decided by
the table's identities, and a figure the crops do not agree on keeps a lower score.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from extractors.ocr.engine_types import LineRead
from extractors.ocr.line_boxes import Spans, line_crops
from extractors.ocr.rapid_engine import RapidOcrEngine

Box = tuple[int, int, int, int]
Read = tuple[LineRead, tuple[int, int]]  # a reading and the x span of its crop

# A page whose median text box is at most this high (pixels of the image read) is set in
# small print: below the recogniser's comfort.  On 200 dpi renders 预算03表 measures 12 px
# and the other pages of its document 15 px and up.
SMALL_PRINT_PX = 13.0
# (x, y) margins in the box's height of the crops read besides the first (1.0, 0.5): lower
# than it, where the recogniser frames small digits differently.  Two are enough: four
# read 86 of the page's figures, two 84 at half the cost (each crop read costs about as
# much as the page's first reading).
CROPS = ((2.0, 0.1), (0.5, 0.25))
_FIGURE = re.compile(r"[\d,.]*\d[\d,.]*")
_MIN_DIGITS = 3


def is_small_print(boxes: Sequence[Box]) -> bool:
    """Is the text on this page small enough to read every figure several times?"""
    if not boxes:
        return False
    return float(np.median([b[3] - b[1] for b in boxes])) <= SMALL_PRINT_PX


def figure_text(read: LineRead) -> str | None:
    """The reading as one figure (spaces dropped), or None when it is not one."""
    text = read.text.replace(" ", "")
    if _FIGURE.fullmatch(text) and sum(ch.isdigit() for ch in text) >= _MIN_DIGITS:
        return text
    return None


def voted_reads(
    engine: RapidOcrEngine,
    image: np.ndarray,
    boxes: list[Box],
    reads: list[Read],
    spans: Spans | None = None,
) -> dict[int, Read]:
    """For each box read as a figure: the reading the crops vote for, where it differs."""
    which = [i for i, (read, _) in enumerate(reads) if figure_text(read) is not None]
    if not which:
        return {}
    voters: dict[int, list[Read]] = {i: [reads[i]] for i in which}
    chosen_spans = [spans[i] for i in which] if spans is not None else None
    for mx, my in CROPS:
        crops = line_crops([boxes[i] for i in which], image.shape, mx, my, spans=chosen_spans)
        images = [image[c[1] : c[3], c[0] : c[2]] for c in crops]
        for i, c, read in zip(which, crops, engine.read(images), strict=True):
            voters[i].append((read, (c[0], c[2])))
    out: dict[int, Read] = {}
    for i in which:
        best = vote(voters[i])
        if best is not None and best[0].text != reads[i][0].text:
            out[i] = best
    return out


def vote(voters: list[Read]) -> Read | None:
    """The figure most crops agree on, glyph by glyph; None when none reads a figure.

    Only readings of the most common shape (digits as 9: "9,999.999999") vote, so a lost
    or doubled glyph does not shift the others.  A tie goes to the first voter (the
    usual crop).  The result borrows positions from a voter of that shape; it keeps that
    voter's score when some crop read exactly it, else the score is scaled by the share
    of voters behind its least agreed glyph.
    """
    figures = [(t, r) for r in voters if (t := figure_text(r[0])) is not None]
    if not figures:
        return None
    shapes = Counter(_shape(t) for t, _ in figures)
    shape = max(shapes, key=lambda s: (shapes[s], s == _shape(figures[0][0])))
    same = [(t, r) for t, r in figures if _shape(t) == shape]
    glyphs: list[str] = []
    support = 1.0
    for k, ch in enumerate(shape):
        if ch != "9":
            glyphs.append(ch)
            continue
        counts = Counter(t[k] for t, _ in same)
        top = max(counts, key=lambda g: (counts[g], g == same[0][0][k]))
        glyphs.append(top)
        support = min(support, counts[top] / len(voters))
    text = "".join(glyphs)
    exact = [r for t, r in same if t == text]
    if exact:
        return max(exact, key=lambda r: r[0].score)
    read, span = max((r for _, r in same), key=lambda r: r[0].score)
    return _without_spaces(read, text, read.score * support), span


def _without_spaces(read: LineRead, text: str, score: float) -> LineRead:
    """`text` (the reading's glyphs, spaces dropped) with the reading's glyph positions."""
    keep = [k for k, ch in enumerate(read.text) if ch != " "]
    scores = [read.char_scores[k] for k in keep] if len(read.char_scores) == len(read.text) else []
    pos = [read.char_pos[k] for k in keep] if len(read.char_pos) == len(read.text) else []
    return LineRead(text, score, scores, pos)


def _shape(text: str) -> str:
    return re.sub(r"\d", "9", text)
