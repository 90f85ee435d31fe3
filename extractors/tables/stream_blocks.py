"""Which runs of visual lines are an unruled table: lines with several columns and figures."""

from __future__ import annotations

import itertools
import re
from statistics import median

from extractors.model import Line, Word

NUMBER = re.compile(r"^[-−]?(\d{1,3}([,，]\d{3})+|\d+)(\.\d+)?%?$")
# Dot leaders ("Total . . . . 10,690") guide the eye from a label to its figures; they are
# no column of their own.
LEADER = re.compile(r"^[\s.．·…]*[.．·…][\s.．·…]*$")
COLUMN_GAP = 9.0  # points between two words that are in different columns
# Two figures side by side are two cells even closer than that: a wide table's figures,
# shrunk to fit their columns, stand 5 points apart (no cell prints two numbers; the text
# layer already splits words at 1.5 points).
FIGURE_GAP = 3.0
# Header lines a table's body keeps above it: labels wrapped over two lines on three
# header rows (items × funds 三公 tables) take six lines.
MAX_WRAPPED_HEADER_LINES = 6
# One-cell lines a table may hold in a row: items with no figures at all (三、国有资本经营
# 预算拨款收入 / 四、事业收入 / 五、其他收入 with blank cells) are rows, not the table's end.
MAX_LABEL_ONLY_LINES = 4
# A lone row of figures this high on its page (under at most a label tail broken off the
# row above it) continues the table on the page before.
TOP_LINES = 2


_NOTE = re.compile(r"^(注|说明|备注|本表|单位|数据来源|资料来源)")

# Cells that state a zero with a dash; a row of nothing else is still a row of figures
# (a department with no 三公 spending prints 预算数  -  -  -  -).
ZERO_MARK = re.compile(r"^[-—－–]{1,2}$")


def is_numeric_row(line: Line) -> bool:
    if _columns_in(line) < 2:
        return False
    marks = sum(bool(ZERO_MARK.match(w.text)) for w in line.words)
    # An item with a dash per column (公务接待费  -  -): two marks after a label are a row.
    labelled = (
        marks >= 2 and marks == len(line.words) - 1 and not ZERO_MARK.match(line.words[0].text)
    )
    return marks >= 3 or labelled or any(NUMBER.match(w.text) for w in line.words)


def column_count(line: Line) -> int:
    """Columns a line's words stand in (gaps wider than COLUMN_GAP, or figures apart)."""
    return _columns_in(line)


def _columns_in(line: Line) -> int:
    count = 1
    for prev, word in zip(line.words, line.words[1:], strict=False):
        gap = word.x0 - prev.x1
        # Numbers only: a dash beside a page number ("- 10 -") is no pair of cells.
        figures = bool(NUMBER.match(prev.text) and NUMBER.match(word.text))
        if gap >= COLUMN_GAP or (gap >= FIGURE_GAP and figures):
            count += 1
    return count


def table_blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines with several columns, at least two of them carrying numbers."""
    heights = [ln.bbox[3] - ln.bbox[1] for ln in lines] or [10.0]
    max_gap = 2.5 * median(heights)
    blocks: list[list[Line]] = []
    run: list[Line] = []
    pending: list[Line] = []  # one-cell lines inside a table (a label centred on merged rows)
    for line in lines:
        multi = _columns_in(line) >= 2 or (run and is_numeric_row(line))
        last = (pending or run)[-1] if run else None
        close = last is None or line.bbox[1] - last.bbox[3] <= max_gap
        if multi and close:
            run.extend(pending)
            run.append(line)
            pending = []
        elif run and close and len(pending) < MAX_LABEL_ONLY_LINES:
            pending.append(line)
        else:
            blocks.append(_with_label_tail(run, pending))
            run, pending = ([line] if multi else []), []
    blocks.append(_with_label_tail(run, pending))
    blocks = [_with_wrapped_top(b, lines) for b in blocks]
    return _with_detached_headers(blocks, max_gap, lines[:TOP_LINES])


def _with_label_tail(run: list[Line], pending: list[Line]) -> list[Line]:
    """A row label wrapped over two lines and centred on its row of figures ("2025年预" /
    "算数") prints its second line overlapping that row: on the block's last row it is the
    label's tail, not a line after the table."""
    if run and pending and pending[0].bbox[1] < run[-1].bbox[3]:
        return [*run, pending[0]]
    return [*run, *_blank_rows(run, pending)]


