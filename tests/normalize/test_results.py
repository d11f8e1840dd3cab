"""Results reports: the document kind from its title, and each row's result and status
from a สถานะ column (words or marks) or from one column per status holding a mark; marks
drawn in symbol fonts read as what they show."""

from __future__ import annotations

import pytest

from extract.models import Column
from extract.text.symbol_fonts import symbol_text
from extract.vocab.glyph_codes import repair_pua
from extract.vocab.kinds import DocumentKind
from normalize.results import document_kind, row_results, status_of

REPORT = DocumentKind.RESULTS_REPORT
PLAN = DocumentKind.PLAN


@pytest.mark.parametrize(
    ("font", "code", "shown"),
    [
        # Wingdings (its code chart: 0xFC check, 0xFB ballot x, 0x6F white square,
        # 0x78 x in a box, 0xA8 white medium square, 0x6E black square, 0xFE boxed check)
        ("ABCDEF+Wingdings-Regular", "\uf0fc", "✓"),
        ("Wingdings", "\uf0fb", "✗"),
        ("Wingdings", "\uf06f", "□"),
        ("Wingdings", "\uf078", "⌧"),
        ("Wingdings", "\uf0a8", "◻"),
        ("Wingdings", "\uf06e", "■"),
        ("Wingdings", "\uf0fe", "☑"),
        # no ToUnicode map: the bare byte of the same glyph
        ("Wingdings-Regular", "\u00fc", "✓"),
        # Wingdings 2: 0x50 check, 0x4F ballot x, 0x97 black circle; not Wingdings' glyphs
        ("GHIJKL+Wingdings2", "\uf050", "✓"),
        ("Wingdings 2", "\uf04f", "🗴"),
        ("Wingdings2", "\uf097", "⚫"),
        # Symbol: 0xD6 radical (a check), 0xB4 multiplication sign
        ("SymbolMT", "\uf0d6", "√"),
        ("Symbol", "\u00b4", "×"),
        # other fonts keep their codes; Thai and Latin text of a symbol font's neighbours too
        ("THSarabunPSK", "\uf0fc", "\uf0fc"),
        ("Segoe UI Symbol", "\u2713", "\u2713"),
        ("Wingdings", "ก", "ก"),
    ],
)
def test_symbol_font_marks(font: str, code: str, shown: str) -> None:
    assert symbol_text(font, code) == shown


def test_thai_glyph_repair_leaves_symbol_codes_alone() -> None:
    # the Thai private-use map is U+F700-U+F71A and U+F884-U+F89E: U+F0xx is never Thai
    assert repair_pua("\uf0fc\uf06f\uf050") == "\uf0fc\uf06f\uf050"
    assert repair_pua("ท\uf702่") == "ที่"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("ดำเนินการแล้ว", "done"),
        ("ดำเนินการแล้วเสร็จ เมื่อ 15 ม.ค. 2564", "done"),
        ("อยู่ระหว่างดำเนินการ", "in_progress"),
        ("อยู่ระหว่าง ดำเนินการ", "in_progress"),
        ("ยังไม่ดำเนินการ", "not_started"),
        ("ยังไม่ได้ดำเนินการ เนื่องจากสถานการณ์โควิด", "not_started"),
        ("✓", "done"),
        ("☑", "done"),
        ("✗", "not_started"),
        ("☐", None),
        ("ร้อยละ 80", None),
    ],
)
def test_status_words_and_marks(text: str, status: str | None) -> None:
    assert status_of(text) == status


def _cells(**printed: str) -> dict[Column, str]:
    cells = dict.fromkeys(Column, "")
    cells.update({Column(key): value for key, value in printed.items()})
    return cells


def test_one_marked_status_column_gives_the_status() -> None:
    cells = _cells(result="จัดประชุม 2 ครั้ง", status_done="", status_in_progress="✓")
    found = row_results(REPORT, cells, None)
    assert (found.result_text, found.status, found.problems) == (
        "จัดประชุม 2 ครั้ง",
        "in_progress",
        [],
    )


def test_empty_boxes_are_no_mark_and_nothing_marked_is_null() -> None:
    boxes = _cells(status_done="☑", status_in_progress="◻", status_not_started="□")
    assert row_results(REPORT, boxes, None).status == "done"
    nothing = _cells(status_done="", status_in_progress="", status_not_started="☐")
    found = row_results(REPORT, nothing, None)
    assert (found.status, found.problems) == (None, [])


def test_two_marked_columns_are_ambiguous() -> None:
    found = row_results(REPORT, _cells(status_done="✓", status_not_started="✓"), None)
    assert found.status is None
    assert [code for code, _ in found.problems] == ["status-ambiguous"]


def test_a_plans_status_column_is_its_note() -> None:
    # contract v2: status is a results report's; an action plan's สถานะ is a remark
    found = row_results(PLAN, _cells(status="ดำเนินการแล้ว"), None)
    assert (found.status, found.note) == (None, "ดำเนินการแล้ว")
    found = row_results(REPORT, _cells(status="ดำเนินการแล้ว"), None)
    assert (found.status, found.note) == ("done", None)


def test_unreadable_status_is_null_with_a_warning_and_its_text_kept() -> None:
    found = row_results(REPORT, _cells(status="รอผลการประเมิน"), None)
    assert (found.status, found.note) == (None, "รอผลการประเมิน")
    assert [code for code, _ in found.problems] == ["status-unparsed"]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("รายงานผลการดำเนินงานตามแผนการจัดการความรู้ ประจำปีงบประมาณ 2564", REPORT),
        ("รายงานผลการดำเนินงานตามแผนการจัดการความรู้ รอบ 6 เดือน", REPORT),
        ("เรื่อง รายงานผลการดำเนินการตามแผนการจัดการความรู้ รอบ ๑๒ เดือน", REPORT),
        ("แผนการจัดการความรู้ (KM Action Plan) ประจำปีงบประมาณ 2564", PLAN),
        # a sentence of a plan that mentions reporting is no title
        ("ให้หน่วยงานรายงานผลการดำเนินงานตามแผนทุก 6 เดือน", PLAN),
        (None, PLAN),
    ],
)
def test_document_kind_from_the_title(title: str | None, kind: DocumentKind) -> None:
    assert document_kind(title, []) is kind
    assert document_kind(None, [None, title]) is kind
