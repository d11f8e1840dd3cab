from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import duckdb
import pytest

from normalize.models import Activity, DocumentMeta, NormalizedDocument, Plan, Warning
from warehouse import (
    SCHEMA_VERSION,
    InvalidDocumentError,
    LoadResult,
    document_exists,
    load,
    load_document,
    open_warehouse,
)

try:  # tests/ as a package (with __init__.py) or as a plain folder
    from .warehouse_data import TABLES, activity, rows_of, sha, small_doc, snapshot, tak_2566
except ImportError:
    from test_warehouse_data import TABLES, activity, rows_of, sha, small_doc, snapshot, tak_2566

VERSION = "0.1.0-test"


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(tmp_path / "wh" / "km.duckdb")
    yield connection
    connection.close()


def test_load_reports_what_was_written(conn: duckdb.DuckDBPyConnection) -> None:
    doc = tak_2566()
    result = load_document(conn, doc, kmplan_version=VERSION)
    assert result == LoadResult(
        document_id=doc.meta.document_id,
        source_file="km-plan-tak-2566.pdf",
        status="loaded",
        plans=2,
        activities=6,
        warnings=2,
    )
    assert rows_of(conn, doc.meta.document_id) == {
        "documents": 1, "plans": 2, "activities": 6, "warnings": 2,
    }  # fmt: skip


def test_load_stores_document_plan_and_warning_fields(conn: duckdb.DuckDBPyConnection) -> None:
    doc = tak_2566()
    load_document(conn, doc, kmplan_version=VERSION)
    document = conn.execute(
        "SELECT organization, fiscal_year, year_basis, announced_on, reference_no, signed_by, "
        "page_count, kmplan_version, ingested_at IS NOT NULL FROM documents"
    ).fetchone()
    assert document == (
        "องค์การบริหารส่วนจังหวัดตาก", 2566, "fiscal", doc.meta.announced_on,
        "ตก 51008/9726", "นายณัฐวุฒิ ทวีเกื้อกูลกิจ", 5, VERSION, True,
    )  # fmt: skip
    assert conn.execute(
        "SELECT plan_no, department, km_goal, deliverable, page, plan_type FROM plans ORDER BY 1"
    ).fetchall() == [
        (1, "กองการเจ้าหน้าที่", "การพัฒนาทักษะการปฏิบัติงานของบุคลากร", "คู่มือการปฏิบัติงาน", 2,
         "km_process"),
        (2, "สำนักปลัด", "", None, 4, "km_process"),
    ]  # fmt: skip
    assert conn.execute(
        "SELECT warning_no, code, message, page, plan_no, seq, field FROM warnings ORDER BY 1"
    ).fetchall() == [
        (1, "period-unparsed", "ระยะเวลา 'ตลอดปี' อ่านไม่ได้", 3, 1, 3, "period_text"),
        (2, "step-unresolved", "no canonical step for การประมวลผลความรู้", None, None, None, None),
    ]  # fmt: skip


def test_activities_are_stored_as_given(conn: duckdb.DuckDBPyConnection) -> None:
    doc = tak_2566()
    load_document(conn, doc, kmplan_version=VERSION)
    # extra_columns is stored as JSON text (NULL for none): compared below on its own.
    columns = [name for name in Activity.model_fields if name != "extra_columns"]
    stored = conn.execute(
        f"SELECT {', '.join(columns)} FROM activities ORDER BY plan_no, row_no"
    ).fetchall()
    given = [tuple(a.model_dump(exclude={"extra_columns"}).values()) for a in doc.activities]
    assert stored == sorted(given, key=lambda row: (row[0], row[1]))


def test_unmapped_cells_are_stored_as_a_json_object(conn: duckdb.DuckDBPyConnection) -> None:
    doc = tak_2566()
    first = doc.activities[0].model_copy(
        update={"extra_columns": {"งบประมาณ (บาท)": "5,000", "ผลที่คาดว่าจะได้รับ": "คู่มือ"}}
    )
    doc = doc.model_copy(update={"activities": [first, *doc.activities[1:]]})
    load_document(conn, doc, kmplan_version=VERSION)
    rows = conn.execute(
        "SELECT extra_columns->>'$.\"ผลที่คาดว่าจะได้รับ\"', count(extra_columns) FROM activities "
        "GROUP BY ALL ORDER BY 1 NULLS LAST"
    ).fetchall()
    assert rows == [("คู่มือ", 1), (None, 0)]


def test_second_load_is_already_present_and_changes_nothing(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    doc = tak_2566()
    load_document(conn, doc, kmplan_version=VERSION)
    before = snapshot(conn)
    again = load_document(conn, doc, kmplan_version="9.9.9")
    assert again.status == "already-present"
    assert (again.plans, again.activities, again.warnings) == (2, 6, 2)
    assert snapshot(conn) == before


def test_document_exists(conn: duckdb.DuckDBPyConnection) -> None:
    doc = tak_2566()
    assert not document_exists(conn, doc.meta.document_id)
    load_document(conn, doc, kmplan_version=VERSION)
    assert document_exists(conn, doc.meta.document_id)
    assert not document_exists(conn, sha("something else"))


def _with_activities(doc: NormalizedDocument, activities: list[Activity]) -> NormalizedDocument:
    return doc.model_copy(update={"activities": activities})


BAD_DOCUMENTS = {
    "step-out-of-range": lambda d: _with_activities(
        d, [*d.activities[:5], activity(2, 3, 2, step=9)]),
    "row-of-missing-plan": lambda d: _with_activities(d, [*d.activities, activity(3, 1, 1)]),
    "duplicate-row-no": lambda d: _with_activities(d, [*d.activities, activity(1, 1, 4)]),
    "empty-department": lambda d: d.model_copy(update={"plans": [
        d.plans[0], d.plans[1].model_copy(update={"department": ""})]}),
    "fiscal-year-in-ce": lambda d: d.model_copy(update={
        "meta": d.meta.model_copy(update={"fiscal_year": 2023})}),
    "plan-type-unknown": lambda d: d.model_copy(update={"plans": [
        d.plans[0], d.plans[1].model_copy(update={"plan_type": "gantt"})]}),
    "document-id-not-sha256": lambda d: d.model_copy(update={
        "meta": d.meta.model_copy(update={"document_id": "tak-2566"})}),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_DOCUMENTS))
