"""Stages that let the document's own structure settle OCR readings (scanned tables only):
header words one glyph off a known heading (before typing), then (after typing) the total
column the rows add up to where its heading was lost, codes one glyph off (or garbled
around) the code the lists give the printed name, and figures chosen by the row
identities.  Digital tables pass through unchanged."""

from __future__ import annotations

from dataclasses import replace

from extractors.ocr.code_fragments import repair_code_cells
from extractors.ocr.code_neighbours import fix_neighbour_codes
from extractors.ocr.header_alias import alias_ocr_headers
from extractors.ocr.identity_choice import choose_readings
from extractors.ocr.total_column import name_total_columns
from extractors.stages.state import DocumentState


def alias_headers(state: DocumentState) -> DocumentState:
    return replace(state, tables=alias_ocr_headers(state.tables))


def choose_figures(state: DocumentState) -> DocumentState:
    typed = repair_code_cells(fix_neighbour_codes(name_total_columns(state.typed)))
    return replace(state, typed=choose_readings(typed))
