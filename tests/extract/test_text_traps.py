"""Text-layer traps read from glyph positions: letter-spaced lines and numbers that a line
wrap broke inside a cell. Glyph boxes are built by hand (advances of a 12 pt font)."""

from __future__ import annotations

import pytest

from extract.models import BBox
from extract.text.glyphs import Glyph, Line, group_lines
from extract.text.wraps import cell_text, table_padding

SIZE = 12.0
ADVANCE = 6.0  # every character's box in these tests
SPACE = 4.2  # a space's advance (0.35 em)


def _set(text: str, spacing: float, *, x: float = 0.0, top: float = 100.0) -> list[Glyph]:
    """`text` set in one line: each character `ADVANCE` wide followed by `spacing`; a
    space is not drawn (no glyph), it moves the pen by SPACE plus the spacing. Thai marks
    have no advance and sit on their letter."""
    glyphs: list[Glyph] = []
    for ch in text:
        if ch == " ":
            x += SPACE + spacing
            continue
        if "\u0e31" <= ch <= "\u0e4e" and ch not in "\u0e32\u0e33\u0e40\u0e41\u0e42\u0e43\u0e44":
            left = glyphs[-1].x1 - 2.0
            glyphs.append(Glyph(ch, left, left, top, top + SIZE, SIZE))
            continue
        glyphs.append(Glyph(ch, x, x + ADVANCE, top, top + SIZE, SIZE))
        x += ADVANCE + spacing
    return glyphs


@pytest.mark.parametrize("spacing", [0.0, 1.0, 2.4, 4.8, 9.0, 14.0])
def test_letter_spaced_line_reads_whole_with_its_word_gaps(spacing: float) -> None:
    # CSS letter-spacing, Word's Thai Distributed: the same gap after every character;
    # the word space is that gap plus the space's own width.
    glyphs = _set("การจัดการความรู้ ร้อยละ 80", spacing)
    assert [ln.text for ln in group_lines(glyphs)] == ["การจัดการความรู้ ร้อยละ 80"]


def test_letter_spaced_line_with_drawn_space_glyphs() -> None:
    glyphs = _set("กองช่าง", 4.8)
    end = glyphs[-1].x1 + 4.8
    glyphs.append(Glyph(" ", end, end + SPACE, 100, 100 + SIZE, SIZE))
    glyphs += _set("ฝ่ายการเงิน", 4.8, x=end + SPACE + 4.8)
    assert [ln.text for ln in group_lines(glyphs)] == ["กองช่าง ฝ่ายการเงิน"]


def test_short_line_of_a_letter_spaced_cell_is_judged_with_the_cell() -> None:
    # The last line of the cell has too few gaps to tell on its own (หั ว ข้ อ).
    glyphs = _set("ประชุมเจ้าหน้าที่", 4.8) + _set("หัวข้อ", 4.8, top=120)
    assert [ln.text for ln in group_lines(glyphs, one_block=True)] == [
        "ประชุมเจ้าหน้าที่",
        "หัวข้อ",
    ]
    # Alone (text outside a table is not one block), the short line cannot be judged.
    assert [ln.text for ln in group_lines(_set("หัวข้อ", 4.8))] == ["หั ว ข้ อ"]


def test_words_set_solid_keep_their_spaces() -> None:
    # A line of short words: most characters touch, so it is not letter-spaced.
    glyphs = _set("ปีละ 1 ครั้ง ไม่น้อยกว่า 5 เรื่อง", 0.0)
    assert [ln.text for ln in group_lines(glyphs)] == ["ปีละ 1 ครั้ง ไม่น้อยกว่า 5 เรื่อง"]


def test_uneven_gaps_are_not_letter_spacing() -> None:
    # Widely placed labels (a month row drawn without rules): the gaps differ, every
    # one of them is a word space.
    glyphs: list[Glyph] = []
    for x in (0, 30, 75, 100, 160, 200):
        glyphs.append(Glyph("ก", x, x + ADVANCE, 100, 100 + SIZE, SIZE))
    assert [ln.text for ln in group_lines(glyphs)] == ["ก ก ก ก ก ก"]


def _line(text: str, x0: float, x1: float, top: float) -> Line:
    return Line(text=text, x0=x0, x1=x1, top=top, bottom=top + SIZE, size=SIZE)


BOX = BBox(x0=100, top=90, x1=200, bottom=150)  # 3 pt padding: text runs 103..197


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # ร้อยละ 7 | 0: the first line fills the cell, the next digit did not fit
        ([("มากกว่าร้อยละ 7", 103, 194), ("0", 103, 109)], "มากกว่าร้อยละ 70"),
        # Thai digits, and a line set centred
        ([("ร้อยละ ๘", 104, 195), ("๕", 147, 153)], "ร้อยละ ๘๕"),
        # a grouped amount broken after its comma
        ([("งบประมาณ 12,", 103, 196), ("500 บาท", 103, 140)], "งบประมาณ 12,500 บาท"),
        # a period over a budget: the period line leaves room, the author broke it
        ([("มิ.ย. - ส.ค. 2565", 103, 170), ("8,500 บาท", 103, 150)], "มิ.ย. - ส.ค. 2565 8,500 บาท"),
        # a space drawn at the line's end: wrapped at a space, not inside the number
        ([("ครั้งที่ 1 ", 103, 196), ("2 ครั้ง", 103, 140)], "ครั้งที่ 1 2 ครั้ง"),
        # full lines by chance: a year, two numbers that make no number, a list number
        ([("ม.ค. - ก.พ. ๒๕๖๔", 103, 196), ("๑๕ คน", 103, 140)], "ม.ค. - ก.พ. ๒๕๖๔ ๑๕ คน"),
        ([("รหัส 1234", 103, 196), ("5,000 บาท", 103, 140)], "รหัส 1234 5,000 บาท"),
        ([("ข้อ 1.", 103, 196), ("2. ประชุม", 103, 140)], "ข้อ 1. 2. ประชุม"),
        # Thai text wrapped: joined without a space, as join_lines does
        ([("การจัดการ", 103, 196), ("ความรู้", 103, 140)], "การจัดการความรู้"),
    ],
)
def test_cell_text_joins_a_number_broken_by_the_wrap(
    lines: list[tuple[str, float, float]], expected: str
) -> None:
    cell = [_line(text, x0, x1, 100 + 15 * i) for i, (text, x0, x1) in enumerate(lines)]
    assert cell_text(cell, BOX, 3.0) == expected


def test_table_padding_is_where_lines_set_flush_left_start() -> None:
    left = [_line("ก", 103, 150, 100 + 15 * i) for i in range(10)]
    centred = [_line("ข", 130, 170, 100)]
    overflowing = [_line("ลำดับ", 99.5, 201, 100)]  # letter-spaced past its cell
    cells = [(BOX, left), (BOX, centred), (BOX, overflowing)]
    assert table_padding(cells) == pytest.approx(3.0)
    assert table_padding([]) == 0.0


def test_ocr_lines_without_a_size_are_never_joined() -> None:
    cell = [Line("ร้อยละ 7", 103, 197, 100, 112), Line("0", 103, 109, 115, 127)]
    assert cell_text(cell, BOX, 3.0) == "ร้อยละ 7 0"
