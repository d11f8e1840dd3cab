"""Table-driven tests of the extract rules: line joins, header labels, header-cell mapping."""

from __future__ import annotations

import pytest

from extract.models import BBox, Column
from extract.tables.headers import header_mapping, match_header_cell
from extract.tables.labels import split_labels
from extract.text.glyphs import Glyph, group_lines, join_lines
from extract.text.page_content import GridCell, GridRow


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["สำนักปลัดองค์การ", "บริหารส่วนจังหวัด"], "สำนักปลัดองค์การบริหารส่วนจังหวัด"),
        (["ฝ่ายอำนวยการ ", "สำนักปลัด"], "ฝ่ายอำนวยการ สำนักปลัด"),
        (["การบงชี้ความรู้", "-รวบรวมรายการ"], "การบงชี้ความรู้ -รวบรวมรายการ"),
        (["- ประชุม", "• แจ้งเวียน", "▪ สรุปผล"], "- ประชุม • แจ้งเวียน ▪ สรุปผล"),
        (["หาข้อมูล/", "สอบถามผู้รู้"], "หาข้อมูล/สอบถามผู้รู้"),
        (["(e-", "bidding)"], "(e-bidding)"),
        (["มกราคม -", "มิถุนายน 2566"], "มกราคม - มิถุนายน 2566"),
        (["ข้าราชการ อบจ. (", "ภารกิจภายใน"], "ข้าราชการ อบจ. (ภารกิจภายใน"),
        (["(Knowledge Bases", ") งานสำรวจ"], "(Knowledge Bases) งานสำรวจ"),
        (["ประจำปี", "2566"], "ประจำปี 2566"),
        (["Knowledge", "Management"], "Knowledge Management"),
        (["", "ข้อความ", "  "], "ข้อความ"),
    ],
)
def test_join_lines(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


def _g(text: str, x0: float, x1: float, top: float = 100.0) -> Glyph:
    return Glyph(text=text, x0=x0, x1=x1, top=top, bottom=top + 16, size=16)


def test_marks_stay_with_their_base_when_drawn_right_of_the_next_letter() -> None:
    # บริหาร with the sara i drawn past the start of ห: x-sorting would give บรหิาร
    glyphs = [
        _g("บ", 0, 9),
        _g("ร", 9, 16),
        _g("ิ", 16.5, 16.5),
        _g("ห", 16, 25),
        _g("า", 25, 31),
        _g("ร", 31, 38),
    ]
    assert [ln.text for ln in group_lines(glyphs)] == ["บริหาร"]


def test_positioned_gap_becomes_a_space_and_blank_actualtext_tail_does_not() -> None:
    glyphs = [_g("ส", 0, 8), _g("ำ", 8, 9), _g("", 9, 16), _g("น", 16, 24), _g("ก", 40, 48)]
    assert [ln.text for ln in group_lines(glyphs)] == ["สำน ก"]


def test_lines_are_split_by_height_and_ordered_top_down() -> None:
    glyphs = [_g("ข", 0, 8, top=130), _g("ก", 0, 8, top=100)]
    assert [ln.text for ln in group_lines(glyphs)] == ["ก", "ข"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ชื่อหน่วยงาน : องค์การบริหารส่วนจังหวัดตาก (กองคลัง)",
            [("unit", "องค์การบริหารส่วนจังหวัดตาก (กองคลัง)")],
        ),
        (
            "เป้าหมาย KM : การพัฒนา (ITA) หน่วยที่วัดผลได้เป็นรูปธรรม : ผลคะแนน",
            [("km_goal", "การพัฒนา (ITA)"), ("deliverable", "ผลคะแนน")],
        ),
        ("หน่วยที่รับผิดชอบ : คู่มือ", [("deliverable", "คู่มือ")]),
        (
            "เป้าหมาย KM : มาสังกัด อบจ.ตากหน่วยที่รับผิดชอบ : คู่มือ",
            [("km_goal", "มาสังกัด อบจ.ตาก"), ("deliverable", "คู่มือ")],
        ),
        ("ชือหน่วยงาน: กองช่าง", [("unit", "กองช่าง")]),  # typo'd label
        (
            "เป้าหมาย KM: การจัดการ (Knowledge Management : KM)",
            [("km_goal", "การจัดการ (Knowledge Management : KM)")],
        ),
        ("ส่วนราชการ กองการเจ้าหน้าที่ โทร. 0 5551", []),
        ("ชื่อหน่วยงาน กองช่าง", [("unit", "กองช่าง")]),
        ("เป้าหมาย KM การลดขั้นตอน", [("km_goal", "การลดขั้นตอน")]),
        ("หน่วยงานทุกแห่งต้องจัดทำแผน", []),
        ("หน่วยงาน ไม่ต้องเสียเวลาทำวิจัย", []),
    ],
)
def test_split_labels(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(v.key, v.value) for v in split_labels(text)] == expected


