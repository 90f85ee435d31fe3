"""Codes and names from the project's national classification lists (extractors/classification).

Reading the lists is not editing the extractor: the generator draws its function tree and
economic items from the same data real documents were read from, so names are real names.
"""

from __future__ import annotations

import random

from extractors.classification.lists import load_list

# Economic 款 a project is booked to (goods and services or capital).
PROJECT_ECONOMIC = ("30201", "30213", "30218", "30226", "30227", "30299", "31002", "31007")

# Department economic 款 -> government economic 款 (政府经济分类), by the published mapping.
_GOV_BY_CODE = {
    "30101": "50101", "30102": "50101", "30103": "50101", "30107": "50101",
    "30108": "50102", "30109": "50102", "30110": "50102", "30111": "50102", "30112": "50102",
    "30113": "50103", "30215": "50202", "30216": "50203", "30218": "50204", "30227": "50205",
    "30217": "50206", "30212": "50207", "30231": "50208", "30213": "50209",
    "30301": "50905", "30302": "50905", "30305": "50901", "31013": "50303",
}  # fmt: skip
_GOV_BY_CLASS = {"301": "50199", "302": "50201", "303": "50999", "310": "50306"}

# How many 款 of each class a basic-expenditure table lists (min, max).
_ECONOMIC_COUNTS = {"301": (3, 9), "302": (4, 12), "303": (0, 3), "310": (0, 2)}
# 款 every basic table has (wages are never missing)
_ALWAYS = ("30101", "30102", "30201")


def function_name(code: str) -> str:
    return load_list("function").entries[code].name


def economic_name(code: str) -> str:
    return load_list("economic").entries[code].name


def government_code(code: str) -> tuple[str, str]:
    gov = _GOV_BY_CODE.get(code, _GOV_BY_CLASS[code[:3]])
    return gov, load_list("government_economic").entries[gov].name


def _children(kind: str, parent: str) -> list[str]:
    lst = load_list("function" if kind == "function" else "economic")
    return list(lst.children.get(parent, ()))


def draw_function_rows(rng: random.Random) -> list[tuple[str, str]]:
    """2-5 classes, 1-3 款 each, 1-3 项 each: the (code, name) of every 项, in code order."""
    classes = [c for c in _children("function", "") if _children("function", c)]
    rows: list[str] = []
    for klass in rng.sample(classes, rng.randint(2, 5)):
        kuan = [k for k in _children("function", klass) if _children("function", k)]
        for k in rng.sample(kuan, min(len(kuan), rng.randint(1, 3))):
            xiang = _children("function", k)
            rows += rng.sample(xiang, min(len(xiang), rng.randint(1, 3)))
    return [(c, function_name(c)) for c in sorted(rows)]


def draw_economic_codes(rng: random.Random, required: set[str]) -> list[str]:
    """The 款 of a basic-expenditure table, in code order; `required` are always in."""
    chosen = set(_ALWAYS) | required
    for klass, (low, high) in _ECONOMIC_COUNTS.items():
        pool = [c for c in _children("economic", klass) if c not in chosen]
        chosen |= set(rng.sample(pool, min(len(pool), rng.randint(low, high))))
    return sorted(chosen)


def economic_class_name(code: str) -> str:
    return economic_name(code[:3])
