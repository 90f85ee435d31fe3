"""Stages that let the document's own structure settle OCR readings (scanned tables only):
header words one glyph off a known heading (before typing), then figures chosen by the
row identities, codes one glyph off the rows around them (after typing).  Digital
tables pass through unchanged."""

from __future__ import annotations

from dataclasses import replace

from extractors.ocr.code_neighbours import fix_neighbour_codes
from extractors.ocr.header_alias import alias_ocr_headers
from extractors.ocr.identity_choice import choose_readings
from extractors.stages.state import DocumentState


def alias_headers(state: DocumentState) -> DocumentState:
    return replace(state, tables=alias_ocr_headers(state.tables))


def choose_figures(state: DocumentState) -> DocumentState:
    return replace(state, typed=choose_readings(fix_neighbour_codes(state.typed)))
