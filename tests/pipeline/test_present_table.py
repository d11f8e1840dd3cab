"""The plain text table of `kmplan query`, `runs`, `departments` and `compare`: Thai lines
up (combining marks take no column), numbers align right, NULL is shown as NULL."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.present.table import display_width, format_table
from warehouse.query import QueryResult


def test_format_table_aligns_thai_and_numbers() -> None:
    result = QueryResult(
        columns=("plan_no", "department", "announced_on", "note"),
        rows=(
            (1, "กองการเจ้าหน้าที่", date(2023, 10, 11), None),
            (12, "สำนักปลัด", None, "บรรทัด\nใหม่"),
        ),
    )
    assert format_table(result) == "\n".join(
        [
            "plan_no  department     announced_on  note",
            "-------  -------------  ------------  ----------",
            "      1  กองการเจ้าหน้าที่  2023-10-11    NULL",
            "     12  สำนักปลัด        NULL          บรรทัด\\nใหม่",
            "(2 rows)",
        ]
    )


def test_format_table_footers() -> None:
    assert format_table(QueryResult(columns=(), rows=())) == "(0 rows)"
    one = QueryResult(columns=("n",), rows=((1,),), truncated=True)
    assert format_table(one).splitlines()[-1] == "(1 row, more not shown)"


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("กองการเจ้าหน้าที่", 13),  # 17 code points, 4 of them marks (้ ้ ี ่)
        ("องค์การ", 6),
        ("ปี", 1),
        ("สำนักปลัด", 7),  # sara am takes a column; the two mai han-akat do not
        ("abc", 3),
        ("日本", 4),
        ("", 0),
    ],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width
