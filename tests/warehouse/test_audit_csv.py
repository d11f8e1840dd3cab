"""Findings as CSV lines written by DuckDB: the same text as csv.writer with the formula
guard, for text that needs quoting, guarding or neither, and for NULLs and numbers."""

from __future__ import annotations

import csv
import io

import duckdb

from warehouse.audit import FINDING_COLUMNS, AuditFilter, findings_csv
from warehouse.export import FORMULA_GUARD, FORMULA_LEADS

HOSTILE = [
    "plain ไทย",
    "a, comma",
    'a "quote"',
    "two\nlines",
    "carriage\rreturn",
    "=SUM(A1)",
    "-1 minus",
    "+plus",
    "@at",
    "\ttab first",
    '=both, "all"\n',
    "",
    None,
]


def _python_csv(rows: list[tuple[object, ...]]) -> str:
    """csv.writer's text, a carriage return quoted too (Python 3.11 quotes it only when the
    line terminator holds one): a bare CR would end the row for many CSV readers."""
    lines = []
    for row in rows:
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow(
            [
                "" if v is None
                else FORMULA_GUARD + v if isinstance(v, str) and v.startswith(FORMULA_LEADS)
                else v
                for v in row
            ]
        )  # fmt: skip
        lines.append(out.getvalue().removesuffix("\r\n") + "\n")
    return "".join(lines)


def test_duckdb_lines_equal_csv_writer_for_hostile_text() -> None:
    conn = duckdb.connect()
    text_columns = [
        c for c in FINDING_COLUMNS if c not in {"fiscal_year", "plan_no", "page", "seq", "row_no"}
    ]
    conn.execute(
        "CREATE TABLE f (" + ", ".join(
            f"{c} {'INTEGER' if c not in text_columns else 'VARCHAR'}" for c in FINDING_COLUMNS
        ) + ", organization_key VARCHAR, rule_no INTEGER, document_no BIGINT)"
    )  # fmt: skip
    rows: list[tuple[object, ...]] = []
    for n, value in enumerate(HOSTILE):
        row = tuple(
            value if c in text_columns else (None if n % 4 == 0 else n - 3) for c in FINDING_COLUMNS
        )
        conn.execute(f"INSERT INTO f VALUES ({', '.join('?' * (len(FINDING_COLUMNS) + 3))})",
                     [*row, "org", 1, n])  # fmt: skip
        rows.append(row)
    conn.execute("CREATE VIEW plan_findings AS SELECT * FROM f")
    lines = [line for (line,) in findings_csv(conn, AuditFilter()).fetchall()]
    assert "".join(f"{line}\n" for line in lines) == _python_csv(rows)
