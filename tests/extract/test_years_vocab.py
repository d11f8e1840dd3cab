"""The era markers declared once in extract/vocab/years.py, as every year reader uses them."""

from __future__ import annotations

import re

import pytest

from extract.metadata import find_metadata
from extract.vocab.years import BE_PREFIX, ERA
from normalize.periods import parse_period
from normalize.plan_header import plan_year

SPELLINGS = ["พ.ศ. ", "พ.ศ.", "พ.ศ ", "พ. ศ. ", "พศ ", ""]


@pytest.mark.parametrize("era", SPELLINGS)
def test_every_reader_takes_the_era_however_it_is_dotted(era: str) -> None:
    assert re.fullmatch(rf"{BE_PREFIX}\d{{4}}", f"{era}2566")
    assert find_metadata([f"ประจำปีงบประมาณ {era}๒๕๖๖"], []).fiscal_year == "๒๕๖๖"
    assert find_metadata([f"แผนการจัดการความรู้ ประจำปี {era}2567"], []).fiscal_year == "2567"
    found = plan_year([f"แผนการจัดการความรู้ ประจำปีการศึกษา {era}2566"])
    assert found is not None and (found.basis, found.year) == ("academic", 2566)
    assert parse_period(f"ตลอดปีงบประมาณ {era}2566", None).start is not None


def test_the_era_is_not_the_first_letter_of_a_month() -> None:
    # พ.ค. and พ.ย. are months: ERA must not take their พ for an era marker.
    assert re.match(ERA, "พ.ศ. 2566") and re.match(ERA, "ค.ศ. 2023")
    assert not re.match(ERA, "พ.ค. 66") and not re.match(ERA, "พ.ย. 66")
