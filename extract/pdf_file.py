"""The PDF file itself: its bytes checked, opened by pdfplumber, its pages counted; an
expected failure becomes an ExtractError that says why in one line."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.pdf import PDF
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from extract.errors import (
    DamagedPdfError,
    EncryptedPdfError,
    ExtractError,
    NotAPdfError,
)
from extract.settings import ExtractSettings
from extract.vocab.codes import FailureReason

# pdfminer logs what it repairs in a damaged file (a font without a FontBBox, a bad xref)
# as warnings, which Python prints raw on stderr between ingest's one-line results. A file
# that cannot be read fails with its reason, and one that can is read: the notes go nowhere.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())
logging.getLogger("pdfminer").propagate = False

PARSE_ERRORS = (PdfminerException, MalformedPDFException, PDFSyntaxError, PSException)
# pdfplumber sizes every page when it builds the page list: a missing or malformed
# MediaBox fails there with a TypeError or ValueError, which is the file's fault.
_PAGE_TREE_ERRORS = (*PARSE_ERRORS, TypeError, ValueError)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = FailureReason.UNREADABLE_FILE.say(detail=exc.strerror or exc)
        raise ExtractError(reason) from None


def check_pdf_bytes(data: bytes) -> None:
    """Reject what is plainly not a whole PDF before pdfminer tries to repair it."""
    if not data:
        raise NotAPdfError(FailureReason.EMPTY_FILE.say())
    if b"%PDF-" not in data[:1024]:
        raise NotAPdfError(FailureReason.NOT_A_PDF.say())
    if b"%%EOF" not in data[-2048:]:
        raise DamagedPdfError(FailureReason.TRUNCATED_PDF.say())


@contextmanager
def open_pdf(data: bytes) -> Iterator[PDF]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise _classify(exc.args[0] if exc.args else exc) from None
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _classify(exc) from None
    except PARSE_ERRORS as exc:
        raise DamagedPdfError(FailureReason.DAMAGED_PDF.say(detail=reason(exc))) from None
    try:
        yield pdf
    finally:
        try:
            pdf.close()
        except _PAGE_TREE_ERRORS:
            pass  # close() walks the page tree again; one that failed to load holds nothing


def page_count(pdf: PDF, settings: ExtractSettings) -> int:
    try:
        count = len(pdf.pages)
    except _PAGE_TREE_ERRORS as exc:
        failure = FailureReason.PAGE_TREE_UNREADABLE.say(detail=reason(exc))
        raise DamagedPdfError(failure) from None
    if count > settings.max_pages:
        failure = FailureReason.TOO_MANY_PAGES.say(count=count, limit=settings.max_pages)
        raise DamagedPdfError(failure)
    return count


def reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _classify(exc: BaseException) -> ExtractError:
    if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError):
        return EncryptedPdfError(FailureReason.ENCRYPTED_PDF.say())
    return DamagedPdfError(FailureReason.DAMAGED_PDF.say(detail=reason(exc)))
