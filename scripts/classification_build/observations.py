"""A page's (kind, code, name) observations: table rows with wrapped names rejoined, and
narrative items."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .model import NUMBERED, Context, Observation, Word, clean_name, is_text, kind_of
from .pairs import Pair, pairs_in_line

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
    page = _Page(lines, [_text_only(line) for line in lines])
    out: list[Observation] = []
    for idx, line in enumerate(lines):
        told = narrative_observation(line)
        if told:
            out.append(told)
        out.extend(_row_observations(page, idx, parsed[idx]))
    return out


@dataclass(slots=True)
class _Page:
    """A page's lines, the name fragments among them, and the fragments already joined."""

    lines: Sequence[Sequence[Word]]
    fragments: list[str | None]
    used: set[int] = field(default_factory=set)

    def fragment_at(self, k: int, left: float, right: float) -> str | None:
        if not (0 <= k < len(self.lines)) or k in self.used:
            return None
        fragment = self.fragments[k]
        in_column = fragment is not None and _in_column(self.lines[k], left, right)
        return fragment if in_column else None


def _row_observations(page: _Page, idx: int, pairs: Sequence[Pair]) -> Iterator[Observation]:
    """A row's pairs as observations; only its last pair can own a wrapped name."""
    line = page.lines[idx]
    for k, pair in enumerate(pairs):
        text = "".join(w.text for w in pair.name_words)
        if k == len(pairs) - 1:
            left, right = _name_span(line, pair)
            if text:
                text += _name_tail(page, idx, left, right)
            else:
                text = _centred_name(page, idx, left, right)
        name = clean_name(text) if text else None
        kind = kind_of(pair.code)
        if name and kind:
            yield Observation(kind, pair.code, name)


def _name_span(line: Sequence[Word], pair: Pair) -> tuple[float, float]:
    """Left and right x of the column a pair's name fragments must sit in."""
    after = [w for w in line if w.x0 > pair.code_word.x1]
    right = after[0].x0 if after and not pair.name_words else 1e9
    if pair.name_words:
        right = pair.name_words[-1].x1 + 3 * _height(line)
    return pair.code_word.x1, right


def _centred_name(page: _Page, idx: int, left: float, right: float) -> str:
    """The name of a nameless code row from the fragments just above and below it, or ""."""
    lines = page.lines
    if not (idx > 0 and idx + 1 < len(lines)):
        return ""
    above = page.fragment_at(idx - 1, left, right)
    below = page.fragment_at(idx + 1, left, right)
    h = _height(lines[idx])
    up, down = _gap(lines[idx - 1], lines[idx]), _gap(lines[idx], lines[idx + 1])
    # A centred cell puts its two halves equally far from the row; names that
    # merely sit above their own rows (one per row) fail this.
    if above and below and max(up, down) < 0.8 * h and abs(up - down) <= 0.5 * h:
        page.used.update((idx - 1, idx + 1))
        return above + below
    return ""


def _name_tail(page: _Page, idx: int, left: float, right: float) -> str:
    """The second line of a top-aligned name under row ``idx``, or ""."""
    lines = page.lines
    if idx + 1 >= len(lines):
        return ""
    below = page.fragment_at(idx + 1, left, right)
    gap = _gap(lines[idx], lines[idx + 1])
    if not below or gap >= 0.8 * _height(lines[idx]):
        return ""
    next_gap = _gap(lines[idx + 1], lines[idx + 2]) if idx + 2 < len(lines) else 1e9
    if gap < next_gap:
        page.used.add(idx + 1)
        return below
    return ""
