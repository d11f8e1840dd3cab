"""Text as an Excel cell can hold it, and a count of the cells that had to change.

Excel refuses the C0 control characters other than tab, newline and carriage return
(openpyxl raises IllegalCharacterError on them), and a cell holds at most 32,767
characters (counted in UTF-16 units, as Excel counts them). The workbook is for people,
so such text is changed rather than refused: the characters are dropped, the text is cut,
and the command says how many cells it changed (`CellFixes.summary`). The data formats
(CSV, JSONL, Parquet) keep every character.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

EXCEL_CELL_LIMIT = 32_767


@dataclass
class CellFixes:
    """How many cells of one workbook lost characters Excel cannot hold, or were cut."""

    dropped: int = 0
    truncated: int = 0

    def summary(self) -> str | None:
        """The line the command prints about the changed cells, if any."""
        parts = []
        if self.dropped:
            parts.append(
                f"{_cells(self.dropped)} had control characters Excel cannot hold "
                "(dropped; csv, jsonl and parquet keep them)"
            )
        if self.truncated:
            parts.append(f"{_cells(self.truncated)} cut to Excel's {EXCEL_CELL_LIMIT:,} characters")
        return f"xlsx: {'; '.join(parts)}" if parts else None


def excel_text(text: str, fixes: CellFixes) -> str:
    """`text` without the characters Excel refuses, cut to a cell's limit; counted."""
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", text)
    if cleaned != text:
        fixes.dropped += 1
    units = cleaned.encode("utf-16-le", "surrogatepass")
    if len(units) > 2 * EXCEL_CELL_LIMIT:
        # A character of two units split by the cut is dropped whole ("ignore").
        cleaned = units[: 2 * EXCEL_CELL_LIMIT].decode("utf-16-le", "ignore")
        fixes.truncated += 1
    return cleaned


def _cells(n: int) -> str:
    return "1 cell" if n == 1 else f"{n} cells"