def _blank_rows(run: list[Line], pending: list[Line]) -> list[Line]:
    """The last items of a table may print no figure at all (公务接待费 with blank cells):
    a label line one row pitch under the table, in its label column and left of its
    figures, is a row.  A note (注：…) or a heading starts further left or further down."""
    body = run[next((i for i, ln in enumerate(run) if is_numeric_row(ln)), len(run)) :]
    if not body or not pending:
        return []
    # One row of figures (预算数 over a blank 决算数): its row pitch is two of its lines.
    pitch = (
        median(b.bbox[1] - a.bbox[1] for a, b in itertools.pairwise(body))
        if len(body) > 1
        else 2 * (body[0].bbox[3] - body[0].bbox[1])
    )
    left = min(ln.words[0].x0 for ln in body)
    figures = [w.x0 for ln in body for w in ln.words if NUMBER.match(w.text)]
    out: list[Line] = []
    last = run[-1]
    for line in pending:
        first = line.words[0]
        off = first.x0 < left - 1.0 or not figures or line.bbox[2] >= min(figures)
        if off or _NOTE.match(first.text) or line.bbox[1] - last.bbox[1] > 1.15 * pitch:
            break
        out.append(line)
        last = line
    return out


def _with_wrapped_top(block: list[Line], lines: list[Line]) -> list[Line]:
    """A label wrapped over two lines and centred on a one-line header row prints its first
    line above that row ("合计（千" over the labels, "元）" under them): the line above the
    block belongs to it when each of its words has its other half right under the row."""
    if len(block) < 3:
        return block
    index = next((i for i, ln in enumerate(lines) if ln is block[0]), 0)
    if index == 0 or _columns_in(lines[index - 1]) > 2:
        return block
    top, row, under = lines[index - 1], block[0], block[1]
    if is_numeric_row(row) or is_numeric_row(under):
        return block  # a label tail over the first body row of a continuation page
    height = row.bbox[3] - row.bbox[1]
    if row.bbox[1] - top.bbox[3] > height or under.bbox[1] - row.bbox[3] > height:
        return block
    halves = all(any(_halves(w, u) for u in under.words) for w in top.words)
    return [top, *block] if top.words and halves else block


def _halves(upper: Word, lower: Word) -> bool:
    return abs(upper.xc - lower.xc) <= 0.6 * (upper.x1 - upper.x0) and not NUMBER.match(lower.text)


def _table_body(block: list[Line], previous: list[Line], top: list[Line]) -> bool:
    """Two rows of figures make a table; so does one row of several figures under a header
    of several labels (a 三公 table with one 预算数 row), and one labelled row of figures
    that opens the page (the last row of a table the page before, under no header)."""
    numeric = [i for i, ln in enumerate(block) if is_numeric_row(ln)]
    if len(numeric) >= 2:
        return True
    if len(numeric) != 1 or _figures_in(block[numeric[0]]) < 2:
        return False
    row = block[numeric[0]]
    if any(row is ln for ln in top) and _columns_in(row) > _figures_in(row):
        return True
    # Two figures (合计 and the one item spent on, the other cells blank) need a header
    # of four labels and more: a prose line with two numbers has no such line above it.
    wide = 3 if _figures_in(block[numeric[0]]) >= 3 else 4
    above = block[: numeric[0]] or previous
    # A header over two lines (单位名称 项目名称 / 合计 财政拨款 其他资金) counts as a whole.
    labels = sum(_columns_in(ln) for ln in above if _columns_in(ln) >= 2 and not is_numeric_row(ln))
    return labels >= wide


def _figures_in(line: Line) -> int:
    return sum(bool(NUMBER.match(w.text) or ZERO_MARK.match(w.text)) for w in line.words)


def _with_detached_headers(
    blocks: list[list[Line]], max_gap: float, top: list[Line]
) -> list[list[Line]]:
    """Tables, each with its header: a header set apart from the body by blank lines (a
    three-line table's top rule) is a short run of label lines right above a body that
    starts with figures."""
    out: list[list[Line]] = []
    previous: list[Line] = []
    for block in blocks:
        if not _table_body(block, previous, top):
            previous = block
            continue
        header_only = 0 < len(previous) <= MAX_WRAPPED_HEADER_LINES and not any(
            is_numeric_row(ln) for ln in previous
        )
        near = bool(previous) and block[0].bbox[1] - previous[-1].bbox[3] <= 2.5 * max_gap
        if is_numeric_row(block[0]) and header_only and near:
            block = previous + block
        out.append(block)
        previous = []
    return out
