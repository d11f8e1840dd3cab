"""The truth files of the real-document samples, written by hand from what their pages show.

The text fields are the printed cells (realdocs_common.ROWS, build_realdocs.RESULTS);
the canonical fields below (step, period dates, target percent, status, page) were worked
out by reading each printed row, not computed by a parser. The document facts are what
each document prints: the cover's framed box (organization over two lines, the year), the
report's running header and title; neither prints a date, a reference or a signer.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from . import realdocs_common as rc
from .common import check_schema, write_jsonl

# seq -> (step, period_start, period_end, target_percent)
CANONICAL = {
    1: (1, "2020-10-01", "2020-11-30", None),  # ต.ค. - พ.ย. 2563
    2: (2, "2020-12-01", "2021-01-31", None),  # ธ.ค. 2563 - ม.ค. 2564
    3: (3, "2021-02-01", "2021-02-28", 100.0),  # ก.พ. 2564, ร้อยละ 100
    4: (4, "2021-03-01", "2021-03-31", None),  # มี.ค. 2564
    5: (5, "2021-04-01", "2021-05-31", None),  # เม.ย. - พ.ค. 2564
    6: (6, "2021-06-01", "2021-07-31", 80.0),  # มิ.ย. - ก.ค. 2564, ร้อยละ 80
    7: (7, "2021-08-01", "2021-09-30", 85.0),  # ส.ค. - ก.ย. 2564, ไม่น้อยกว่าร้อยละ 85
}
# The page each row begins on: the cover plan's table is on page 2 (the cover is page 1);
# the report's rows 1-3 are on page 1 and 4-7 on page 2, its summary on page 3.
COVER_ROW_PAGES = dict.fromkeys(range(1, 8), 2)
REPORT_ROW_PAGES = {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2, 7: 2}
REPORT_PAGES = 3
# The report: (result_text, status) of each row as printed; "" is no result printed.
REPORT_RESULTS = {
    1: ("ประชุมแล้ว 1 ครั้ง เมื่อวันที่ 20 ตุลาคม 2563", "done"),
    2: ("รวบรวมองค์ความรู้ได้ 6 เรื่อง", "done"),
    3: ("จัดหมวดหมู่ความรู้ครบทั้ง 6 เรื่อง", "done"),
    4: ("อยู่ระหว่างปรับปรุงร่างคู่มือ", "in_progress"),
    5: (None, "not_started"),
    6: ("จัดเวทีแล้ว 1 ครั้ง มีอาจารย์เข้าร่วมร้อยละ 60", "in_progress"),
    7: (None, None),
}


def _row(plan_row: rc.Row, page: int) -> dict[str, Any]:
    step, start, end, percent = CANONICAL[plan_row.seq]
    return {
        "organization": rc.ORGANIZATION,
        "fiscal_year": 2564,
        "announced_on": None,
        "reference_no": None,
        "signed_by": None,
        "department": rc.DEPARTMENT,
        "km_goal": rc.GOAL,
        "deliverable": rc.DELIVERABLE,
        "seq": plan_row.seq,
        "step": step,
        "activity": plan_row.activity,
        "method": plan_row.method,
        "period_text": plan_row.period,
        "period_start": start,
        "period_end": end,
        "indicator": plan_row.indicator,
        "target": plan_row.target,
        "target_percent": percent,
        "responsible": plan_row.responsible,
        "note": None,
        "page": page,
        "plan_type": "km_process",
        "year_basis": "fiscal",
        "element": None,
        "target_group": None,
        "budget_baht": None,
        "tacit_knowledge": None,
        "explicit_knowledge": None,
        "document_kind": "plan",
        "result_text": None,
        "status": None,
    }


def cover_rows() -> list[dict[str, Any]]:
    return [_row(r, COVER_ROW_PAGES[r.seq]) for r in rc.ROWS]


def report_rows() -> list[dict[str, Any]]:
    rows = []
    for plan_row in rc.ROWS:
        result, status = REPORT_RESULTS[plan_row.seq]
        row = _row(plan_row, REPORT_ROW_PAGES[plan_row.seq])
        row.update({"document_kind": "results_report", "result_text": result, "status": status})
        rows.append(row)
    return rows


def _write(rows: list[dict[str, Any]], path: Path) -> None:
    check_schema(rows, path.name.replace(".truth.jsonl", ".pdf"))
    write_jsonl(rows, path)


def write_all() -> None:
    _write(cover_rows(), rc.SAMPLES / "agri-faculty-km-plan-2564.truth.jsonl")
    _write(report_rows(), rc.SAMPLES / "agri-faculty-km-report-2564.truth.jsonl")
    # The renamed copy prints the born-digital pages: the same rows on the same pages.
    shutil.copyfile(
        rc.SAMPLES / "tak-pao-km-plan-2566.truth.jsonl",
        rc.SAMPLES / "tak-pao-km-plan-2566-renamed.truth.jsonl",
    )
