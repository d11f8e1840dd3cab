"""Footnote blocks printed inside a plan's table, under its rows.

A block opens with a row merged across the table that starts with หมายเหตุ (plans.py's
_is_footnote) and goes on with its items as rows of their own: ``๑. งบประมาณจาก...``,
``๒. ...``, merged across the table or with the number in the ลำดับ column. None of them
is a plan row, although an item may read as a ลำดับ; a row that continues the plan's own
numbering after the block is one.
"""

from __future__ import annotations

from extract.tables.stacked_rows import parse_seq


def continues_numbering(last_seq: str | None, seq_text: str) -> bool:
    """Whether `seq_text` is the ลำดับ that follows `last_seq` (the plan's last row's)."""
    number = parse_seq(seq_text)
    last = parse_seq(last_seq or "")
    return number is not None and last is not None and number == last + 1
