"""warehouse.reprocess.replace_document: a document's rows replaced in one transaction,
with the changes counted; a new reading the warehouse rejects changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from normalize.models import NormalizedDocument, Plan, Warning
from warehouse import InvalidDocumentError, load_document, open_warehouse
from warehouse.load import Provenance
from warehouse.reprocess import find_document, is_older, replace_document

from .warehouse_data import activity, small_doc, snapshot, tak_2566

MADE = Provenance(kmplan_version="0.2.0", parser_fingerprint="sha256:new", source_path="/x.pdf")


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(tmp_path / "w.duckdb")
    load_document(connection, small_doc("other", "other.pdf", 2565), kmplan_version="0.1.0")
    load_document(connection, tak_2566(), kmplan_version="0.1.0", parser_fingerprint="old")
    yield connection
    connection.close()


def better_reading() -> NormalizedDocument:
    """tak_2566 as a better parser reads it: plan 2 was two plans' rows run together, one
    row's target misread, a spurious warning gone."""
    doc = tak_2566()
    plans = [*doc.plans, Plan(plan_no=3, department="กองคลัง", km_goal="", deliverable=None, page=5)]
    activities = [
        doc.activities[0],
        doc.activities[1].model_copy(update={"target": "90 %", "target_percent": 90.0}),
        *doc.activities[2:5],
        activity(3, 1, 1, page=5),
    ]
    warnings: list[Warning] = doc.warnings[:1]
    return doc.model_copy(update={"plans": plans, "activities": activities, "warnings": warnings})


def test_rows_are_replaced_and_changes_counted(conn: duckdb.DuckDBPyConnection) -> None:
    other = conn.execute("SELECT * FROM activities WHERE document_id <> ? ORDER BY ALL",
                         [tak_2566().meta.document_id]).fetchall()  # fmt: skip
    changes = replace_document(conn, better_reading(), MADE)
    assert (changes.rows_added, changes.rows_removed) == (1, 1)  # (3, 1) in, (2, 3) out
    assert (changes.rows_changed, changes.fields_changed) == (1, 2)
    assert changes.fields == ("target", "target_percent")
    assert (changes.plans_before, changes.plans_after) == (2, 3)
    assert (changes.warnings_before, changes.warnings_after) == (2, 1)
    assert changes.any
    stored = find_document(conn, tak_2566().meta.document_id)
    assert stored is not None
    assert (stored.kmplan_version, stored.parser_fingerprint, stored.source_path) == (
        "0.2.0", "sha256:new", "/x.pdf")  # fmt: skip
    assert not is_older(stored, "0.2.0", "sha256:new")
    assert conn.execute("SELECT count(*) FROM activities").fetchone() == (7,)
    assert conn.execute("SELECT * FROM activities WHERE document_id <> ? ORDER BY ALL",
                        [tak_2566().meta.document_id]).fetchall() == other  # fmt: skip
    again = replace_document(conn, better_reading(), MADE)
    assert not again.any and again.fields == ()


def test_a_rejected_reading_keeps_the_old_rows(conn: duckdb.DuckDBPyConnection) -> None:
    before = snapshot(conn)
    bad = tak_2566()
    bad = bad.model_copy(update={"activities": [*bad.activities, activity(9, 1, 1)]})
    with pytest.raises(InvalidDocumentError, match=r"^km-plan-tak-2566\.pdf: rejected"):
        replace_document(conn, bad, MADE)
    assert snapshot(conn) == before


@pytest.mark.parametrize(
    ("made", "fingerprint", "running", "older"),
    [
        ("0.1.0", None, "0.1.0", True),  # loaded before fingerprints: unknown, older
        ("0.1.0", "a", "0.1.0", False),  # the same kmplan and parser
        ("0.1.0", "b", "0.1.0", True),  # the same version, another parser
        ("0.0.9", "a", "0.1.0", True),
        ("0.1.0", "a", "0.10.0", True),  # numbers, not text: 0.10 is newer than 0.1
        ("0.2.0", "b", "0.1.0", False),  # a newer kmplan's reading is left alone
        ("dev", "a", "0.1.0", False),  # not numbers: only the fingerprint tells
    ],
)
def test_which_documents_are_older(
    made: str, fingerprint: str | None, running: str, older: bool
) -> None:
    from warehouse.reprocess import StoredDocument

    stored = StoredDocument("0" * 64, "a.pdf", None, None, made, fingerprint, None, None)
    assert is_older(stored, running, "a") is older
