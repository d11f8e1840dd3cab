"""Where a document without a memo names its organization and year: cover lines, a framed
box, the title block, running headers and footers (extract/sources.py)."""

from __future__ import annotations

import pytest

from extract.models import RawMetadata
from extract.sources import (
    PageText,
    cover_organization,
    cover_year,
    running_lines,
    unit_name,
    with_sources,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("คณะพยาบาลศาสตร์", "คณะพยาบาลศาสตร์"),
        ("แผนการจัดการความรู้ คณะพยาบาลศาสตร์ ประจำปีงบประมาณ พ.ศ. 2566", "คณะพยาบาลศาสตร์"),
        ("มหาวิทยาลัยราชภัฏเวียงหมอก", "มหาวิทยาลัยราชภัฏเวียงหมอก"),
        ("วิทยาลัยการอาชีพดอยสายหมอก", "วิทยาลัยการอาชีพดอยสายหมอก"),
        ("โรงพยาบาลเวียงหมอก จังหวัดตาก", "โรงพยาบาลเวียงหมอก จังหวัดตาก"),
        ("สำนักงานสาธารณสุขจังหวัดตาก", "สำนักงานสาธารณสุขจังหวัดตาก"),
        ("กรมส่งเสริมการปกครองท้องถิ่น", "กรมส่งเสริมการปกครองท้องถิ่น"),
        ("องค์การบริหารส่วนตำบลแม่ท้อ", "องค์การบริหารส่วนตำบลแม่ท้อ"),
        ("เทศบาลนครแม่สอด หน้า ๓", "เทศบาลนครแม่สอด"),
        # Thai digits, a page number, the year after the name
        ("คณะเกษตรศาสตร์ ปีการศึกษา ๒๕๖๔", "คณะเกษตรศาสตร์"),
        # not a unit: a committee, a working group, the KM words, a sentence
        ("คณะกรรมการการจัดการความรู้", None),
        ("คณะทำงานการจัดการความรู้", None),
        ("องค์การแห่งการเรียนรู้", None),
        ("แผนการจัดการความรู้ ประจำปีงบประมาณ 2566", None),
        ("ตามที่ คณะพยาบาลศาสตร์ ได้จัดทำแผน", None),
        ("คณะ", None),
        ("", None),
    ],
)
def test_unit_name(line: str, expected: str | None) -> None:
    assert unit_name(line) == expected


def _page(number: int, *lines: str | tuple[str, bool], edges: tuple[str, ...] = ()) -> PageText:
    placed = []
    for top, line in enumerate(lines):
        text, boxed = line if isinstance(line, tuple) else (line, False)
        placed.append((float(top), text, boxed))
    return PageText(number, tuple(placed), edges)


def test_cover_box_names_the_organization_over_two_lines() -> None:
    cover = _page(
        1,
        ("แผนการจัดการความรู้ (KM Action Plan)", True),
        ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๔", True),
        ("คณะเทคโนโลยีการเกษตร", True),
        ("มหาวิทยาลัยราชภัฏเวียงหมอก", True),
        "จัดทำโดย คณะกรรมการการจัดการความรู้",
    )
    found = cover_organization([cover], memo_pages=[], plan_pages=[2])
    assert found == ("คณะเทคโนโลยีการเกษตร มหาวิทยาลัยราชภัฏเวียงหมอก", 1)
    assert cover_year([cover], skip=[2]) == ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๔", 1)


def test_memo_pages_and_plan_table_cells_name_no_organization() -> None:
    memo = _page(1, "สำนักงานปลัด กองคลัง", "ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๕")
    plan = _page(2, ("สำนักปลัด", True), "คณะพยาบาลศาสตร์")
    found = cover_organization([memo, plan], memo_pages=[1], plan_pages=[2])
    # the cell of the plan table (a ผู้รับผิดชอบ) is passed over; the title line is read
    assert found == ("คณะพยาบาลศาสตร์", 2)
    assert cover_year([memo, plan], skip=[1, 2]) is None


def test_running_lines_repeat_on_most_pages_with_page_numbers_masked() -> None:
    pages = [
        _page(n, edges=("รายงานผลการดำเนินงาน คณะพยาบาลศาสตร์ ปีงบประมาณ 2564", f"หน้า {n}"))
        for n in range(1, 5)
    ] + [_page(5, edges=("ภาคผนวก",))]
    assert running_lines(pages) == [
        "รายงานผลการดำเนินงาน คณะพยาบาลศาสตร์ ปีงบประมาณ 2564",
        "หน้า 1",
    ]
    # one page is no running header
    assert running_lines(pages[:1]) == []


def test_with_sources_keeps_the_memo_and_adds_the_rest() -> None:
    memo = RawMetadata(
        organization=None,
        fiscal_year=None,
        announced_on=None,
        reference_no=None,
        signed_by=None,
    )
    pages = [_page(1, "คณะพยาบาลศาสตร์"), _page(2, ("x", True))]
    found = with_sources(memo, pages, plan_pages=[2])
    assert (found.cover_organization, found.cover_organization_page) == ("คณะพยาบาลศาสตร์", 1)
    assert found.plan_pages == [2]
