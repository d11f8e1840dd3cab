"""extract_document: one PDF file in, one RawDocument out (or an ExtractError saying why).

Pages are read in order, each through its text layer or, where that is unusable, by OCR.
A page after the front pages that can hold no plan and whose lines nothing read before
needs is counted and left unread (page_filter.py): laying a page out is most of what
extraction costs. The running header and footer (sources.py) are then those of the pages
read.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pdfplumber.page import Page
from pdfplumber.pdf import PDF

from extract.digest import sha256_of
from extract.errors import DamagedPdfError, NoPlanTablesError
from extract.metadata import find_metadata, states_fiscal_year
from extract.models import ExtractIssue, RawDocument
from extract.ocr.route import image_cover, route_page
from extract.ocr.runner import OcrRunner
from extract.page_filter import Decision, decide, filter_off_reason
from extract.pdf_file import (
    PARSE_ERRORS,
    check_pdf_bytes,
    open_pdf,
    page_count,
    read_bytes,
    reason,
)
from extract.settings import ExtractSettings
from extract.sources import PageText, page_text, with_sources
from extract.tables.plans import PlanAssembler
from extract.text.actual_text import ActualTextPage
from extract.text.orientation import sideways_turn, turned
from extract.text.page_content import PageContent, read_page
from extract.text.page_survey import PageSurvey, survey_pages
from extract.vocab.codes import FailureReason, WarningCode

__all__ = ["FRONT_PAGES", "extract_document", "read_bytes", "read_document", "sha256_of"]

# Front matter (memo, announcement) is read from at most this many leading pages.
FRONT_PAGES = 8


class _Reading:
    """What the pages read so far hold, fed to it in page order."""

    def __init__(self, settings: ExtractSettings) -> None:
        self.assembler = PlanAssembler(settings)
        # (page, text) of every line outside tables, of the front pages and of the others
        self.front: list[tuple[int, str]] = []
        self.later: list[tuple[int, str]] = []
        self.pages: list[PageText] = []
        self.notes: list[ExtractIssue] = []
        self.decisions: dict[int, Decision] = {}
        self._front_year = False

    def feed(self, pages: Iterable[PageContent]) -> None:
        for content in pages:
            texts = [(content.number, line.text) for line in content.lines]
            (self.front if content.number <= FRONT_PAGES else self.later).extend(texts)
            self.pages.append(page_text(content, whole=content.number <= FRONT_PAGES))
            self.assembler.feed(content)

    def needs(self, number: int, ocr: OcrRunner) -> str | None:
        """Why the pages read so far need the lines of page `number`, or None."""
        if number <= FRONT_PAGES:
            # memo, announcement, cover: every line of a front page may name something
            return "a front page (memo, announcement, cover) is read whole"
        if ocr.waiting:
            return "a page before it is still being OCR'd (what it holds is not known yet)"
        self._front_year = self._front_year or any(states_fiscal_year(t) for _, t in self.front)
        if not self._front_year:
            return "the front pages print no fiscal year: later pages are searched for it"
        if self.assembler.takes_lines:
            return "a plan header above it is open and takes its lines"
        return None


def _read_page(
    plain: Page, index: int, settings: ExtractSettings, ocr: OcrRunner, notes: list[ExtractIssue]
) -> None:
    """Page `index`'s content into `ocr`'s queue: the text layer, or OCR where unusable."""
    page: Page = ActualTextPage.of(plain)
    try:
        width, height = float(page.width), float(page.height)
        text = "".join(c["text"] for c in page.chars)
        route = route_page(text, image_cover(page.images, width, height), settings)
        if route.ocr:
            ocr.submit(index, width, height, route)
        else:
            turn = sideways_turn(page.chars)
            if turn:
                page.close()
                page = turned(page, turn)
                notes.append(_turned_note(index, turn))
            ocr.ready(read_page(page, index, settings))
    except PARSE_ERRORS as exc:
        failure = FailureReason.PAGE_UNPARSABLE.say(page=index, detail=reason(exc))
        raise DamagedPdfError(failure) from None
    finally:
        page.close()  # drop pdfplumber's per-page caches: memory stays per page


def _turned_note(page: int, degrees: int) -> ExtractIssue:
    return ExtractIssue(
        code=WarningCode.PAGE_ROTATED,
        message=f"the text runs sideways; the page was read turned {degrees}° clockwise",
        page=page,
    )


def _surveys(data: bytes, settings: ExtractSettings, count: int) -> list[PageSurvey | None]:
    """Every page's PDFium survey; all None when the filter is off or PDFium sees other
    pages than pdfminer (the two repair a broken page tree each their own way)."""
    surveys = survey_pages(data) if filter_off_reason(settings) is None else None
    if surveys is None or len(surveys) != count:
        return [None] * count
    return surveys


def _read_pages(
    pdf: PDF, data: bytes, settings: ExtractSettings, reading: _Reading, ocr: OcrRunner
) -> int:
    """Read every page that is needed into `reading`; returns the number of pages."""
    count = page_count(pdf, settings)
    surveys = _surveys(data, settings, count)
    for index, plain in enumerate(pdf.pages, start=1):
        decision = decide(surveys[index - 1], settings, reading.needs(index, ocr))
        reading.decisions[index] = decision
        if decision.read:
            _read_page(plain, index, settings, ocr, reading.notes)
        reading.feed(ocr.drain(block=False))
    reading.feed(ocr.drain(block=True))
    return count


def read_document(
    path: Path, settings: ExtractSettings | None = None, data: bytes | None = None
) -> tuple[RawDocument, dict[int, Decision]]:
    """The RawDocument of `path` (or of its already-read bytes `data`), and for every
    page whether it was read and why."""
    settings = settings or ExtractSettings()
    data = read_bytes(path) if data is None else data
    check_pdf_bytes(data)
    reading = _Reading(settings)
    with open_pdf(data) as pdf, OcrRunner(data, settings) as ocr:
        count = _read_pages(pdf, data, settings, reading, ocr)
    plans = reading.assembler.finish()
    if not any(plan.rows for plan in plans):
        raise NoPlanTablesError(FailureReason.NO_PLAN_TABLE.say())
    refusal = reading.assembler.not_km_reason(plans)
    if refusal is not None:
        raise NoPlanTablesError(refusal)
    units = [p.header.unit for p in plans if p.header.unit]
    lines = reading.front + reading.later
    memo = find_metadata(
        [t for _, t in reading.front], units, [t for _, t in reading.later], [n for n, _ in lines]
    )
    plan_pages = {
        page for p in plans if p.rows for page in (p.header.page, *(r.page for r in p.rows))
    }
    issues = sorted([*ocr.issues, *reading.notes], key=lambda i: i.page or 0)
    document = RawDocument(
        source_file=path.name,
        sha256=sha256_of(data),
        page_count=count,
        metadata=with_sources(memo, reading.pages, plan_pages),
        plans=[p for p in plans if p.rows],
        issues=issues + reading.assembler.issues,
        ocr_pages=ocr.ocr_pages,
        ocr_min_confidence=settings.ocr_min_confidence if ocr.ocr_pages else None,
    )
    return document, reading.decisions


def extract_document(
    path: Path, settings: ExtractSettings | None = None, data: bytes | None = None
) -> RawDocument:
    """Read `path` (or its already-read bytes `data`) into plans, rows and metadata."""
    return read_document(path, settings, data)[0]
