"""Activity cells to the canonical KM step, by what the printed step name says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.steps import StepMatch, classify_step, leading_phrase

# Every distinct กิจกรรม of the seed's 63 rows (HTML fragments of its converter included).
SEED_ACTIVITIES = [
    ("การบงชี้ความรู้", 1),
    ("การจัดความรู้ให้เป็นระบบ", 3),
    ("การสร้าง และแสวงหาความรู้", 2),
    ("การประเมินผลและกัลันการองความรู้", 4),
    ("การเข้าถึงความรู้", 5),
    ("การแบ่งปันแลกเปลี่ยนความรู้", 6),
    ("การเรียนรู้", 7),
    ("การบงชี้ความรู้ -รวบรวมรายการวัสดุสำนักงานที่จำเป็นต้องใช้สำนักงาน", 1),
    ("การสร้างและแสวงหาความรู้ -ภายใน อบจ. -ภายนอก อบจ.", 2),
    ("การจัดการความรู้ให้เป็นระบบ", 3),
    ("การประเมินผลและกัลมกรของความรู้ -ปรับปรุงรูปแบบเอกสาร ข้อมูลให้เป็นมาตรฐานและถูกต้อง", 4),
    (
        '<ul style="list-style-type: none"> การเข้าถึงความรู้ -บอร์ดประชาสัมพันธ์ -เว็บไซต์ อบจ.ตาก ',
        5,
    ),
    (
        '<ul style="list-style-type: none"> การแบ่งปันแลกเปลี่ยนความรู้ -บอร์ดประชาสัมพันธ์ -รูปแบบ / รายงาน ',
        6,
    ),
    (
        '<ul style="list-style-type: none"> การเรียนรู้ -สร้างองค์ความรู้ -การนำความรู้ไปใช้ในชีวิต ',
        7,
    ),
    ("การสร้างและแสวงหาความรู้", 2),
    ("การประมวลและกลั่นกรองความรู้", 4),
    ("การเข้าถึงความรู", 5),
    (
        "การบงชี้ความรู้ - จากพันธกิจ สำนักงาน สนับสนุน ตามเทคนิค วิธีการ เครื่องมือ "
        "เครื่องจักรกล บุคลากรในการพัฒนา และแก้ไขปัญหาโครงสร้างพื้นฐาน จึง "
        "ต้องค้นหาฐานข้อมูล (Knowledge Bases) งานสำรวจเดิมที่มีอยู่",
        1,
    ),
    ("การสร้างและแสวงหาความรู้ - สร้างความรู้ใหม่ - แสวงหาความรู้จากภายนอก", 2),
    ("การจัดตั้งความรู้ให้เป็นระบบ", 3),
    ("การประมวลและกลั่นกรองความรู้ - การประชุมเพื่อร่วมพิจารณาและสรุปผลข้อมูล", 4),
    ("การแบบแปลนแลกเปลี่ยนความรู้", 6),
    ("การประเมินผลและกัลนครอง ความรู้", 4),
    ("การประเมินผลและกลั่นกรองความรู้", 4),
    ("การปรับปรุงแผนกเปลี่ยนความรู้", 6),
    ("การบ่งชี้ความรู้", 1),
    ("การสร้างและแสดงทางความรู้", 2),
]

# Forms not in the seed: typos it does not have, numbering, English names, no bullets.
OTHER_ACTIVITIES = [
    ("การบ่งชีความรู้", 1),
    ("การบ่งช้ีความรู้", 1),
    ("การสรา้งและแสวงหาความรู้", 2),
    ("การจัดความรู้ใหเ้ป็นระบบ", 3),
    ("การประมวลและกลันกรองความรู้", 4),
    ("การเขา้ถึงความรู้", 5),
    ("การแบ่งปันแลกเปลียนความรู้", 6),
    ("การเรียนรู", 7),
    ("1. การบ่งชี้ความรู้ (Knowledge Identification)", 1),
    ("ขั้นตอนที่ 5 การเข้าถึงความรู้", 5),
    ("- การแบ่งปันแลกเปลี่ยนความรู้", 6),
    ("Knowledge Sharing", 6),
    ("การบ่งชี้ความรู้ จากพันธกิจของสำนักงาน", 1),  # continues without a bullet
    ("การเรียนรู้: นำความรู้ไปใช้ในงาน", 7),
    ("การแลกเปลี่ยนเรียนรู้ภายในองค์กร", 6),  # ends in เรียนรู้, means step 6
    ("การ\u200bเข้า ถึง ความ รู้", 5),
]


@pytest.mark.parametrize(("activity", "step"), SEED_ACTIVITIES + OTHER_ACTIVITIES)
def test_classify_step(activity: str, step: int) -> None:
    match = classify_step(activity)
    assert match is not None
    assert match.step == step


@pytest.mark.parametrize(
    "activity",
    [
        "",
        "-",
        "ประชุมระดมความคิดเห็น",
        "การประชุมคณะทำงาน",
        "โครงการอบรมเชิงปฏิบัติการ",
        "การติดตามและประเมินผล",
        "การจัดการความรู้",  # KM itself names no step
        "การจัดการความรู้ในองค์กร",
        # the six Change Management elements are not KM steps
        "การเตรียมการและปรับเปลี่ยนพฤติกรรม",
        "การสื่อสาร",
        "กระบวนการและเครื่องมือ",
        "การวัดผล",
        "การยกย่องชมเชยและการให้รางวัล",
    ],
)
def test_no_step_named(activity: str) -> None:
    assert classify_step(activity) is None


def test_exact_name_scores_100() -> None:
    assert classify_step("การสร้างและแสวงหาความรู้ -ภายใน อบจ.") == StepMatch(
        step=2, score=100.0, form="การสร้างและแสวงหาความรู้"
    )


def test_typo_scores_below_100_with_canonical_form() -> None:
    assert classify_step("การบงชี้ความรู้") == StepMatch(step=1, score=96.8, form="การบ่งชี้ความรู้")


@pytest.mark.parametrize(
    ("activity", "phrase"),
    [
        ("การบงชี้ความรู้ -รวบรวมรายการวัสดุสำนักงาน", "การบงชี้ความรู้"),
        ("การบงชี้ความรู้ - จากพันธกิจ สำนักงาน", "การบงชี้ความรู้"),
        ("การสร้างและแสวงหาความรู้ -ภายใน อบจ. -ภายนอก อบจ.", "การสร้างและแสวงหาความรู้"),
        ('<ul style="list-style-type: none"> การเข้าถึงความรู้ -บอร์ด', "การเข้าถึงความรู้"),
        ("1. การบ่งชี้ความรู้ (Knowledge Identification)", "การบ่งชี้ความรู้"),
        ("ขั้นตอนที่ 2: การสร้างความรู้", "การสร้างความรู้"),
        ("• การเรียนรู้ • นำไปใช้", "การเรียนรู้"),
        ("การประเมินผลและกัลนครอง ความรู้", "การประเมินผลและกัลนครอง ความรู้"),
    ],
)
def test_leading_phrase(activity: str, phrase: str) -> None:
    assert leading_phrase(activity) == phrase


@settings(max_examples=500)
@given(st.text(max_size=80))
def test_classify_step_never_raises(text: str) -> None:
    match = classify_step(text)
    assert match is None or (1 <= match.step <= 7 and 70.0 <= match.score <= 100.0)


# Other announcements' names for the seven steps, and numbering in parentheses.
@pytest.mark.parametrize(
    ("activity", "step"),
    [
        ("(1) การบ่งชี้ความรู้", 1),
        ("( 2 ) การสร้างและแสวงหาความรู้ - จัดประชุม", 2),
        ("Knowledge Creation", 2),
        ("Knowledge Acquisition", 2),
        ("การจัดเก็บความรู้", 3),
        ("การประมวลผลความรู้", 4),
        ("การกลั่นกรองความรู้", 4),
        ("Knowledge Codification", 4),
        ("การแบ่งปันความรู้", 6),
        ("การนำความรู้ไปใช้ประโยชน์", 7),
        ("การนำความรู้ไปใช้", 7),
    ],
)
def test_other_names_of_the_steps(activity: str, step: int) -> None:
    found = classify_step(activity)
    assert found is not None and found.step == step
