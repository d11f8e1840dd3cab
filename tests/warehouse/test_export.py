from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TextIO

import duckdb
import pytest

from warehouse import (
    ROW_FIELDS,
    WarehouseError,
    export,
    export_rows,
    load_document,
    open_warehouse,
)

from ..conftest import SHARED

try:  # tests/ as a package (with __init__.py) or as a plain folder
    from .warehouse_data import contract_rows, small_doc, tak_2566
except ImportError:
    from test_warehouse_data import contract_rows, small_doc, tak_2566

CONTRACT_SCHEMA = SHARED / "contract" / "activity-row.schema.json"
VERSION = "0.1.0-test"


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(tmp_path / "km.duckdb")
    load_document(connection, tak_2566(), kmplan_version=VERSION)
    yield connection
    connection.close()


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_rows_are_exactly_the_contract_rows(
    conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    out = tmp_path / "rows.jsonl"
    assert export_rows(conn, "jsonl", out) == 6
    rows = read_jsonl(out)
    assert rows == contract_rows(tak_2566())
    assert all(list(row) == list(ROW_FIELDS) for row in rows)
    # plan 2 prints seq 1, 3, 2 in rows 1, 2, 3: the export follows seq
    assert [(row["department"], row["seq"]) for row in rows][3:] == [
        ("สำนักปลัด", 1), ("สำนักปลัด", 2), ("สำนักปลัด", 3),
    ]  # fmt: skip


def test_jsonl_first_line_literally(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    out = tmp_path / "rows.jsonl"
    export_rows(conn, "jsonl", out)
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert first == (
        '{"document_id": "' + tak_2566().meta.document_id + '", '
        '"source_file": "km-plan-tak-2566.pdf", '
        '"organization": "องค์การบริหารส่วนจังหวัดตาก", "fiscal_year": 2566, '
        '"announced_on": "2023-10-11", "reference_no": "ตก 51008/9726", '
        '"signed_by": "นายณัฐวุฒิ ทวีเกื้อกูลกิจ", "department": "กองการเจ้าหน้าที่", '
        '"km_goal": "การพัฒนาทักษะการปฏิบัติงานของบุคลากร", '
        '"deliverable": "คู่มือการปฏิบัติงาน", "seq": 1, "step": 1, '
        '"activity": "การบ่งชี้ความรู้", "method": "ประชุมคณะทำงาน KM เพื่อกำหนดองค์ความรู้", '
        '"period_text": "ต.ค.65 - ธ.ค.65", "period_start": "2022-10-01", '
        '"period_end": "2022-12-31", "indicator": "จำนวนองค์ความรู้ที่บ่งชี้", '
        '"target": "ร้อยละ 80", "target_percent": 80.0, "responsible": "คณะทำงาน KM", '
        '"note": "ดำเนินการแล้ว", "page": 2, "plan_type": "km_process", '
        '"year_basis": "fiscal", "element": null, "target_group": null, '
        '"budget_baht": null, "tacit_knowledge": null, "explicit_knowledge": null, '
        '"document_kind": "plan", "result_text": null, "status": null, '
        '"target_comparator": null, "target_count": null, "target_unit": null, '
        '"ocr_confidence": null, "extra_columns": null}'
    )


def test_row_fields_follow_the_contract_schema() -> None:
    if not CONTRACT_SCHEMA.is_file():
        pytest.skip(f"{CONTRACT_SCHEMA} not present")
    schema = json.loads(CONTRACT_SCHEMA.read_text(encoding="utf-8"))
    # The contract's fields first and in its order; kmplan's own extensions after them.
    assert list(ROW_FIELDS[: len(schema["properties"])]) == list(schema["properties"])
    assert set(schema["required"]) <= set(ROW_FIELDS)


def test_view_starts_with_the_contract_fields(conn: duckdb.DuckDBPyConnection) -> None:
    columns = [row[0] for row in conn.execute("DESCRIBE activity_rows").fetchall()]
    assert columns == [*ROW_FIELDS, "plan_no", "row_no"]


def test_every_exported_row_validates_against_the_contract(
    conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    if not CONTRACT_SCHEMA.is_file():
        pytest.skip(f"{CONTRACT_SCHEMA} not present")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(CONTRACT_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    load_document(conn, small_doc("older", "older.pdf", 2565), kmplan_version=VERSION)
    out = tmp_path / "rows.jsonl"
    export_rows(conn, "jsonl", out)
    rows = read_jsonl(out)
    assert len(rows) == 7
    for row in rows:
        assert list(validator.iter_errors(row)) == []


def test_export_orders_by_fiscal_year_then_document(
    conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    # "z-older" sorts last by name but first by fiscal year; "a-first" shares 2566 with
    # km-plan-tak-2566.pdf and comes before it by file name.
    load_document(conn, small_doc("older", "z-older.pdf", 2565), kmplan_version=VERSION)
    load_document(conn, small_doc("first", "a-first.pdf", 2566), kmplan_version=VERSION)
    out = tmp_path / "rows.jsonl"
    assert export_rows(conn, "jsonl", out) == 8
    order = [(row["fiscal_year"], row["source_file"], row["seq"]) for row in read_jsonl(out)]
    assert order == [
        (2565, "z-older.pdf", 1),
        (2566, "a-first.pdf", 1),
        *[(2566, "km-plan-tak-2566.pdf", seq) for seq in (1, 2, 3, 1, 2, 3)],
    ]


def test_jsonl_to_a_stream_equals_the_file(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    out = tmp_path / "rows.jsonl"
    export_rows(conn, "jsonl", out)
    stream = io.StringIO()
    assert export_rows(conn, "jsonl", "-", stream=stream) == 6
    assert stream.getvalue() == out.read_text(encoding="utf-8")


def test_csv_has_bom_header_and_round_trips_thai(
    conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    out = tmp_path / "rows.csv"
    assert export_rows(conn, "csv", out) == 6
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdocument_id,source_file,")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [dict(zip(header, line, strict=True)) for line in reader]
    assert header == list(ROW_FIELDS)
    expected = contract_rows(tak_2566())
    as_text = [
        {key: "" if value is None else str(value) for key, value in row.items()} for row in expected
    ]
    assert rows == as_text
    assert rows[0]["organization"] == "องค์การบริหารส่วนจังหวัดตาก"
    assert rows[2]["period_start"] == "" and rows[2]["target_percent"] == ""


def test_csv_to_a_stream_starts_with_the_bom(conn: duckdb.DuckDBPyConnection) -> None:
    stream = io.StringIO()
    assert export_rows(conn, "csv", "-", stream=stream) == 6
    assert stream.getvalue().startswith("\ufeffdocument_id,")
    assert len(stream.getvalue().splitlines()) == 7


def test_parquet_reads_back(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    out = tmp_path / "export dir" / "it's rows.parquet"  # a space, a quote, a new folder
    assert export_rows(conn, "parquet", out) == 6
    with duckdb.connect() as reader:
        relation = reader.execute("SELECT * FROM read_parquet(?)", [str(out)])
        columns = [column[0] for column in relation.description]
        rows = relation.fetchall()
    assert columns == list(ROW_FIELDS)
    assert len(rows) == 6
    first = dict(zip(columns, rows[0], strict=True))
    assert first["period_start"] == date(2022, 10, 1)
    assert first["organization"] == "องค์การบริหารส่วนจังหวัดตาก"
    assert [row[columns.index("seq")] for row in rows] == [1, 2, 3, 1, 2, 3]


def test_parquet_to_stdout_is_refused(conn: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(WarehouseError, match="parquet cannot be written to stdout"):
        export_rows(conn, "parquet", "-", stream=io.StringIO())


def test_export_from_a_read_only_connection(tmp_path: Path) -> None:
    path = tmp_path / "km.duckdb"
    with open_warehouse(path) as writer:
        load_document(writer, tak_2566(), kmplan_version=VERSION)
    with open_warehouse(path, read_only=True) as reader:
        assert export_rows(reader, "jsonl", tmp_path / "rows.jsonl") == 6
        assert export_rows(reader, "parquet", tmp_path / "rows.parquet") == 6


def test_failed_export_leaves_no_file(
    conn: duckdb.DuckDBPyConnection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "rows.jsonl"
    out.parent.mkdir()
    out.write_text("previous export\n", encoding="utf-8")

    def fail_halfway(stream: TextIO, rows: Iterable[object]) -> int:
        stream.write('{"document_id": "')
        raise OSError("disk full")

    monkeypatch.setattr(export, "_write_jsonl", fail_halfway)
    with pytest.raises(WarehouseError, match=f"cannot write --out {out}: disk full"):
        export_rows(conn, "jsonl", out)
    assert [p.name for p in out.parent.iterdir()] == ["rows.jsonl"]
    assert out.read_text(encoding="utf-8") == "previous export\n"


def test_empty_warehouse_exports_zero_rows(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "empty.duckdb") as empty:
        assert export_rows(empty, "jsonl", tmp_path / "rows.jsonl") == 0
        assert export_rows(empty, "csv", tmp_path / "rows.csv") == 0
    assert (tmp_path / "rows.jsonl").read_text(encoding="utf-8") == ""
    assert (tmp_path / "rows.csv").read_text(encoding="utf-8-sig").splitlines() == [
        ",".join(ROW_FIELDS)
    ]
