"""Department, year and kind from title lines as real producers print them."""

from __future__ import annotations

import pytest

from extractors.mapping.metadata import admin_level, department, fiscal_year_and_kind
from extractors.model import Line, Word
from schemas import AdminLevel, DocumentKind


def lines(*texts: str) -> list[Line]:
    return [
        Line(page=1, words=[Word(t, (0.0, 20.0 * i, 100.0, 20.0 * i + 12))])
        for i, t in enumerate(texts)
    ]


@pytest.mark.parametrize(
    ("texts", "year", "kind", "dept"),
    [
        (
            ["2021 年平顶山市医疗保障局部门预算说明"],
            2021,
            DocumentKind.budget,
            "平顶山市医疗保障局",
        ),
        (["北京市审计局 2026 年度部门预算信息公开"], 2026, DocumentKind.budget, "北京市审计局"),
        (
            ["上海市普陀区财政局2024年度部门决算"],
            2024,
            DocumentKind.final_accounts,
            "上海市普陀区财政局",
        ),
        (
            ["2026年部门收支总体情况表", "部门名称：重庆市商务委员会 单位：万元"],
            2026,
            DocumentKind.budget,
            "重庆市商务委员会",
        ),
    ],
)
def test_title_lines(texts: list[str], year: int, kind: DocumentKind, dept: str) -> None:
    got_year, got_kind, title_dept = fiscal_year_and_kind(lines(*texts))
    assert (got_year, got_kind) == (year, kind)
    assert department(lines(*texts), title_dept) == dept


def test_generic_title_name_is_not_a_department() -> None:
    texts = ["2020年部门综合预算", *["西安市人力资源和社会保障局负责全市就业工作"] * 3]
    _, _, title_dept = fiscal_year_and_kind(lines(*texts))
    assert department(lines(*texts), title_dept) == "西安市人力资源和社会保障局"


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("平顶山市医疗保障局", AdminLevel.city),
        ("河南省医疗保障局", AdminLevel.province),
        ("永清县医疗保障局", AdminLevel.county),
        ("上海市普陀区财政局", AdminLevel.district),
        ("上海市普陀区人民政府万里街道办事处", AdminLevel.township),
        (None, AdminLevel.unknown),
    ],
)
def test_admin_level(name: str | None, level: AdminLevel) -> None:
    assert admin_level(name) == level


@pytest.mark.parametrize(
    ("texts", "dept"),
    [
        # The cover prints the scope as part of the name; tables name the bare department.
        (
            ["2026 年度", "福州市民政局(本级)", "单位预算", "单位名称：福州市民政局"],
            "福州市民政局(本级)",
        ),
        (["无锡市交通运输局（本级）2026 年度单位预算公开"], "无锡市交通运输局（本级）"),
        (
            ["西安市财政局（汇总）", "2026年部门预算公开说明", "部门名称：西安市财政局"],
            "西安市财政局（汇总）",
        ),
        # A scope named only in prose is not the printed name.
        (
            ["部门名称：无锡市统计局", "具体包括：无锡市统计局（本级）和统计普查中心"],
            "无锡市统计局",
        ),
    ],
)
def test_department_keeps_printed_scope(texts: list[str], dept: str) -> None:
    found = lines(*texts)
    _, _, title_department = fiscal_year_and_kind(found)
    assert department(found, title_department) == dept
