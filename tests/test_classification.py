"""The shipped classification lists and the builder that makes them from real documents."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from extractors.classification import (
    CodeMatch,
    economic_name,
    find_economic_code,
    find_function_code,
    find_government_economic_code,
    function_name,
    government_economic_name,
    normalise_name,
)
from extractors.classification.lists import load_list

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DATA = ROOT / "extractors" / "classification"


def _builder() -> ModuleType:
    """scripts/ is not a package; load the build script as a module."""
    path = ROOT / "scripts" / "build_classification.py"
    spec = importlib.util.spec_from_file_location("build_classification", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def test_function_names_at_three_levels() -> None:
    assert function_name("210") == "卫生健康支出"
    assert function_name("201") == "一般公共服务支出"
    assert function_name("208") == "社会保障和就业支出"
    assert function_name("221") == "住房保障支出"
    assert function_name("21015") == "医疗保障管理事务"
    assert function_name("2101501") == "行政运行"
    assert function_name("2210201") == "住房公积金"
    assert function_name("9999999") is None


def test_economic_names() -> None:
    assert economic_name("301") == "工资福利支出"
    assert economic_name("30101") == "基本工资"
    assert economic_name("30213") == "维修（护）费"
    assert government_economic_name("501") == "机关工资福利支出"
    assert government_economic_name("50101") == "工资奖金津补贴"
    assert economic_name("50101") is None  # the two economic lists do not mix


def test_same_name_is_scoped_by_parent() -> None:
    # 行政运行 sits under many 款; the parent decides which one is meant.
    assert find_function_code("行政运行", "21015") == CodeMatch("2101501", "行政运行", True)
    match = find_function_code("行政运行", "20108")
    assert match is not None and match.code == "2010801"
    match = find_function_code("行政运行", "20106")
    assert match is not None and match.code == "2010601"


def test_class_lookup_without_parent() -> None:
    match = find_function_code("卫生健康支出", None)
    assert match is not None and (match.code, match.exact) == ("210", True)
    match = find_function_code("二、社会保障和就业支出", None)  # numbering is not part of a name
    assert match is not None and match.code == "208"


def test_economic_lookup() -> None:
    match = find_economic_code("基本工资", "301")
    assert match is not None and match.code == "30101"
    # Brackets in either width are one name.
    match = find_economic_code("维修(护)费", "302")
    assert match is not None and (match.code, match.exact) == ("30213", True)
    match = find_government_economic_code("工资奖金津补贴", "501")
    assert match is not None and match.code == "50101"


def test_alias_matches_exactly() -> None:
    # 平顶山 2021 prints the older wording; it is kept as an alias of 30110.
    match = find_economic_code("城镇职工基本医疗保险缴费", "301")
    assert match is not None and (match.code, match.exact) == ("30110", True)


def test_fuzzy_match_among_siblings() -> None:
    # A spelling not seen in any document: a dropped "费".
    match = find_economic_code("职工基本医疗保险缴", "301")
    assert match is not None
    assert (match.code, match.exact) == ("30110", False)


def test_unknown_names_return_none() -> None:
    assert find_function_code("月球基地建设", None) is None
    assert find_function_code("行政运行", None) is None  # not a class
    assert find_function_code("基本工资", "21015") is None  # right name, wrong list
    assert find_economic_code("   ", "301") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("（一）行政运行", "行政运行"),
        ("一、一般公共服务支出", "一般公共服务支出"),
        ("1、基本工资", "基本工资"),
        ("2.津贴补贴", "津贴补贴"),
        ("维修（护）费", "维修(护)费"),
        ("机关事业单位基本养老保险缴 费支出", "机关事业单位基本养老保险缴费支出"),
        ("一般行政管理事务", "一般行政管理事务"),  # "一般" is not numbering
    ],
)
def test_normalise_name(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


def test_shipped_lists_are_consistent() -> None:
    for kind in ("function", "economic", "government_economic"):
        lst = load_list(kind)
        assert lst.entries, kind
        for code, entry in lst.entries.items():
            assert len(code) in (3, 5, 7)
            if len(code) > 3:
                assert code[:-2] in lst.entries, f"{kind} {code} has no parent"
            assert entry.support >= 1
            assert entry.name not in entry.aliases


def test_json_is_sorted_and_documented() -> None:
    for name in ("function_codes.json", "economic_codes.json", "government_economic_codes.json"):
        raw = json.loads((DATA / name).read_text(encoding="utf-8"))
        assert raw["source"].startswith("built by scripts/build_classification.py from")
        assert list(raw["codes"]) == sorted(raw["codes"])


def test_rebuild_from_seeds_agrees_with_shipped_lists() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not present at {SEEDS}")
    builder = _builder()
    docs = [builder.read_seed(p) for p in sorted(SEEDS.glob("*.txt"))]
    pairs = {(o.kind, o.code, o.name) for d in docs for o in d.observations}
    # The 平顶山 tables: 项 rows as 类/款/项 columns, economic rows as two code pairs.
    assert ("function", "2101501", "行政运行") in pairs
    assert ("economic", "30101", "基本工资") in pairs
    assert ("government_economic", "50101", "工资奖金津补贴") in pairs
    names = {
        "function": function_name,
        "economic": economic_name,
        "government_economic": government_economic_name,
    }
    for kind, code, name in sorted(pairs):
        shipped = load_list(kind).entries.get(code)
        assert shipped is not None, f"{kind} {code} {name} missing from the shipped list"
        spellings = {normalise_name(n) for n in (shipped.name, *shipped.aliases)}
        assert normalise_name(name) in spellings, (kind, code, name, names[kind](code))


def test_seed_only_build_agrees_with_the_shipped_lists() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not present at {SEEDS}")
    builder = _builder()
    result = builder.build([builder.read_seed(p) for p in sorted(SEEDS.glob("*.txt"))])
    # The seeds print 项 rows only, never a 类 name, so alone they cannot place a code in
    # the hierarchy: everything they show is held back, yet each pair matches the lists.
    built = [(k, c, e.name) for k, entries in result.lists.items() for c, e in entries.items()]
    held_back = list(result.rejected)
    assert ("function", "2101501", "行政运行") in held_back
    assert len(built) + len(held_back) >= 40
    for kind, code, name in built + held_back:
        shipped = load_list(kind).entries.get(code)
        assert shipped is not None, f"{kind} {code} {name} not shipped"
        spellings = {normalise_name(n) for n in (shipped.name, *shipped.aliases)}
        assert normalise_name(name) in spellings, (kind, code, name, shipped.name)
