"""One scanned page image to the same PageContent a born-digital page gives.

deskew -> ruled tables from the image (image_grid) -> ruling lines erased -> Tesseract
words -> Thai digits re-read (thai_digits) -> words into cells by their centre, the rest
into lines. Coordinates are turned into PDF points, so plan assembly, header mapping,
stitching and normalization treat the page like any other.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import cv2
import numpy as np

from kmplan.extract.deskew import deskew, ink_mask, rotate
from kmplan.extract.glyphs import Line, join_lines
from kmplan.extract.image_grid import ImageTable, find_tables
from kmplan.extract.models import BBox, ExtractIssue
from kmplan.extract.page_content import Grid, GridCell, GridRow, PageContent
from kmplan.extract.settings import ExtractSettings
from kmplan.extract.tesseract import Word, orientation, read_words, tesseract_available
from kmplan.extract.thai_digits import has_thai_digit, read_number

# A page with less ink than this share of its pixels (after removing dust) is blank.
BLANK_INK_SHARE = 0.001
# Under this mean word confidence the page may be upside down: check its orientation.
SUSPECT_CONFIDENCE = 80.0
# A gap wider than this share of the line's letter height is a space.
SPACE_SHARE = 0.35
_MARKS = {chr(c) for c in range(0x0E31, 0x0E4F) if chr(c) not in "ำเแโใไๆฯ"} - {"\u0e32"}


@dataclass
class OcrPage:
    content: PageContent
    issues: list[ExtractIssue] = field(default_factory=list)
    skew: float = 0.0
    seconds: float = 0.0


def ocr_page(
    gray: np.ndarray, number: int, width: float, height: float, settings: ExtractSettings
) -> OcrPage:
    """OCR the grey page image `gray` of page `number` (its size in points: width, height)."""
    empty = PageContent(number, width, height, [], [], 0, method="ocr")
    if _is_blank(gray):
        return OcrPage(empty, [_issue("ocr-blank-page", number, "the scanned page is blank")])
    gray, skew = deskew(gray)
    read = _read(gray, settings)
    issues: list[ExtractIssue] = []
    if _suspect(read.words) and _upside_down(gray, read.words, settings):
        gray = rotate(gray, 180)
        read = _read(gray, settings)
        issues.append(_issue("ocr-page-upside-down", number, "the scan is upside down; "
                             "it was turned 180 degrees before OCR"))  # fmt: skip
    if not read.words:
        issues.append(_issue("ocr-no-text", number, "OCR found no text on the scanned page"))
        return OcrPage(empty, issues, skew)
    if not read.tables:
        issues.append(_issue("ocr-no-table", number, "no ruled table on the scanned page; "
                             "its text is read as lines only"))  # fmt: skip
    scale = width / gray.shape[1]
    content = _content(number, width, height, read.tables, read.words, read.ink, scale)
    return OcrPage(content, issues, skew)


def _issue(code: str, page: int, message: str) -> ExtractIssue:
    return ExtractIssue(code=code, message=f"page {page}: {message}", page=page)


def _is_blank(gray: np.ndarray) -> bool:
    ink = cv2.medianBlur(ink_mask(gray), 3) if gray.std() > 8 else np.zeros_like(gray)
    return float(np.count_nonzero(ink)) / ink.size < BLANK_INK_SHARE


@dataclass
class _Read:
    tables: list[ImageTable]
    words: list[Word]
    ink: np.ndarray  # the page's ink without its ruling lines


def _read(gray: np.ndarray, settings: ExtractSettings) -> _Read:
    ink = ink_mask(gray)
    tables, rules = find_tables(ink)
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8)) > 0
    clean = cv2.GaussianBlur(gray, (3, 3), 0)  # scanner noise and JPEG blocks
    clean[rules] = 255
    ink[rules] = 0
    words = read_words(clean, settings.ocr_lang, settings.ocr_dpi)
    sharp = gray.copy()
    sharp[rules] = 255
    words += _empty_cells(tables, words, sharp, ink, settings)
    return _Read(tables, fix_digits(words, ink), ink)


# Page layout analysis skips a lone short word in a narrow cell (ลำดับ 1, 2, 3): cells
# left empty that hold ink are read again one by one, as a single line.
MAX_CELL_RETRIES = 16


def _empty_cells(
    tables: list[ImageTable],
    words: list[Word],
    clean: np.ndarray,
    ink: np.ndarray,
    settings: ExtractSettings,
) -> list[Word]:
    found: list[Word] = []
    tries = 0
    for number, table in enumerate(tables):
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if cell is None or tries >= MAX_CELL_RETRIES:
                    continue
                box = (cell.x0 + 4, cell.top + 4, cell.x1 - 4, cell.bottom - 4)
                if any(_centre_in(w, *box) for w in words):
                    continue
                if np.count_nonzero(ink[box[1] : box[3], box[0] : box[2]]) < 40:
                    continue
                tries += 1
                found += _read_cell(clean, box, (1000 + number, r, c), settings)
    return found


def _read_cell(
    clean: np.ndarray, box: tuple[int, int, int, int], key: tuple[int, int, int],
    settings: ExtractSettings,
) -> list[Word]:
    x0, top, x1, bottom = box
    crop = cv2.copyMakeBorder(clean[top:bottom, x0:x1], 20, 20, 20, 20, cv2.BORDER_CONSTANT,
                              value=255)  # fmt: skip
    words = read_words(crop, _with_latin(settings.ocr_lang), settings.ocr_dpi, psm=6)
    return [
        Word(w.text, w.x0 + x0 - 20, w.top + top - 20, w.x1 + x0 - 20, w.bottom + top - 20,
             w.confidence, (key[0], key[1] * 100 + key[2], w.line[2]))  # fmt: skip
        for w in words
    ]


def _mean_confidence(words: list[Word]) -> float:
    return statistics.fmean(w.confidence for w in words) if words else 0.0


def _suspect(words: list[Word]) -> bool:
    return not words or _mean_confidence(words) < SUSPECT_CONFIDENCE


def _upside_down(gray: np.ndarray, words: list[Word], settings: ExtractSettings) -> bool:
    turn = orientation(gray)
    if turn is not None:
        return turn == 180
    turned = read_words(rotate(gray, 180), settings.ocr_lang, settings.ocr_dpi)
    return len(turned) >= 5 and _mean_confidence(turned) > _mean_confidence(words) + 10


# ------------------------------------------------------------------ Thai digits


def _body(words: list[Word]) -> float:
    """The height of a letter without marks on this line (the lower quartile of boxes)."""
    heights = sorted(w.bottom - w.top for w in words)
    return float(heights[len(heights) // 4]) or 1.0


def _band(words: list[Word], body: float, pad: float) -> tuple[int, int]:
    short = [w for w in words if w.bottom - w.top <= 1.4 * body] or words
    top = statistics.median(w.top for w in short) - pad * body
    bottom = statistics.median(w.bottom for w in short) + pad * body
    return max(0, int(top)), int(bottom)


def _gaps(words: list[Word], ink: np.ndarray) -> list[float]:
    """The blank width before each word of a line, measured on the ink between the centres
    of neighbouring words (Tesseract's boxes of Thai clusters are too loose for this)."""
    top, bottom = _band(words, _body(words), 0.0)
    empty = ~(ink[top:bottom].any(axis=0))
    gaps = [0.0]
    for left, right in zip(words, words[1:], strict=False):
        lo, hi = (left.x0 + left.x1) // 2, (right.x0 + right.x1) // 2
        gaps.append(float(_longest_run(empty[lo:hi])) if hi > lo else 0.0)
    return gaps


def _longest_run(flags: np.ndarray) -> int:
    best = run = 0
    for flag in flags.tolist():
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def _tokens(line: list[Word], ink: np.ndarray) -> list[list[Word]]:
    """The words of one line split where a space is."""
    limit = SPACE_SHARE * _body(line)
    tokens: list[list[Word]] = []
    for word, gap in zip(line, _gaps(line, ink), strict=True):
        if tokens and gap <= limit:
            tokens[-1].append(word)
        else:
            tokens.append([word])
    return tokens


def fix_digits(words: list[Word], ink: np.ndarray) -> list[Word]:
    """Re-read every space-separated token holding a Thai digit from the image."""
    out: list[Word] = []
    for line in _by_line(words):
        body = _body(line)
        for token in _tokens(line, ink):
            text = "".join(w.text for w in token)
            fixed = _reread(token, ink, body) if has_thai_digit(text) else None
            if fixed is not None:
                out.append(fixed)
                continue
            for run in _digit_runs(token):
                fixed = (
                    _reread(run, ink, body)
                    if has_thai_digit("".join(w.text for w in run))
                    else None
                )
                out.extend(run if fixed is None else [fixed])
    return out


_DIGITISH = set("๐๑๒๓๔๕๖๗๘๙/-,()")


def _digit_runs(token: list[Word]) -> list[list[Word]]:
    """The token cut into runs of digit words and runs of other words (พ.ศ.|๒๕๖๖)."""
    runs: list[list[Word]] = []
    kinds: list[bool] = []
    for word in token:
        kind = all(ch in _DIGITISH for ch in word.text)
        if runs and kinds[-1] == kind:
            runs[-1].append(word)
        else:
            runs.append([word])
            kinds.append(kind)
    return runs


def _reread(token: list[Word], ink: np.ndarray, body: float) -> Word | None:
    x0, x1 = min(w.x0 for w in token), max(w.x1 for w in token)
    top, bottom = _band(token, body, 0.35)
    left = max(0, int(x0 - body))
    band = ink[top:bottom, left : int(x1 + body)]
    slack = 0.15 * body
    text = read_number(band, x0 - left - slack, x1 - left + slack)
    if text is None:
        return None
    confidence = min(w.confidence for w in token)
    return Word(text, x0, top, x1, bottom, confidence, token[0].line)


# ------------------------------------------------------------------ layout


def _by_line(words: list[Word]) -> list[list[Word]]:
    """Words grouped by Tesseract's line, in its reading order."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return list(lines.values())


def _line_text(words: list[Word], ink: np.ndarray) -> str:
    """Words of one line in Tesseract's order, with a space at each wide gap."""
    limit = SPACE_SHARE * _body(words)
    text = ""
    for word, gap in zip(words, _gaps(words, ink), strict=True):
        if text and word.text[0] not in _MARKS and gap > limit:
            text += " "
        text += word.text
    return text


def _lines(words: list[Word], ink: np.ndarray, scale: float) -> list[Line]:
    lines = []
    for group in _by_line(words):
        top = statistics.median(w.top for w in group) * scale
        bottom = statistics.median(w.bottom for w in group) * scale
        x0, x1 = min(w.x0 for w in group) * scale, max(w.x1 for w in group) * scale
        lines.append(Line(_line_text(group, ink), x0, x1, top, bottom))
    return sorted(lines, key=lambda ln: (round(ln.top, 1), ln.x0))


def _centre_in(word: Word, x0: float, top: float, x1: float, bottom: float) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _grid(
    table: ImageTable, words: list[Word], ink: np.ndarray, scale: float
) -> tuple[Grid, set[int]]:
    used: set[int] = set()
    rows = []
    for row in table.rows:
        cells: list[GridCell | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            members = [w for w in words if _centre_in(w, cell.x0, cell.top, cell.x1, cell.bottom)]
            used.update(id(w) for w in members)
            lines = _lines(members, ink, 1.0)
            box = BBox(x0=cell.x0 * scale, top=cell.top * scale,
                       x1=cell.x1 * scale, bottom=cell.bottom * scale)  # fmt: skip
            confidence = min((w.confidence for w in members), default=None)
            text = join_lines([ln.text for ln in lines])
            cells.append(GridCell(text=text, bbox=box, confidence=confidence))
        rows.append(GridRow(top=row.top * scale, bottom=row.bottom * scale, cells=cells))
    bbox = BBox(x0=table.x0 * scale, top=table.top * scale,
                x1=table.x1 * scale, bottom=table.bottom * scale)  # fmt: skip
    inside = {id(w) for w in words if _centre_in(w, table.x0, table.top, table.x1, table.bottom)}
    return Grid(bbox=bbox, rows=rows), used | inside


def _content(
    number: int,
    width: float,
    height: float,
    tables: list[ImageTable],
    words: list[Word],
    ink: np.ndarray,
    scale: float,
) -> PageContent:
    grids, in_tables = [], set()
    for table in tables:
        grid, used = _grid(table, words, ink, scale)
        grids.append(grid)
        in_tables |= used
    outside = [w for w in words if id(w) not in in_tables]
    return PageContent(
        number=number,
        width=width,
        height=height,
        lines=_lines(outside, ink, scale),
        grids=grids,
        glyph_count=sum(len(w.text) for w in words),
        method="ocr",
    )


def _with_latin(lang: str) -> str:
    """The page's language plus English where installed: a lone cell is often a number."""
    return lang if "eng" in lang.split("+") or not tesseract_available("eng") else "eng+" + lang