@pytest.mark.parametrize(
    ("printed", "column"),
    [
        ("ลำดับ", Column.SEQ),
        ("วิธีกำรสุ่ความสำเร้จ", Column.METHOD),
        ("วิธีการสุ่มความสำเ็จ", Column.METHOD),
        ("วิธีความสำเร็จ", Column.METHOD),
        ("วิธีดำเนินการสำเร็จ", Column.METHOD),
        ("วิธีการ", Column.METHOD),
        ("ระยะเวลาดำเนินการ", Column.PERIOD),
        ("ตัวชีวัด", Column.INDICATOR),
        ("ผู้รับผิดชอบ", Column.RESPONSIBLE),
        ("หมายเหต", Column.NOTE),
    ],
)
def test_header_cells_map_by_similarity(printed: str, column: Column) -> None:
    assert match_header_cell(printed, cutoff=55).column is column


def _row(texts: list[str]) -> GridRow:
    box = BBox(x0=0, top=0, x1=1, bottom=1)
    return GridRow(top=0, bottom=1, cells=[GridCell(text=t, bbox=box) for t in texts])


def test_header_row_is_recognised_and_data_row_is_not() -> None:
    header = _row(
        ["ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ", "ระยะเวลา", "ตัวชี้วัด", "เป้าหมาย", "ผู้รับผิดชอบ", "หมายเหตุ"]
    )
    mapping = header_mapping(header, cutoff=55, min_columns=5)
    assert mapping is not None
    assert [m.column for m in mapping] == list(Column)[:8]
    data = _row(
        ["1", "การบ่งชี้ความรู้", "ประชุม", "มกราคม 2566", "จำนวนผู้เข้าร่วม", "ร้อยละ 70", "กองสาธารณสุข", ""]
    )
    assert header_mapping(data, cutoff=55, min_columns=5) is None


@pytest.mark.parametrize(
    "line",
    [
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        "แผนการจัดการความรู้ ปีงบประมาณ 2566",
        "ประจำปีงบ ประมาณ พ.ศ.2566",
        "ปีงบฯ ๒๕๖๖",
    ],
)
def test_fiscal_year_phrases(line: str) -> None:
    from extract.metadata import find_metadata

    found = find_metadata([line], [])
    assert found.fiscal_year in {"๒๕๖๖", "2566"}


def test_metadata_from_memo_and_announcement_lines() -> None:
    from extract.metadata import find_metadata

    lines = [
        "บันทึกข้อความ",
        "ที่ ตก ๕๑๐๐๘/๙๗๒๖ วันที่ ๑๑ ตุลาคม ๒๕๖๖",
        "(นางสาวสมศรี ใจดี)",  # the memo's signer
        "ประกาศองค์การบริหารส่วนตำบลแม่สอด",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
        "ประกาศ ณ วันที่ ๒ ตุลาคม พ.ศ. ๒๕๖๖",
        "(นายสมชาย รักดี)",
    ]
    found = find_metadata(lines, [])
    assert found.organization == "องค์การบริหารส่วนตำบลแม่สอด"
    assert found.fiscal_year == "๒๕๖๗"
    assert found.announced_on == "๒ ตุลาคม พ.ศ. ๒๕๖๖"
    assert found.reference_no == "ตก ๕๑๐๐๘/๙๗๒๖"
    assert found.signed_by == "นายสมชาย รักดี"


def test_organization_falls_back_to_the_plan_unit_line() -> None:
    from extract.metadata import find_metadata

    found = find_metadata(["แผนการจัดการความรู้"], ["เทศบาลเมืองตาก (กองคลัง)"])
    assert found.organization == "เทศบาลเมืองตาก"


