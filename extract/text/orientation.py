"""Pages whose text runs sideways: a landscape table placed on a portrait page without a
/Rotate entry, as a sideways scan with a text layer or some print drivers leave it.

pdfminer turns a page by its /Rotate entry before laying it out, so such a page is read
upright by giving it the /Rotate that makes its text run left to right.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pdfplumber.page import Page

from extract.text.actual_text import ActualTextPage

# Of the visible characters, at least this share must run the same sideways direction.
_SIDEWAYS_SHARE = 0.6
_MIN_CHARS = 20


def sideways_turn(chars: list[dict[str, Any]]) -> int:
    """Degrees (90 or 270) to add to the page's /Rotate so its text reads upright; 0 when
    most text already runs left to right (or there is too little to tell)."""
    directions: Counter[int] = Counter()
    for char in chars:
        if not char["text"].strip():
            continue
        a, b, c, d, _, _ = char["matrix"]
        if abs(b) > abs(a):
            # Text advancing up the page (b > 0) reads upright once turned 90° clockwise.
            directions[90 if b > 0 else 270] += 1
        else:
            directions[0 if a >= 0 else 180] += 1
    total = sum(directions.values())
    if total < _MIN_CHARS:
        return 0
    turn, count = directions.most_common(1)[0]
    return turn if turn in (90, 270) and count >= _SIDEWAYS_SHARE * total else 0


def turned(page: Page, degrees: int) -> Page:
    """`page` shown `degrees` further clockwise, as a new page of the same PDF (read with
    ActualText, as extract reads every page).

    Characters that ran upright before the turn (a page number or running header printed
    for the portrait page around a sideways table) run sideways after it: they are left
    out, or they would fall into the table's cells."""
    page_obj = page.page_obj
    rotation = (int(page_obj.attrs.get("Rotate", 0) or 0) + degrees) % 360
    page_obj.attrs["Rotate"] = rotation
    page_obj.rotate = rotation
    upright = ActualTextPage(
        page.pdf, page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop
    )
    return upright.filter(_not_sideways_char)


def _not_sideways_char(obj: dict[str, Any]) -> bool:
    return obj.get("object_type") != "char" or bool(obj.get("upright", True))
