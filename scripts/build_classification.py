"""Build the classification code lists shipped in extractors/classification/ from real documents.

Usage:
    python scripts/build_classification.py --realdata /work/shared/realdata/cn_budget \
        --seeds /work/shared/seeds

Every PDF page that prints classification codes beside names is read as pdfplumber words,
grouped into visual lines by position (the text layer's order is not the page's). Each line
yields (code, name) observations; observations are voted on across documents, and only codes
that fit the hierarchy (款 under a known 类, 项 under a known 款) are kept.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a plain script, not as an installed module
    sys.path.insert(0, str(REPO_ROOT))

from extractors.classification.lists import normalise_name, parent_code  # noqa: E402

Kind = Literal["function", "economic", "government_economic"]
KINDS: tuple[Kind, ...] = ("function", "economic", "government_economic")
OUTPUT_FILES: dict[Kind, str] = {
    "function": "function_codes.json",
    "economic": "economic_codes.json",
    "government_economic": "government_economic_codes.json",
}
OUT_DIR = REPO_ROOT / "extractors" / "classification"

# Documents that must not vote: the README of the real-data folder says this one was edited
# on purpose to contain errors.
EXCLUDED_NAMES = ("测试问题版本",)

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
_PART = re.compile(r"^\d{2}$")
_FULL = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
# A word holding code and name together: "2010801-行政运行", "30101-基本工资"; the name part
# may run into the next code ("…缴费支出50102-社会保障缴费").
_GLUED = re.compile(r"(\d{3}(?:\d{2}){0,2})-?([^\d]+?)(?=\d{3}(?:\d{2}){0,2}-|$)")
# Names that begin with a list number ("十一、城乡社区支出") sit in 收支总表 rows where the
# number beside them is a row number (行次), not a code.
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])"
)
# Narrative fragments: "2,611.52 万元", "2026 年…". No classification name starts this way.
_STOP_NAMES = re.compile(r"万元|^[元年月日号%]")
# Organisation names in unit-code and procurement columns ("316 平顶山市医疗保障局").
_ORG_NAME = re.compile(
    r"(?:局|委员会|办公室|办事处|中心|本级|机关|公司|支队|大队)$|有限公司|局机关"
)
# Header and title words: a line holding these is not a wrapped name.
_NOT_CONTINUATION = re.compile(r"表|单位[:：]|合计|总计|小计|编码|科目|金额|预算数|说明")


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
class _Context:
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
    if not _FULL.match(code):
        return None
    for kind in KINDS:
        if _CLASS_RANGES[kind].fullmatch(code[:3]) and len(code) in _LENGTHS[kind]:
            return kind
    return None


def _is_text(token: str) -> bool:
    return bool(_CJK.search(token)) and not _AMOUNT.match(token)


def _clean_name(raw: str) -> str | None:
    name = re.sub(r"\s+", "", raw).strip("-—_:：，,。；;")
    if len(name) < 2 or not _CJK.match(name):
        return None
    if _NUMBERED.match(name) or _STOP_NAMES.search(name) or _ORG_NAME.search(name):
        return None
    # Digits inside a name are unit codes, procurement catalogue codes ("C20030800") or
    # dates glued onto the cell; no national classification name carries them.
    if name[0].isdigit() or re.search(r"\d{3,}|[A-Za-z]\d{3,}", name):
        return None
    return name


# ---------------------------------------------------------------- lines from words


def split_glued(words: Iterable[Word]) -> list[Word]:
    """Split "2010801-行政运行" words into a code word and a name word."""
    out: list[Word] = []
    for w in words:
        if re.match(r"^\d{3}(?:\d{2}){0,2}-?[^\d,.]", w.text):
            parts = list(_GLUED.finditer(w.text))
            if parts and "".join(p.group(0) for p in parts) == w.text:
                step = (w.x1 - w.x0) / max(len(w.text), 1)
                pos = 0
                for p in parts:
                    code, name = p.group(1), p.group(2)
                    x = w.x0 + step * pos
                    out.append(Word(code, x, x + step * len(code), w.top, w.bottom))
                    nx = x + step * (len(code) + 1)
                    out.append(Word(name, nx, nx + step * len(name), w.top, w.bottom))
                    pos += len(p.group(0))
                continue
        out.append(w)
    return out


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words on one visual line, sorted by x.

    A word joins the current line when its top is within half a word height of the line's
    first word: cells of one row are offset by a point or two (centred cells, mixed fonts),
    while the next row starts a full line height lower.
    """
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for w in ordered:
        if lines:
            head = lines[-1][0]
            height = max(min(head.bottom - head.top, w.bottom - w.top), 1.0)
            if w.top - head.top <= 0.5 * height:
                lines[-1].append(w)
                continue
        lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


