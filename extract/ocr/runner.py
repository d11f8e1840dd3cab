"""Pages in document order, the scanned ones read by OCR in parallel.

Text pages are queued as read; a page routed to OCR goes to the pool (extract/ocr/pool.py)
and its place in the queue waits for it. The pool, and with it OpenCV, Tesseract and
numpy, is loaded on the first page that needs OCR: a born-digital PDF never loads them.
At most 2 x workers pages are in flight, so memory stays bounded on long scans.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from types import TracebackType
from typing import TYPE_CHECKING

from extract.models import ExtractIssue
from extract.ocr.route import Route
from extract.settings import ExtractSettings
from extract.text.page_content import PageContent

if TYPE_CHECKING:
    from extract.ocr.page import OcrPage
    from extract.ocr.pool import OcrPool


class OcrRunner:
    def __init__(self, data: bytes, settings: ExtractSettings) -> None:
        self._data = data
        self._settings = settings
        self._workers = settings.ocr_workers or os.cpu_count() or 1
        self._pool: OcrPool | None = None
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
            self._pool.close()

    @property
    def waiting(self) -> bool:
        """Pages are queued behind one still being OCR'd: not handed on yet."""
        return bool(self._queue)

    def ready(self, content: PageContent) -> None:
        self._queue.append(content)

    def submit(self, number: int, width: float, height: float, route: Route) -> None:
        if self._pool is None:
            # Imported here, not at the top: only a page that needs OCR pays for loading
            # OpenCV and Tesseract.
            from extract.ocr.pool import OcrPool

            self._pool = OcrPool(self._data, self._settings, self._workers)
        self._queue.append(self._pool.submit(number, width, height, route))
        self.ocr_pages.append(number)

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
