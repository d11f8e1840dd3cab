"""year_documents: which document stands for an organization's year when years are
compared. Copies of one announcement (same reference number, date or rows) yield to the
text-layer copy, then to the one with fewer warnings; a re-issued plan (a later date)
replaces the first; a plan stands before a results report; documents without an
organization or a year stand for none, and are counted as left out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from extract.vocab.kinds import DocumentKind
from normalize.models import NormalizedDocument, Warning
from pipeline.present.compare import left_out_note
from warehouse import load_document, open_warehouse
from warehouse.compare import left_out

from .warehouse_data import sha, tak_2566

VERSION = "0.1.0-test"


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(tmp_path / "w.duckdb")
    yield connection
    connection.close()


def copy_of(name: str, ocr: bool = False, warnings: int = 0, **meta: Any) -> NormalizedDocument:
    """The tak_2566 announcement saved as `name`: read by OCR or not, with extra warnings."""
    doc = tak_2566()
    activities = [
        a.model_copy(update={"ocr_confidence": 71.0 if ocr else None}) for a in doc.activities
    ]
    extra = [Warning(code="ocr-low-confidence", message="x") for _ in range(warnings)]
    return doc.model_copy(
        update={
            "meta": doc.meta.model_copy(
                update={"document_id": sha(name), "source_file": name,
                        **meta}
            ),
            "activities": activities,
            "warnings": doc.warnings + extra,
        }
    )  # fmt: skip


def _load(conn: duckdb.DuckDBPyConnection, *docs: NormalizedDocument) -> None:
    for doc in docs:
        assert load_document(conn, doc, kmplan_version=VERSION).status == "loaded"


def _chosen(conn: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return conn.execute("SELECT fiscal_year, source_file FROM year_documents ORDER BY 1").fetchall()


def test_text_layer_copy_stands_though_the_scan_came_later_with_a_misread_date(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    text = copy_of("plan.pdf")
    scan = copy_of("scan.pdf", ocr=True, warnings=5, announced_on=date(2023, 10, 17))
    _load(conn, text, scan)
    assert _chosen(conn) == [(2566, "plan.pdf")]


def test_among_text_copies_the_one_with_fewer_warnings(conn: duckdb.DuckDBPyConnection) -> None:
    _load(conn, copy_of("clean.pdf"), copy_of("noisy.pdf", warnings=2))
    assert _chosen(conn) == [(2566, "clean.pdf")]


def test_copies_by_their_rows_alone(conn: duckdb.DuckDBPyConnection) -> None:
    # neither reference number nor date read from the scan: the same rows make it a copy
    text = copy_of("plan.pdf", announced_on=None, reference_no=None)
    scan = copy_of("scan.pdf", ocr=True, announced_on=None, reference_no=None)
    _load(conn, text, scan)
    assert _chosen(conn) == [(2566, "plan.pdf")]


def test_a_reissued_plan_replaces_the_first(conn: duckdb.DuckDBPyConnection) -> None:
    first = copy_of("first.pdf")
    reissued = copy_of(
        "reissued.pdf", ocr=True, warnings=3, announced_on=date(2024, 1, 15),
        reference_no="ตก 51008/0123",
    )  # fmt: skip
    reissued = reissued.model_copy(
        update={"activities": [a.model_copy(update={"target": "ร้อยละ 90"})
                               for a in reissued.activities]}
    )  # fmt: skip
    _load(conn, reissued, first)
    assert _chosen(conn) == [(2566, "reissued.pdf")]


def test_a_plan_stands_before_the_report_on_it(conn: duckdb.DuckDBPyConnection) -> None:
    report = copy_of(
        "report.pdf", document_kind=DocumentKind.RESULTS_REPORT, announced_on=date(2024, 9, 30)
    )
    _load(conn, report)
    assert _chosen(conn) == [(2566, "report.pdf")]  # a report alone stands for its year
    _load(conn, copy_of("plan.pdf"))
    assert _chosen(conn) == [(2566, "plan.pdf")]


def test_documents_without_organization_or_year_stand_for_none(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    _load(
        conn,
        copy_of("plan.pdf"),
        copy_of("no-year.pdf", fiscal_year=None),
        copy_of("no-org.pdf", organization=None, fiscal_year=2565),
    )
    assert _chosen(conn) == [(2566, "plan.pdf")]
    assert left_out(conn) == 2
    assert left_out(conn, "องค์การบริหารส่วนจังหวัดตาก") == 2
    assert (
        left_out_note(2) == "left out 2 documents with no organization or fiscal year "
        "(see kmplan query)"
    )
    assert left_out_note(0) is None
