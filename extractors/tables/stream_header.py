"""An unruled table's header lines: the columns their labels add and the cells they span."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.model import Cell, Line, Word
from extractors.tables.cells import make_cell
from extractors.tables.stream_rows import span_of

_CAPTION = re.compile(r"[:：]")
ATTACH_REACH = 120.0  # points from a header label's edge to the nearest of its figures


def with_header_columns(
    bounds: list[tuple[float, float]], header: list[Line]
) -> list[tuple[float, float]]:
    """Columns that are empty in every body row still have a header label: keep them.

    A label that merely sits off its figures (centred over right-aligned amounts) is no
    column of its own: a label that overlaps no column belongs to the nearest column no
    other label of its line claims.  A label left without one makes a column if it is on
    the line right above the body; higher up (groups: 本年预算 over 合计/基本/项目, wrapped
    label parts) only outside every column found, since groups span columns later."""
    if not header or not bounds:
        return sorted(bounds)
    # Wrap tails name no column, but they still show where a label of their row stands.
    raw = [_without_captions(ln) for ln in header]
    header = _without_wrap_tails(raw)
    if not any(ln.words for ln in header):
        return sorted(bounds)
    left, right = min(a for a, _ in bounds), max(b for _, b in bounds)
    out = list(bounds)
    extra: list[tuple[float, float]] = []
    # Bottom up: the labels right above the figures first, so that a column's extent takes
    # its label in before the group labels above are centred over the columns.
    for depth, line in reversed(list(enumerate(header))):
        leaf = depth == len(header) - 1
        out, loose = _attach_labels(out, line, raw)
        below = header[depth + 1 :]
        extra += [(a, b) for a, b in loose if leaf or b < left or a > right or _bare((a, b), below)]
    return sorted(out + extra)


def _without_captions(line: Line) -> Line:
    """ "单位：元" / "单位名称：…" over the table's right or left edge name no column."""
    return replace(line, words=[w for w in line.words if not _CAPTION.search(w.text)])


def _without_wrap_tails(header: list[Line]) -> list[Line]:
    """The lines without the second lines of wrapped labels ("因公出国（境）" / "费"): such a
    tail is centred under its label a line's leading lower and names no column itself."""
    out = [header[0]]
    for depth, line in enumerate(header[1:], 1):
        # The label's own line may hold nothing else: a one-line label of the same header
        # row, centred in it, prints on a line of its own between the two.
        uppers = [u for ln in header[:depth] for u in ln.words]
        tails = {id(w) for w in line.words if any(_wraps_under(u, w) for u in uppers)}
        out.append(replace(line, words=[w for w in line.words if id(w) not in tails]))
    return out


def _wraps_under(upper: Word, word: Word) -> bool:
    height = upper.bottom - upper.top
    close = 0 < word.top - upper.top <= 1.5 * height
    return close and abs(upper.xc - word.xc) <= 2.0 and word.x1 - word.x0 <= upper.x1 - upper.x0


def _bare(span: tuple[float, float], below: list[Line]) -> bool:
    """No label under this one: it names a column of its own (基本支出 beside 合计 on the
    科目名称 line, above a 类/款/项 line that only the code columns use), not a group."""
    a, b = span
    return not any(w.x0 < b and w.x1 > a for line in below for w in line.words)


