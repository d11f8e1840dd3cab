"""Write samples/tak-pao-km-plan-2566.truth.jsonl: the golden rows of the sample PDF.

One JSON object per activity row (9 plans x 7 rows), in document order, with every
field of the export contract except ``document_id`` and ``source_file`` (the test
fills those from the PDF it ingests).

* Text fields come from the seed through seed_source.py: converter artifacts
  stripped, whitespace collapsed, Thai digits turned into Arabic; typos kept.
* The canonical fields (step, period_start, period_end, target_percent) are NOT
  computed: they are the hand-written table CANONICAL below, worked out by reading
  each printed row, so the truth is independent of any parser.
* page comes from the builder's layout (build_samples.row_pages), which the builder
  verified on the rendered PDF.

The variant samples' truth is this truth with only ``page`` changed (``write_truth`` with
the variant's own verified layout).

Run (from the repository root): .venv/bin/python -m samples.build.make_truth
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from .build_samples import PDF_PATH, row_pages
from .common import arabic_digits, check_schema, write_jsonl
from .seed_source import Plan, PlanRow, Seed, load

TRUTH_PATH = PDF_PATH.with_suffix(".truth.jsonl")

# Document-level facts, read off the memo and the announcement by hand.
ORGANIZATION = "องค์การบริหารส่วนจังหวัดตาก"
FISCAL_YEAR = 2566
ANNOUNCED_ON = "2023-10-11"  # ๑๑ ตุลาคม ๒๕๖๖
REFERENCE_NO = "ตก 51008/9726"  # printed ที่ ตก ๕๑๐๐๘/๙๗๒๖
SIGNED_BY = "นายณัฐวุฒิ ทวีเกื้อกูลกิจ"
PLAN_TYPE = "km_process"
YEAR_BASIS = "fiscal"

# (plan, seq) -> (step, period_start, period_end, target_percent), by hand.
# The printed ระยะเวลา and เป้าหมาย are quoted in the comments.
Canonical = tuple[int, str, str, int | None]
CANONICAL: dict[tuple[int, int], Canonical] = {
    # plan 1 สำนักปลัดองค์การบริหารส่วนจังหวัด: seq 2 and 3 are steps 3 and 2
    (1, 1): (1, "2023-01-01", "2023-06-30", None),  # มกราคม - มิถุนายน 2566
    (1, 2): (3, "2022-10-01", "2022-10-31", None),  # การจัดความรู้ให้เป็นระบบ; ตุลาคม 2565
    (1, 3): (2, "2023-02-01", "2023-02-28", None),  # การสร้าง และแสวงหาความรู้; กุมภาพันธ์ 2566
    (1, 4): (4, "2023-01-01", "2023-04-30", None),  # การประเมินผลและกัลันการองความรู้
    (1, 5): (5, "2023-05-01", "2023-05-31", None),  # พฤษภาคม 2566
    (1, 6): (6, "2023-02-01", "2023-02-28", None),  # กุมภาพันธ์ 2566
    (1, 7): (7, "2023-08-01", "2023-08-31", None),  # สิงหาคม 2566
    # plan 2 สำนักงานเลขานุการองค์การบริหารส่วนจังหวัด: every row พ.ค. - มิ.ย. 2566
    (2, 1): (1, "2023-05-01", "2023-06-30", None),
    (2, 2): (2, "2023-05-01", "2023-06-30", None),
    (2, 3): (3, "2023-05-01", "2023-06-30", None),  # การจัดการความรู้ให้เป็นระบบ
    (2, 4): (4, "2023-05-01", "2023-06-30", None),  # การประเมินผลและกัลมกรของความรู้; จำนวน 1 เล่ม
    (2, 5): (5, "2023-05-01", "2023-06-30", None),
    (2, 6): (6, "2023-05-01", "2023-06-30", None),
    (2, 7): (7, "2023-05-01", "2023-06-30", None),
    # plan 3 กองยุทธศาสตร์และงบประมาณ
    (3, 1): (1, "2023-04-01", "2023-04-30", 70),  # เมษายน 2566; มากกว่าร้อยละ 70
    (3, 2): (2, "2023-05-01", "2023-05-31", 80),  # พฤษภาคม 2566; มากกว่าร้อยละ 80
    (3, 3): (3, "2023-05-01", "2023-05-31", 80),  # มีความถูกต้องมากกว่าร้อยละ 80
    (3, 4): (4, "2023-06-01", "2023-06-30", None),  # มิถุนายน 2566
    (3, 5): (5, "2023-06-01", "2023-06-30", 100),  # แล้วเสร็จ 100% (1 เล่ม)
    (3, 6): (6, "2023-06-01", "2023-06-30", None),
    (3, 7): (7, "2023-06-01", "2023-06-30", None),
    # plan 4 กองคลัง: every row 1 ต.ค.65 – 30 ก.ย.66; ร้อยละ only in an indicator (seq 6)
    (4, 1): (1, "2022-10-01", "2023-09-30", None),
    (4, 2): (2, "2022-10-01", "2023-09-30", None),
    (4, 3): (3, "2022-10-01", "2023-09-30", None),
    (4, 4): (4, "2022-10-01", "2023-09-30", None),
    (4, 5): (5, "2022-10-01", "2023-09-30", None),  # การเข้าถึงความรู
    (4, 6): (6, "2022-10-01", "2023-09-30", None),
    (4, 7): (7, "2022-10-01", "2023-09-30", None),
    # plan 5 สำนักงานส่งเสริมวิสาหกิจ (closing parenthesis missing in print)
    (5, 1): (1, "2022-10-01", "2022-12-31", None),  # ตุลาคม - ธันวาคม 2565
    (5, 2): (2, "2022-10-01", "2022-12-31", None),
    (5, 3): (3, "2023-01-01", "2023-01-31", None),  # การจัดตั้งความรู้ให้เป็นระบบ; มกราคม 2566
    (5, 4): (4, "2023-01-01", "2023-01-31", None),
    (5, 5): (5, "2023-01-01", "2023-01-31", None),  # ไม่น้อยกว่า 2 สื่อ
    (5, 6): (6, "2023-03-01", "2023-03-31", None),  # การแบบแปลนแลกเปลี่ยนความรู้; มีนาคม 2566
    (5, 7): (7, "2023-03-01", "2023-03-31", None),
    # plan 6 กองการศึกษา ศาสนาและวัฒนธรรม
    (6, 1): (1, "2022-10-01", "2023-03-31", 70),  # ต.ค.65 - มี.ค.66; มากกว่าร้อยละ 70
    (6, 2): (2, "2022-10-01", "2023-03-31", 80),  # ร้อยละ 80
    (6, 3): (3, "2023-03-01", "2023-04-30", 80),  # มี.ค.66 - เม.ย.66; ร้อยละ 80
    (6, 4): (4, "2023-03-01", "2023-04-30", None),  # การประเมินผลและกัลนครอง ความรู้
    (6, 5): (5, "2023-05-01", "2023-09-30", 100),  # พ.ค.66 – ก.ย.66; แล้วเสร็จ 100%
    (6, 6): (6, "2023-05-01", "2023-09-30", None),  # ปีละ 1 ครั้ง
    (6, 7): (7, "2023-07-01", "2023-09-30", None),  # ก.ค.66 – ก.ย.66
    # plan 7 องค์การเจ้าหน้าที่ (header lines printed inside the table)
    (7, 1): (1, "2022-10-01", "2022-11-30", 100),  # ตุลาคม - พฤศจิกายน 2565; 100%
    (7, 2): (2, "2022-12-01", "2022-12-31", 90),  # ธันวาคม 2565; ร้อยละ 90
    (7, 3): (3, "2023-01-01", "2023-01-31", 90),  # มกราคม 2566; ร้อยละ 90
    (7, 4): (4, "2023-01-01", "2023-01-31", 90),  # ครบถ้วนร้อยละ 90
    (7, 5): (5, "2023-02-01", "2023-02-28", 100),  # กุมภาพันธ์ 2566; จำนวน 100 %
    (7, 6): (6, "2023-02-01", "2023-02-28", 80),  # การปรับปรุงแผนกเปลี่ยนความรู้; ร้อยละ 80
    (7, 7): (7, "2023-03-01", "2023-03-31", 50),  # มีนาคม 2566; ร้อยละ 50
    # plan 8 กองสาธารณสุข
    (8, 1): (1, "2023-01-01", "2023-01-31", 70),  # มกราคม 2566; มากกว่าร้อยละ 70
    (8, 2): (2, "2023-03-01", "2023-03-31", 80),  # มีนาคม 2566; ร้อยละ 80
    (8, 3): (3, "2023-04-01", "2023-04-30", 80),  # เมษายน 2566; ร้อยละ 80
    (8, 4): (4, "2023-07-01", "2023-07-31", None),  # กรกฎาคม 2566
    (8, 5): (5, "2023-08-01", "2023-08-31", 100),  # สิงหาคม 2566; แล้วเสร็จ 100 %
    (8, 6): (6, "2023-08-01", "2023-09-30", None),  # สิงหาคม - กันยายน 2566
    (8, 7): (7, "2023-09-01", "2023-09-30", None),  # กันยายน 2566
    # plan 9 หน่วยตรวจสอบภายใน
    (9, 1): (1, "2022-09-01", "2022-09-30", None),  # กันยายน 2565 (before the fiscal year)
    (9, 2): (2, "2022-10-01", "2023-03-31", None),  # การสร้างและแสดงทางความรู้
    (9, 3): (3, "2023-04-01", "2023-04-30", None),  # เมษายน 2566
    (9, 4): (4, "2023-04-01", "2023-04-30", None),
    (9, 5): (5, "2023-05-01", "2023-05-31", None),  # พฤษภาคม 2566
    (9, 6): (6, "2023-05-01", "2023-07-31", None),  # พฤษภาคม - กรกฎาคม 2566
    (9, 7): (7, "2023-08-01", "2023-08-31", None),  # สิงหาคม 2566
}


def text(value: str) -> str:
    """A contract text field: whitespace collapsed, trimmed, Arabic digits."""
    return arabic_digits(re.sub(r"\s+", " ", value).strip())


def department(plan: Plan) -> str:
    """The unit inside the parentheses of ชื่อหน่วยงาน (plan 5 prints no closing one)."""
    match = re.search(r"\(([^()]*)\)?\s*$", plan.unit.value)
    if match is None:
        raise ValueError(f"no parenthesised unit in {plan.unit.text!r}")
    return text(match.group(1))


def truth_row(plan: Plan, row: PlanRow, page: int) -> dict[str, Any]:
    step, start, end, percent = CANONICAL[(plan.number, row.seq)]
    return {
        "organization": ORGANIZATION,
        "fiscal_year": FISCAL_YEAR,
        "announced_on": ANNOUNCED_ON,
        "reference_no": REFERENCE_NO,
        "signed_by": SIGNED_BY,
        "department": department(plan),
        "km_goal": text(plan.goal.value),
        "deliverable": text(plan.deliverable.value),
        "seq": row.seq,
        "step": step,
        "activity": text(row.activity),
        "method": text(row.method),
        "period_text": text(row.period),
        "period_start": start,
        "period_end": end,
        "indicator": text(row.indicator),
        "target": text(row.target),
        "target_percent": percent,
        "responsible": text(row.responsible),
        "note": text(row.note) or None,
        "page": page,
        "plan_type": PLAN_TYPE,
        "year_basis": YEAR_BASIS,
        "element": None,
        "target_group": None,
        "budget_baht": None,
        "tacit_knowledge": None,
        "explicit_knowledge": None,
    }


def truth_rows(seed: Seed, pages: dict[tuple[int, int], int] | None = None) -> list[dict[str, Any]]:
    """The golden rows; ``pages`` ((plan, seq) -> page) defaults to the sample's layout.

    The variant samples (build_variants.py) pass their own verified layout: their
    truth is this truth with only ``page`` changed.
    """
    pages = row_pages(seed.plans) if pages is None else pages
    return [
        truth_row(plan, row, pages[(plan.number, row.seq)])
        for plan in seed.plans
        for row in plan.rows
    ]


# ------------------------------------------------------------------ self-checks


def check_document(seed: Seed) -> None:
    """The hand-written document facts agree with what the memo prints."""
    memo = seed.memo
    assert text(memo.reference_no) == REFERENCE_NO, memo.reference_no
    assert memo.signer_name.strip("()") == SIGNED_BY, memo.signer_name
    assert text(memo.date_text) == "11 ตุลาคม 2566", memo.date_text


def check_canonical(seed: Seed) -> None:
    """The hand table covers exactly the printed rows and is self-consistent."""
    keys = {(plan.number, row.seq) for plan in seed.plans for row in plan.rows}
    assert keys == set(CANONICAL), sorted(keys ^ set(CANONICAL))
    for plan in seed.plans:
        assert [row.seq for row in plan.rows] == list(range(1, 8)), plan.number
        steps = sorted(CANONICAL[(plan.number, row.seq)][0] for row in plan.rows)
        assert steps == list(range(1, 8)), (plan.number, steps)
        for row in plan.rows:
            _check_row(plan.number, row, CANONICAL[(plan.number, row.seq)])


def _check_row(plan: int, row: PlanRow, canonical: Canonical) -> None:
    _, start, end, percent = canonical
    assert date.fromisoformat(start) <= date.fromisoformat(end), (plan, row.seq)
    stated = re.search(r"ร้อยละ|%", row.target) is not None
    assert stated == (percent is not None), (plan, row.seq, row.target)
    if percent is not None:
        assert re.search(rf"(?<!\d){percent}(?!\d)", row.target), (plan, row.seq, percent)


def write_truth(
    seed: Seed, path: Path = TRUTH_PATH, pages: dict[tuple[int, int], int] | None = None
) -> list[dict[str, Any]]:
    """Check the hand tables, then write the truth rows (with ``pages``) to ``path``."""
    check_document(seed)
    check_canonical(seed)
    rows = truth_rows(seed, pages)
    check_schema(rows, path.name.replace(".truth.jsonl", ".pdf"))
    write_jsonl(rows, path)
    return rows


def write_variant_truth(seed: Seed, pdf_path: Path, pages: dict[tuple[int, int], int]) -> Path:
    """The truth file beside a variant's PDF: this truth on the variant's ``pages``."""
    truth = pdf_path.with_suffix(".truth.jsonl")
    write_truth(seed, truth, pages)
    return truth


def main() -> None:
    rows = write_truth(load())
    pages = sorted({row["page"] for row in rows})
    print(f"wrote {TRUTH_PATH} ({len(rows)} rows, pages {pages[0]}-{pages[-1]})")


if __name__ == "__main__":
    main()
