"""Stages `map` (metadata, then one mapper per table kind and the prose -> readings) and
`reconcile` (the readings of one path -> one value with every source)."""

from __future__ import annotations

from dataclasses import replace

from extractors.mapping.coded_items import economic_items, function_items
from extractors.mapping.metadata import department, fiscal_year_and_kind, from_file_name
from extractors.mapping.narrative import narrative_readings
from extractors.mapping.printed_over_sums import prefer_printed_basic
from extractors.mapping.projects import project_readings
from extractors.mapping.summary import summary_readings
from extractors.mapping.three_public import three_public_readings
from extractors.model import Line, Reading
from extractors.reconcile import reconcile
from extractors.stages.state import DocumentState, Mapped, Metadata
from extractors.stages.totals import table_totals
from extractors.tables.typed import TypedTable
from schemas import TableKind

# The department's name is printed on the cover or the first pages of the 说明.
DEPARTMENT_LINES = 200


def map_readings(state: DocumentState) -> DocumentState:
    meta = _metadata(state.lines, state.info.path.stem)
    mapped = _mapped(state.typed)
    functions, economics, basics = mapped.functions, mapped.economics, mapped.basics
    readings: list[Reading] = [
        *(p.amount for p in mapped.projects if p.amount is not None),
        *summary_readings(state.typed),
        *functions.readings,
        *functions.totals,
        *economics.readings,
        *economics.totals,
        *basics.readings,
        *basics.totals,
        *three_public_readings(state.typed, meta.year),
        *narrative_readings(state.prose, meta.year),
    ]
    readings += table_totals(readings, functions, basics)
    return replace(state, meta=meta, mapped=mapped, readings=readings)


def reconcile_values(state: DocumentState) -> DocumentState:
    return replace(state, values=reconcile(state.readings))


def _metadata(lines: list[Line], file_stem: str) -> Metadata:
    """Year, kind and department from the title; the file name fills what it lacks."""
    year, kind, title_department = fiscal_year_and_kind(lines)
    name_year, name_department = from_file_name(file_stem)
    dept = department(lines[:DEPARTMENT_LINES], title_department) or name_department
    return Metadata(year=year or name_year, kind=kind, department=dept)


def _mapped(typed: list[TypedTable]) -> Mapped:
    functions = function_items(typed)
    prefer_printed_basic(functions, typed)
    return Mapped(
        functions=functions,
        economics=economic_items(
            typed, TableKind.economic_classification_summary, "expenditure_by_economic"
        ),
        basics=economic_items(
            typed, TableKind.basic_expenditure_economic, "basic_expenditure_by_economic"
        ),
        projects=project_readings(typed),
    )
