"""Code cells OCR garbled around the code, repaired only where the lists confirm the name.

Two misreads of small print in "code-name" cells (北京 06表 at 150 dpi): a glyph doubled
across a gap ("30207 7-邮电费") and the head of the code lost ("4-抚恤金" for
"30304-抚恤金").  Either way the row leaves its code.  A cell is rewritten as "code-name"
only when the classification lists give that code exactly the printed name, and for a
lost head only when exactly one listed code of the column's code length ends with the
surviving digits and has that name.  OCR'd tables only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from extractors.classification.lists import Kind, load_list, normalise_name
from extractors.tables.header import clean
from extractors.tables.typed import TypedTable

_CODE_ROLES = {"code", "name", "gov_code", "gov_name"}
_KINDS: tuple[Kind, ...] = ("economic", "government_economic", "function")
_DOUBLED = re.compile(r"^(\d{3,8})\d[-—·](\D.*)$")  # "302077-邮电费" once spaces are gone
_TAIL = re.compile(r"^(\d{1,4})[-—·](\D.*)$")
_CODE = re.compile(r"^(\d{3,8})[-—·]?\D")


def repair_code_cells(tables: list[TypedTable]) -> list[TypedTable]:
    return [_repaired(t) if any(c.method == "ocr" for c in t.table.cells) else t for t in tables]


def _repaired(typed: TypedTable) -> TypedTable:
    new: dict[int, str] = {}
    for col, role in enumerate(typed.roles):
        if role not in _CODE_ROLES:
            continue
        column = [r[col] for r in typed.body()]
        lengths = Counter(
            len(m.group(1)) for c in column if c and (m := _CODE.match(clean(c.text)))
        )
        usual = lengths.most_common(1)[0][0] if lengths else None
        for cell in column:
            text = repaired_code_text(clean(cell.text), usual) if cell is not None else None
            if cell is not None and text is not None:
                new[id(cell)] = text
    if not new:
        return typed
    cells = [replace(c, text=new[id(c)]) if id(c) in new else c for c in typed.table.cells]
    return replace(typed, table=replace(typed.table, cells=cells))


def repaired_code_text(text: str, usual: int | None) -> str | None:
    if m := _DOUBLED.match(text):
        code, name = m.group(1), normalise_name(m.group(2))
        whole = text.split(m.group(2))[0].rstrip("-—·")
        return f"{code}-{name}" if _named(code, name) and not _named(whole, name) else None
    if usual and (m := _TAIL.match(text)) and len(m.group(1)) < usual:
        tail, name = m.group(1), normalise_name(m.group(2))
        codes = {
            code
            for kind in _KINDS
            for code in load_list(kind).entries
            if len(code) == usual and code.endswith(tail) and _named(code, name)
        }
        return f"{codes.pop()}-{name}" if len(codes) == 1 else None
    return None


def _named(code: str, name: str) -> bool:
    for kind in _KINDS:
        entry = load_list(kind).entries.get(code)
        if entry is not None and normalise_name(entry.name) == name:
            return True
    return False
