"""What confirms a value: the rule that decides whether it may be `accepted`.

A clean text layer is not evidence: a figure read from the wrong column is just as clean.
A value is confirmed only when something independent of its own reading agrees with it:
an identity it takes part in holds, or a second reading (another table, the narrative)
states the same figure.  Two things do not count:

- an identity that holds trivially, every figure in it zero (blank cells read as 0 balance
  each other whatever the columns are) — unless its whole is confirmed zero elsewhere:
  amounts are not negative, so parts summing to a confirmed 0 are each 0;
- agreement of two readings that are both zero and neither printed (two blanks);
- sums inside one table when no table states a unit: they hold in any unit;
- a parent equal to its only child where the codes are inferred from indentation, not
  printed: a chain of single-child rows read one level off (a 款 taken for its 类) keeps
  every such sum, so it cannot tell the parent row from the child row;
- a row identity over a code summed from several rows: it holds with a row lost.

One printed cell can stand for several paths (a table's 合计 cell is also the department's
基本支出): whatever confirms one of them confirms the others, since it is one figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from extractors.reconcile import Value
from extractors.validation.identities import Outcome, evaluate
from extractors.validation.spending_split import split_identities

CellKey = tuple[str, int, int, int]  # table id, page, row, col


def confirmations(
    values: dict[str, Value],
    outcomes: Iterable[Outcome],
    table_confirmed: Mapping[CellKey, str] | None = None,
) -> dict[str, set[str]]:
    """path -> names of the checks and sources that confirm it (empty: unconfirmed).

    table_confirmed: cells a table's own arithmetic confirms (validation/column_sums.py)."""
    out: dict[str, set[str]] = {path: set() for path in values}
    for path, value in values.items():
        key = _cell_key(value)
        # A table's own sums hold in any unit: they cannot confirm a guessed one.
        if table_confirmed and key and key in table_confirmed and not _unit_guessed(value):
            out[path].add(table_confirmed[key])
    outcomes = [*outcomes, *evaluate(values, split_identities(values))]
    passed = [o for o in outcomes if o.passed]
    for outcome in passed:
        blind = (
            _scale_blind(values, outcome)
            or _level_blind(values, outcome)
            or _completeness_blind(values, outcome)
        )
        if not _trivial(values, outcome) and not blind:
            for path in (outcome.identity.total, *outcome.identity.parts):
                out[path].add(outcome.identity.rule)
    for path, value in values.items():
        if value.agreeing >= 2 and _stated(value):
            out[path].update(name for name, ok in value.source_checks if ok)
    _share_by_cell(values, out)
    _through_zero_sums(values, [o for o in passed if _trivial(values, o)], out)
    _printed_zeros(values, out)
    return out


def _printed_zeros(values: dict[str, Value], out: dict[str, set[str]]) -> None:
    """A zero printed as such ("0.00", not a blank) in a column whose role other figures
    confirm: the text is unambiguous and the column is the right one.  A blank stays
    unconfirmed: in an unruled table a blank may be where a figure slid away from."""
    confirmed_columns = {
        (v.sources[0].table_id, v.sources[0].col)
        for p, v in values.items()
        if out[p] and v.value != 0 and v.sources[0].table_id is not None
    }
    for path, value in values.items():
        src = value.sources[0]
        printed_zero = value.value == 0 and value.raw.strip() not in ("", "-", "—", "－")
        if out[path] or not printed_zero or src.table_id is None:
            continue
        if (src.table_id, src.col) in confirmed_columns:
            out[path].add("printed_zero.confirmed_column")


def _through_zero_sums(
    values: dict[str, Value], zero_sums: list[Outcome], out: dict[str, set[str]]
) -> None:
    """0 = 0 + 0 confirms its parts once its whole is a confirmed 0 (and the whole once
    every part is); repeated down the classification tree."""
    changed = True
    while changed:
        changed = False
        for outcome in zero_sums:
            whole, parts = outcome.identity.total, outcome.identity.parts
            rule = outcome.identity.rule + ".zero"
            if out[whole]:
                targets = [p for p in parts if not out[p]]
            elif all(out[p] for p in parts):
                targets = [whole]
            else:
                continue
            for path in targets:
                out[path].add(rule)
                changed = True
        if changed:
            _share_by_cell(values, out)


def _scale_blind(values: dict[str, Value], outcome: Outcome) -> bool:
    """Sums inside one table hold in any unit: where no table of the document states one
    (元 is a guess), they cannot confirm that its figures are in 元 or 万元."""
    involved = [values[p] for p in (outcome.identity.total, *outcome.identity.parts)]
    tables = {v.sources[0].table_id for v in involved}
    assumed = any(_unit_guessed(v) for v in involved)
    return assumed and len(tables) == 1 and None not in tables


def _unit_guessed(value: Value) -> bool:
    return any(s.name == "unit_guessed" for s in value.signals)


def _level_blind(values: dict[str, Value], outcome: Outcome) -> bool:
    """parent = its only child, over codes we inferred: holds one level off just as well."""
    if len(outcome.identity.parts) != 1:
        return False
    involved = [values[p] for p in (outcome.identity.total, *outcome.identity.parts)]
    return any(s.name == "code_inferred" for v in involved for s in v.signals)


def _completeness_blind(values: dict[str, Value], outcome: Outcome) -> bool:
    """total = basic + project over a code summed from several rows holds row by row: it
    holds just as well when a row was lost (a scan dropped one unit's row), so it cannot
    confirm the sums.  A column total or another table has to."""
    if not outcome.identity.rule.endswith(".row_sum"):
        return False
    paths = (outcome.identity.total, *outcome.identity.parts)
    return any(values[p].terms > 1 for p in paths)


def _trivial(values: dict[str, Value], outcome: Outcome) -> bool:
    paths = (outcome.identity.total, *outcome.identity.parts)
    return all(values[p].value == Decimal(0) for p in paths)


def _stated(value: Value) -> bool:
    return value.value != Decimal(0) or bool(value.raw.strip())


def _share_by_cell(values: dict[str, Value], out: dict[str, set[str]]) -> None:
    by_cell: dict[CellKey, list[str]] = {}
    for path, value in values.items():
        key = _cell_key(value)
        if key is not None:
            by_cell.setdefault(key, []).append(path)
    for paths in by_cell.values():
        if len(paths) < 2:
            continue
        shared = set().union(*(out[p] for p in paths))
        for path in paths:
            out[path] |= shared


def _cell_key(value: Value) -> CellKey | None:
    src = value.sources[0]
    if src.table_id is None or src.row is None or src.col is None or value.terms > 1:
        return None
    return (src.table_id, src.page, src.row, src.col)
