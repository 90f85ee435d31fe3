"""What a table page says: a grid of cells plus the (path, value) statements its cells make.

Table builders (tables_*.py) fill a Sheet through a Ctx, which prints amounts the way the
traits say and records what each printed cell states; render.py draws sheets, truth.py
reads their statements.  The header is a tree of column labels laid out over 1-3 rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tests.synth.budget import Budget
from tests.synth.kit import Cell, CellLike, Grid
from tests.synth.money import ZERO, fmt, from_printed, to_printed
from tests.synth.traits import Traits

INDENT = 9.0  # points per outline level


@dataclass
class Col:
    """A header node: a leaf is a column (width, alignment); a node with children a group."""

    label: str
    children: list[Col] = field(default_factory=list)
    width: float = 1.0
    align: str = "r"

    def leaves(self) -> list[Col]:
        return [leaf for c in self.children for leaf in c.leaves()] if self.children else [self]

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


@dataclass
class Sheet:
    kind: str  # table kind of the contract, for the record
    title: str
    grid: Grid
    wide: bool = False  # drawn with the orientation trait, else portrait
    long: bool = False  # may be split over pages (split trait)
    name_col: int = -1  # the column a broken row carries on the next page
    note: str = ""


@dataclass
class Ctx:
    budget: Budget
    traits: Traits
    statements: list[tuple[str, Decimal, bool]] = field(default_factory=list)  # strong?

    def amt(self, value: Decimal, path: str | None = None) -> str:
        """Print `value` (元) in the document's unit; record what the cell states."""
        t = self.traits
        printed = to_printed(value, t.unit)
        if path:
            self.statements.append((path, from_printed(printed, t.unit), True))
        if printed == ZERO:
            return {"blank": "", "0.00": "0.00"}.get(t.zero, t.zero)
        return fmt(printed, t.thousands)

    def state(self, path: str, value: Decimal, strong: bool = False) -> None:
        self.statements.append((path, value, strong))

    @property
    def align(self) -> str:
        return "r" if self.traits.amount_align == "right" else "c"

    def unit_label(self, label: str, first: bool) -> str:
        return (
            f"{label}（{self.traits.unit}）"
            if first and self.traits.unit_place == ("header_cell")
            else label
        )


def fit_header(tree: list[Col], rows: int) -> list[Col]:
    """Drop the outermost groups until the tree fits in `rows` header rows."""
    while max(c.depth() for c in tree) > rows:
        tree = [child for c in tree for child in (c.children or [c])]
    return tree


def build_grid(tree: list[Col], rows: int, body: list[list[CellLike]], style: str) -> Grid:
    """Lay the header tree over `rows` rows (leaves stretch to the bottom), then the body."""
    tree = fit_header(tree, rows)
    leaves = [leaf for c in tree for leaf in c.leaves()]
    head: list[list[CellLike]] = [[""] * len(leaves) for _ in range(rows)]
    spans: list[tuple[int, int, int, int]] = []

    def place(node: Col, row: int, col: int) -> int:
        n = len(node.leaves())
        height = 1 if node.children else rows - row
        head[row][col] = node.label
        if n > 1 or height > 1:
            spans.append((row, col, height, n))
        at = col
        for child in node.children:
            at += place(child, row + 1, at)
        return n

    col = 0
    for node in tree:
        col += place(node, 0, col)
    return Grid(
        widths=[leaf.width for leaf in leaves],
        rows=head + body,
        header_rows=rows,
        align="".join(leaf.align for leaf in leaves),
        spans=spans,
        style=style,
    )


def code_tree(codes: str, levels: tuple[str, ...], label: str, name_width: float) -> list[Col]:
    """Code and name columns: one code column, 类/款/项 columns, an outline, or names only."""
    name = Col("科目名称", width=name_width, align="l")
    if codes == "names_only":
        return [Col("项目", width=name_width, align="l")]
    if codes == "three_columns":
        parts = [Col(x, width=0.45, align="l") for x in levels]
        return [Col(label, [Col("科目编码", parts), name])]
    return [Col(label, [Col("科目编码", width=1.0, align="l"), name])]


def code_cells(codes: str, code: str, name: str, parts: int) -> list[CellLike]:
    """The code/name cells of one row; `code` has 3, 5 or 7 digits; `parts` is 3 for
    function codes (类 款 项) and 2 for economic codes (类 款) in three-column style."""
    level = (len(code) - 3) // 2
    if codes == "names_only":
        return [Cell(name, indent=INDENT * level)]
    if codes == "three_columns":
        pieces = [code[:3], code[3:5], code[5:7]][:parts]
        return [*pieces, name]
    if codes == "outline":
        shown = code if level == 0 else code[-2:]
        return [Cell(shown, indent=INDENT * level), Cell(name, indent=INDENT * level)]
    return [code, name]
