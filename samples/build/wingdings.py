"""Give a PDF's marks the text layer a Word export with Wingdings has.

LibreOffice here has no Wingdings font, so the marks are printed in DejaVu Sans (the
only text in that font) and this step makes the PDF say what Word's would: the font is
renamed ABCDEF+Wingdings and its ToUnicode map sends each mark's glyph to Wingdings'
Private-Use code (U+F000 + the byte of the Wingdings code chart: ✓ is 0xFC). The glyphs
drawn stay DejaVu's, which show the same marks.
"""

from __future__ import annotations

import re

import pikepdf

# The character printed -> the Wingdings code its glyph has in a Word export.
WINGDINGS_CODE = {"✓": 0xF0FC, "✗": 0xF0FB, "☑": 0xF0FE, "☐": 0xF0A8}
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{4})>")


def _rewrite_cmap(data: bytes) -> tuple[bytes, int]:
    """The ToUnicode CMap with every mark's target replaced; and how many were."""
    targets = {f"{ord(ch):04X}": f"{code:04X}" for ch, code in WINGDINGS_CODE.items()}
    count = 0

    def swap(found: re.Match[bytes]) -> bytes:
        nonlocal count
        unicode = found.group(2).decode().upper()
        if unicode not in targets:
            return found.group(0)
        count += 1
        return b"<" + found.group(1) + b"> <" + targets[unicode].encode() + b">"

    return _BFCHAR.sub(swap, data), count


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found: dict[tuple[int, int], pikepdf.Dictionary] = {}
    for page in pdf.pages:
        resources = page.obj.get("/Resources", {})
        for font in resources.get("/Font", {}).values():
            found[font.objgen] = font
    return list(found.values())


def as_wingdings(pdf: pikepdf.Pdf, family: str = "DejaVuSans") -> int:
    """Rename the subset font of `family` to Wingdings and remap its marks; returns the
    number of ToUnicode entries rewritten (0: the marks were not in that font)."""
    rewritten = 0
    for font in _fonts(pdf):
        name = str(font.get("/BaseFont", ""))
        if family not in name:
            continue
        new_name = pikepdf.Name("/" + name.lstrip("/").split("+")[0] + "+Wingdings-Regular")
        font.BaseFont = new_name
        for descendant in font.get("/DescendantFonts", []):
            descendant.BaseFont = new_name
            descendant.FontDescriptor.FontName = new_name
        if "/FontDescriptor" in font:
            font.FontDescriptor.FontName = new_name
        if "/ToUnicode" in font:
            data, count = _rewrite_cmap(font.ToUnicode.read_bytes())
            font.ToUnicode.write(data)
            rewritten += count
    return rewritten