@pytest.mark.parametrize(
    ("lines", "field", "expected"),
    [
        # a memo whose date is on a line of its own under the reference number
        (["ที่ ตก ๕๑๐๐๘/๙๗๒๖", "วันที่ ๑ ธันวาคม ๒๕๖๖"], "announced_on", "๑ ธันวาคม ๒๕๖๖"),
        # ลงวันที่ after the number is the date, not part of the number
        (["ที่ สธ 0801/ว 123 ลงวันที่ 12 ตุลาคม 2566"], "reference_no", "สธ 0801/ว 123"),
        (["ที่ สธ 0801/ว 123 ลงวันที่ 12 ตุลาคม 2566"], "announced_on", "12 ตุลาคม 2566"),
        # a body line that begins with วันที่ is not the memo's date
        (["วันที่ ๑๔ กันยายน ๒๕๖๖ เห็นชอบแผนการจัดการความรู้"], "announced_on", None),
        # the plan's year printed without งบประมาณ
        (["ประกาศกรมอนามัย", "เรื่อง แผนการจัดการความรู้ ประจำปี ๒๕๖๗"], "fiscal_year", "๒๕๖๗"),
        (["แผนการจัดการความรู้ ประจำปีการศึกษา ๒๕๖๗"], "fiscal_year", None),
        (["แผนการจัดการความรู้ ปีงบประมาณ 67"], "fiscal_year", "67"),
        # an order (คำสั่ง) names its organization and closes with สั่ง ณ วันที่
        (["คำสั่งเทศบาลตำบลบ้านใหม่"], "organization", "เทศบาลตำบลบ้านใหม่"),
        (["สั่ง ณ วันที่ ๓ ตุลาคม พ.ศ. ๒๕๖๖"], "announced_on", "๓ ตุลาคม พ.ศ. ๒๕๖๖"),
        # the heading word alone, the organization on the next line
        (["ประกาศ", "องค์การบริหารส่วนตำบลหนองบัว"], "organization", "องค์การบริหารส่วนตำบลหนองบัว"),
        # a wrapped sentence that begins with ประกาศใช้ names no organization
        (
            ["ประกาศใช้แผนการจัดการความรู้ดังกล่าว", "ประกาศเทศบาลเมืองตาก"],
            "organization",
            "เทศบาลเมืองตาก",
        ),
        # signers with academic, medical, military and police titles
        (["(รองศาสตราจารย์ ดร.สมชาย ใจดี)"], "signed_by", "รองศาสตราจารย์ ดร.สมชาย ใจดี"),
        (["(ผู้ช่วยศาสตราจารย์สมชาย ใจดี)"], "signed_by", "ผู้ช่วยศาสตราจารย์สมชาย ใจดี"),
        (["(พันตำรวจเอก สมชาย ใจดี)"], "signed_by", "พันตำรวจเอก สมชาย ใจดี"),
        (["(จ่าสิบเอกสมชาย ใจดี)"], "signed_by", "จ่าสิบเอกสมชาย ใจดี"),
        (["(นพ.สมชาย ใจดี)"], "signed_by", "นพ.สมชาย ใจดี"),
        (["(ศาสตราจารย์ นายแพทย์สมชาย ใจดี)"], "signed_by", "ศาสตราจารย์ นายแพทย์สมชาย ใจดี"),
        # a percentage in parentheses on its own line is no signer
        (["(ร้อยละ 80)"], "signed_by", None),
    ],
)
def test_metadata_of_other_announcements(
    lines: list[str], field: str, expected: str | None
) -> None:
    from extract.metadata import find_metadata

    assert getattr(find_metadata(lines, []), field) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # an English gloss between the Thai label and its colon
        ("หน่วยที่วัดผลได้เป็นรูปธรรม (Measurable Unit) : คู่มือ", [("deliverable", "คู่มือ")]),
        (
            "เป้าหมาย KM : ลดขั้นตอน (ร้อยละ 80) หน่วยที่วัดผลได้เป็นรูปธรรม (Measurable Unit) : คู่มือ",
            [("km_goal", "ลดขั้นตอน (ร้อยละ 80)"), ("deliverable", "คู่มือ")],
        ),
        (
            "ชื่อหน่วยงาน : กองคลัง เป้าหมายการจัดการความรู้ (KM Goal) : ลดขั้นตอน",
            [("unit", "กองคลัง"), ("km_goal", "ลดขั้นตอน")],
        ),
        # the English label alone, a full-width colon, a dash for the colon
        ("KM Goal : ลดขั้นตอน", [("km_goal", "ลดขั้นตอน")]),
        ("ชื่อหน่วยงาน\uff1aกองคลัง", [("unit", "กองคลัง")]),
        ("ชื่อหน่วยงาน – เทศบาลตำบลบ้านใหม่ (กองคลัง)", [("unit", "เทศบาลตำบลบ้านใหม่ (กองคลัง)")]),
    ],
)
def test_plan_header_label_variants(line: str, expected: list[tuple[str, str]]) -> None:
    from extract.tables.labels import split_labels

    assert [(v.key, v.value) for v in split_labels(line)] == expected
