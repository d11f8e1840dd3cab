"""Pages in document order, the scanned ones read by OCR in parallel.

Text pages are read at once; a page routed to OCR is rendered (pypdfium2, grey, at
settings.ocr_dpi) in the calling thread and OCR'd in a pool. The heavy work runs in
Tesseract's C++ code (tesserocr, one engine per thread), which releases the GIL, so a
thread pool keeps every core busy without pickling page images, and it works inside
daemonic worker processes (kmplan ingest's pool, Dask workers), where a process pool
cannot be started. At most 2 x workers pages
are in flight, so memory stays bounded on long scans.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

import numpy as np
import pypdfium2 as pdfium

from extract.errors import DamagedPdfError, OcrUnavailableError
from extract.models import ExtractIssue
from extract.ocr.page import OcrPage, ocr_page
from extract.ocr.route import Route
from extract.ocr.tesseract import check_tesseract
from extract.settings import ExtractSettings
from extract.text.page_content import PageContent
from extract.vocab.codes import FailureReason


def render_page(document: pdfium.PdfDocument, number: int, dpi: int) -> np.ndarray:
    """Page `number` (1-based) as a grey image, one byte per pixel."""
    bitmap = document[number - 1].render(scale=dpi / 72, grayscale=True)
    image = bitmap.to_numpy()
    return np.ascontiguousarray(image[:, :, 0] if image.ndim == 3 else image)


class OcrRunner:
    def __init__(self, data: bytes, settings: ExtractSettings) -> None:
        self._data = data
        self._settings = settings
        self._workers = settings.ocr_workers or os.cpu_count() or 1
        self._pool: ThreadPoolExecutor | None = None
        self._document: pdfium.PdfDocument | None = None
        self._queue: deque[PageContent | Future[OcrPage]] = deque()
        self.issues: list[ExtractIssue] = []
        self.ocr_pages: list[int] = []

    def __enter__(self) -> OcrRunner:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._document is not None:
            self._document.close()

    def ready(self, content: PageContent) -> None:
        self._queue.append(content)

    def submit(self, number: int, width: float, height: float, route: Route) -> None:
        try:
            check_tesseract(self._settings.ocr_lang)
        except OcrUnavailableError as exc:
            message = FailureReason.OCR_UNAVAILABLE.say(page=number, why=route.reason, detail=exc)
            raise OcrUnavailableError(message) from None
        image = self._render(number)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="kmplan-ocr")
        self._queue.append(
            self._pool.submit(ocr_page, image, number, width, height, self._settings)
        )
        self.ocr_pages.append(number)

    def _render(self, number: int) -> np.ndarray:
        # pdfminer repairs files that PDFium refuses (a deleted object, a broken page
        # dictionary): the file's fault, said as such, not a kmplan bug.
        try:
            if self._document is None:
                self._document = pdfium.PdfDocument(self._data)
            return render_page(self._document, number, self._settings.ocr_dpi)
        except pdfium.PdfiumError as exc:
            reason = str(exc).strip() or type(exc).__name__
            failure = FailureReason.PAGE_UNRENDERABLE
            raise DamagedPdfError(failure.say(page=number, detail=reason)) from None

    def drain(self, block: bool) -> Iterator[PageContent]:
        """Pages ready in document order; with `block`, all of them."""
        while self._queue:
            head = self._queue[0]
            if isinstance(head, Future):
                in_flight = len(self._queue) > 2 * self._workers
                if not (block or in_flight or head.done()):
                    return
                result = head.result()
                self.issues.extend(result.issues)
                head = result.content
            self._queue.popleft()
            yield head
