"""Make pdfplumber honour /ActualText marked-content spans.

LibreOffice (and other producers) draw some Thai clusters with glyphs whose ToUnicode
entry is wrong (สำ reads as สำ + a private code, ผู้ as ผ้้) and put the true text in a
`/Span <</ActualText (...)>> BDC ... EMC` around them. pdfminer ignores ActualText, so
we give the span's first glyph the ActualText and blank the others; positions are kept.
"""

from __future__ import annotations

from typing import Any

import pdfplumber.page
from pdfminer.layout import LTChar
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

_Base = pdfplumber.page.PDFPageAggregatorWithMarkedContent


def _actual_text(props: Any) -> str | None:
    if not isinstance(props, dict) or "ActualText" not in props:
        return None
    value = props["ActualText"]
    if isinstance(value, bytes):
        return decode_text(value)
    return value if isinstance(value, str) else None


class ActualTextAggregator(_Base):
    """pdfplumber's aggregator plus a stack of open ActualText spans."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # one entry per open BDC/BMC: the replacement text, or None; [text, used]
        self._spans: list[list[Any] | None] = []

    def begin_tag(self, tag: PSLiteral, props: Any = None) -> None:
        super().begin_tag(tag, props)
        text = _actual_text(props)
        self._spans.append(None if text is None else [text, False])

    def end_tag(self) -> None:
        super().end_tag()
        if self._spans:
            self._spans.pop()

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        adv = super().render_char(*args, **kwargs)
        span = self._innermost_span()
        if span is not None and self.cur_item._objs:
            obj = self.cur_item._objs[-1]
            if isinstance(obj, LTChar):
                obj._text = "" if span[1] else span[0]
                span[1] = True
        return adv

    def _innermost_span(self) -> list[Any] | None:
        for span in reversed(self._spans):
            if span is not None:
                return span
        return None


def install() -> None:
    """Route every pdfplumber page through the ActualText-aware aggregator (idempotent)."""
    pdfplumber.page.PDFPageAggregatorWithMarkedContent = ActualTextAggregator  # type: ignore[misc]