# ---------------------------------------------------------------- pairs from lines


@dataclass(frozen=True, slots=True)
class _Pair:
    code: str
    code_word: Word  # the last code token, for where the name column starts
    name_words: tuple[Word, ...]


def _update_columns(line: Sequence[Word], ctx: _Context) -> None:
    texts = [w.text for w in line]
    if "类" in texts and "款" in texts:
        ctx.columns = {w.text: (w.x0 + w.x1) / 2 for w in line if w.text in ("类", "款", "项")}
    elif any("表" in t for t in texts) and not any(_FULL.match(t) for t in texts):
        # A new table title: outline state from the previous table must not leak into it.
        ctx.reset()


def _near(x: float, ref: float | None) -> bool:
    return ref is not None and abs(x - ref) <= 3


def _partial_level(word: Word, ctx: _Context) -> str | None:
    """Which outline level a lone 2-digit code belongs to.

    With a 类/款/项 header, the nearest header column decides. Without one, the indent does:
    a 2-digit code right under a 类 row, or in the column where 款 codes stood before, is a
    款; in the 项 column it is a 项. Anything else is left alone (row numbers look the same).
    """
    if ctx.columns:
        centre = (word.x0 + word.x1) / 2
        level, dist = min(
            ((k, abs(centre - x)) for k, x in ctx.columns.items()), key=lambda t: t[1]
        )
        return level if dist <= 15 and level in ("款", "项") else None
    if _near(word.x0, ctx.xiang_x) and not _near(word.x0, ctx.kuan_x):
        return "项"
    if _near(word.x0, ctx.kuan_x):
        return "款"
    if ctx.last_len == 3 and ctx.class_x is not None and word.x0 >= ctx.class_x - 2:
        return "款"
    if (
        ctx.class_x is not None
        and ctx.full7_x is not None
        and ctx.class_x + 2 < word.x0 < ctx.full7_x - 2
    ):
        # Indented between the 类 column and the 7-digit codes: the 款 level of an outline
        # whose x has shifted a little since the last 款 row (a new page).
        return "款"
    return None


def _take_name(line: Sequence[Word], i: int) -> tuple[tuple[Word, ...], int]:
    """The name cell starting at word ``i``: text words closer than a character apart.

    pdfplumber already splits words at gaps of a few points, so a wider gap between two
    text words is a cell border (a procurement row puts item, catalogue and unit cells
    after the code), not a space inside one name.
    """
    if i >= len(line) or not _is_text(line[i].text):
        return (), i
    j = i + 1
    while j < len(line) and _is_text(line[j].text):
        prev = line[j - 1]
        if line[j].x0 - prev.x1 > (prev.bottom - prev.top):
            break
        j += 1
    return tuple(line[i:j]), j


def pairs_in_line(line: Sequence[Word], ctx: _Context) -> list[_Pair]:
    """(code, name words) pairs on one line; updates the outline context."""
    _update_columns(line, ctx)
    pairs: list[_Pair] = []
    i = 0
    n = len(line)
    while i < n:
        text = line[i].text
        code = ""
        if _FULL.match(text) and len(text) == 3 and kind_of(text):
            code = text
            j = i + 1
            # 类 款 项 printed as separate columns: "201 08 01 行政运行".
            while j < n and j - i <= 2 and _PART.match(line[j].text):
                code += line[j].text
                j += 1
        elif _FULL.match(text) and kind_of(text):
            code, j = text, i + 1
        elif i == 0 and _PART.match(text):
            level = _partial_level(line[i], ctx)
            if level == "款" and ctx.last_class:
                code = ctx.last_class + text
                ctx.kuan_x = line[i].x0
            elif level == "项" and ctx.last_kuan:
                code = ctx.last_kuan + text
                ctx.xiang_x = line[i].x0
            j = i + 1
        else:
            i += 1
            continue
        kind = kind_of(code) if code else None
        if kind is None:
            i = j
            continue
        if i == 0:
            # Only the first code on a line drives the outline; later ones are economic
            # columns beside it and do not open a new block.
            ctx.last_len = len(code)
            if j - i == 3:  # "201 08 01": remember where the 款 and 项 parts stand
                ctx.kuan_x, ctx.xiang_x = line[i + 1].x0, line[i + 2].x0
            if len(text) == 3:
                ctx.class_x = line[i].x0
            elif len(text) == 7:
                ctx.full7_x = line[i].x0
            if len(code) == 3:
                ctx.last_class, ctx.last_kuan = code, ""
            elif len(code) == 5:
                ctx.last_class, ctx.last_kuan = code[:3], code
            else:
                ctx.last_class, ctx.last_kuan = code[:3], code[:5]
        name_words, j2 = _take_name(line, j)
        # Nameless code rows are kept: their name may sit above and below (a centred cell).
        pairs.append(_Pair(code, line[j - 1], name_words))
        i = max(j2, j)
    return pairs


