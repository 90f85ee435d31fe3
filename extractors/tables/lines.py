"""Group a page's words into visual lines (titles, unit lines, prose)."""

from __future__ import annotations

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
    return out


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
