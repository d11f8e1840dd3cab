"""Thai digits (๐-๙) to Arabic digits.

Delegated to PyThaiNLP so that the digit table lives in one maintained place.
"""

from __future__ import annotations

from pythainlp.util import thai_digit_to_arabic_digit


def to_arabic_digits(text: str) -> str:
    """Replace every Thai digit in `text` by its Arabic digit; other characters stay."""
    return thai_digit_to_arabic_digit(text)
