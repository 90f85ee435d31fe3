"""An outline whose class and 款 parts the column finder set in a column of their own,
left of the 项 parts, under a group label (功能分类科目) that makes that column a name
column: "02" there is the 款 the 项 rows below hang under (extractors/tables/rows.py,
`_part_in_name_column`).  Left uncoded, the 项 rows would be read as 款 and still sum to
the class, so nothing downstream would notice."""

from __future__ import annotations

from extractors.tables.rows import coded_rows
from tests.unit.tables import typed

HEADER = [
    ["功能分类科目", "", "", "合计", "基本支出", "项目支出"],
    ["", "科目编码", "科目名称", "", "", ""],
]
SPANS = [(0, 0, 1, 3), (0, 3, 2, 1), (0, 4, 2, 1), (0, 5, 2, 1)]
BODY = [
    ["", "", "合计", "48,738.32", "13,541.88", "35,196.44"],
    ["204", "", "公共安全支出", "48,738.32", "13,541.88", "35,196.44"],
    ["02", "", "公安", "45,083.56", "13,541.88", "31,541.68"],
    ["", "01", "行政运行", "1,173.13", "", "1,173.13"],
    ["", "02", "一般行政管理事务", "30,368.55", "", "30,368.55"],
    ["", "19", "信息化建设", "13,541.88", "13,541.88", ""],
    ["99", "", "其他公共安全支出", "3,654.76", "", "3,654.76"],
    ["", "99", "其他公共安全支出", "3,654.76", "", "3,654.76"],
]


def test_kuan_part_in_a_name_column_is_the_kuan() -> None:
    table = typed(HEADER + BODY, "部门支出总表", "元", spans=SPANS)
    assert table.roles[:3] == ["name", "code", "name"]  # the layout this test is about
    rows = [(r.code, r.name, r.level) for r in coded_rows(table, "function")]
    assert rows == [
        (None, "合计", None),
        ("204", "公共安全支出", "类"),
        ("20402", "公安", "款"),
        ("2040201", "行政运行", "项"),
        ("2040202", "一般行政管理事务", "项"),
        ("2040219", "信息化建设", "项"),
        ("20499", "其他公共安全支出", "款"),
        ("2049999", "其他公共安全支出", "项"),
    ]
