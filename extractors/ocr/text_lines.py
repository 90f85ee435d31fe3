"""Recognised text lines: the crop around a line box and the line's split into words."""

from __future__ import annotations

import re

import numpy as np

from extractors.ocr.engine_types import LineRead, OcrWord, Quad


def crop_quad(image: np.ndarray, quad: Quad, pad: int = 0) -> np.ndarray:
    """Axis-aligned crop around a (near-horizontal, deskewed) text box."""
    h, w = image.shape[:2]
    x0 = max(0, int(np.floor(quad[:, 0].min())) - pad)
    y0 = max(0, int(np.floor(quad[:, 1].min())) - pad)
    x1 = min(w, int(np.ceil(quad[:, 0].max())) + pad)
    y1 = min(h, int(np.ceil(quad[:, 1].max())) + pad)
    return image[y0:y1, x0:x1]


# A grouped amount with cents ("6,887,000.00") is a whole cell: text glued to either side
# of it is the next cell, run together by the detector where two unruled columns stand
# close ("6,887,000.001、工资福利支出", "2,660,000.002,660,000.00").  Only grouped
# amounts, so a 4-decimal figure or a code next to a number is never cut.
_AMOUNT = r"-?\d{1,3}(?:,\d{3})+\.\d{2}"
_GLUED_AFTER = re.compile(rf"({_AMOUNT})(?=\d*[、.．]?[\u4e00-\u9fff（(]|{_AMOUNT})")
_GLUED_BEFORE = re.compile(rf"(?<=[\u4e00-\u9fff）)])(?={_AMOUNT}(?![\d,]))")


def separate_amounts(text: str) -> str:
    """`text` with a space on each side of a grouped amount that other text touches."""
    return _GLUED_BEFORE.sub(" ", _GLUED_AFTER.sub(r"\1 ", text))


# A document number's year ("粤财工〔2025〕139号") sits between brackets of one kind; the
# recogniser, unsure of a rare bracket, often reads one side as the common parenthesis
# ("（2025〕").  A mismatched pair is given the rarer kind it was read with once.
_YEAR_IN_BRACKETS = re.compile(r"([〔【\[（(])(\d{4})([〕】\]）)])")
_PAIRS = (("〔", "〕"), ("【", "】"), ("[", "]"))


def _balance(m: re.Match[str]) -> str:
    opening, year, closing = m.groups()
    for left, right in _PAIRS:
        if left == opening or right == closing:
            return f"{left}{year}{right}"
    return m.group(0)


def balance_year_brackets(text: str) -> str:
    """`text` with each bracketed year's mismatched pair of brackets made one kind."""
    return _YEAR_IN_BRACKETS.sub(_balance, text)


def split_line(read: LineRead, quad: Quad) -> list[OcrWord]:
    """A recognised line as words: split at spaces, boxes from character positions."""
    x0, y0 = float(quad[:, 0].min()), float(quad[:, 1].min())
    x1, y1 = float(quad[:, 0].max()), float(quad[:, 1].max())
    text = balance_year_brackets(separate_amounts(read.text.strip()))
    if not text:
        return []
    pieces = text.split()
    chars = text.replace(" ", "")
    confs = read.char_scores if len(read.char_scores) == len(chars) else []
    if len(pieces) == 1:
        return [OcrWord(text, (x0, y0, x1, y1), read.score, confs)]
    pos = read.char_pos if len(read.char_pos) == len(chars) else []
    if not pos:  # no column positions from the engine: assume even character widths
        pos = [(k + 0.5) / len(chars) for k in range(len(chars))]
    words, i = [], 0
    width = x1 - x0
    char_w = width / max(1, len(chars))
    for piece in pieces:
        j = i + len(piece)
        left = x0 + pos[i] * width - char_w / 2
        right = x0 + pos[j - 1] * width + char_w / 2
        words.append(
            OcrWord(
                piece,
                (max(x0, left), y0, min(x1, right), y1),
                read.score,
                confs[i:j] if confs else [],
            )
        )
        i = j
    return words
