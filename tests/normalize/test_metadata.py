"""Memo/announcement fields and the department named in a plan header."""

from __future__ import annotations

from datetime import date

import pytest

from normalize.department import department_name
from normalize.metadata import (
    announcement_date,
    fiscal_year,
    organization_name,
    reference_number,
    signer_name,
)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ประกาศองค์การบริหารส่วนจังหวัดตาก", "องค์การบริหารส่วนจังหวัดตาก"),
        ("ประกาศ องค์การบริหารส่วนจังหวัดตาก", "องค์การบริหารส่วนจังหวัดตาก"),
        (" องค์การบริหารส่วนจังหวัดตาก\n", "องค์การบริหารส่วนจังหวัดตาก"),
        ("ประกาศ", None),
        ("", None),
        (None, None),
    ],
)
def test_organization_name(printed: str | None, expected: str | None) -> None:
    assert organization_name(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", 2566),
        ("๒๕๖๖", 2566),
        ("ประจำปีงบประมาณ พ.ศ. 2566", 2566),
        ("ปีงบประมาณ 66", 2566),
        ("ครั้งที่ 2 ประจำปีงบประมาณ 2567", 2567),  # the four-digit number is the year
        ("ปีงบประมาณ ค.ศ. 2023", 2566),
        ("ประจำปีงบประมาณ", None),
        (None, None),
    ],
)
def test_fiscal_year(printed: str | None, expected: int | None) -> None:
    assert fiscal_year(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ตก ๕๑๐๐๘/๙๗๒๖", "ตก 51008/9726"),
        ("ที่ ตก ๕๑๐๐๘/๙๗๒๖", "ตก 51008/9726"),
        ("ที่ ตก ๕๑๐๐๘ ๙๗๒๖", "ตก 51008 9726"),  # kept as printed, slash not invented
        ("ที่: ตก  ๕๑๐๐๘/๙๗๒๖", "ตก 51008/9726"),
        ("ที่ ตก ๕๑๐๐๘ ๙๗๒๖ วันที่ ๑๑ ตุลาคม ๒๕๖๖", "ตก 51008 9726"),
        ("ที่", None),
        (None, None),
    ],
)
def test_reference_number(printed: str | None, expected: str | None) -> None:
    assert reference_number(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("(นายณัฐวุฒิ ทวีเกื้อกูลกิจ)", "นายณัฐวุฒิ ทวีเกื้อกูลกิจ"),
        ("( นายณัฐวุฒิ  ทวีเกื้อกูลกิจ )", "นายณัฐวุฒิ ทวีเกื้อกูลกิจ"),
        ("(นายณัฐวุฒิ ทวีเกื้อกูลกิจ", "นายณัฐวุฒิ ทวีเกื้อกูลกิจ"),
        ("นายณัฐวุฒิ ทวีเกื้อกูลกิจ", "นายณัฐวุฒิ ทวีเกื้อกูลกิจ"),
        ("()", None),
        (None, None),
    ],
)
def test_signer_name(printed: str | None, expected: str | None) -> None:
    assert signer_name(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("๑๑ ตุลาคม ๒๕๖๖", date(2023, 10, 11)),
        ("ประกาศ ณ วันที่ ๑๑ ตุลาคม พ.ศ. ๒๕๖๖", date(2023, 10, 11)),
        ("ตุลาคม ๒๕๖๖", None),
        (None, None),
    ],
)
def test_announcement_date(printed: str | None, expected: date | None) -> None:
    assert announcement_date(printed) == expected


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("องค์การบริหารส่วนจังหวัดตาก (กองคลัง)", "กองคลัง"),
        ("องค์การบริหารส่วนจังหวัดตาก (สำนักงานส่งเสริมวิสาหกิจ", "สำนักงานส่งเสริมวิสาหกิจ"),
        ("องค์การบริหารส่วนจังหวัดตาก (กองการศึกษา ศาสนาและวัฒนธรรม)", "กองการศึกษา ศาสนาและวัฒนธรรม"),
        (
            "องค์การบริหารส่วนจังหวัดตาก (สำนักปลัดองค์การบริหารส่วนจังหวัด)",
            "สำนักปลัดองค์การบริหารส่วนจังหวัด",
        ),
        ("องค์การบริหารส่วนจังหวัดตาก (กองช่าง (ฝ่ายสำรวจ))", "กองช่าง (ฝ่ายสำรวจ)"),
        ("องค์การบริหารส่วนจังหวัดตาก ( กองคลัง )", "กองคลัง"),
        ("กองคลัง", "กองคลัง"),
        ("องค์การบริหารส่วนจังหวัดตาก ()", "องค์การบริหารส่วนจังหวัดตาก ()"),
        ("", ""),
        (None, ""),
    ],
)
def test_department_name(unit: str | None, expected: str) -> None:
    assert department_name(unit) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        # extract leaves the colon of "ที่ : ตก ..." in front of the number
        (": ตก 51008/9726", "ตก 51008/9726"),
        ("สธ 0801/ว 123 ลงวันที่ 12 ตุลาคม 2566", "สธ 0801/ว 123"),
        ("มท ๐๘๑๐.๓/ว ๑๒๓๔", "มท 0810.3/ว 1234"),
        ("๑๒๓/๒๕๖๖", "123/2566"),
    ],
)
def test_reference_number_variants(printed: str, expected: str) -> None:
    assert reference_number(printed) == expected


@pytest.mark.parametrize(
    "printed",
    [
        "คำสั่งเทศบาลตำบลบ้านใหม่",
        # the subject or an order's number printed on the heading's line
        "ประกาศเทศบาลตำบลบ้านใหม่ เรื่อง แผนการจัดการความรู้",
        "คำสั่งเทศบาลตำบลบ้านใหม่ ที่ ๑๒๓/๒๕๖๖",
    ],
)
def test_heading_words_are_not_part_of_the_organization(printed: str) -> None:
    assert organization_name(printed) == "เทศบาลตำบลบ้านใหม่"
