"""Which pages pdfplumber reads (extract/page_filter.py): decisions on the samples, on
hand-made pages, and the same RawDocument with the filter on and off."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import ExtractSettings, extract_document
from extract.document import read_document
from extract.metadata import FrontMatter
from extract.page_filter import decide, page_reason
from extract.tables.plan_cues import plan_cue
from extract.tables.plans import PlanAssembler
from extract.text.glyphs import Line
from extract.text.page_content import PageContent
from extract.text.page_survey import survey_pages

from ..conftest import BORN_DIGITAL, SAMPLES

SETTINGS = ExtractSettings()


def _skipped(path: Path) -> dict[int, str]:
    _, decisions = read_document(path, SETTINGS)
    return {n: d.reason for n, d in decisions.items() if not d.read}


# ---------------------------------------------------------------- the samples


def test_tak_pao_2566_leaves_the_foreword_and_the_km_theory_page_unread() -> None:
    """Page 4 is the foreword (คำนำ), page 6 the theory of KM (12. กระบวนการจัดการความรู้
    ...): text only. Page 5 (ส่วนที่ 1, more theory) is read: its line การจัดการความรู้ คือ
    ... passes for a plan title (labels.is_plan_title), and a title opens a plan header."""
    _, decisions = read_document(BORN_DIGITAL, SETTINGS)
    assert len(decisions) == 25
    assert [n for n, d in decisions.items() if not d.read] == [4, 6]
    assert decisions[5].reason == "it prints a plan title or a plan-header label"
    # the memo, the announcement and the cover page
    assert all(decisions[n].read for n in (1, 2, 3))
    tables = range(7, 26)  # every plan page draws its table's rules
    assert {decisions[n].reason for n in tables} == {
        "it draws lines or shapes (a ruled table may be there)"
    }


@pytest.mark.parametrize(
    ("name", "skipped"),
    [
        ("tak-pao-km-plan-2565.pdf", [4, 6]),
        ("tak-pao-km-plan-2566-html.pdf", [4, 6]),
        ("tak-pao-km-plan-2566-pua.pdf", [4, 6]),
        # page 4 of 2567 prints "ในการจัดการความรู้ ทัศนคติ..." at a line's start: a title
        ("tak-pao-km-plan-2567.pdf", [6]),
        ("sci-faculty-km-plan-2566.pdf", []),  # two pages, both tables
        ("tak-pao-km-plan-2566-change.pdf", []),  # memo, announcement, then tables
    ],
)
def test_pages_left_unread_in_the_samples(name: str, skipped: list[int]) -> None:
    assert sorted(_skipped(SAMPLES / name)) == skipped


@pytest.mark.parametrize(
    "name",
    ["tak-pao-km-plan-2566.pdf", "tak-pao-km-plan-2566-html.pdf", "tak-pao-km-plan-2567.pdf"],
)
def test_the_filter_changes_nothing_in_what_is_extracted(name: str) -> None:
    on = extract_document(SAMPLES / name, SETTINGS)
    off = extract_document(SAMPLES / name, ExtractSettings(page_filter=False))
    assert on.model_dump_json() == off.model_dump_json()


def test_pages_without_a_text_layer_are_kept() -> None:
    """The scanned sample's pages hold one image and no character: each goes where it goes
    without the filter (to OCR)."""
    surveys = survey_pages((SAMPLES / "tak-pao-km-plan-2566-scanned.pdf").read_bytes())
    assert surveys is not None and len(surveys) == 25
    reasons = {page_reason(s, SETTINGS) for s in surveys}
    assert reasons == {"its text layer is unusable (no text layer)"}
    # ... and so with OCR off, where pdfplumber reads them as today
    never = ExtractSettings(ocr="never")
    assert all(decide(s, never, None).read for s in surveys)


def test_the_mixed_sample_keeps_its_scanned_memo_and_announcement() -> None:
    surveys = survey_pages((SAMPLES / "tak-pao-km-plan-2566-mixed.pdf").read_bytes())
    assert surveys is not None
    assert page_reason(surveys[0], SETTINGS) == "its text layer is unusable (no text layer)"
    assert page_reason(surveys[1], SETTINGS) == "its text layer is unusable (no text layer)"
    assert page_reason(surveys[3], SETTINGS) is None  # the foreword: text only


def test_settings_that_turn_the_filter_off() -> None:
    survey = survey_pages(BORN_DIGITAL.read_bytes())[3]  # type: ignore[index]
    assert not decide(survey, SETTINGS, None).read  # the foreword
    for settings, reason in [
        (ExtractSettings(page_filter=False), "the page filter is off"),
        (ExtractSettings(ocr="always"), "every page is OCR'd (--ocr always)"),
        (ExtractSettings(vertical_strategy="text"), "tables are not found from drawn rules alone"),
    ]:
        assert decide(survey, settings, None).read
        assert decide(survey, settings, None).reason == reason
    assert decide(survey, SETTINGS, "an open plan header").reason == "an open plan header"


# ---------------------------------------------------------------- hand-made pages


def _pdf(*contents: bytes) -> bytes:
    """A PDF of A4 pages, each drawing one content stream, with Helvetica as /F1."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objects.append(font)
    kids = []
    for content in contents:
        page_no, stream_no = len(objects) + 1, len(objects) + 2
        kids.append(f"{page_no} 0 R".encode())
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % stream_no
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


