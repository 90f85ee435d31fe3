"""What the classification builder reads and produces, and what counts as a code or a name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["function", "economic", "government_economic"]
KINDS: tuple[Kind, ...] = ("function", "economic", "government_economic")

# Class (类) ranges of the national lists. Anything else with 3/5/7 digits is a unit code,
# a row number or an amount; these ranges keep e.g. "316 平顶山市医疗保障局" out.
_CLASS_RANGES: dict[Kind, re.Pattern[str]] = {
    "function": re.compile(r"20[1-9]|21\d|22\d|23[0-4]"),
    "economic": re.compile(r"30[1-9]|31[0-3]|399"),
    "government_economic": re.compile(r"50[1-9]|51[0-4]|599"),
}
# Economic lists are national only to two levels; 7-digit economic codes (北京 "3021101
# 差旅费") are local refinements and would shadow the national 款 in name lookups.
_LENGTHS: dict[Kind, tuple[int, ...]] = {
    "function": (3, 5, 7),
    "economic": (3, 5),
    "government_economic": (3, 5),
}

_CJK = re.compile(r"[\u3400-\u9fff]")
_AMOUNT = re.compile(r"^[-+]?[\d,，]*\.?\d+%?$|^[-—–]+$")
FULL_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
# Names that begin with a list number ("十一、城乡社区支出") sit in 收支总表 rows where the
# number beside them is a row number (行次), not a code.
NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])"
)
# Narrative fragments: "2,611.52 万元", "2026 年…". No classification name starts this way.
_STOP_NAMES = re.compile(r"万元|^[元年月日号%]")
# Organisation names in unit-code and procurement columns ("316 平顶山市医疗保障局").
_ORG_NAME = re.compile(
    r"(?:局|委员会|办公室|办事处|中心|本级|机关|公司|支队|大队)$|有限公司|局机关"
)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Observation:
    kind: Kind
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class DocumentPairs:
    source: str
    observations: tuple[Observation, ...]


@dataclass(slots=True)
class Context:
    """Outline state carried down a document, for rows that print only the 款 or 项 part."""

    columns: dict[str, float] = field(default_factory=dict)
    last_class: str = ""
    last_kuan: str = ""
    last_len: int = 0
    class_x: float | None = None
    kuan_x: float | None = None
    xiang_x: float | None = None
    full7_x: float | None = None

    def reset(self) -> None:
        self.columns = {}
        self.last_class = self.last_kuan = ""
        self.last_len = 0
        self.class_x = self.kuan_x = self.xiang_x = self.full7_x = None


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    aliases: tuple[str, ...]
    support: int
    # Set when no document names this code and the name was read off a child (derive_kuan).
    derived_from: str | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: Kind
    code: str
    kept: str
    dropped: tuple[tuple[str, int], ...]
    reason: str


@dataclass(frozen=True, slots=True)
class BuildResult:
    lists: dict[Kind, dict[str, Entry]]
    conflicts: tuple[Conflict, ...]
    documents: tuple[str, ...]
    rejected: tuple[tuple[Kind, str, str], ...]
    unreliable: tuple[str, ...]


def kind_of(code: str) -> Kind | None:
    if not FULL_CODE.match(code):
        return None
    for kind in KINDS:
        if _CLASS_RANGES[kind].fullmatch(code[:3]) and len(code) in _LENGTHS[kind]:
            return kind
    return None


def is_text(token: str) -> bool:
    return bool(_CJK.search(token)) and not _AMOUNT.match(token)


def clean_name(raw: str) -> str | None:
    name = re.sub(r"\s+", "", raw).strip("-—_:：，,。；;")
    if len(name) < 2 or not _CJK.match(name):
        return None
    if NUMBERED.match(name) or _STOP_NAMES.search(name) or _ORG_NAME.search(name):
        return None
    # Digits inside a name are unit codes, procurement catalogue codes ("C20030800") or
    # dates glued onto the cell; no national classification name carries them.
    if name[0].isdigit() or re.search(r"\d{3,}|[A-Za-z]\d{3,}", name):
        return None
    return name
