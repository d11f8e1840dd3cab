"""Text-layer traps of real Thai PDFs, field by field: digits in either script, letter
spacing, marks out of order or after a space, lost sara am, sara aa read as sara am.
Expected values are what the printed page shows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.budget import parse_budget
from normalize.periods import parse_period
from normalize.repairs import RepairLog
from normalize.sara_aa import affected, repair_sara_aa_read_as_am
from normalize.spacing import collapse_letter_spacing, has_letter_spacing
from normalize.targets import parse_target
from normalize.text import clean_text

from ..conftest import SHARED

# --- digits: a font may draw Thai digits for Arabic codes or the reverse; the text layer
# holds whichever its ToUnicode map says, one number may mix both.


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("๒๕๖4", "2564"),
        ("2๕๖๔", "2564"),
        ("ปีงบประมาณ ๒๕๖4", "ปีงบประมาณ 2564"),
        ("ร้อยละ ๘0", "ร้อยละ 80"),
        ("12,๕๐0 บาท", "12,500 บาท"),
    ],
)
def test_digits_of_either_script_in_one_number(printed: str, expected: str) -> None:
    assert clean_text(printed) == expected


def test_mixed_digits_in_canonical_fields() -> None:
    assert parse_period("ต.ค. - พ.ย. ๒๕๖6", None).end is not None
    assert parse_period("ต.ค. - พ.ย. ๒๕๖6", None).start.isoformat() == "2023-10-01"  # type: ignore[union-attr]
    assert parse_target("ไม่น้อยกว่าร้อยละ ๙0").percent == 90.0
    assert parse_budget("๑2,๕๐0 บาท").baht == 12500.0


def test_a_percentage_whose_tone_mark_ocr_dropped() -> None:
    # The scanned sample's OCR reads มากกว่าร้อยละ 70 without its tone marks.
    assert parse_target("ผู้เข้าร่วมประชุมมากกวารอยละ 70").percent == 70.0


# --- letter spacing: a space between every character of a word


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ก า ร จั ด ก า ร ค ว า ม รู้", "การจัดการความรู้"),
        # a wider gap (two spaces) is a real word gap and stays one space
        ("ก อ ง ช่ า ง  ฝ่ า ย ค ว บ คุ ม อ า ค า ร", "กองช่าง ฝ่ายควบคุมอาคาร"),
        # a spaced word beside words set solid
        ("ประชุม ก อ ง ช่ า ง", "ประชุม กองช่าง"),
        # a name the dictionary splits into words
        ("ส ม ศั ก ดิ์ ใ จ ดี", "สมศักดิ์ใจดี"),
        # a space before a mark as well
        ("บ ่ ง ชี ้ ค ว า ม รู ้", "บ่งชี้ความรู้"),
        # a list of letters is not a word: kept
        ("ข้อ ก ข ค", "ข้อ ก ข ค"),
        # words of one consonant and their marks, one space apart as printed: kept
        ("ผู้ ที่ ทำ", "ผู้ ที่ ทำ"),
        # digits are not collapsed here (extract reads spaced numbers from their gaps)
        ("ร้ อ ย ล ะ 8 0", "ร้อยละ 8 0"),
        ("การจัดการความรู้", "การจัดการความรู้"),
    ],
)
def test_letter_spacing_is_collapsed_where_the_dictionary_reads_words(
    printed: str, expected: str
) -> None:
    assert clean_text(printed) == expected


def test_has_letter_spacing() -> None:
    assert has_letter_spacing("ก า ร จั ด")
    assert not has_letter_spacing("ข้อ ก ข ค")
    assert not has_letter_spacing("การจัดการ")


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("การ จัดมีที่ผู้ขคเ ")), max_size=30))
def test_collapse_letter_spacing_is_idempotent(text: str) -> None:
    once = collapse_letter_spacing(text)
    assert collapse_letter_spacing(once) == once


# --- marks and sara am: repaired where PyThaiNLP's dictionary confirms (RepairLog.clean)


@pytest.mark.parametrize(
    ("printed", "expected", "kind"),
    [
        # a mark stored after the next letter, before a space (left-to-right sorting)
        ("ทางวชิ าการ", "ทางวิชาการ", "mark-order"),
        ("ส่งเสริมงานทางวชิ าการของคณะ", "ส่งเสริมงานทางวิชาการของคณะ", "mark-order"),
        # a space before a mark
        ("นิติศาสตร ์", "นิติศาสตร์", "space-before-mark"),
        # sara am lost, a space where its nikhahit was
        ("ประจ าปี", "ประจำปี", "lost-sara-am"),
        ("งบด าเนนิ งาน", "งบดำเนินงาน", "lost-sara-am"),
        # the font's sara aa glyph read as sara am, in text that has no sara aa
        ("ผลกำรลงคะแนน", "ผลการลงคะแนน", "sara-aa-read-as-am"),
        ("หมำยเหตุ", "หมายเหตุ", "sara-aa-read-as-am"),
        ("ผู้ปฏิบัติหน้ำที่ประธำน", "ผู้ปฏิบัติหน้าที่ประธาน", "sara-aa-read-as-am"),
        # letter spacing
        ("ก า ร จั ด ก า ร", "การจัดการ", "letter-spacing"),
    ],
)
def test_damaged_text_is_repaired(printed: str, expected: str, kind: str) -> None:
    log = RepairLog()
    assert log.clean(printed, field="method", page=1) == expected
    assert kind in log.repairs[0].kinds


@pytest.mark.parametrize(
    "printed",
    [
        "ทำงาน",  # ทา|งาน would be two words where ทำงาน is one
        "ลำดับที่ จำนวน สำนักงาน",
        "กำลังใจ",
        "วิธีกำรสุ่ความสำเร้จ",  # a typo as printed: the text has sara aa, so no font damage
        "ข้าว ปลา",
        "อดุ หนนุ",  # no sign of damage in the cell: the dictionary is not asked
    ],
)
def test_undamaged_text_is_kept(printed: str) -> None:
    log = RepairLog()
    assert log.clean(printed, field="method") == printed
    assert log.repairs == []


def test_sara_aa_read_as_am_needs_the_dictionary() -> None:
    assert affected("ผลกำรลงคะแนน") and not affected("การกำหนด")
    assert repair_sara_aa_read_as_am("ดำเนินกำร") == ("ดำเนินการ", 1)
    assert repair_sara_aa_read_as_am("ทำ") == ("ทำ", 0)


VOTE_LOG = SHARED / "realworld" / "mixed-scanned-vote-log.pdf"


def test_real_page_whose_font_reads_sara_aa_as_sara_am() -> None:
    """The born-digital page 15 of a real vote log: its bold font's sara aa glyph is mapped
    to sara am (the page shows ผลการลงคะแนน, หมายเหตุ, หน้าที่ประธาน)."""
    if not VOTE_LOG.exists():
        pytest.skip(f"{VOTE_LOG} is not there (../shared/realworld)")
    import pdfplumber

    from extract.text.glyphs import glyphs_of, group_lines

    with pdfplumber.open(VOTE_LOG) as pdf:
        lines = [ln.text for ln in group_lines(glyphs_of(pdf.pages[14].chars))]
    log = RepairLog()
    repaired = " ".join(log.clean(line, field="text", page=15) for line in lines)
    for shown in ("ผลการลงคะแนน", "หมายเหตุ", "ผู้ปฏิบัติหน้าที่ประธานในที่ประชุม", "ลำดับที่"):
        assert shown in repaired
    assert "กำร" not in repaired