def _text_only(line: Sequence[Word]) -> str | None:
    """The text of a line holding only a fragment of one name cell, else None."""
    if not line or len(line) > 2 or not all(_is_text(w.text) for w in line):
        return None
    joined = "".join(w.text for w in line)
    if _NOT_CONTINUATION.search(joined) or _NUMBERED.match(joined):
        return None
    return joined


def _gap(upper: Sequence[Word], lower: Sequence[Word]) -> float:
    return min(w.top for w in lower) - max(w.bottom for w in upper)


def _height(line: Sequence[Word]) -> float:
    return max(w.bottom - w.top for w in line)


def _in_column(fragment: Sequence[Word], left: float, right: float) -> bool:
    return fragment[0].x0 >= left - 3 and fragment[-1].x1 <= right + 3


# Narrative items "1.行政运行（2010601）4,702.02万元", "（3）机关资本性支出（503）59.30万元":
# a numbered sentence that opens with the name and its code in brackets.
_NARRATIVE = re.compile(
    r"^(?:\d+[.．、]|[(（]\d+[)）]|[一二三四五六七八九十]+、)"
    r"(?P<name>[^\d()（）,，。；;:：、]{2,30}(?:[(（][^\d()（）]{1,12}[)）])?)"
    r"[(（](?P<code>\d{3}(?:\d{2}){0,2})[)）]"
)


def narrative_observation(line: Sequence[Word]) -> Observation | None:
    match = _NARRATIVE.match("".join(w.text for w in line))
    if not match:
        return None
    code = match.group("code")
    kind = kind_of(code)
    name = _clean_name(match.group("name"))
    return Observation(kind, code, name) if kind and name else None


def observations_from_lines(lines: Sequence[Sequence[Word]], ctx: _Context) -> list[Observation]:
    """Observations of a page, with names of wrapped cells put back together.

    Cells are mostly centred vertically, so a name on two lines puts one fragment above and
    one below the row that carries the code and amounts (the code row has no name then).
    Top-aligned cells put the second fragment under a row that does have a name; that
    fragment is taken only when it is nearer to that row than to the row after it, because
    otherwise it is the first half of the next row's centred name.
    """
    parsed = [pairs_in_line(line, ctx) for line in lines]
    fragments = [_text_only(line) for line in lines]
    used: set[int] = set()
    out: list[Observation] = []

    def fragment_at(k: int, left: float, right: float) -> str | None:
        if not (0 <= k < len(lines)) or k in used:
            return None
        fragment = fragments[k]
        return fragment if fragment is not None and _in_column(lines[k], left, right) else None

    for idx, line in enumerate(lines):
        told = narrative_observation(line)
        if told:
            out.append(told)
        pairs = parsed[idx]
        for k, pair in enumerate(pairs):
            text = "".join(w.text for w in pair.name_words)
            is_last = k == len(pairs) - 1
            code_word = pair.code_word
            after = [w for w in line if w.x0 > code_word.x1]
            right = after[0].x0 if after and not pair.name_words else 1e9
            if pair.name_words:
                right = pair.name_words[-1].x1 + 3 * _height(line)
            left = code_word.x1
            if not text and is_last and idx > 0 and idx + 1 < len(lines):
                above = fragment_at(idx - 1, left, right)
                below = fragment_at(idx + 1, left, right)
                h = _height(line)
                up, down = _gap(lines[idx - 1], line), _gap(line, lines[idx + 1])
                # A centred cell puts its two halves equally far from the row; names that
                # merely sit above their own rows (one per row) fail this.
                if above and below and max(up, down) < 0.8 * h and abs(up - down) <= 0.5 * h:
                    text = above + below
                    used.update((idx - 1, idx + 1))
            elif text and is_last and idx + 1 < len(lines):
                below = fragment_at(idx + 1, left, right)
                h = _height(line)
                if below and _gap(line, lines[idx + 1]) < 0.8 * h:
                    nxt_gap = _gap(lines[idx + 1], lines[idx + 2]) if idx + 2 < len(lines) else 1e9
                    if _gap(line, lines[idx + 1]) < nxt_gap:
                        text += below
                        used.add(idx + 1)
            name = _clean_name(text) if text else None
            kind = kind_of(pair.code)
            if name and kind:
                out.append(Observation(kind, pair.code, name))
    return out


