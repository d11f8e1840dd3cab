"""extract_document: one PDF file in, one RawDocument out (or an ExtractError saying why)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from extract.errors import (
    DamagedPdfError,
    EncryptedPdfError,
    ExtractError,
    NoPlanTablesError,
    NotAPdfError,
)
from extract.metadata import find_metadata
from extract.models import ExtractIssue, RawDocument
from extract.ocr.pool import OcrRunner
from extract.ocr.route import image_cover, route_page
from extract.settings import ExtractSettings
from extract.sources import PageText, page_text, with_sources
from extract.tables.plans import PlanAssembler
from extract.text import actual_text
from extract.text.orientation import sideways_turn, turned
from extract.text.page_content import PageContent, read_page
from extract.vocab.codes import FailureReason, WarningCode

actual_text.install()

# Front matter (memo, announcement) is read from at most this many leading pages.
FRONT_PAGES = 8
_PARSE_ERRORS = (PdfminerException, MalformedPDFException, PDFSyntaxError, PSException)
# pdfplumber sizes every page when it builds the page list: a missing or malformed
# MediaBox fails there with a TypeError or ValueError, which is the file's fault.
_PAGE_TREE_ERRORS = (*_PARSE_ERRORS, TypeError, ValueError)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_pdf_bytes(data: bytes) -> None:
    """Reject what is plainly not a whole PDF before pdfminer tries to repair it."""
    if not data:
        raise NotAPdfError(FailureReason.EMPTY_FILE.say())
    if b"%PDF-" not in data[:1024]:
        raise NotAPdfError(FailureReason.NOT_A_PDF.say())
    if b"%%EOF" not in data[-2048:]:
        raise DamagedPdfError(FailureReason.TRUNCATED_PDF.say())


@contextmanager
def open_pdf(data: bytes) -> Iterator[pdfplumber.PDF]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise _classify(exc.args[0] if exc.args else exc) from None
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _classify(exc) from None
    except _PARSE_ERRORS as exc:
        raise DamagedPdfError(FailureReason.DAMAGED_PDF.say(detail=_reason(exc))) from None
    try:
        yield pdf
    finally:
        try:
            pdf.close()
        except _PAGE_TREE_ERRORS:
            pass  # close() walks the page tree again; one that failed to load holds nothing


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _classify(exc: BaseException) -> ExtractError:
    if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError):
        return EncryptedPdfError(FailureReason.ENCRYPTED_PDF.say())
    return DamagedPdfError(FailureReason.DAMAGED_PDF.say(detail=_reason(exc)))


def _pages(
    pdf: pdfplumber.PDF, settings: ExtractSettings, ocr: OcrRunner, notes: list[ExtractIssue]
) -> Iterator[PageContent]:
    """Every page's content in order: the text layer, or OCR where it is unusable."""
    try:
        count = len(pdf.pages)
    except _PAGE_TREE_ERRORS as exc:
        reason = FailureReason.PAGE_TREE_UNREADABLE.say(detail=_reason(exc))
        raise DamagedPdfError(reason) from None
    if count > settings.max_pages:
        reason = FailureReason.TOO_MANY_PAGES.say(count=count, limit=settings.max_pages)
        raise DamagedPdfError(reason)
    for index, page in enumerate(pdf.pages, start=1):
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
        except _PARSE_ERRORS as exc:
            reason = FailureReason.PAGE_UNPARSABLE.say(page=index, detail=_reason(exc))
            raise DamagedPdfError(reason) from None
        finally:
            page.close()  # drop pdfplumber's per-page caches: memory stays per page
        yield from ocr.drain(block=False)
    yield from ocr.drain(block=True)


def _turned_note(page: int, degrees: int) -> ExtractIssue:
    return ExtractIssue(
        code=WarningCode.PAGE_ROTATED,
        message=f"the text runs sideways; the page was read turned {degrees}° clockwise",
        page=page,
    )


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = FailureReason.UNREADABLE_FILE.say(detail=exc.strerror or exc)
        raise ExtractError(reason) from None


def extract_document(
    path: Path, settings: ExtractSettings | None = None, data: bytes | None = None
) -> RawDocument:
    """Read `path` (or its already-read bytes `data`) into plans, rows and metadata."""
    settings = settings or ExtractSettings()
    data = read_bytes(path) if data is None else data
    check_pdf_bytes(data)
    assembler = PlanAssembler(settings)
    front: list[tuple[int, str]] = []
    later: list[tuple[int, str]] = []
    pages: list[PageText] = []
    notes: list[ExtractIssue] = []
    with open_pdf(data) as pdf, OcrRunner(data, settings) as ocr:
        for content in _pages(pdf, settings, ocr, notes):
            texts = [(content.number, line.text) for line in content.lines]
            (front if content.number <= FRONT_PAGES else later).extend(texts)
            pages.append(page_text(content, whole=content.number <= FRONT_PAGES))
            assembler.feed(content)
    plans = assembler.finish()
    if not any(plan.rows for plan in plans):
        raise NoPlanTablesError(FailureReason.NO_PLAN_TABLE.say())
    units = [p.header.unit for p in plans if p.header.unit]
    memo = find_metadata(
        [t for _, t in front], units, [t for _, t in later], [n for n, _ in front + later]
    )
    plan_pages = {
        page for p in plans if p.rows for page in (p.header.page, *(r.page for r in p.rows))
    }
    return RawDocument(
        source_file=path.name,
        sha256=sha256_of(data),
        page_count=len(pages),
        metadata=with_sources(memo, pages, plan_pages),
        plans=[p for p in plans if p.rows],
        issues=sorted([*ocr.issues, *notes], key=lambda i: i.page or 0) + assembler.issues,
        ocr_pages=ocr.ocr_pages,
        ocr_min_confidence=settings.ocr_min_confidence if ocr.ocr_pages else None,
    )
