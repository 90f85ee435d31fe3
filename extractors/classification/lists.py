"""National budget classification lists (支出功能分类 / 支出经济分类), loaded from shipped JSON.

The JSON files are produced by ``scripts/build_classification.py`` from real disclosures
where codes and names are printed side by side. They are used to rebuild codes for tables
that print only indented names.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

Kind = Literal["function", "economic", "government_economic"]

_FILES: dict[Kind, str] = {
    "function": "function_codes.json",
    "economic": "economic_codes.json",
    "government_economic": "government_economic_codes.json",
}

# Below this ratio two sibling names are different items, not spellings of one item;
# 0.85 lets through a dropped "的" or "支出" suffix but not a different sibling.
FUZZY_MIN_RATIO = 0.85

_BRACKETS = str.maketrans({"【": "[", "】": "]", "〔": "[", "〕": "]", "〈": "<", "〉": ">"})
_CN_NUM = "一二三四五六七八九十百零〇"
_LEADING_NUMBERING = re.compile(
    rf"^(?:"
    rf"\(\s*[{_CN_NUM}\d]+\s*\)[、.]?"  # (一) (1)
    rf"|[{_CN_NUM}]+\s*[、.]"  # 一、 十一.
    rf"|\d+\s*[、.)](?!\d)"  # 1、 1. 1)  -- but not 1.5
    rf"|第[{_CN_NUM}\d]+[项类款部分]?[、.:]?"  # 第一
    rf")\s*"
)


@dataclass(frozen=True, slots=True)
class CodeEntry:
    code: str
    name: str
    aliases: tuple[str, ...]
    support: int


@dataclass(frozen=True, slots=True)
class CodeMatch:
    code: str
    name: str
    exact: bool


@dataclass(frozen=True, slots=True)
class CodeList:
    entries: dict[str, CodeEntry]
    # parent ("" for the top level) -> children codes, for lookups scoped by parent.
    children: dict[str, tuple[str, ...]]


def normalise_name(text: str) -> str:
    """Canonical form for comparing names: NFKC, no whitespace, ASCII brackets, no numbering."""
    s = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    s = re.sub(r"\s+", "", s)
    # Numbering can stack ("一、1." in outlines); strip until stable.
    while True:
        stripped = _LEADING_NUMBERING.sub("", s, count=1)
        if stripped == s or not stripped:
            break
        s = stripped
    return s


def parent_code(code: str) -> str:
    """The code one level up (``"2101501"`` -> ``"21015"``), ``""`` for a class."""
    return code[:-2] if len(code) > 3 else ""


def _data_dir() -> Path:
    return Path(__file__).resolve().parent


@cache
def load_list(kind: Kind) -> CodeList:
    """Load one list once; the JSON is small (a few hundred entries) so keep it in memory."""
    raw = json.loads((_data_dir() / _FILES[kind]).read_text(encoding="utf-8"))
    entries: dict[str, CodeEntry] = {}
    children: dict[str, list[str]] = {}
    for code, item in sorted(raw["codes"].items()):
        entries[code] = CodeEntry(
            code=code,
            name=str(item["name"]),
            aliases=tuple(str(a) for a in item.get("aliases", [])),
            support=int(item.get("support", 0)),
        )
        children.setdefault(parent_code(code), []).append(code)
    return CodeList(entries=entries, children={k: tuple(v) for k, v in children.items()})


def _name(kind: Kind, code: str) -> str | None:
    entry = load_list(kind).entries.get(code.strip())
    return entry.name if entry else None


def function_name(code: str) -> str | None:
    return _name("function", code)


def economic_name(code: str) -> str | None:
    return _name("economic", code)


def government_economic_name(code: str) -> str | None:
    return _name("government_economic", code)


def _spellings(entry: CodeEntry) -> set[str]:
    return {normalise_name(n) for n in (entry.name, *entry.aliases)}


def find_code(kind: Kind, name: str, parent: str | None) -> CodeMatch | None:
    """The child of ``parent`` (None: a top-level class) whose name or alias matches ``name``.

    Exact match on the normalised name first (two siblings of one name: none); then the
    closest sibling by difflib ratio, if it clears FUZZY_MIN_RATIO and is not tied with
    another sibling (a tie means the spelling does not tell the siblings apart, so
    guessing would be wrong half the time).
    """
    target = normalise_name(name)
    if not target:
        return None
    lst = load_list(kind)
    siblings = [lst.entries[c] for c in lst.children.get(parent or "", ())]
    exact = [entry for entry in siblings if target in _spellings(entry)]
    if len(exact) > 1:
        return None  # 21099 has 2109901 and 2109999, both 其他卫生健康支出: no telling
    if exact:
        return CodeMatch(code=exact[0].code, name=exact[0].name, exact=True)
    scored = sorted(
        (
            (max(difflib.SequenceMatcher(None, target, s).ratio() for s in _spellings(e)), e)
            for e in siblings
        ),
        key=lambda pair: (-pair[0], pair[1].code),
    )
    if not scored or scored[0][0] < FUZZY_MIN_RATIO:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    best = scored[0][1]
    return CodeMatch(code=best.code, name=best.name, exact=False)


def find_function_code(name: str, parent: str | None) -> CodeMatch | None:
    return find_code("function", name, parent)


def find_economic_code(name: str, parent: str | None) -> CodeMatch | None:
    return find_code("economic", name, parent)


def find_government_economic_code(name: str, parent: str | None) -> CodeMatch | None:
    return find_code("government_economic", name, parent)


def codes_named(kind: Kind, name: str, parent: str) -> list[str]:
    """Every child of ``parent`` whose name or alias is exactly ``name``, in code order
    (21099 has 2109901 and 2109999, both 其他卫生健康支出)."""
    target = normalise_name(name)
    lst = load_list(kind)
    children = lst.children.get(parent, ())
    return sorted(c for c in children if target and target in _spellings(lst.entries[c]))
