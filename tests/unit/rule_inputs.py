"""Inputs for the finding rules built in code: prose lines, a typed table with only a
title, a value with its sources."""

from __future__ import annotations

from decimal import Decimal

from extractors.model import Line, Table, Word
from extractors.reconcile import Value
from extractors.tables.header import Header
from extractors.tables.typed import TypedTable
from extractors.validation.findings import Context
from schemas import Source, TableKind


def prose_lines(*texts: str, page: int = 1) -> list[Line]:
    return [
        Line(page=page, words=[Word(text=t, bbox=(0.0, 20.0 * i, 100.0, 20.0 * i + 10))])
        for i, t in enumerate(texts)
    ]


def prose_context(*texts: str) -> Context:
    return Context(values={}, typed=[], prose=prose_lines(*texts))


def titled_table(kind: TableKind, title: str, page: int = 3) -> TypedTable:
    table = Table(
        table_id=f"p{page}-t1",
        pages=[page],
        bbox=(0, 0, 1, 1),
        cells=[],
        n_rows=0,
        n_cols=0,
        engine="test",
    )
    return TypedTable(
        table=table,
        kind=kind,
        title=title,
        unit="万元",
        unit_stated=True,
        header=Header(rows=0, paths=[]),
        roles=[],
    )


def value_of(
    path: str,
    yuan: str,
    raw: str,
    *sources: Source,
    source_checks: list[tuple[str, bool]] | None = None,
) -> Value:
    return Value(
        path=path,
        value=Decimal(yuan),
        raw=raw,
        unit="万元",
        sources=list(sources),
        source_checks=source_checks or [],
    )


def cell_source(page: int, raw: str) -> Source:
    return Source(page=page, table_id=f"p{page}-t1", row=1, col=1, text=raw)
