"""Layout traits: each drawn independently from the seed, each a named flag.

A weak trait must show by name in the benchmark, so traits are not bundled into templates:
every document is one point of the product space.  `values()` gives "name=value" strings.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, fields

# The choices of each trait; the first one is the plain case.
CHOICES: dict[str, tuple[str | bool | int, ...]] = {
    "rules": ("ruled", "three_line", "unruled"),
    "header_rows": (1, 2, 3),
    "codes": ("one_column", "three_columns", "outline", "names_only"),
    "subtotal_rows": (True, False),  # 类/款 rows printed (always with outline / names only)
    "dual_codes": (False, True),  # 部门经济科目编码 + 政府经济科目编码
    "wrap_names": (False, True),  # narrow name column: long names over two lines
    "amount_align": ("right", "centre"),  # headers are always centred
    "zero": ("blank", "0.00", "-", "—"),
    "three_public": ("rows", "columns", "matrix", "year_rows"),
    "split": ("none", "repeat_header", "no_header"),
    "broken_row": (False, True),  # a split table's row broken by the page end
    "orientation": ("portrait", "landscape", "rotated"),  # of the wide tables
    "unit": ("万元", "元", "千元"),
    "unit_place": ("unit_line", "title", "header_cell", "footnote"),
    "thousands": (False, True),
    "rounding": ("exact", "slip"),  # slip: each cell rounded on its own, sums off by a unit
    "indicators": (False, True),  # indicator columns beside project amounts
    "narrative": ("none", "exact", "rounded"),
    "kind": ("budget", "final_accounts"),
    "economic_summary": (False, True),  # 支出经济分类汇总表 (all spending by economic code)
    "extra_tables": (False, True),  # 收入总表, 财政拨款收支总表, 一般公共预算支出表, 基金表
    "procurement_table": (False, True),
}


@dataclass(frozen=True)
class Traits:
    rules: str
    header_rows: int
    codes: str
    subtotal_rows: bool
    dual_codes: bool
    wrap_names: bool
    amount_align: str
    zero: str
    three_public: str
    split: str
    broken_row: bool
    orientation: str
    unit: str
    unit_place: str
    thousands: bool
    rounding: str
    indicators: bool
    narrative: str
    kind: str
    economic_summary: bool
    extra_tables: bool
    procurement_table: bool

    @property
    def final(self) -> bool:
        return self.kind == "final_accounts"

    @property
    def with_subtotals(self) -> bool:
        """Outline and names-only tables need their 类/款 rows to say where a 项 belongs."""
        return self.subtotal_rows or self.codes in ("outline", "names_only")

    def values(self) -> list[str]:
        return [f"{k}={_show(v)}" for k, v in asdict(self).items()]


def _show(v: object) -> str:
    return str(v).lower() if isinstance(v, bool) else str(v)


def draw(seed: int) -> Traits:
    """The traits of `seed`: independent uniform choices (a separate stream from the budget)."""
    rng = random.Random(seed * 104729 + 3)
    picked = {f.name: rng.choice(CHOICES[f.name]) for f in fields(Traits)}
    return Traits(**picked)  # type: ignore[arg-type]


def plain() -> Traits:
    """The easiest document: every trait at its first choice."""
    return Traits(**{f.name: CHOICES[f.name][0] for f in fields(Traits)})  # type: ignore[arg-type]
