"""Names read from the JSON vocabularies through one accessor, not copied into code."""

from __future__ import annotations

from extract.vocab import numbered_names
from extract.vocab.kinds import PlanType
from extract.vocab.months import month_abbreviations, month_number
from pipeline.report.gantt import THAI_MONTHS
from pipeline.report.labels import FAMILY_TITLES, STEP_NAMES, family_title


def test_month_abbreviations_are_the_printed_ones_in_calendar_order() -> None:
    assert month_abbreviations() == dict(enumerate(
        ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
         "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."], start=1))  # fmt: skip
    assert all(month_number(name) == month for month, name in month_abbreviations().items())
    assert THAI_MONTHS == month_abbreviations()


def test_step_and_element_names_are_the_standard_ones() -> None:
    assert numbered_names("steps") == {
        1: "การบ่งชี้ความรู้", 2: "การสร้างและแสวงหาความรู้", 3: "การจัดความรู้ให้เป็นระบบ",
        4: "การประมวลและกลั่นกรองความรู้", 5: "การเข้าถึงความรู้",
        6: "การแบ่งปันแลกเปลี่ยนความรู้", 7: "การเรียนรู้",
    }  # fmt: skip
    assert STEP_NAMES == numbered_names("steps")
    assert sorted(numbered_names("elements")) == [1, 2, 3, 4, 5, 6]


def test_every_plan_type_has_a_report_title() -> None:
    assert set(FAMILY_TITLES) == set(PlanType)
    assert family_title("change_management").endswith("(Change Management)")
    assert family_title("unknown_family") == "unknown_family"
