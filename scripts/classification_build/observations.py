"""A page's (kind, code, name) observations: table rows with wrapped names rejoined, and
narrative items."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import NUMBERED, Context, Observation, Word, clean_name, is_text, kind_of
from .pairs import pairs_in_line

# Header and title words: a line holding these is not a wrapped name.
_NOT_CONTINUATION = re.compile(r"表|单位[:：]|合计|总计|小计|编码|科目|金额|预算数|说明")


def _text_only(line: Sequence[Word]) -> str | None:
    """The text of a line holding only a fragment of one name cell, else None."""
    if not line or len(line) > 2 or not all(is_text(w.text) for w in line):
        return None
    joined = "".join(w.text for w in line)
    if _NOT_CONTINUATION.search(joined) or NUMBERED.match(joined):
        return None
    return joined


def _gap(upper: Sequence[Word], lower: Sequence[Word]) -> float:
    return min(w.top for w in lower) - max(w.bottom for w in upper)


def _height(line: Sequence[Word]) -> float:
    return max(w.bottom - w.top for w in line)


def _in_column(fragment: Sequence[Word], left: float, right: float) -> bool:
    return fragment[0].x0 >= left - 3 and fragment[-1].x1 <= right + 3


# Narrative items "1.行政运行（2010601）4,702.02万元", "（3）机关资本性支出（503）59.30万元":
# a numbered sentence that opens with the name and its code in brackets.
_NARRATIVE = re.compile(
    r"^(?:\d+[.．、]|[(（]\d+[)）]|[一二三四五六七八九十]+、)"
    r"(?P<name>[^\d()（）,，。；;:：、]{2,30}(?:[(（][^\d()（）]{1,12}[)）])?)"
    r"[(（](?P<code>\d{3}(?:\d{2}){0,2})[)）]"
)


def narrative_observation(line: Sequence[Word]) -> Observation | None:
    match = _NARRATIVE.match("".join(w.text for w in line))
    if not match:
        return None
    code = match.group("code")
    kind = kind_of(code)
    name = clean_name(match.group("name"))
    return Observation(kind, code, name) if kind and name else None


def observations_from_lines(lines: Sequence[Sequence[Word]], ctx: Context) -> list[Observation]:
    """Observations of a page, with names of wrapped cells put back together.

    Cells are mostly centred vertically, so a name on two lines puts one fragment above and
    one below the row that carries the code and amounts (the code row has no name then).
    Top-aligned cells put the second fragment under a row that does have a name; that
    fragment is taken only when it is nearer to that row than to the row after it, because
    otherwise it is the first half of the next row's centred name.
    """
    parsed = [pairs_in_line(line, ctx) for line in lines]
    fragments = [_text_only(line) for line in lines]
    used: set[int] = set()
    out: list[Observation] = []

    def fragment_at(k: int, left: float, right: float) -> str | None:
        if not (0 <= k < len(lines)) or k in used:
            return None
        fragment = fragments[k]
        return fragment if fragment is not None and _in_column(lines[k], left, right) else None

    for idx, line in enumerate(lines):
        told = narrative_observation(line)
        if told:
            out.append(told)
        pairs = parsed[idx]
        for k, pair in enumerate(pairs):
            text = "".join(w.text for w in pair.name_words)
            is_last = k == len(pairs) - 1
            code_word = pair.code_word
            after = [w for w in line if w.x0 > code_word.x1]
            right = after[0].x0 if after and not pair.name_words else 1e9
            if pair.name_words:
                right = pair.name_words[-1].x1 + 3 * _height(line)
            left = code_word.x1
            if not text and is_last and idx > 0 and idx + 1 < len(lines):
                above = fragment_at(idx - 1, left, right)
                below = fragment_at(idx + 1, left, right)
                h = _height(line)
                up, down = _gap(lines[idx - 1], line), _gap(line, lines[idx + 1])
                # A centred cell puts its two halves equally far from the row; names that
                # merely sit above their own rows (one per row) fail this.
                if above and below and max(up, down) < 0.8 * h and abs(up - down) <= 0.5 * h:
                    text = above + below
                    used.update((idx - 1, idx + 1))
            elif text and is_last and idx + 1 < len(lines):
                below = fragment_at(idx + 1, left, right)
                h = _height(line)
                if below and _gap(line, lines[idx + 1]) < 0.8 * h:
                    nxt_gap = _gap(lines[idx + 1], lines[idx + 2]) if idx + 2 < len(lines) else 1e9
                    if _gap(line, lines[idx + 1]) < nxt_gap:
                        text += below
                        used.add(idx + 1)
            name = clean_name(text) if text else None
            kind = kind_of(pair.code)
            if name and kind:
                out.append(Observation(kind, pair.code, name))
    return out
