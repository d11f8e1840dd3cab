"""Pages whose characters honour /ActualText marked-content spans.

LibreOffice (and other producers) draw some Thai clusters with glyphs whose ToUnicode
entry is wrong (สำ reads as สำ + a private code, ผู้ as ผ้้) and put the true text in a
`/Span <</ActualText (...)>> BDC ... EMC` around them. pdfminer ignores ActualText, so
our page lays itself out with our own aggregator, which notes the span's text for the
span's first glyph and blank text for the others; positions are kept.

Nothing is patched: only the pages built here (`ActualTextPage`) read ActualText, and
plain pdfplumber pages elsewhere in the process read what pdfminer reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from unicodedata import normalize

from pdfminer.layout import LTChar, LTItem, LTPage
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException


def _actual_text(props: Any) -> str | None:
    if not isinstance(props, dict) or "ActualText" not in props:
        return None
    value = props["ActualText"]
    if isinstance(value, bytes):
        return decode_text(value)
    return value if isinstance(value, str) else None


@dataclass
class _Span:
    text: str
    used: bool = False  # the span's first glyph took its text; the rest read as ""


class ActualTextAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's aggregator (marked-content ids kept) plus a stack of open ActualText
    spans; `replaced` maps id(LTChar) to the text that glyph stands for."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # one entry per open BDC/BMC: its ActualText span, or None
        self._spans: list[_Span | None] = []
        self.replaced: dict[int, str] = {}

    def begin_tag(self, tag: PSLiteral, props: Any = None) -> None:
        super().begin_tag(tag, props)
        text = _actual_text(props)
        self._spans.append(None if text is None else _Span(text))

    def end_tag(self) -> None:
        super().end_tag()
        if self._spans:
            self._spans.pop()

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        adv: float = super().render_char(*args, **kwargs)
        span = self._innermost_span()
        # pdfminer's render_char adds exactly one LTChar and returns nothing else: the
        # last object of the current container is it (pdfplumber's tag_cur_item relies
        # on the same).
        if span is not None and self.cur_item._objs:
            obj = self.cur_item._objs[-1]
            if isinstance(obj, LTChar):
                self.replaced[id(obj)] = "" if span.used else span.text
                span.used = True
        return adv

    def _innermost_span(self) -> _Span | None:
        for span in reversed(self._spans):
            if span is not None:
                return span
        return None


@dataclass(frozen=True)
class _Layout:
    page: LTPage
    # id(LTChar) -> its ActualText; the ids stay unique while `page` holds the chars
    replaced: dict[int, str]


class ActualTextPage(Page):
    """A pdfplumber page laid out by ActualTextAggregator: its `chars` carry ActualText."""

    # close() / flush_cache() drop our layout with pdfplumber's own caches.
    cached_properties = [*Page.cached_properties, "_actual_layout"]
    _actual_layout: _Layout  # set by _lay_out, deleted by flush_cache

    @classmethod
    def of(cls, page: Page) -> ActualTextPage:
        """The same page of the same PDF (pdfplumber's `pdf.pages` builds plain ones)."""
        return cls(
            page.pdf,
            page.page_obj,
            page_number=page.page_number,
            initial_doctop=page.initial_doctop,
        )

    @property
    def layout(self) -> LTPage:
        return self._lay_out().page

    def _lay_out(self) -> _Layout:
        if hasattr(self, "_actual_layout"):
            return self._actual_layout
        device = ActualTextAggregator(
            self.pdf.rsrcmgr, pageno=self.page_number, laparams=self.pdf.laparams
        )
        interpreter = PDFPageInterpreter(self.pdf.rsrcmgr, device)
        try:
            interpreter.process_page(self.page_obj)
        except Exception as exc:
            # as pdfplumber's Page.layout does: callers catch PdfminerException
            raise PdfminerException(exc) from exc
        self._actual_layout = _Layout(page=device.get_result(), replaced=device.replaced)
        return self._actual_layout

    def process_object(self, obj: LTItem) -> dict[str, Any]:
        attr = super().process_object(obj)
        text = self._lay_out().replaced.get(id(obj))
        if text is not None:
            form = self.pdf.unicode_norm  # as pdfplumber treats the text it reads
            attr["text"] = text if form is None else normalize(form, text)
        return attr
