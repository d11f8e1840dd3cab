"""Marks drawn in symbol fonts (Wingdings, Wingdings 2, Symbol) read as what they show.

Word writes such a glyph with a Private-Use code U+F000 + its byte (Wingdings ✓ is
U+F0FC); a PDF without a ToUnicode map for the font gives the bare byte (ü). Either code
of a font of a known symbol family becomes the Unicode character its glyph draws
(extract/vocab/symbol_fonts.json, keyed by font family and byte, from the fonts' code
charts), so that a ✓ in a status column reads as a check mark. Kept apart from the Thai
private-use map (extract/vocab/glyph_codes.py: U+F700-U+F71A, U+F884-U+F89E), which never
sees these codes; codes of other fonts are left as they are.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

_SUBSET = re.compile(r"^[A-Z]{6}\+")
_NOT_NAME = re.compile(r"[^a-z0-9]")
_PUA_BASE = 0xF000


def _squash(name: str) -> str:
    return _NOT_NAME.sub("", _SUBSET.sub("", name).lower())


@cache
def _tables() -> tuple[tuple[str, dict[int, str]], ...]:
    """(squashed family, {byte: character}), longest family first: Wingdings 2 before
    Wingdings."""
    text = resources.files("extract.vocab").joinpath("symbol_fonts.json").read_text("utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    tables = [
        (_squash(family), {int(code, 16): str(char) for code, char in codes.items()})
        for family, codes in data.items()
    ]
    return tuple(sorted(tables, key=lambda t: len(t[0]), reverse=True))


@cache
def symbol_table(fontname: str) -> dict[int, str] | None:
    """The byte -> character table of the symbol family `fontname` belongs to, if any
    (ABCDEF+Wingdings-Regular, Wingdings2, SymbolMT)."""
    name = _squash(fontname)
    return next((table for family, table in _tables() if name.startswith(family)), None)


def symbol_text(fontname: str, text: str) -> str:
    """`text` of one glyph of font `fontname`, with a symbol font's mark mapped."""
    if len(text) != 1:
        return text
    code = ord(text)
    if not (_PUA_BASE + 0x20 <= code <= _PUA_BASE + 0xFF or 0x20 < code <= 0xFF):
        return text
    table = symbol_table(fontname)
    if table is None:
        return text
    return table.get(code & 0xFF, text)
