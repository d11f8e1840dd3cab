"""Which pages pdfplumber reads (extract/page_filter.py): decisions on the samples, on
hand-made pages, and the same RawDocument with the filter on and off."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import ExtractSettings, extract_document
from extract.document import read_document
from extract.metadata import states_fiscal_year
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


BORN_DIGITAL_SAMPLES = [
    p for p in sorted(SAMPLES.glob("*.pdf")) if "scan" not in p.stem and "mixed" not in p.stem
]


@pytest.mark.parametrize("path", BORN_DIGITAL_SAMPLES, ids=lambda p: p.stem)
def test_every_page_of_the_born_digital_samples_is_read(path: Path) -> None:
    """The samples are short: what is not a plan table is front matter (memo, announcement,
    cover, foreword: the first eight pages are read whole). (The scanned and mixed samples
    are below, without OCR.)"""
    assert _skipped(path) == {}


def test_what_the_filter_sees_on_the_tak_pao_pages() -> None:
    """Page 4 is the foreword (คำนำ) and page 6 the theory of KM (12. กระบวนการจัดการความรู้
    ...): text only, nothing on them could hold a plan; they are read because they are front
    pages. Page 5 (ส่วนที่ 1) prints การจัดการความรู้ คือ ... at a line's start, which
    labels.is_plan_title takes for a title."""
    surveys = survey_pages(BORN_DIGITAL.read_bytes())
    assert surveys is not None and len(surveys) == 25
    reasons = {s.number: page_reason(s, SETTINGS) for s in surveys if s is not None}
    assert reasons[4] is None and reasons[6] is None
    assert reasons[5] == "it prints a plan title or a plan-header label"
    assert reasons[3] == "it prints a plan title or a plan-header label"  # the cover
    assert {reasons[n] for n in range(7, 26)} == {
        "it draws lines or shapes (a ruled table may be there)"
    }


def _long_document(folder: Path) -> Path:
    """The Tak PAO announcement with its foreword and theory pages (4, 6) printed again
    twice after page 8 and twice after the last plan: ten pages of text only."""
    pikepdf = pytest.importorskip("pikepdf")
    source = pikepdf.open(BORN_DIGITAL)
    out = pikepdf.new()
    order = [*range(8), 3, 5, 3, 5, *range(8, 25), 3, 5, 3, 5, 3, 5]
    for index in order:
        out.pages.append(source.pages[index])
    path = folder / "tak-pao-long.pdf"
    out.save(path)
    return path


def test_text_pages_after_the_front_pages_are_left_unread(tmp_path: Path) -> None:
    path = _long_document(tmp_path)
    on, decisions = read_document(path, SETTINGS)
    assert len(decisions) == 35 and on.page_count == 35
    assert [n for n, d in decisions.items() if not d.read] == [
        9,
        10,
        11,
        12,
        30,
        31,
        32,
        33,
        34,
        35,
    ]
    off = extract_document(path, ExtractSettings(page_filter=False))
    assert on.model_dump_json() == off.model_dump_json()


@pytest.mark.parametrize(
    "name",
    ["tak-pao-km-plan-2566.pdf", "tak-pao-km-plan-2566-html.pdf", "row-per-page-km-plan-2566.pdf"],
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


def test_later_pages_are_searched_for_the_year_when_the_front_pages_print_none() -> None:
    assert states_fiscal_year("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
    assert not states_fiscal_year("แผนการจัดการความรู้ (Knowledge Management : KM)")


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
