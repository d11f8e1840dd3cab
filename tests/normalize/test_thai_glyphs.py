"""Thai glyph repair: private-use glyph codes, displaced marks, lost sara am."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.vocab.glyph_codes import PUA_TO_THAI, repair_pua
from normalize.text import clean_text
from normalize.thai_glyphs import (
    repair_damaged_thai,
    repair_lost_sara_am,
    repair_mark_order,
)

from ..conftest import SHARED

REALWORLD = SHARED / "realworld"

MAI_EK, MAI_THO, MAI_TRI, CHATTAWA, THANTHAKHAT = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
TONES = [MAI_EK, MAI_THO, MAI_TRI, CHATTAWA, THANTHAKHAT]

# Written out independently of the module's table: the Windows set (Microsoft's Thai
# fonts, TH Sarabun PSK / TH SarabunIT๙) and the Macintosh set, as HarfBuzz's Thai
# fallback shaper pairs them.
EXPECTED_PUA: dict[int, str] = {
    0xF700: "\u0e10",
    0xF70F: "\u0e0d",
    **dict(zip(range(0xF701, 0xF705), "\u0e34\u0e35\u0e36\u0e37", strict=True)),
    **dict(zip(range(0xF705, 0xF70A), TONES, strict=True)),
    **dict(zip(range(0xF70A, 0xF70F), TONES, strict=True)),
    **dict(zip(range(0xF710, 0xF713), "\u0e31\u0e4d\u0e47", strict=True)),
    **dict(zip(range(0xF713, 0xF718), TONES, strict=True)),
    **dict(zip(range(0xF718, 0xF71B), "\u0e38\u0e39\u0e3a", strict=True)),
    0xF884: "\u0e31",
    **dict(zip(range(0xF885, 0xF889), "\u0e34\u0e35\u0e36\u0e37", strict=True)),
    0xF889: "\u0e47",
    **{0xF88A + 3 * i + k: tone for i, tone in enumerate(TONES) for k in range(3)},
    0xF899: "\u0e4d",
    0xF89A: "\u0e0d",
    **dict(zip(range(0xF89B, 0xF89E), "\u0e38\u0e39\u0e3a", strict=True)),
    0xF89E: "\u0e10",
}


@pytest.mark.parametrize(("code", "thai"), sorted(EXPECTED_PUA.items()))
def test_every_pua_code_maps_to_its_character(code: int, thai: str) -> None:
    assert repair_pua(chr(code)) == thai
    assert PUA_TO_THAI[code] == thai


def test_table_holds_exactly_the_documented_codes() -> None:
    assert set(PUA_TO_THAI) == set(EXPECTED_PUA)
    # undocumented neighbours are left alone rather than guessed
    for code in (0xF71B, 0xF880, 0xF883, 0xF89F):
        assert repair_pua(chr(code)) == chr(code)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # strings as pua-table-program-summary.pdf extracts them
        ("กลุ\uf70aมอาชีพ", "กลุ่มอาชีพ"),
        ("เทคนิคซ\uf70aอมบ\u0e4d\u0e32รุงเรือ", "เทคนิคซ่อมบำรุงเรือ"),
        ("เทคนิคยานยนต\uf70eไฟฟ\uf706า", "เทคนิคยานยนต์ไฟฟ้า"),
        ("อุตสาหกรรมก\uf70aอสร\uf70bาง", "อุตสาหกรรมก่อสร้าง"),
        ("ป\uf701โตรเลียม", "ปิโตรเลียม"),
        ("เทคนิคสถาป\uf710ตยกรรม", "เทคนิคสถาปัตยกรรม"),
        # pua-plan-quality-improvement-2559.pdf's codes
        ("ตัวชี\uf70bวัด", "ตัวชี้วัด"),
        ("ที\uf70aมา", "ที่มา"),
        ("ท\uf702", "ที"),
        ("เป\uf712น", "เป็น"),
        # a space before the (repaired) mark is an artifact
        ("ตัวชี \u0e49วัด", "ตัวชี้วัด"),
        ("ตัวชี \uf70bวัด", "ตัวชี้วัด"),
        # decomposed sara am, with a shifted nikhahit or tone mark
        ("ท\uf711\u0e32งาน", "ทำงาน"),
        ("น\uf70b\u0e4d\u0e32", "น\u0e49\u0e33"),
        ("น\u0e4d\uf70b\u0e32", "น\u0e49\u0e33"),
        # tone mark before a lower vowel: canonical order
        ("ก\uf70a\u0e38ม", "ก\u0e38\u0e48ม"),
        ("ก\uf70a\uf718ม", "ก\u0e38\u0e48ม"),
        # the same mark twice (once as a PUA glyph) is drawn once
        ("ก\u0e48\uf70aอน", "ก\u0e48อน"),
        ("ท\uf702\u0e35", "ท\u0e35"),
        # sara e + sara e is sara ae
        ("\u0e40\u0e40ผน", "แผน"),
        # tail-less yo ying and tho than
        ("กตัญ\uf70f\uf719", "กตัญญู"),
        ("\uf700าน", "ฐาน"),
        # typos still stay
        ("ผลกำรลงคะแนน", "ผลกำรลงคะแนน"),
    ],
)
def test_clean_text_repairs_pua_first(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ประจ าปีงบประมาณ", "ประจำปีงบประมาณ"),
        ("งบด าเนินงาน", "งบดำเนินงาน"),
        ("จ านวน", "จำนวน"),
        ("ก าแพง", "กำแพง"),
        ("ส าหรับผู้ส าเร็จการศึกษา", "สำหรับผู้สำเร็จการศึกษา"),
        ("โครงการจัดซื้อค่าน้ ามันเชื้อเพลิง", "โครงการจัดซื้อค่าน้ำมันเชื้อเพลิง"),
        ("ประจ าปีงบประมาณ 2568", "ประจำปีงบประมาณ 2568"),
    ],
)
def test_lost_sara_am_restored(raw: str, expected: str) -> None:
    repaired, count = repair_lost_sara_am(raw)
    assert repaired == expected
    assert count == raw.count(" \u0e32")


@pytest.mark.parametrize(
    "text",
    [
        # ขำ is a word, but the ว left behind is not: the dictionary rejects ขำว
        "ข าว",
        # a displaced tone mark, not a lost sara am: กำร is no word
        "ภายใต้ก ารใช้",
        # nothing to repair
        "ตัวชี้วัด ผลลัพธ์",
        "ประจำปีงบประมาณ",
        "",
    ],
)
def test_lost_sara_am_left_alone(text: str) -> None:
    assert repair_lost_sara_am(text) == (text, 0)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ปงีบประมาณ", "ปีงบประมาณ"),
        ("อดุ หนนุ", "อุดหนุน"),
        ("วสั ดุ", "วัสดุ"),
        ("งบบคุ ลากร", "งบบุคลากร"),
        ("พัฒนาผเู้รียน", "พัฒนาผู้เรียน"),
        ("อาชีวศกึษา", "อาชีวศึกษา"),
        ("ประสิทธภิ าพ", "ประสิทธิภาพ"),
        ("ภายใตก้ ารใช้", "ภายใต้การใช้"),
        # a real space after a displaced mark stays: no word runs across it
        ("ระดบั อาชีวศกึ ษา", "ระดับ อาชีวศึกษา"),
        ("ประจำปกี ารศึกษา 2559", "ประจำปีการศึกษา 2559"),
    ],
)
def test_mark_order_repaired(raw: str, expected: str) -> None:
    repaired, count = repair_mark_order(raw)
    assert repaired == expected
    assert count >= 1


@pytest.mark.parametrize(
    "text",
    [
        # a name the dictionary does not know: moving ี makes พร|รี|ณ, not a word
        "มหาวิทยาลัยราชภัฏรำไพพรรณี",
        # a lost sara am next to a tone mark is not a displaced mark
        "โครงการกระจายจุดบริการน้ าดื่ม",
        "โครงการวันร าลึกครูกลอนสุนทรภู่",
        # correct text
        "การเรียนรู้ ของ",
        "ทางวิชาการที่ ก.ย. 60",
        "กลุ่มอาชีพ เทคนิคซ่อมบำรุงเรือ",
        "",
    ],
)
def test_mark_order_left_alone(text: str) -> None:
    assert repair_mark_order(text) == (text, 0)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ประจ าปงีบประมาณ 2568", "ประจำปีงบประมาณ 2568"),
        ("งบด าเนนิ งาน อดุ หนนุ", "งบดำเนินงาน อุดหนุน"),
        ("โครงการจัดท าบัตรประจ าตวันักเรียน", "โครงการจัดทำบัตรประจำตัวนักเรียน"),
    ],
)
def test_damaged_text_repaired(raw: str, expected: str) -> None:
    assert repair_damaged_thai(clean_text(raw))[0] == expected


_PUA_HEAVY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F),
        st.characters(min_codepoint=0xF700, max_codepoint=0xF71F),
        st.characters(min_codepoint=0xF880, max_codepoint=0xF8A0),
        st.sampled_from(" \t\n\u00a0\u200b-.()%"),
    ),
    max_size=40,
)


@settings(max_examples=500)
@given(st.one_of(_PUA_HEAVY, st.text(max_size=40)))
def test_repair_pua_is_idempotent_and_total(text: str) -> None:
    once = repair_pua(text)
    assert repair_pua(once) == once
    assert len(once) == len(text)
    assert not any(ord(c) in PUA_TO_THAI for c in once)


@settings(max_examples=300)
@given(_PUA_HEAVY)
def test_clean_text_with_pua_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert not any(ord(c) in PUA_TO_THAI for c in once)


_THAI_WORDY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0E01, max_codepoint=0x0E4E),
        st.sampled_from("  \u0e32\u0e32\u0e33\n1."),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_THAI_WORDY, st.text(max_size=30)))
def test_dictionary_repairs_never_raise(text: str) -> None:
    for repair in (repair_lost_sara_am, repair_mark_order, repair_damaged_thai):
        repaired, count = repair(text)
        assert isinstance(repaired, str)
        assert count >= 0
        if count == 0:
            assert repaired == text


# --- real files --------------------------------------------------------------------------


def _page_lines(name: str, pages: list[int] | None = None) -> list[list[str]]:
    """clean_text'ed lines of the named realworld PDF, one list per page."""
    if not REALWORLD.is_dir():
        pytest.skip(f"{REALWORLD} is absent")
    pdfplumber = pytest.importorskip("pdfplumber")
    from extract.text.actual_text import ActualTextPage
    from extract.text.glyphs import glyphs_of, group_lines

    out = []
    with pdfplumber.open(REALWORLD / name) as pdf:
        for number in pages if pages is not None else range(len(pdf.pages)):
            page = ActualTextPage.of(pdf.pages[number])  # the page as extract reads it
            out.append([clean_text(line.text) for line in group_lines(glyphs_of(page.chars))])
    return out


