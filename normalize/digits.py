"""Thai digits (๐-๙) to Arabic digits.

Delegated to PyThaiNLP so that the digit table lives in one maintained place; imported
on the first text that holds a Thai digit, so that what only reads the warehouse (the
report, the calling process of a batch) does not load PyThaiNLP.
"""

from __future__ import annotations

import re

_THAI_DIGIT = re.compile("[\u0e50-\u0e59]")


def to_arabic_digits(text: str) -> str:
    """Replace every Thai digit in `text` by its Arabic digit; other characters stay."""
    if not _THAI_DIGIT.search(text):
        return text
    from pythainlp.util import thai_digit_to_arabic_digit

    return thai_digit_to_arabic_digit(text)
