"""Group a page's words into visual lines (titles, unit lines, prose)."""

from __future__ import annotations

import re

from extractors.model import Line, Page, Word


def group_lines(words: list[Word], page: int) -> list[Line]:
    """Words whose vertical extents overlap by half their height share a line."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        target = _line_for(lines, word)
        if target is None:
            lines.append([word])
        else:
            target.append(word)
    out = [Line(page=page, words=sorted(ws, key=lambda w: w.x0)) for ws in lines]
    out.sort(key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    return _merge_orphans(out)


_ORPHAN = re.compile(r"^[\d,.，。、；;：:()（）“”\"%\-—]+$")


def _merge_orphans(lines: list[Line]) -> list[Line]:
    """Some producers set digits and punctuation on a shifted baseline (重庆): a line made
    only of such tokens, sitting in the gaps of the line just above it, belongs to that line."""
    out: list[Line] = []
    for line in lines:
        above = out[-1] if out else None
        if above is not None and _is_orphan_of(line, above):
            above.words = sorted([*above.words, *line.words], key=lambda w: w.x0)
            continue
        out.append(line)
    return out


def _is_orphan_of(line: Line, above: Line) -> bool:
    if not all(_ORPHAN.match(w.text) for w in line.words):
        return False
    height = above.bbox[3] - above.bbox[1]
    if line.bbox[1] - above.bbox[1] > 0.9 * height:
        return False
    # Shifted tokens sit in the gaps they were typeset in; allow a sliver of overlap.
    return all(_overlap_share(w, above.words) <= 0.5 for w in line.words)


def _overlap_share(word: Word, others: list[Word]) -> float:
    width = max(word.x1 - word.x0, 0.1)
    covered = sum(max(0.0, min(word.x1, o.x1) - max(word.x0, o.x0)) for o in others)
    return covered / width


def _line_for(lines: list[list[Word]], word: Word) -> list[Word] | None:
    height = max(word.bottom - word.top, 1.0)
    # Only the most recent lines can overlap: words arrive sorted by top.
    for line in reversed(lines[-4:]):
        top = min(w.top for w in line)
        bottom = max(w.bottom for w in line)
        overlap = min(bottom, word.bottom) - max(top, word.top)
        if overlap >= 0.5 * min(height, bottom - top):
            return line
    return None


def page_lines(page: Page) -> list[Line]:
    return group_lines(page.words, page.number)
