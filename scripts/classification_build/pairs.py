"""(code, name words) pairs on one line, with the outline context of 类/款/项 columns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import FULL_CODE, Context, Word, is_text, kind_of

_PART = re.compile(r"^\d{2}$")


@dataclass(frozen=True, slots=True)
class Pair:
    code: str
    code_word: Word  # the last code token, for where the name column starts
    name_words: tuple[Word, ...]


def _update_columns(line: Sequence[Word], ctx: Context) -> None:
    texts = [w.text for w in line]
    if "类" in texts and "款" in texts:
        ctx.columns = {w.text: (w.x0 + w.x1) / 2 for w in line if w.text in ("类", "款", "项")}
    elif any("表" in t for t in texts) and not any(FULL_CODE.match(t) for t in texts):
        # A new table title: outline state from the previous table must not leak into it.
        ctx.reset()


def _near(x: float, ref: float | None) -> bool:
    return ref is not None and abs(x - ref) <= 3


def _partial_level(word: Word, ctx: Context) -> str | None:
    """Which outline level a lone 2-digit code belongs to.

    With a 类/款/项 header, the nearest header column decides. Without one, the indent does:
    a 2-digit code right under a 类 row, or in the column where 款 codes stood before, is a
    款; in the 项 column it is a 项. Anything else is left alone (row numbers look the same).
    """
    if ctx.columns:
        centre = (word.x0 + word.x1) / 2
        level, dist = min(
            ((k, abs(centre - x)) for k, x in ctx.columns.items()), key=lambda t: t[1]
        )
        return level if dist <= 15 and level in ("款", "项") else None
    if _near(word.x0, ctx.xiang_x) and not _near(word.x0, ctx.kuan_x):
        return "项"
    if _near(word.x0, ctx.kuan_x):
        return "款"
    if ctx.last_len == 3 and ctx.class_x is not None and word.x0 >= ctx.class_x - 2:
        return "款"
    if (
        ctx.class_x is not None
        and ctx.full7_x is not None
        and ctx.class_x + 2 < word.x0 < ctx.full7_x - 2
    ):
        # Indented between the 类 column and the 7-digit codes: the 款 level of an outline
        # whose x has shifted a little since the last 款 row (a new page).
        return "款"
    return None


def _take_name(line: Sequence[Word], i: int) -> tuple[tuple[Word, ...], int]:
    """The name cell starting at word ``i``: text words closer than a character apart.

    pdfplumber already splits words at gaps of a few points, so a wider gap between two
    text words is a cell border (a procurement row puts item, catalogue and unit cells
    after the code), not a space inside one name.
    """
    if i >= len(line) or not is_text(line[i].text):
        return (), i
    j = i + 1
    while j < len(line) and is_text(line[j].text):
        prev = line[j - 1]
        if line[j].x0 - prev.x1 > (prev.bottom - prev.top):
            break
        j += 1
    return tuple(line[i:j]), j


def pairs_in_line(line: Sequence[Word], ctx: Context) -> list[Pair]:
    """(code, name words) pairs on one line; updates the outline context."""
    _update_columns(line, ctx)
    pairs: list[Pair] = []
    i = 0
    while i < len(line):
        found = _code_at(line, i, ctx)
        if found is None:
            i += 1
            continue
        code, j = found
        if not code or kind_of(code) is None:
            i = j
            continue
        if i == 0:
            # Only the first code on a line drives the outline; later ones are economic
            # columns beside it and do not open a new block.
            _open_block(line, code, j, ctx)
        name_words, after_name = _take_name(line, j)
        # Nameless code rows are kept: their name may sit above and below (a centred cell).
        pairs.append(Pair(code, line[j - 1], name_words))
        i = max(after_name, j)
    return pairs


def _code_at(line: Sequence[Word], i: int, ctx: Context) -> tuple[str, int] | None:
    """The code that starts at word ``i`` and the index after it; None if no code starts there.

    The code is empty when a lone 2-digit part fits no outline level: the word is skipped.
    """
    text = line[i].text
    if FULL_CODE.match(text) and len(text) == 3 and kind_of(text):
        code, j = text, i + 1
        # 类 款 项 printed as separate columns: "201 08 01 行政运行".
        while j < len(line) and j - i <= 2 and _PART.match(line[j].text):
            code += line[j].text
            j += 1
        return code, j
    if FULL_CODE.match(text) and kind_of(text):
        return text, i + 1
    if i == 0 and _PART.match(text):
        return _partial_code(line[0], ctx), 1
    return None


def _partial_code(word: Word, ctx: Context) -> str:
    """A lone 2-digit 款 or 项 part completed from the outline above it, or ""."""
    level = _partial_level(word, ctx)
    if level == "款" and ctx.last_class:
        ctx.kuan_x = word.x0
        return ctx.last_class + word.text
    if level == "项" and ctx.last_kuan:
        ctx.xiang_x = word.x0
        return ctx.last_kuan + word.text
    return ""


def _open_block(line: Sequence[Word], code: str, end: int, ctx: Context) -> None:
    """A line's first code: where its outline columns stand, and its 类 and 款."""
    first = line[0]
    ctx.last_len = len(code)
    if end == 3:  # "201 08 01": remember where the 款 and 项 parts stand
        ctx.kuan_x, ctx.xiang_x = line[1].x0, line[2].x0
    if len(first.text) == 3:
        ctx.class_x = first.x0
    elif len(first.text) == 7:
        ctx.full7_x = first.x0
    if len(code) == 3:
        ctx.last_class, ctx.last_kuan = code, ""
    elif len(code) == 5:
        ctx.last_class, ctx.last_kuan = code[:3], code
    else:
        ctx.last_class, ctx.last_kuan = code[:3], code[:5]
