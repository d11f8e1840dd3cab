"""Targets as structure: comparator and count-with-unit beside the percentage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.repairs import RepairLog, repair_kinds
from normalize.targets import TargetParts, parse_target


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("ผู้เข้าร่วมประชุมมากกว่าร้อยละ 70", TargetParts(percent=70, comparator="gt")),
        ("ไม่น้อยกว่าร้อยละ ๘๐", TargetParts(percent=80, comparator="gte")),
        ("อย่างน้อยร้อยละ 60 ของบุคลากร", TargetParts(percent=60, comparator="gte")),
        ("ไม่เกิน 10%", TargetParts(percent=10, comparator="lte")),
        ("ร้อยละ 100", TargetParts(percent=100)),
        ("แล้วเสร็จ 100% (1 เล่ม)", TargetParts(percent=100, count=1, unit="เล่ม")),
        ("-จำนวน 1 เล่ม", TargetParts(count=1, unit="เล่ม")),
        ("จำนวนไม่น้อยกว่า 2 สื่อ", TargetParts(comparator="gte", count=2, unit="สื่อ")),
        ("ไม่น้อยกว่า 5 แห่ง", TargetParts(comparator="gte", count=5, unit="แห่ง")),
        ("ประชุม อย่างน้อยปีละ 1 ครั้ง", TargetParts(comparator="gte", count=1, unit="ครั้ง/ปี")),
        ("เดือนละ ๒ ครั้ง", TargetParts(count=2, unit="ครั้ง/เดือน")),
        ("งบประมาณ 12,500 บาท", TargetParts(count=12500, unit="บาท")),
        ("80 เปอร์เซ็นต์", TargetParts(percent=80)),
        # a comparator printed after the number: "80 percent and up"
        ("ร้อยละ 80 ขึ้นไป", TargetParts(percent=80, comparator="gte")),
        ("ร้อยละ ๗๕ ขึ้นไป", TargetParts(percent=75, comparator="gte")),
        ("80 % ขึ้นไป", TargetParts(percent=80, comparator="gte")),
        ("5 เรื่อง ขึ้นไป", TargetParts(comparator="gte", count=5, unit="เรื่อง")),
        ("ไม่เกิน 3 ครั้ง", TargetParts(comparator="lte", count=3, unit="ครั้ง")),
        # "per year" printed after the unit is the same as ปีละ in front
        ("1 ครั้ง / ปี", TargetParts(count=1, unit="ครั้ง/ปี")),
        ("1 เรื่อง/ปี", TargetParts(count=1, unit="เรื่อง/ปี")),
        ("2 ครั้งต่อปี", TargetParts(count=2, unit="ครั้ง/ปี")),
        # "two in three": a fraction, not a count of a unit ใน
        ("บุคลากรเข้าร่วม 2 ใน 3", TargetParts()),
        ("การยกระดับผลการประเมิน", TargetParts()),
        ("", TargetParts()),
    ],
)
def test_parse_target(text: str, parts: TargetParts) -> None:
    assert parse_target(text) == parts


@given(st.text())
def test_parse_target_never_raises(text: str) -> None:
    parse_target(text)


@pytest.mark.parametrize(
    ("printed", "repaired", "kinds"),
    [
        ("ตัวชี ้วัด", "ตัวชี้วัด", ["space-before-mark"]),
        ("ก\uf70bา", "ก้า", ["private-use-glyph"]),
        ("ส\u0e4d\u0e32นัก", "สำนัก", ["decomposed-sara-am"]),
        ("ค\u200bวาม", "ความ", ["zero-width-char"]),
    ],
)
def test_repairs_are_recorded_with_their_kind(
    printed: str, repaired: str, kinds: list[str]
) -> None:
    log = RepairLog()
    assert log.clean(printed, field="activity", page=3, plan_no=1, seq=2) == repaired
    [repair] = log.repairs
    assert (repair.kinds, repair.printed, repair.repaired) == (kinds, printed, repaired)
    assert (repair.page, repair.plan_no, repair.seq, repair.field) == (3, 1, 2, "activity")
    assert repair.changed_chars >= 1
    assert 0 < log.share <= 1


def test_normal_cleaning_is_not_counted_as_repair() -> None:
    log = RepairLog()
    assert log.clean("  ร้อยละ   ๘๐ ", field="target") == "ร้อยละ 80"
    assert log.repairs == [] and log.share == 0.0
    assert repair_kinds("บรหิาร") == ["mark-order"]


def test_lost_sara_am_is_restored_and_its_page_counted_as_damaged() -> None:
    log = RepairLog()
    text = log.clean("ประจ าปีงบประมาณ ๒๕๖๘ งบด าเนินงาน", field="target", page=4)
    assert text == "ประจำปีงบประมาณ 2568 งบดำเนินงาน"
    assert [r.kinds for r in log.repairs] == [["lost-sara-am"]]
    assert log.damaged_pages == {4}
    assert log.clean("ข้อมูล ครบถ้วน", field="target", page=5) == "ข้อมูล ครบถ้วน"
    assert log.damaged_pages == {4}
