"""Which pages pdfplumber reads (issue 14): the pages that can hold the memo, the
announcement or the cover (the front pages, all read), a plan header or a plan table, and
every page whose text layer is missing or broken. The others are counted and left unread;
laying a page out in pdfminer is most of what extraction costs.

What is decided from a page alone (its PDFium survey, page_survey.py) reads the page when
in doubt. Whether its lines are needed otherwise (a front page, an open plan header, front
pages that print no fiscal year) is told by the caller (document.py), which knows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from extract.ocr.route import route_page
from extract.settings import ExtractSettings
from extract.tables.plan_cues import plan_cue
from extract.text.page_survey import PageSurvey

# A page whose characters run sideways, or upside down, this share or more is read: it
# may need turning (orientation.py turns it at a 60% share, and says so).
_TURNED_SHARE = 0.2
_LINE_STRATEGIES = ("lines", "lines_strict")


@dataclass(frozen=True, slots=True)
class Decision:
    read: bool
    reason: str


def filter_off_reason(settings: ExtractSettings) -> str | None:
    """Why no page may be left unread under these settings, or None."""
    if not settings.page_filter:
        return "the page filter is off"
    if settings.ocr == "always":
        return "every page is OCR'd (--ocr always)"
    strategies = (settings.vertical_strategy, settings.horizontal_strategy)
    if any(s not in _LINE_STRATEGIES for s in strategies) or settings.extra_table_settings:
        # Tables found without drawn rules could be on any page.
        return "tables are not found from drawn rules alone"
    return None


def page_reason(survey: PageSurvey | None, settings: ExtractSettings) -> str | None:
    """Why the page must be read, judged from the page alone; None when nothing on it can
    hold a plan table or a plan header."""
    if survey is None:
        return "PDFium cannot read the page"
    if survey.drawn:
        return "it draws lines or shapes (a ruled table may be there)"
    # As route.py judges pdfplumber's text, whatever --ocr says: a broken layer is read.
    route = route_page(survey.text, survey.image_cover, replace(settings, ocr="auto"))
    if route.ocr:
        return f"its text layer is unusable ({route.reason})"
    if survey.image_cover >= settings.ocr_image_cover:
        return f"an image covers {survey.image_cover:.0%} of it"
    if survey.rotation % 360 or survey.turned_share >= _TURNED_SHARE:
        return "it is rotated or its text runs sideways"
    if plan_cue(survey.text):
        return "it prints a plan title or a plan-header label"
    return None


def decide(survey: PageSurvey | None, settings: ExtractSettings, needed: str | None) -> Decision:
    """`needed`: why what was read before needs this page's lines, or None."""
    off = filter_off_reason(settings)
    if off is not None:
        return Decision(True, off)
    reason = page_reason(survey, settings) or needed
    if reason is not None:
        return Decision(True, reason)
    return Decision(False, "text only, with no plan title or plan-header label")
