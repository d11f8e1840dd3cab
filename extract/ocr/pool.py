"""The OCR pool: pages rendered by PDFium and read by Tesseract in threads.

A page routed to OCR is rendered (pypdfium2, grey, at settings.ocr_dpi) in the calling
thread and OCR'd in a pool. The heavy work runs in Tesseract's C++ code (tesserocr, one
engine per thread), which releases the GIL, so a thread pool keeps every core busy
without pickling page images, and it works inside daemonic worker processes (kmplan
ingest's pool, Dask workers), where a process pool cannot be started.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import pypdfium2 as pdfium

from extract.errors import DamagedPdfError, OcrUnavailableError
from extract.ocr.page import OcrPage, ocr_page
from extract.ocr.route import Route
from extract.ocr.tesseract import check_tesseract
from extract.settings import ExtractSettings
from extract.vocab.codes import FailureReason


def render_page(document: pdfium.PdfDocument, number: int, dpi: int) -> np.ndarray:
    """Page `number` (1-based) as a grey image, one byte per pixel."""
    bitmap = document[number - 1].render(scale=dpi / 72, grayscale=True)
    image = bitmap.to_numpy()
    return np.ascontiguousarray(image[:, :, 0] if image.ndim == 3 else image)


class OcrPool:
    def __init__(self, data: bytes, settings: ExtractSettings, workers: int) -> None:
        self._data = data
        self._settings = settings
        self._workers = workers
        self._executor: ThreadPoolExecutor | None = None
        self._document: pdfium.PdfDocument | None = None

    def submit(self, number: int, width: float, height: float, route: Route) -> Future[OcrPage]:
        try:
            check_tesseract(self._settings.ocr_lang)
        except OcrUnavailableError as exc:
            message = FailureReason.OCR_UNAVAILABLE.say(page=number, why=route.reason, detail=exc)
            raise OcrUnavailableError(message) from None
        image = self._render(number)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self._workers, thread_name_prefix="kmplan-ocr")
        return self._executor.submit(ocr_page, image, number, width, height, self._settings)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
        if self._document is not None:
            self._document.close()

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
