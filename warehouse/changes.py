"""What replacing a document's rows changed: rows added, removed and fields changed.

Activity rows are matched by their place in the document (plan_no, row_no), plans by
plan_no; the document's own row is compared field by field. The columns that say who made
the rows and when (kmplan_version, parser_fingerprint, source_path, ingested_at) are not
changes of the data and are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import duckdb

from warehouse.sql import quote_identifier

Key = tuple[object, ...]
Row = dict[str, object]
_PROVENANCE = frozenset(
    {"document_id", "kmplan_version", "parser_fingerprint", "source_path", "ingested_at"}
)
_KEYS = {"documents": (), "plans": ("plan_no",), "activities": ("plan_no", "row_no")}


@dataclass(frozen=True)
class DocumentRows:
    """A document's rows keyed for comparison, and how many warnings it has."""

    tables: Mapping[str, Mapping[Key, Row]]
    warnings: int


@dataclass(frozen=True)
class Changes:
    rows_added: int = 0  # activity rows
    rows_removed: int = 0
    rows_changed: int = 0  # activity rows with at least one field changed
    fields_changed: int = 0  # in activity rows, plans and the document's row
    plans_before: int = 0
    plans_after: int = 0
    warnings_before: int = 0
    warnings_after: int = 0
    fields: tuple[str, ...] = field(default=())  # the names of the fields changed, sorted

    @property
    def any(self) -> bool:
        return bool(
            self.rows_added
            or self.rows_removed
            or self.fields_changed
            or self.plans_before != self.plans_after
            or self.warnings_before != self.warnings_after
        )


def document_rows(conn: duckdb.DuckDBPyConnection, document_id: str) -> DocumentRows:
    tables = {table: _keyed(conn, table, keys, document_id) for table, keys in _KEYS.items()}
    row = conn.execute(
        "SELECT count(*) FROM warnings WHERE document_id = ?", [document_id]
    ).fetchone()
    return DocumentRows(tables=tables, warnings=int(row[0]) if row else 0)


def _keyed(
    conn: duckdb.DuckDBPyConnection, table: str, keys: tuple[str, ...], document_id: str
) -> dict[Key, Row]:
    cursor = conn.execute(
        f"SELECT * FROM {quote_identifier(table)} WHERE document_id = ?", [document_id]
    )
    names = [str(column[0]) for column in cursor.description or ()]
    keyed: dict[Key, Row] = {}
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        keyed[tuple(row[k] for k in keys)] = {
            name: value for name, value in row.items() if name not in _PROVENANCE
        }
    return keyed


def compare(before: DocumentRows, after: DocumentRows) -> Changes:
    old, new = before.tables["activities"], after.tables["activities"]
    names: set[str] = set()
    fields = 0
    rows_changed = 0
    for table, rows in after.tables.items():
        for key, row in rows.items():
            changed = _changed_fields(before.tables[table].get(key), row)
            fields += len(changed)
            names.update(changed)
            if table == "activities" and changed:
                rows_changed += 1
    return Changes(
        rows_added=len(new.keys() - old.keys()),
        rows_removed=len(old.keys() - new.keys()),
        rows_changed=rows_changed,
        fields_changed=fields,
        plans_before=len(before.tables["plans"]),
        plans_after=len(after.tables["plans"]),
        warnings_before=before.warnings,
        warnings_after=after.warnings,
        fields=tuple(sorted(names)),
    )


def _changed_fields(old: Row | None, new: Row) -> list[str]:
    """The fields of `new` that differ from `old`; none when the row is new (an added row
    is counted as added, not as changed fields)."""
    if old is None:
        return []
    return [name for name, value in new.items() if name in old and old[name] != value]
