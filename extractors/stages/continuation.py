"""Continuation pages re-columned onto the page before, by x position (part of `stitch`).

A table printed over several pages with its header once is read page by page, and a
continuation page's columns need not come out as the first page's: an unruled page finds
no column that is blank on all its rows, a scanned grid finds a ruling twice or misses a
faint one.  The printed layout is the same on both pages, so the continuation's cells go
under the earlier page's columns by x position and the pages can be joined.  One repair
per module, in this order:

- fold.py: within one scanned table, a figure in a spurious split column goes back under
  its header (so the earlier page's columns are clean before they are matched);
- realign.py: an unruled continuation with fewer columns, mapped column by column;
- regrid.py: a scanned continuation with other columns, placed cell by cell;
- repeated_header.py: a scanned 续表 whose repeated header came out with other columns,
  its body placed as regrid.py places a headerless one.

Before them, repairs of each scanned table's cells (run here because this is where
scanned grids are mended before the pages are joined): top_lines.py puts a line printed
over the table ("表3（续表）") back above it, ruling_marks.py drops a scrap of a cell's
ruling read as "1", lost_points.py gives a figure read as "24 00" its point back.
"""

from __future__ import annotations

from extractors.model import Table
from extractors.stages.fold import fold_split_columns
from extractors.stages.lost_points import restore_points
from extractors.stages.realign import realign_narrower
from extractors.stages.regrid import regrid_scanned
from extractors.stages.repeated_header import drop_mismatched_headers
from extractors.stages.ruling_marks import drop_ruling_marks
from extractors.stages.top_lines import lift_top_lines


def recolumn_continuations(tables: list[Table]) -> list[Table]:
    """Tables in page order, each continuation page on its predecessor's columns."""
    mended = restore_points(drop_ruling_marks(lift_top_lines(tables)))
    return drop_mismatched_headers(regrid_scanned(realign_narrower(fold_split_columns(mended))))
