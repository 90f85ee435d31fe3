"""Turn a table cell or a sentence into a Reading with its source and doubts."""

from __future__ import annotations

from decimal import Decimal

from extractors.model import DOUBTED_PENALTY, Cell, Reading, Signal
from extractors.numbers import parse_amount, to_yuan
from extractors.tables.typed import TypedTable
from schemas import ReadMethod, Source

# A value with such a reading stays in review.
IDENTITY_CHOICE_PENALTY = DOUBTED_PENALTY


def cell_reading(
    path: str, cell: Cell | None, typed: TypedTable, signals: list[Signal] | None = None
) -> Reading | None:
    """A reading from a cell in an amount column; an empty cell is a stated zero."""
    if cell is None:
        return None
    parsed = parse_amount(cell.text)
    if parsed is None:
        return None
    doubts = list(signals or [])
    if typed.unit_guessed:
        doubts.append(Signal("unit_guessed", 1.0))
    elif not typed.unit_stated:
        doubts.append(Signal("unit_assumed", 0.5))
    if cell.confidence < 1.0:
        doubts.append(Signal("ocr_score", _ocr_penalty(cell.confidence)))
    if parsed.empty:
        doubts.append(Signal("empty_cell", 0.2))
    if cell.choice is not None and cell.choice.confirmed_by is None:
        # Chosen by an identity that cannot also confirm it: review (ocr/identity_choice.py).
        doubts.append(Signal("identity_choice", IDENTITY_CHOICE_PENALTY))
    return Reading(
        path=path,
        value=to_yuan(parsed.value, typed.unit),
        raw=parsed.raw,
        unit=typed.unit,
        source=Source(
            page=cell.page,
            bbox=cell.bbox,
            table_id=typed.table_id,
            row=cell.row,
            col=cell.col,
            method=ReadMethod(cell.method),
            text=cell.text,
        ),
        signals=doubts,
    )


def _ocr_penalty(score: float) -> float:
    # OCR scores near 1 are common even for misreads of one digit: doubt grows fast below 0.95.
    return min(4.0, max(0.0, (1.0 - score) * 20.0))


def sum_readings(path: str, parts: list[Reading]) -> Reading:
    """Rows of one code under several government codes: one value, every row a source."""
    first = parts[0]
    total = sum((r.value for r in parts), Decimal(0))
    raw = "+".join(r.raw for r in parts) if len(parts) > 1 else first.raw
    reading = Reading(path, total, raw, first.unit, first.source, [])
    for part in parts:
        reading.signals.extend(part.signals)
    reading.extra_sources = [r.source for r in parts[1:]]
    return reading