def _assert_standard_thai(text: str) -> None:
    assert not [hex(ord(c)) for c in text if 0xF700 <= ord(c) <= 0xF8FF]
    assert "\u0e4d\u0e32" not in text


def test_pua_table_page_1_reads_as_printed() -> None:
    (lines,) = _page_lines("pua-table-program-summary.pdf", [0])
    text = "\n".join(lines)
    _assert_standard_thai(text)
    for word in (
        "กลุ่มอาชีพ",
        "เทคนิคซ่อมบำรุงเรือ",
        "เทคนิคยานยนต์ไฟฟ้า",
        "พลังงาน ไฟฟ้า และอิเล็กทรอนิกส์",
    ):
        assert word in text


def test_pua_quality_plan_has_no_pua_or_decomposed_sara_am() -> None:
    pages = _page_lines("pua-plan-quality-improvement-2559.pdf")
    assert len(pages) == 9
    for lines in pages:
        _assert_standard_thai("\n".join(lines))


def test_lost_sara_am_budget_page_1_repaired() -> None:
    (lines,) = _page_lines("lost-sara-am-wide-budget-table.pdf", [0])
    text = "\n".join(repair_damaged_thai(line)[0] for line in lines)
    for phrase in ("ประจำปีงบประมาณ 2568", "งบดำเนินงาน", "อุดหนุน"):
        assert phrase in text
    assert " \u0e32" not in text


def test_lost_sara_am_budget_page_1_repaired_from_sorted_text() -> None:
    """pdfplumber's own extract_text sorts left to right and so also displaces marks
    (ปงีบประมาณ, อดุ หนนุ); the mark-order repair undoes that."""
    if not REALWORLD.is_dir():
        pytest.skip(f"{REALWORLD} is absent")
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(REALWORLD / "lost-sara-am-wide-budget-table.pdf") as pdf:
        raw = pdf.pages[0].extract_text()
    assert "ประจ าปงีบประมาณ" in raw and "อดุ หนนุ" in raw
    text = "\n".join(repair_damaged_thai(clean_text(line))[0] for line in raw.splitlines())
    for phrase in ("ประจำปีงบประมาณ 2568", "งบดำเนินงาน", "อุดหนุน", "งบบุคลากร"):
        assert phrase in text
