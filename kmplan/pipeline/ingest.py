"""ingest(): files and folders in, a RunReport out; one bad file never stops the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

import duckdb
from pydantic import BaseModel

from kmplan import __version__
from kmplan.extract import ExtractError, ExtractSettings, extract_document, read_bytes, sha256_of
from kmplan.normalize.document import normalize_document
from kmplan.warehouse import (
    InvalidDocumentError,
    document_exists,
    load_document,
    open_warehouse,
)

Status = Literal["ingested", "already-present", "failed"]


class FileOutcome(BaseModel):
    path: str
    status: Status
    reason: str | None = None
    document_id: str | None = None
    pages: int = 0
    plans: int = 0
    activities: int = 0
    warnings: int = 0


class RunReport(BaseModel):
    outcomes: list[FileOutcome]

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def activities(self) -> int:
        return sum(o.activities for o in self.outcomes if o.status == "ingested")

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


def collect_pdfs(paths: Iterable[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Expand folders to the PDFs below them (sorted); a missing path is a failure."""
    files: list[Path] = []
    missing: list[FileOutcome] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf"))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(FileOutcome(path=str(path), status="failed", reason="no such file"))
    return files, missing


def ingest_file(
    conn: duckdb.DuckDBPyConnection, path: Path, settings: ExtractSettings
) -> FileOutcome:
    try:
        data = read_bytes(path)
        sha = sha256_of(data)
        if document_exists(conn, sha):
            return FileOutcome(path=str(path), status="already-present", document_id=sha)
        raw = extract_document(path, settings, data=data)
    except ExtractError as exc:
        return FileOutcome(path=str(path), status="failed", reason=str(exc))
    doc = normalize_document(raw)
    try:
        result = load_document(conn, doc, kmplan_version=__version__)
    except InvalidDocumentError as exc:
        return FileOutcome(path=str(path), status="failed", reason=str(exc))
    return FileOutcome(
        path=str(path),
        status="ingested" if result.status == "loaded" else "already-present",
        document_id=doc.meta.document_id,
        pages=doc.meta.page_count,
        plans=result.plans,
        activities=result.activities,
        warnings=result.warnings,
    )


def ingest(
    paths: Iterable[Path],
    db_path: Path,
    settings: ExtractSettings | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> RunReport:
    settings = settings or ExtractSettings()
    files, outcomes = collect_pdfs(paths)
    for outcome in outcomes:
        if on_file:
            on_file(outcome)
    conn = open_warehouse(db_path)
    try:
        for path in files:
            outcome = ingest_file(conn, path, settings)
            outcomes.append(outcome)
            if on_file:
                on_file(outcome)
    finally:
        conn.close()
    return RunReport(outcomes=outcomes)
