"""One synthetic document: its budget, traits, sheets and narrative, from a seed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.synth import narrative, tables_econ, tables_fn, tables_misc, tables_summary
from tests.synth.budget import Budget, generate
from tests.synth.money import CENT, quantum
from tests.synth.sheet import Ctx, Sheet
from tests.synth.traits import Traits, draw


@dataclass
class Document:
    name: str
    budget: Budget
    traits: Traits
    sheets: list[Sheet]
    cover: list[str]
    paragraphs: list[tuple[str, str]]
    ctx: Ctx  # holds every statement the sheets and sentences make
    # per sheet, the indices of ctx.statements its cells made (for scans of some sheets)
    sheet_statements: list[range] = field(default_factory=list)


def build(seed: int, traits: Traits | None = None) -> Document:
    """The document of `seed` (traits drawn from the seed unless given)."""
    traits = traits or draw(seed)
    # exact: amounts are whole printed units, so printed sums add up; slip: cents, each cell
    # rounded on its own as a spreadsheet prints it
    step = quantum(traits.unit) if traits.rounding == "exact" else CENT
    budget = generate(seed, step)
    ctx = Ctx(budget, traits)
    builders: list[Callable[[Ctx], Sheet]] = [tables_summary.revenue_expenditure]
    if traits.extra_tables:
        builders.append(tables_summary.revenue_by_unit)
    builders.append(tables_fn.expenditure_summary)
    if traits.extra_tables:
        builders += [tables_summary.fiscal_summary, tables_fn.general_budget]
    builders.append(tables_econ.basic_expenditure)
    if traits.economic_summary:
        builders.append(tables_econ.economic_summary)
    builders.append(tables_misc.three_public)
    if traits.extra_tables:
        builders.append(tables_fn.government_fund)
    builders.append(tables_misc.projects)
    if traits.procurement_table:
        builders.append(tables_misc.procurement)
    sheets: list[Sheet] = []
    spans: list[range] = []
    for make in builders:
        before = len(ctx.statements)
        sheets.append(make(ctx))
        spans.append(range(before, len(ctx.statements)))
    paragraphs = narrative.paragraphs(ctx)
    return Document(f"synth_{seed:05d}", budget, traits, sheets, narrative.cover(ctx), paragraphs,
                    ctx, spans)  # fmt: skip