def _attach_labels(
    bounds: list[tuple[float, float]], line: Line, header: list[Line]
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Each label overlapping no column joins the nearest column no other label of the line
    claims; that column then spans the label where it can without touching a neighbour (a
    group label centred over several columns cannot).  The rest are returned loose."""
    out = _widened(list(bounds), line)
    claimed = {i for w in line.words for i, (a, b) in enumerate(out) if w.x0 < b and w.x1 > a}
    loose = [w for w in line.words if not any(w.x0 < b and w.x1 > a for a, b in out)]
    nearest = {id(w): _nearest_by_gap(w, out) for w in loose}
    unclaimed: list[tuple[float, float]] = []
    for word in sorted(loose, key=lambda w: nearest[id(w)][1]):
        i, gap = nearest[id(word)]
        if i in claimed or gap > ATTACH_REACH or _named_beside(word, out[i], header):
            unclaimed.append((word.x0, word.x1))
            continue
        claimed.add(i)
        wider = (min(out[i][0], word.x0), max(out[i][1], word.x1))
        left_ok = i == 0 or out[i - 1][1] < wider[0]
        right_ok = i == len(out) - 1 or wider[1] < out[i + 1][0]
        if left_ok and right_ok:
            out[i] = wider
    return out, unclaimed


def _widened(out: list[tuple[float, float]], line: Line) -> list[tuple[float, float]]:
    """A column of narrow figures (dashes set right) that its label only grazes takes the
    label's extent, so the label is placed over it and not over the neighbour it nears."""
    for word in line.words:
        hits = [i for i, (a, b) in enumerate(out) if word.x0 < b and word.x1 > a]
        if len(hits) != 1:
            continue
        i = hits[0]
        wider = (min(out[i][0], word.x0), max(out[i][1], word.x1))
        left_ok = i == 0 or out[i - 1][1] < wider[0]
        right_ok = i == len(out) - 1 or wider[1] < out[i + 1][0]
        if left_ok and right_ok:
            out[i] = wider
    return out


def _named_beside(word: Word, column: tuple[float, float], header: list[Line]) -> bool:
    """The column already has a label of its own in the same header row, beside this one:
    a label wrapped over two lines and centred in a tall cell sits over its figures, while
    a one-line label beside it is vertically centred between those lines.  The one-line
    label names a column whose figures are all blank (公务用车购置费 with no purchase)."""
    a, b = column
    height = word.bottom - word.top
    bottom = _stack_bottom(word, header)
    for other in (w for ln in header for w in ln.words):
        # Beside a label wrapped over lines ("政府/性基/金"), a one-line label of the same
        # header row is centred on the stack's middle line, not on its first.
        centre = (other.top + other.bottom) / 2
        stacked = word.top < centre < bottom and bottom - word.bottom > 0.5 * height
        same_row = (abs(other.top - word.top) <= 0.8 * height or stacked) and other is not word
        beside = other.x1 <= word.x0 or other.x0 >= word.x1
        if same_row and beside and other.x0 < b and other.x1 > a:
            return True
    return False


def _stack_bottom(word: Word, header: list[Line]) -> float:
    """The bottom of the label `word` opens: its wrapped lines centred under it."""
    bottom, upper = word.bottom, word
    for line in header:
        tail = next((w for w in line.words if _wraps_under(upper, w)), None)
        if tail is not None:
            bottom, upper = tail.bottom, tail
    return bottom


def _nearest_by_gap(word: Word, bounds: list[tuple[float, float]]) -> tuple[int, float]:
    """The column whose figures come closest to the label's edge.  A label centred in its
    cell is always nearer its own figures, left- or right-aligned, than its neighbour's."""
    gaps = [max(a - word.x1, word.x0 - b, 0.0) for a, b in bounds]
    best = min(range(len(bounds)), key=lambda i: gaps[i])
    return best, gaps[best]


def header_cells(
    page: int,
    row: int,
    line: Line,
    below: list[Line],
    bounds: list[tuple[float, float]],
    above: list[Line] | None = None,
) -> list[Cell]:
    """Header words; a group label centred over several columns spans them."""
    spans: dict[tuple[int, int], list[Word]] = {}
    centres = [w.xc for w in line.words]
    tops = _label_tops(below, bounds)
    for word in line.words:
        span = _group_span(word, centres, bounds, tops) if below else None
        if span and _named_above(word, span, [*(above or []), *_same_band(word, below)], bounds):
            span = None
        spans.setdefault(span or span_of(word, bounds), []).append(word)
    cells = []
    for (first, last), group in sorted(spans.items()):
        cell = make_cell(row, first, group, (0.0, 0.0, 0.0, 0.0), page)
        cell.col_span = last - first + 1
        cells.append(cell)
    return cells


def _same_band(word: Word, lines: list[Line]) -> list[Line]:
    """Lines half a line below the word: a one-line label centred in a cell whose other
    labels wrap over two lines prints between their lines, in the same header row."""
    height = word.bottom - word.top
    return [ln for ln in lines if any(0 < w.top - word.top <= 0.8 * height for w in ln.words)]


def _named_above(
    word: Word, span: tuple[int, int], above: list[Line], bounds: list[tuple[float, float]]
) -> bool:
    """A column of the span already has a label of its own higher up, beside this one
    (公务用车购置及/运行费 wrapped around a centred 公务用车购置费): no group spans it.
    A caption over the header ("单位：元" above the last group) names no column."""
    labels = [w for ln in above for w in _without_captions(ln).words]
    for i in range(span[0], span[1] + 1):
        a, b = bounds[i]
        for other in labels:
            beside = other.x1 <= word.x0 or other.x0 >= word.x1
            if beside and other.x0 < b and other.x1 > a:
                return True
    return False


def _label_tops(below: list[Line], bounds: list[tuple[float, float]]) -> list[float | None]:
    """Per column, the top of the highest label under the group line (None: no label)."""
    tops: list[float | None] = [None] * len(bounds)
    for line in below:
        for word in line.words:
            for i, (a, b) in enumerate(bounds):
                if word.x0 < b and word.x1 > a:
                    top = tops[i]
                    tops[i] = word.top if top is None else min(top, word.top)
    return tops


def _edges_stand_apart(first: int, last: int, tops: list[float | None]) -> bool:
    """A run whose edge column's label sits higher than every label inside the run.

    Such a label is centred in a cell taller than the group's children (合计 and 项目支出
    beside 基本支出 over 小计/人员经费/公用经费): its cell starts on the group's own
    row, so the group cannot span it, even when the wider run is centred as well."""
    inner = [t for t in tops[first + 1 : last] if t is not None]
    if not inner:
        return False
    highest = min(inner)
    return any(t is not None and t < highest - 2.0 for t in (tops[first], tops[last]))


def _group_span(
    word: Word,
    centres: list[float],
    bounds: list[tuple[float, float]],
    tops: list[float | None],
) -> tuple[int, int] | None:
    """The widest run of columns centred on the label, none of them nearer another label."""

    def nearest_distance(a: float, b: float) -> float:
        return min(abs(c - (a + b) / 2) for c in centres)

    # A column equally far from two labels may belong to either: both may try it.
    mine = [
        i
        for i, (a, b) in enumerate(bounds)
        if abs(word.xc - (a + b) / 2) <= nearest_distance(a, b) + 2.0
    ]
    best: tuple[int, int] | None = None
    for first in mine:
        for last in mine:
            if last < first or any(i not in mine for i in range(first, last + 1)):
                continue
            if _edges_stand_apart(first, last, tops):
                continue
            left, right = bounds[first][0], bounds[last][1]
            centred = abs((left + right) / 2 - word.xc) <= max(8.0, 0.06 * (right - left))
            if centred and (best is None or last - first > best[1] - best[0]):
                best = (first, last)
    return best if best is not None and best[1] > best[0] else None


WRAP_GAP = 0.45  # of a line's height: lines of one wrapped label sit closer than header rows


def join_wrapped_labels(cells: list[Cell]) -> list[Cell]:
    """A label wrapped over lines in its column ("因公出国（境）" / "费") is one label.

    Lines of one cell sit a line's leading apart; the next header row's label is further
    down.  Only one-column labels join, the lower centred under the upper one."""
    by_col: dict[int, list[Cell]] = {}
    for cell in sorted(cells, key=lambda c: c.row):
        if cell.col_span == 1 and cell.text.strip():
            by_col.setdefault(cell.col, []).append(cell)
    dropped: set[int] = set()
    merged: dict[int, Cell] = {}
    for column in by_col.values():
        upper = column[0]
        for lower in column[1:]:
            if _wraps_into(upper, lower):
                upper = merged[id(column[0])] = _joined(upper, lower)
                dropped.add(id(lower))
            else:
                break
    return [merged.get(id(c), c) for c in cells if id(c) not in dropped]


def _wraps_into(upper: Cell, lower: Cell) -> bool:
    height = upper.bbox[3] - upper.bbox[1]
    if height <= 0 or not upper.words:
        return False
    gap = lower.bbox[1] - upper.bbox[3]
    centre = (lower.bbox[0] + lower.bbox[2]) / 2
    return -1.0 <= gap < WRAP_GAP * height and upper.bbox[0] - 1 <= centre <= upper.bbox[2] + 1


def _joined(upper: Cell, lower: Cell) -> Cell:
    cell = make_cell(upper.row, upper.col, [*upper.words, *lower.words], (0.0,) * 4, upper.page)
    return cell