def test_rejected_document_leaves_no_rows_and_others_untouched(
    conn: duckdb.DuckDBPyConnection, case: str
) -> None:
    load_document(conn, small_doc("other", "other.pdf", 2565), kmplan_version=VERSION)
    before = snapshot(conn)
    bad = BAD_DOCUMENTS[case](tak_2566())
    with pytest.raises(InvalidDocumentError, match=r"^km-plan-tak-2566\.pdf: rejected") as info:
        load_document(conn, bad, kmplan_version=VERSION)
    assert "\n" not in str(info.value)
    assert snapshot(conn) == before
    assert not document_exists(conn, bad.meta.document_id)
    # the connection is usable afterwards and the good version of the document loads
    assert load_document(conn, tak_2566(), kmplan_version=VERSION).status == "loaded"


@pytest.mark.parametrize(
    "missing",
    [{"organization": None}, {"fiscal_year": None}, {"organization": None, "fiscal_year": None}],
)
def test_document_without_organization_or_year_loads_with_null(
    conn: duckdb.DuckDBPyConnection, missing: dict[str, None]
) -> None:
    # Contract v2 ("Missing metadata"): the rows load, the field is NULL.
    meta = {"fiscal_year": 2566, **missing}
    doc = small_doc("incomplete", "incomplete.pdf", meta.pop("fiscal_year"), **meta)
    assert load_document(conn, doc, kmplan_version=VERSION).status == "loaded"
    row = conn.execute(
        "SELECT organization, fiscal_year, count(*) FROM activity_rows GROUP BY ALL"
    ).fetchall()
    expected_org = None if "organization" in missing else "เทศบาลเมืองแม่สอด"
    expected_year = None if "fiscal_year" in missing else 2566
    assert row == [(expected_org, expected_year, 1)]
    # ... and stands for no organization and year when years are compared
    assert conn.execute("SELECT count(*) FROM year_documents").fetchone() == (0,)


def test_failure_after_plans_rolls_back_everything(
    conn: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_document(conn, small_doc("other", "other.pdf", 2565), kmplan_version=VERSION)
    before = snapshot(conn)
    real_insert = load.bulk_insert
    inserted: list[str] = []

    def insert_then_fail_at_activities(
        connection: duckdb.DuckDBPyConnection,
        table: str,
        records: Sequence[Mapping[str, object]],
        types: Mapping[str, str],
    ) -> None:
        if table == "activities":
            raise OSError("disk full")
        real_insert(connection, table, records, types)
        inserted.append(table)

    monkeypatch.setattr(load, "bulk_insert", insert_then_fail_at_activities)
    with pytest.raises(OSError, match="disk full"):
        load_document(conn, tak_2566(), kmplan_version=VERSION)
    assert inserted == ["documents", "plans"]  # the failure really came after plans
    assert snapshot(conn) == before
    monkeypatch.undo()
    assert load_document(conn, tak_2566(), kmplan_version=VERSION).status == "loaded"


def test_schema_is_idempotent_and_data_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "km.duckdb"
    with open_warehouse(path) as first:
        load_document(first, tak_2566(), kmplan_version=VERSION)
        before = snapshot(first)
    with open_warehouse(path) as second:
        assert snapshot(second) == before
        versions = second.execute("SELECT version FROM schema_version").fetchall()
        assert versions == [(SCHEMA_VERSION,)]
    with open_warehouse(path, read_only=True) as reader:
        assert snapshot(reader) == before


def test_every_model_field_has_a_column(conn: duckdb.DuckDBPyConnection) -> None:
    """A field added to the normalize models must be added to schema.sql too."""
    tables = {"documents": DocumentMeta, "plans": Plan, "activities": Activity,
              "warnings": Warning}  # fmt: skip
    for table, model in tables.items():
        columns = {row[0] for row in conn.execute(f"DESCRIBE {table}").fetchall()}
        assert set(model.model_fields) - columns == set(), table
    assert set(TABLES) == set(tables)


def test_document_summary_counts(conn: duckdb.DuckDBPyConnection) -> None:
    load_document(conn, tak_2566(), kmplan_version=VERSION)
    load_document(conn, small_doc("other", "other.pdf", 2565), kmplan_version=VERSION)
    assert conn.execute(
        "SELECT source_file, plans, activities, warnings FROM document_summary ORDER BY 1"
    ).fetchall() == [("km-plan-tak-2566.pdf", 2, 6, 2), ("other.pdf", 1, 1, 0)]