# ---------------------------------------------------------------- documents


_PAGE_HAS_CODES = re.compile(r"(?<!\d)(?:2[0-3]\d|30\d|31\d|50\d|51\d)(?:\d{2}){0,2}(?!\d)")


def _candidate_pages(path: Path) -> list[int]:
    """Pages whose text layer holds several code-like tokens; pdfium is ~20x faster here."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            if len(_PAGE_HAS_CODES.findall(text)) >= 3:
                pages.append(i)
        return pages
    finally:
        pdf.close()


def read_pdf(path: Path) -> DocumentPairs:
    import pdfplumber

    ctx = _Context()
    obs: list[Observation] = []
    with pdfplumber.open(str(path)) as pdf:
        for i in _candidate_pages(path):
            raw = pdf.pages[i].extract_words()
            words = split_glued(
                Word(
                    str(w["text"]),
                    float(w["x0"]),
                    float(w["x1"]),
                    float(w["top"]),
                    float(w["bottom"]),
                )
                for w in raw
            )
            obs.extend(observations_from_lines(group_lines(words), ctx))
    return DocumentPairs(str(path), tuple(obs))


def read_seed(path: Path) -> DocumentPairs:
    """Seed texts are tab-separated rows; give each cell a column index as its x."""
    ctx = _Context()
    lines: list[list[Word]] = []
    for row, raw in enumerate(path.read_text(encoding="utf-8").splitlines()):
        cells = [c.strip() for c in raw.split("\t")]
        words = [
            # Columns 100 apart: every cell is its own name cell (see _take_name).
            Word(re.sub(r"\s+", "", c), 100.0 * col, 100.0 * col + 1, float(row), row + 0.9)
            for col, c in enumerate(cells)
            if c
        ]
        lines.append(split_glued(words))
    # Seed rows are whole rows; wrapped names do not occur, so no continuation joining.
    obs = [o for line in lines for o in observations_from_lines([line], ctx)]
    return DocumentPairs(str(path), tuple(obs))


def find_pdfs(realdata: Path) -> list[Path]:
    """All PDFs, one per distinct content (the same file can sit in two folders)."""
    seen: set[str] = set()
    out: list[Path] = []
    for path in sorted(realdata.rglob("*.pdf")):
        if any(x in path.name for x in EXCLUDED_NAMES):
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            out.append(path)
    return out


def read_documents(
    realdata: Path | None, seeds: Path | None, workers: int = 4
) -> list[DocumentPairs]:
    docs: list[DocumentPairs] = []
    if realdata is not None:
        pdfs = find_pdfs(realdata)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            docs.extend(pool.map(read_pdf, pdfs))
    if seeds is not None:
        docs.extend(read_seed(p) for p in sorted(seeds.glob("*.txt")))
    return docs


# ---------------------------------------------------------------- voting


def _similar(a: str, b: str) -> bool:
    """Two spellings of one item (a dropped "的", an old/new wording, a truncated cell)."""
    short, long_ = sorted((a, b), key=len)
    # A fragment ("更新" of "信息网络及软件购置更新") is a cut cell, not a spelling.
    if short in long_:
        return len(short) >= 0.6 * len(long_)
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.6


# Some producers qualify a repeated 项 name with its 款: "行政运行（人力资源和社会保障管理事务）".
_QUALIFIER = re.compile(r"^(?P<base>.{2,}?)\((?P<q>[^()]{2,}事务)\)$")


def vote_key(name: str) -> str:
    """The spelling-independent key a name votes under."""
    key = normalise_name(name)
    match = _QUALIFIER.match(key)
    return match.group("base") if match else key


def _vote_code(
    kind: Kind, code: str, doc_spellings: dict[str, Counter[str]]
) -> tuple[Entry, Conflict | None]:
    """Majority vote over documents; ``doc_spellings`` maps normalised name -> raw spellings
    (one count per document)."""
    docs_per_key = {key: sum(c.values()) for key, c in doc_spellings.items()}
    # Most documents wins; on a tie the longer name, because the usual cause of a second
    # spelling is a cell cut short by wrapping.
    ranked = sorted(docs_per_key, key=lambda k: (-docs_per_key[k], -len(k), k))
    winner = ranked[0]
    spellings = doc_spellings[winner]
    # Within one key the plain spelling beats a qualified one, then the most documents.
    canonical = sorted(spellings, key=lambda s: (normalise_name(s) != winner, -spellings[s], s))[0]
    aliases: set[str] = {s for s in spellings if s != canonical}
    support = docs_per_key[winner]
    dropped: list[tuple[str, int]] = []
    for key in ranked[1:]:
        if _similar(key, winner):
            aliases.update(doc_spellings[key])
            support += docs_per_key[key]
        else:
            dropped.append((key, docs_per_key[key]))
    conflict = None
    if dropped:
        conflict = Conflict(kind, code, canonical, tuple(dropped), "outvoted, dissimilar name")
    return Entry(canonical, tuple(sorted(aliases)), support), conflict


def _doc_pairs(doc: DocumentPairs) -> set[tuple[Kind, str, str]]:
    # One vote per document per (code, spelling): tables repeat the same rows many times.
    return {(o.kind, o.code, o.name) for o in doc.observations}


def _tally(docs: Sequence[DocumentPairs]) -> dict[Kind, dict[str, dict[str, Counter[str]]]]:
    """kind -> code -> normalised name -> raw spelling -> number of documents."""
    votes: dict[Kind, dict[str, dict[str, Counter[str]]]] = {k: defaultdict(dict) for k in KINDS}
    for doc in docs:
        for kind, code, name in sorted(_doc_pairs(doc)):
            votes[kind][code].setdefault(vote_key(name), Counter())[name] += 1
    return votes


def derive_kuan(code: str, other_name: str, support: int) -> Entry | None:
    """A 款 named after its "其他…支出" 项 (99), for 款 that no document names itself.

    The national list names the 99 项 of a 款 "其他" + 款 + "支出" (2101599 其他医疗保障管理
    事务支出 under 21015 医疗保障管理事务) and, when the 款 already ends in 支出, "其他" + 款
    (2080599 under 20805 行政事业单位养老支出). The first is the common case (40 of 45 pairs
    in the real documents), so it is the name and the other reading is an alias.
    """
    if code[3:] == "99" or not other_name.startswith("其他") or not other_name.endswith("支出"):
        return None
    base = other_name[2:]
    if len(base) < 4:
        return None
    return Entry(name=base[:-2], aliases=(base,), support=support, derived_from=code + "99")


def _resolve(
    votes: dict[Kind, dict[str, dict[str, Counter[str]]]],
) -> tuple[dict[Kind, dict[str, Entry]], list[Conflict], list[tuple[Kind, str, str]]]:
    lists: dict[Kind, dict[str, Entry]] = {}
    conflicts: list[Conflict] = []
    rejected: list[tuple[Kind, str, str]] = []
    for kind in KINDS:
        entries: dict[str, Entry] = {}
        voted = {code: _vote_code(kind, code, votes[kind][code]) for code in votes[kind]}
        # Shorter codes first, so a child is checked against an already accepted parent.
        for code in sorted(voted, key=lambda c: (len(c), c)):
            entry, conflict = voted[code]
            parent = parent_code(code)
            if parent and parent not in entries and len(parent) == 5:
                other = voted.get(parent + "99")
                derived = derive_kuan(parent, other[0].name, other[0].support) if other else None
                if derived and parent[:3] in entries:
                    entries[parent] = derived
            if parent and parent not in entries:
                rejected.append((kind, code, entry.name))
                continue
            entries[code] = entry
            if conflict:
                conflicts.append(conflict)
        lists[kind] = _drop_borrowed_aliases(entries)
    return lists, conflicts, rejected


def _drop_borrowed_aliases(entries: dict[str, Entry]) -> dict[str, Entry]:
    """Drop an alias that is the start of another code's name.

    A cut cell can read like a sibling: "其他商品和服务支" voted for 302 is the head of
    30299 其他商品和服务支出, and as an alias of 302 it would send that item to the class.
    """
    spellings = {
        code: {normalise_name(n) for n in (e.name, *e.aliases)} for code, e in entries.items()
    }
    out: dict[str, Entry] = {}
    for code, entry in entries.items():
        others = [s for c, ss in spellings.items() if c != code for s in ss]
        keep = tuple(
            a
            for a in entry.aliases
            if not any(o.startswith(normalise_name(a)) for o in others)
            or normalise_name(a) == normalise_name(entry.name)
        )
        out[code] = replace(entry, aliases=keep)
    return out


def unreliable_documents(
    docs: Sequence[DocumentPairs], lists: dict[Kind, dict[str, Entry]]
) -> list[str]:
    """Documents that disagree with the others on many well-supported codes.

    A document can print a locally renumbered list (a 2024 Putuo unit budget numbers 302xx
    in its own order: "30202 咨询费", "30203 水费" …). Its codes that no other document
    shows would otherwise enter the list unopposed, so such a document does not vote.
    """
    out: list[str] = []
    for doc in docs:
        checked = disagreed = 0
        for kind, code, name in _doc_pairs(doc):
            entry = lists[kind].get(code)
            if entry is None or entry.support < 3:
                continue
            checked += 1
            spellings = {normalise_name(n) for n in (entry.name, *entry.aliases)}
            if normalise_name(name) not in spellings:
                disagreed += 1
        if disagreed >= 3 and disagreed > 0.2 * checked:
            out.append(doc.source)
    return out


def build(docs: Sequence[DocumentPairs]) -> BuildResult:
    first, _, _ = _resolve(_tally(docs))
    dropped = set(unreliable_documents(docs, first))
    voters = [d for d in docs if d.source not in dropped and d.observations]
    lists, conflicts, rejected = _resolve(_tally(voters))
    return BuildResult(
        lists=lists,
        conflicts=tuple(conflicts),
        documents=tuple(d.source for d in voters),
        rejected=tuple(rejected),
        unreliable=tuple(sorted(dropped)),
    )


def to_json(entries: dict[str, Entry], n_documents: int) -> str:
    payload = {
        "source": f"built by scripts/build_classification.py from {n_documents} real documents",
        "codes": {
            code: {"aliases": list(e.aliases), "name": e.name, "support": e.support}
            | ({"derived_from": e.derived_from} if e.derived_from else {})
            for code, e in sorted(entries.items())
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _summary(result: BuildResult) -> Iterator[str]:
    yield f"documents used: {len(result.documents)}"
    for kind in KINDS:
        counts = Counter(len(c) for c in result.lists[kind])
        levels = ", ".join(f"{n}-digit: {counts[n]}" for n in sorted(counts))
        yield f"{kind}: {len(result.lists[kind])} codes ({levels})"
    yield f"conflicts resolved by vote: {len(result.conflicts)}"
    for c in result.conflicts:
        lost = "; ".join(f"{name} ({n})" for name, n in c.dropped)
        yield f"  {c.kind} {c.code}: kept {c.kept!r}, dropped {lost}"
    derived = [
        (code, e) for kind in KINDS for code, e in result.lists[kind].items() if e.derived_from
    ]
    yield f"款 named from their 99 项 (no document names them): {len(derived)}"
    for code, e in derived:
        yield f"  {code} {e.name} (from {e.derived_from})"
    yield f"documents left out as unreliable: {len(result.unreliable)}"
    for source in result.unreliable:
        yield f"  {source}"
    yield f"rejected (parent code unknown): {len(result.rejected)}"
    for kind, code, name in result.rejected:
        yield f"  {kind} {code} {name}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--realdata", type=Path, default=None)
    parser.add_argument("--seeds", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    if args.realdata is None and args.seeds is None:
        parser.error("give --realdata and/or --seeds")
    docs = read_documents(args.realdata, args.seeds, args.workers)
    result = build(docs)
    args.out.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        (args.out / OUTPUT_FILES[kind]).write_text(
            to_json(result.lists[kind], len(result.documents)), encoding="utf-8"
        )
    for line in _summary(result):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
