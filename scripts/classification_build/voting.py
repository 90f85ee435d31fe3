"""Majority vote over documents: one name per code, aliases, and codes kept only under a
known parent."""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from extractors.classification.lists import normalise_name, parent_code

from .model import KINDS, BuildResult, Conflict, DocumentPairs, Entry, Kind


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
