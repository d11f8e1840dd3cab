"""Installing the plan audit: the rule tables filled from the rules file, and the views
and macros of audit.sql. Kept apart from audit.py so that opening a warehouse
(connection.py) can install it without importing the query side.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files

import duckdb

from warehouse.audit_rules import RuleSet, default_rules, message_parts


@cache
def _audit_sql() -> str:
    return files("warehouse").joinpath("audit.sql").read_text(encoding="utf-8")


def _installed(conn: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint of the audit stored in the warehouse, if any (asked of the catalog:
    a failed query would abort the caller's transaction)."""
    found = conn.execute(
        "SELECT count(*) FROM duckdb_tables() "
        "WHERE table_name = 'audit_installed' AND NOT temporary AND schema_name = 'main'"
    ).fetchone()
    if not found or not found[0]:
        return None
    row = conn.execute("SELECT max(fingerprint) FROM main.audit_installed").fetchone()
    return None if row is None else row[0]


def install_audit(
    conn: duckdb.DuckDBPyConnection, *, temp: bool = False, rules: RuleSet | None = None
) -> None:
    """Create the rule tables, fill them from `rules` (default: the packaged file) and
    define the views. In the caller's transaction when there is one. A warehouse that
    already holds this audit.sql and these rules is left as it is (every writer open
    calls this: it keeps the open cheap)."""
    rules = rules or default_rules()
    fingerprint = hashlib.sha256(f"{_audit_sql()}\n{rules!r}".encode()).hexdigest()
    if not temp and _installed(conn) == fingerprint:
        return
    conn.execute(_audit_sql().replace("{temp}", "TEMP " if temp else ""))
    if not temp:
        conn.execute("CREATE OR REPLACE TABLE audit_installed AS SELECT ?::VARCHAR AS fingerprint",
                     [fingerprint])  # fmt: skip
    conn.executemany(
        "INSERT INTO audit_rules VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [r.rule_no, r.id, r.severity, r.check, list(r.families), list(r.document_kinds),
             r.column, [item.key for item in r.items], r.months, rules.version]
            for r in rules.rules
        ],
    )  # fmt: skip
    items = [
        [rule.id, number, item.key, item.th, item.en]
        for rule in rules.rules
        for number, item in enumerate(rule.items, start=1)
    ]
    if items:
        conn.executemany("INSERT INTO audit_items VALUES (?, ?, ?, ?, ?)", items)
    conn.executemany(
        "INSERT INTO audit_messages VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            [
                rule.id,
                reason,
                "unchecked" if rule.unchecked(reason) else "fail",
                th,
                en,
                message_parts(th),
                message_parts(en),
            ]
            for rule in rules.rules
            for reason, (th, en) in rule.messages.items()
        ],
    )
    conn.executemany(
        "INSERT INTO audit_years VALUES (?, ?, ?)",
        [[y.name, y.start_month, y.be_offset] for y in rules.years],
    )
    conn.execute(_ITEM_SETS)


# Every non-empty subset of each rule's items (audit_rules.MAX_ITEMS keeps this small).
_ITEM_SETS = """
INSERT INTO audit_item_sets
SELECT s.rule, s.mask,
       string_agg(i.label_th, ', ' ORDER BY i.item_no),
       string_agg(i.label_en, ', ' ORDER BY i.item_no)
FROM (SELECT rule, unnest(range(1, 1::BIGINT << count(*))) AS mask
      FROM audit_items GROUP BY rule) AS s
JOIN audit_items AS i ON i.rule = s.rule AND (s.mask >> (i.item_no - 1)) & 1 = 1
GROUP BY s.rule, s.mask
"""