_TEXT = b"BT /F1 12 Tf 72 700 Td (Plain prose about knowledge and nothing else.) Tj ET"
_SIDEWAYS = b"BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Plain prose running up the page, sideways.) Tj ET"
_RULE = b"72 600 m 500 600 l S " + _TEXT


def test_hand_made_pages() -> None:
    surveys = survey_pages(_pdf(_TEXT, _SIDEWAYS, _RULE, b""))
    assert surveys is not None
    text, sideways, ruled, empty = (page_reason(s, SETTINGS) for s in surveys)
    assert text is None
    assert sideways == "it is rotated or its text runs sideways"
    assert ruled == "it draws lines or shapes (a ruled table may be there)"
    assert empty == "its text layer is unusable (no text layer)"


def test_a_file_pdfium_cannot_open_is_read_page_by_page() -> None:
    assert survey_pages(b"%PDF-1.4 not really a PDF %%EOF") is None


# ---------------------------------------------------------------- cues and state


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("แผนการจัดการความรู้ (KM Action Plan) : กระบวนการ", True),
        ("แผนการจัดจั การความรู้ใรู้นองค์กร", True),  # PDFium doubling a Chromium cluster
        ("2. ความหมาย\r\nการจัดการความร้ คือ การรวบรวมองค์ความร ู ้ที่มี", True),  # ู misplaced
        ("ชื่อหน่วยงาน : องค์การบริหารส่วนจังหวัดตาก", True),
        ("เป้าหมาย KM\r\n(Desired State) : ลดขั้นตอน", True),  # label and colon split
        ("ชื่อหน่วยงาน องค์การบริหารส่วนจังหวัดตาก (กองคลัง)", True),  # no colon
        ("คำนำ\r\nตามพระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี", False),
        ("(Knowledge Management : KM) เป็นกระบวนการที่จะช่วยให้เกิดพัฒนาการ", False),
    ],
)
def test_plan_cues(text: str, cue: bool) -> None:
    assert plan_cue(text) is cue


def test_front_matter_is_settled_by_the_announcements_signer() -> None:
    front = FrontMatter()
    front.read(["ที่ ตก ๕๑๐๐๘/๙๗๒๖ วันที่ ๑๑ ตุลาคม ๒๕๖๖", "(นายสมชาย ใจดี)"])
    assert not front.settled  # the memo's signer: an announcement may follow
    front.read(["ประกาศองค์การบริหารส่วนจังหวัดตาก", "ปีงบประมาณ พ.ศ. ๒๕๖๗"])
    front.read(["ประกาศ ณ วันที่ ๑ ธันวาคม ๒๕๖๖"])
    assert not front.settled
    front.read(["(นายศิริชัย เชื้อวงศ์)"])
    assert front.settled
    assert front.metadata([]).signed_by == "นายศิริชัย เชื้อวงศ์"


def _page(*texts: str) -> PageContent:
    lines = [Line(text=t, top=10.0 * i, bottom=10.0 * i + 8, x0=0.0, x1=100.0) for i, t in
             enumerate(texts)]  # fmt: skip
    return PageContent(number=1, width=600, height=800, lines=lines, grids=[], glyph_count=0)


def test_an_open_plan_header_takes_the_next_pages_lines() -> None:
    assembler = PlanAssembler(SETTINGS)
    assert not assembler.takes_lines
    assembler.feed(_page("แผนการจัดการความรู้ (KM Action Plan)"))
    assert assembler.takes_lines  # lines under a title join the plan's header lines
    assembler.feed(_page(*[f"บรรทัด {i}" for i in range(6)]))
    assert not assembler.takes_lines  # six kept already: the seventh would be dropped
    assembler.feed(_page("ชื่อหน่วยงาน : กองคลัง"))
    assert assembler.takes_lines  # the next line may continue the unit's name
