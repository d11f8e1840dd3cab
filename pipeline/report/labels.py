"""What the report calls things: plan families, KM steps, Change Management elements and
year bases, in Thai with the English name where readers know the English one."""

from __future__ import annotations

from extract.vocab import load

# The contract's order: the OPDC 7-step table first.
PLAN_TYPES = ("km_process", "change_management", "project_list")
FAMILY_TITLES = {
    "km_process": "กระบวนการจัดการความรู้ (KM Process)",
    "change_management": "การบริหารจัดการการเปลี่ยนแปลง (Change Management)",
    "project_list": "รายการโครงการ (Project list)",
}
YEAR_WORDS = {"fiscal": "ปีงบประมาณ", "academic": "ปีการศึกษา"}

STEP_NAMES = {
    1: "การบ่งชี้ความรู้",
    2: "การสร้างและแสวงหาความรู้",
    3: "การจัดความรู้ให้เป็นระบบ",
    4: "การประมวลและกลั่นกรองความรู้",
    5: "การเข้าถึงความรู้",
    6: "การแบ่งปันแลกเปลี่ยนความรู้",
    7: "การเรียนรู้",
}


def element_names() -> dict[int, str]:
    """Element number -> canonical name (the first printed form in vocab/elements.json),
    read from the vocabulary so the report names elements as normalize classifies them."""
    return {int(key): forms[0] for key, forms in load("elements").items()}


def family_title(plan_type: str) -> str:
    return FAMILY_TITLES.get(plan_type, plan_type)


def year_word(year_basis: str) -> str:
    return YEAR_WORDS.get(year_basis, YEAR_WORDS["fiscal"])
