"""The FY2565 and FY2567 samples (samples/build/build_years.py) against their truth files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from warehouse import export_rows, open_warehouse

from ..conftest import YEAR_SAMPLES, read_jsonl

# Fields known to differ from the truth (none: every field of both years reads right).
KNOWN_2567: set[tuple[str, int, str]] = set()


@pytest.fixture(scope="module")
def rows_by_year(years_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[int, list]:
    out = tmp_path_factory.mktemp("years-rows") / "rows.jsonl"
    conn = open_warehouse(years_db, read_only=True)
    try:
        export_rows(conn, "jsonl", out)
    finally:
        conn.close()
    rows: dict[int, list[dict[str, object]]] = {}
    for row in read_jsonl(out):
        rows.setdefault(int(str(row["fiscal_year"])), []).append(row)
    return rows


def mismatches(year: int, got: list[dict[str, object]]) -> dict[tuple[str, int, str], str]:
    pdf = YEAR_SAMPLES[year]
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    want_rows = read_jsonl(pdf.with_suffix(".truth.jsonl"))
    out: dict[tuple[str, int, str], str] = {}
    assert len(got) == len(want_rows)
    for have, want in zip(got, want_rows, strict=True):
        want = {**want, "document_id": sha, "source_file": pdf.name}
        for field, value in want.items():
            if have.get(field) != value:
                key = (str(want["department"]), int(str(want["seq"])), field)
                out[key] = f"got {have.get(field)!r} want {value!r}"
    return out


@pytest.mark.parametrize("year", [2565, 2567])
def test_every_field_equals_truth(rows_by_year: dict[int, list], year: int) -> None:
    problems = mismatches(year, rows_by_year[year])
    known = KNOWN_2567 if year == 2567 else set()
    unexpected = {k: v for k, v in problems.items() if k not in known}
    assert not unexpected, json.dumps(
        {str(k): v for k, v in unexpected.items()}, ensure_ascii=False
    )


def test_each_year_prints_its_own_memo(rows_by_year: dict[int, list]) -> None:
    facts = {
        year: {(r["announced_on"], r["reference_no"], r["signed_by"]) for r in rows}
        for year, rows in rows_by_year.items()
    }
    assert facts == {
        2565: {("2021-10-27", "ตก 51008/10214", "นายธนพล ศรีวิชัยกุล")},
        2566: {("2023-10-11", "ตก 51008/9726", "นายณัฐวุฒิ ทวีเกื้อกูลกิจ")},
        2567: {("2023-11-24", "ตก 51008/11387", "นางสาวพิมพ์ชนก อินทรสุวรรณ")},
    }
    assert {year: len(rows) for year, rows in rows_by_year.items()} == {
        2565: 56,
        2566: 63,
        2567: 56,
    }
