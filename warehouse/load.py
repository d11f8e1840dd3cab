"""Loading one NormalizedDocument into the warehouse: all of it in one transaction, or none."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

import duckdb
from pydantic import BaseModel, ConfigDict

from extract.vocab.codes import FailureReason
from warehouse.connection import first_line, rollback
from warehouse.departments import assign_keys
from warehouse.errors import InvalidDocumentError
from warehouse.sql import column_list, quote_identifier

if TYPE_CHECKING:  # importing normalize at run time would pull in extract's PDF readers
    from normalize.models import Activity, NormalizedDocument

Record = Mapping[str, object]
TABLES = ("documents", "plans", "activities", "warnings", "repairs")  # in insert order


class LoadResult(BaseModel):
    """What load_document did. The counts are what the warehouse holds for the document."""

    model_config = ConfigDict(frozen=True)

    document_id: str
    source_file: str
    status: Literal["loaded", "already-present"]
    plans: int
    activities: int
    warnings: int


def document_exists(conn: duckdb.DuckDBPyConnection, sha256: str) -> bool:
    """True when the document with this sha256 (hex) is already in the warehouse."""
    row = conn.execute("SELECT 1 FROM documents WHERE document_id = ?", [sha256]).fetchone()
    return row is not None


class Provenance(BaseModel):
    """What made a document's rows and where its file was: stored with the document so
    that `kmplan reprocess` knows what is older and where to read it again."""

    model_config = ConfigDict(frozen=True)

    kmplan_version: str
    parser_fingerprint: str | None = None  # normalize.fingerprint
    source_path: str | None = None  # absolute, as it was when loaded


def load_document(
    conn: duckdb.DuckDBPyConnection,
    doc: NormalizedDocument,
    *,
    kmplan_version: str,
    parser_fingerprint: str | None = None,
    source_path: str | None = None,
) -> LoadResult:
    """Write `doc` in one transaction; skip it when its document_id is already present.

    Raises InvalidDocumentError when the document would break a constraint (and thereby
    the export contract); any error rolls back everything of this document and is re-raised.
    A missing organization or fiscal year is no such error (contract v2): the rows load
    with NULL there, and normalize has recorded the warning.
    """
    meta = doc.meta
    with transaction(conn):
        if document_exists(conn, meta.document_id):
            return _stored_result(conn, doc)
        try:
            made = Provenance(
                kmplan_version=kmplan_version,
                parser_fingerprint=parser_fingerprint,
                source_path=source_path,
            )
            insert_document(conn, doc, made)
        except duckdb.ConstraintException as exc:
            raise rejected(meta.source_file, exc) from exc
        assign_keys(conn)  # organization and department keys of new spellings
    return LoadResult(
        document_id=meta.document_id,
        source_file=meta.source_file,
        status="loaded",
        plans=len(doc.plans),
        activities=len(doc.activities),
        warnings=len(doc.warnings),
    )


def rejected(source_file: str, exc: duckdb.ConstraintException) -> InvalidDocumentError:
    reason = FailureReason.REJECTED_BY_WAREHOUSE.say(detail=first_line(exc))
    return InvalidDocumentError(f"{source_file}: {reason}")


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def insert_document(
    conn: duckdb.DuckDBPyConnection, doc: NormalizedDocument, made: Provenance
) -> None:
    """Insert every row of `doc` (the caller holds the transaction)."""
    _check_plans(doc)
    doc_id = doc.meta.document_id
    types = column_types(conn, TABLES)
    ingested_at = datetime.now(UTC).replace(tzinfo=None)
    documents = [{**doc.meta.model_dump(), **made.model_dump(), "ingested_at": ingested_at}]
    plans = [{"document_id": doc_id, **p.model_dump()} for p in doc.plans]
    activities = [_activity_record(doc_id, a) for a in doc.activities]
    warnings = [
        {"document_id": doc_id, "warning_no": no, **w.model_dump()}
        for no, w in enumerate(doc.warnings, start=1)
    ]
    repairs = [
        {"document_id": doc_id, "repair_no": no, **r.model_dump()}
        for no, r in enumerate(doc.repairs, start=1)
    ]
    tables = (documents, plans, activities, warnings, repairs)
    for table, records in zip(TABLES, tables, strict=True):
        bulk_insert(conn, table, records, types[table])


def _check_plans(doc: NormalizedDocument) -> None:
    """Every activity row belongs to a plan of the document: what a foreign key checked
    before schema version 4 (warehouse/schema.sql says why there is none)."""
    plans = {plan.plan_no for plan in doc.plans}
    for row in doc.activities:
        if row.plan_no not in plans:
            raise duckdb.ConstraintException(
                f"activity row {row.row_no} belongs to plan {row.plan_no}, "
                "which the document does not have"
            )


def _activity_record(doc_id: str, activity: Activity) -> dict[str, object]:
    record: dict[str, object] = {"document_id": doc_id, **activity.model_dump()}
    extra = activity.extra_columns
    record["extra_columns"] = json.dumps(extra, ensure_ascii=False) if extra else None
    return record


def bulk_insert(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    records: Sequence[Record],
    types: Mapping[str, str],
) -> None:
    """Insert `records` (all with the same keys) in one statement: one list per column.

    `types` maps the table's columns to their DuckDB types. Columns the records do not name
    keep their defaults. A key with no column is a bug: the models grew a field the schema
    does not store yet.
    """
    if not records:
        return
    names = list(records[0])
    unknown = [name for name in names if name not in types]
    if unknown:
        raise RuntimeError(
            f"table {table} has no column for {unknown}: the normalize models carry a field "
            "the warehouse schema does not store; extend warehouse/schema.sql"
        )
    selects = ", ".join(f"UNNEST(?::{types[name]}[])" for name in names)
    columns = [[record[name] for record in records] for name in names]
    # The types come from the warehouse's own catalog (column_types), not from input.
    conn.execute(
        f"INSERT INTO {quote_identifier(table)} ({column_list(names)}) SELECT {selects}", columns
    )


def column_types(
    conn: duckdb.DuckDBPyConnection, tables: Sequence[str]
) -> dict[str, dict[str, str]]:
    """{table: {column: DuckDB type}} for the given tables of the main schema."""
    rows = conn.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main' "
        "AND list_contains(?, table_name) ORDER BY table_name, column_index",
        [list(tables)],
    ).fetchall()
    types: dict[str, dict[str, str]] = {table: {} for table in tables}
    for table, column, data_type in rows:
        types[str(table)][str(column)] = str(data_type)
    return types


def _stored_result(conn: duckdb.DuckDBPyConnection, doc: NormalizedDocument) -> LoadResult:
    """An already-present document, with the counts the warehouse holds for it."""
    doc_id = doc.meta.document_id
    counts = [
        conn.execute(
            f"SELECT count(*) FROM {quote_identifier(table)} WHERE document_id = ?", [doc_id]
        ).fetchone()
        for table in TABLES[1:4]
    ]
    plans, activities, warnings = (int(row[0]) if row else 0 for row in counts)
    return LoadResult(
        document_id=doc_id,
        source_file=doc.meta.source_file,
        status="already-present",
        plans=plans,
        activities=activities,
        warnings=warnings,
    )
