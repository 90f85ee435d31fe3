"""The options camelot's own tests pass, as our table hints (extractors/tables/hints.py).

camelot's tests (tests/test_{lattice,stream,network,hybrid}.py) call read_pdf with options
whose output is the expected table; a user of ours would pass the same knowledge as our
keyword hints.  Boxes are in camelot's terms here (PDF space "x1,y1,x2,y2", origin
bottom-left) and converted per page.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.model import BBox
from extractors.tables.hints import TableHints

_US007_AREA = {"areas": ["320,500,573,335"]}
_MEXICAN = {"columns": "67,180,230,425,475", "row_tol": 10}
_M27 = {"columns": "72,95,209,327,442,529,566,606,683"}
# What camelot's tests pass (tests/test_{lattice,stream,network,hybrid}.py), in camelot's
# terms (PDF space "x1,y1,x2,y2"), for the options we have a hint for; keyed by test, or by
# test:data_var where one test checks several outputs.  strip_text, edge_tol, flag_size,
# layout_kwargs and line_scale have no counterpart.
TEST_OPTIONS: dict[str, dict[str, Any]] = {
    "test_hybrid_table_regions": {"regions": ["320,335,573,505"]},
    "test_network_table_regions": {"regions": ["320,335,573,505"]},
    "test_stream_table_regions": {"regions": ["320,460,573,335"]},
    "test_lattice_table_regions": {"regions": ["170,370,560,270"]},
    "test_hybrid_table_areas": _US007_AREA,
    "test_network_table_areas": _US007_AREA,
    "test_stream_table_areas": _US007_AREA,
    "test_lattice_table_areas": {"areas": ["80,693,535,448"]},
    "test_hybrid_columns": _MEXICAN,
    "test_network_columns": _MEXICAN,
    "test_stream_columns": _MEXICAN,
    "test_hybrid_split_text": _M27,
    "test_network_split_text": _M27,
    "test_stream_split_text": _M27,
    "test_hybrid_edge_tol": {"edge_tol": 500},
    "test_network_edge_tol": {"edge_tol": 500},
    "test_stream_edge_tol": {"edge_tol": 500},
    "test_lattice_copy_text": {"span_text": "copy_down"},
    "test_lattice_shift_text:data_lattice_shift_text_disable": {"span_text": "in_place"},
    "test_lattice_shift_text:data_lattice_shift_text_right_bottom": {"span_text": "bottom_right"},
}


def camelot_box(spec: str, height: float) -> BBox:
    """camelot's "x1,y1,x2,y2" (PDF space, origin bottom-left) in our page coordinates."""
    x1, y1, x2, y2 = (float(v) for v in spec.split(","))
    return (min(x1, x2), height - max(y1, y2), max(x1, x2), height - min(y1, y2))


def hints_for(options: dict[str, Any]) -> Any:
    def at(height: float) -> TableHints:
        columns = options.get("columns", "")
        return TableHints(
            areas=tuple(camelot_box(a, height) for a in options.get("areas", ())),
            regions=tuple(camelot_box(r, height) for r in options.get("regions", ())),
            columns=tuple(float(x) for x in columns.split(",")) if columns else (),
            row_tol=float(options.get("row_tol", 0.0)),
            edge_tol=float(options.get("edge_tol", 0.0)),
            span_text=options.get("span_text", "top_left"),
        )

    return at
