"""A row broken by the page end: the rest of its label opens the next page on its own line.

"社会保障" with the row's figures ends one page and "和就业支出", alone, opens the next; once
the pages are joined that tail is a label-only row of its own, which names no item and
leaves the row above with half a name.  It is put back at the end of the label above.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.model import Cell, Table
from extractors.tables.header import find_header
from extractors.tables.stream_blocks import NUMBER

# A line that opens with an item number (三、 / （二） / 4、) starts an item of its own.
_ITEM_START = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+、)")


# A label's tail: Chinese words and brackets only, short; no title, unit or number.
_TAIL = re.compile(r"^[\u4e00-\u9fff（）()、]{1,15}$")
_NOT_TAIL = re.compile(r"表|单位|续|合计|总计")
_CAPTION = re.compile(r"[:：]")


def tails_from_context(tables: list[Table]) -> list[Table]:
    """Before pages are joined: a headerless next-page table whose nearest line above is a
    bare label tail gives that tail to the label of the last row on the page before."""
    out = list(tables)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if cur.pages[0] != prev.pages[-1] + 1 or not cur.context:
            continue
        tail = cur.context[-1].strip()
        if not _TAIL.match(tail) or _NOT_TAIL.search(tail) or _ITEM_START.match(tail):
            continue
        if find_header(cur).rows or find_header(prev).rows >= prev.n_rows:
            continue
        last = [c for c in prev.cells if c.row == prev.n_rows - 1]
        label = _name_cell(last)
        if label is None or not any(NUMBER.match(c.text.strip()) for c in last):
            continue
        longer = replace(label, text=label.text + tail)
        cells = [longer if c is label else c for c in prev.cells]
        out[i - 1] = replace(prev, cells=cells)
        out[i] = replace(cur, context=cur.context[:-1])
    return out


def _name_cell(row: list[Cell]) -> Cell | None:
    """The label that runs out of room: the last one before the row's first figure (项目名称
    after 单位名称, 科目名称 after its code), not an indicator right of the amounts."""
    ordered = sorted((c for c in row if c.text.strip()), key=lambda c: c.col)
    labels: list[Cell] = []
    for c in ordered:
        if NUMBER.match(c.text.strip()):
            if labels:
                break
            continue  # a code before the name
        labels.append(c)
    return labels[-1] if labels else None


def tails_under_header(tables: list[Table]) -> list[Table]:
    """Before pages are joined: a next-page table that repeats the header of the table
    before and then opens with a bare label tail (the only text of its row, in the column
    of the last row's label) gives that tail back to the label; the header repeat is then
    found as such and the tail is no longer taken for one more header row."""
    out = list(tables)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        # The tail is the last row the header finder gives the next page (a caption line
        # caught above the first page's header makes the two headers' row counts differ).
        rows = find_header(cur).rows - 1
        if cur.pages[0] != prev.pages[-1] + 1 or cur.n_cols != prev.n_cols or rows < 1:
            continue
        if _header_text(prev, find_header(prev).rows) != _header_text(cur, rows):
            continue
        tail = [c for c in cur.cells if c.row == rows and c.text.strip()]
        spans_into = any(c.row < rows < c.row + c.row_span for c in cur.cells)
        if len(tail) != 1 or spans_into or not _is_tail(tail[0].text.strip()):
            continue
        last = [c for c in prev.cells if c.row == prev.n_rows - 1]
        label = next((c for c in last if c.col == tail[0].col and c.text.strip()), None)
        if label is None or NUMBER.match(label.text.strip()):
            continue
        if not any(NUMBER.match(c.text.strip()) for c in last):
            continue
        longer = replace(label, text=label.text + tail[0].text.strip(),
                         words=[*label.words, *tail[0].words])  # fmt: skip
        out[i - 1] = replace(prev, cells=[longer if c is label else c for c in prev.cells])
        cells = [replace(c, row=c.row - 1) if c.row > rows else c for c in cur.cells
                 if c.row != rows]  # fmt: skip
        out[i] = replace(cur, cells=cells, n_rows=cur.n_rows - 1)
    return out


def _header_text(table: Table, rows: int) -> list[str]:
    """The header's labels in reading order, without captions (单位：千元) that only the
    first page prints."""
    return ["".join(c.text.split()) for c in sorted(table.cells, key=lambda c: (c.row, c.col))
            if c.row < rows and c.text.strip() and not _CAPTION.search(c.text)]  # fmt: skip


def _is_tail(text: str) -> bool:
    return bool(_TAIL.match(text)) and not _NOT_TAIL.search(text) and not _ITEM_START.match(text)


def join_broken_rows(tables: list[Table]) -> list[Table]:
    return [_joined(t) if len(t.pages) > 1 else t for t in tables]


def _joined(table: Table) -> Table:
    rows: dict[int, list[Cell]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell)
    first_body = find_header(table).rows
    for r in sorted(rows):
        above = rows.get(r - 1)
        if r - 1 < first_body or above is None or not _page_break(above, rows[r]):
            continue
        target = _tail_target(above, rows[r])
        if target is not None:
            return _joined(_merge(table, r, target, rows[r]))
    return table


def _page_break(above: list[Cell], row: list[Cell]) -> bool:
    return min(c.page for c in row) > max(c.page for c in above)


def _tail_target(above: list[Cell], row: list[Cell]) -> Cell | None:
    """The label cell above that the row's only text continues, if the row is such a tail."""
    filled = [c for c in row if c.text.strip()]
    if len(filled) != 1:
        return None
    text = filled[0].text.strip()
    if NUMBER.match(text) or _ITEM_START.match(text):
        return None
    if not any(NUMBER.match(c.text.strip()) for c in above):
        return None
    return next((c for c in above if c.col == filled[0].col and c.text.strip()), None)


def _merge(table: Table, r: int, target: Cell, row: list[Cell]) -> Table:
    tail = next(c for c in row if c.text.strip())
    # The tail is higher up its own page than the label on the page before: the text is
    # joined in reading order, not by position.
    words = [*target.words, *tail.words]
    joined = replace(target, text=target.text + tail.text, words=words)
    cells = []
    for c in table.cells:
        if c.row == r:
            continue
        if c is target:
            cells.append(joined)
        else:
            cells.append(replace(c, row=c.row - 1) if c.row > r else c)
    return replace(table, cells=cells, n_rows=table.n_rows - 1)
