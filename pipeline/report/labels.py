"""What the report calls things: plan families, KM steps, Change Management elements and
year bases, in Thai with the English name where readers know the English one."""

from __future__ import annotations

from extract.vocab import numbered_names
from extract.vocab.kinds import PlanType

# Keyed by the enum; looked up with the stored strings (a StrEnum member equals its value).
FAMILY_TITLES: dict[str, str] = {
    PlanType.KM_PROCESS: "กระบวนการจัดการความรู้ (KM Process)",
    PlanType.CHANGE_MANAGEMENT: "การบริหารจัดการการเปลี่ยนแปลง (Change Management)",
    PlanType.PROJECT_LIST: "รายการโครงการ (Project list)",
}
YEAR_WORDS = {"fiscal": "ปีงบประมาณ", "academic": "ปีการศึกษา"}

# Read from the vocabularies, so the report names steps and elements as normalize
# classifies them.
STEP_NAMES = numbered_names("steps")


def element_names() -> dict[int, str]:
    return numbered_names("elements")


def family_title(plan_type: str) -> str:
    return FAMILY_TITLES.get(plan_type, plan_type)


def year_word(year_basis: str) -> str:
    return YEAR_WORDS.get(year_basis, YEAR_WORDS["fiscal"])
