"""reprocess(): documents already in the warehouse read again by this kmplan.

Which documents: those an older kmplan made (warehouse.reprocess.is_older), every one, or
the files given. Each is read from its recorded path (documents.source_path, else the path
its ingest run saw) only when the file there still has the document's sha256; a file
given by path is matched by sha256, so a file that moved is found under its new name.
Extraction and normalization run in the same worker pool as ingest, with its guards; the
calling process replaces each document's rows in one transaction (a failed reading keeps
the old rows) and says what changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb

from extract import ExtractSettings, sha256_of
from normalize.fingerprint import parser_fingerprint
from normalize.given import with_given
from pipeline import __version__
from pipeline.guards import Limits, default_workers
from pipeline.inputs import DEFAULT_MAX_BYTES, InputError, Rejected, iter_inputs, read_input
from pipeline.workers import Executor, Job, LocalExecutor, WorkFailed, WorkResult
from warehouse import InvalidDocumentError
from warehouse.changes import Changes
from warehouse.connection import MEMORY
from warehouse.faults import guarded
from warehouse.identity import check_file
from warehouse.load import Provenance
from warehouse.reprocess import (
    ReprocessRecord,
    ReprocessStatus,
    StoredDocument,
    find_document,
    is_older,
    record_document,
    replace_document,
    start_reprocess_run,
    stored_documents,
)
from warehouse.runs import finish_run
from warehouse.writer import Writer

Selection = Literal["older", "all", "paths"]
_POLL_S = 0.5


@dataclass(frozen=True)
class ReprocessOptions:
    selection: Selection = "older"
    paths: tuple[Path, ...] = ()  # with selection "paths"
    workers: int | None = None  # None: the cores
    limits: Limits = field(default_factory=Limits)
    max_bytes: int = DEFAULT_MAX_BYTES

    def worker_count(self) -> int:
        cores = default_workers()
        return min(self.workers, cores) if self.workers and self.workers > 0 else cores


@dataclass(frozen=True)
class DocumentOutcome:
    path: str  # the file read, or the recorded path (or file name) when none was
    status: ReprocessStatus
    document_id: str | None = None
    reason: str | None = None
    changes: Changes | None = None
    loaded: bool = True  # False: a file given that is not (or cannot be read to find) one


@dataclass(frozen=True)
class ReprocessReport:
    outcomes: list[DocumentOutcome]
    run_id: str | None
    seconds: float = 0.0

    def count(self, status: ReprocessStatus) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def total(self, name: str) -> int:
        """The sum of one Changes count (rows_added, fields_changed ...) over the documents."""
        return sum(int(getattr(o.changes, name)) for o in self.outcomes if o.changes)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


@dataclass(frozen=True)
class _Target:
    stored: StoredDocument
    given: Path | None = None  # the path given on the command line


def reprocess(
    db_path: Path,
    settings: ExtractSettings | None = None,
    options: ReprocessOptions | None = None,
    on_document: Callable[[DocumentOutcome], None] | None = None,
) -> ReprocessReport:
    """Reprocess the documents `options` selects in the warehouse at `db_path`. Raises
    WarehouseError when the warehouse cannot be opened for writing; a problem with one
    document is a skipped or failed DocumentOutcome instead. Nothing selected: no run."""
    settings = settings or ExtractSettings()
    options = options or ReprocessOptions()
    start = time.perf_counter()
    with guarded(db_path):
        if str(db_path) != MEMORY:
            check_file(Path(db_path), must_exist=True)  # a typo never makes a new warehouse
        # Short write sessions, as ingest's: readers get in while workers re-read.
        writer = Writer(db_path)
        try:
            with writer.session() as conn:
                targets = _targets(conn, options)
            if not targets:
                return ReprocessReport(outcomes=[], run_id=None)
            run = _Run(writer, settings, options)
            outcomes = run.run_all(targets, on_document)
            with writer.session() as conn:
                conn.execute("CHECKPOINT")  # as ingest: a full disk fails here, not silently
        finally:
            writer.close()
    return ReprocessReport(outcomes, run.run_id, seconds=time.perf_counter() - start)


def _targets(
    conn: duckdb.DuckDBPyConnection, options: ReprocessOptions
) -> list[_Target | DocumentOutcome]:
    if options.selection == "paths":
        return _given(conn, options)
    fingerprint = parser_fingerprint()
    return [
        _Target(stored)
        for stored in stored_documents(conn)
        if options.selection == "all" or is_older(stored, __version__, fingerprint)
    ]


def _given(
    conn: duckdb.DuckDBPyConnection, options: ReprocessOptions
) -> list[_Target | DocumentOutcome]:
    """The documents of the files given, by sha256 (each once); a file that is not in the
    warehouse, or cannot be read, is a failed outcome."""
    targets: list[_Target | DocumentOutcome] = []
    seen: set[str] = set()
    for item in iter_inputs(options.paths):
        if isinstance(item, Rejected):
            status: ReprocessStatus = "failed" if item.fatal else "skipped"
            outcome = DocumentOutcome(str(item.path), status, reason=item.reason, loaded=False)
            targets.append(outcome)
            continue
        try:
            sha = sha256_of(read_input(item, options.max_bytes))
        except InputError as exc:
            targets.append(DocumentOutcome(str(item), "failed", reason=str(exc), loaded=False))
            continue
        stored = find_document(conn, sha)
        if stored is None:
            reason = f"not in the warehouse; load it with: kmplan ingest {item}"
            targets.append(DocumentOutcome(str(item), "failed", sha, reason, loaded=False))
        elif sha not in seen:
            seen.add(sha)
            targets.append(_Target(stored, given=item))
    return targets


def _candidates(target: _Target) -> list[Path]:
    if target.given is not None:
        return [target.given]
    # The path its ingest run saw only for a document loaded before source_path was
    # recorded: as typed then, so relative to where that ingest ran (tried from here).
    recorded = target.stored.source_path or target.stored.run_path
    return [Path(recorded)] if recorded else []


def _read(target: _Target, max_bytes: int) -> tuple[Path, bytes] | DocumentOutcome:
    """The first candidate path whose file still has the document's sha256, and its bytes;
    else why the document is skipped (moved or changed) or failed (unreadable)."""
    stored = target.stored
    candidates = _candidates(target)
    for path in candidates:
        if not path.exists():
            continue
        try:
            data = read_input(path, max_bytes)
        except InputError as exc:
            return DocumentOutcome(str(path), "failed", stored.document_id, reason=str(exc))
        if sha256_of(data) == stored.document_id:
            return path, data
    shown = str(candidates[0]) if candidates else stored.source_file
    reason = (
        "changed since it was loaded (another sha256); give the file it was loaded from"
        if target.given is not None
        else "moved or changed since it was loaded; give its new path: kmplan reprocess PATH"
    )
    return DocumentOutcome(shown, "skipped", stored.document_id, reason=reason)


class _Run:
    """One reprocess run: reads the targets, sends them to workers, replaces the rows."""

    def __init__(
        self, writer: Writer, settings: ExtractSettings, options: ReprocessOptions
    ) -> None:
        self._writer = writer
        self._settings = settings
        self._options = options
        self._executor: Executor | None = None
        self._pending: dict[int, StoredDocument] = {}
        self._file_no = 0
        inputs = " ".join(["reprocess", options.selection, *map(str, options.paths)])
        with writer.session() as conn:
            self.run_id = start_reprocess_run(
                conn, inputs=inputs, workers=options.worker_count(), kmplan_version=__version__
            )

    def run_all(
        self,
        targets: list[_Target | DocumentOutcome],
        on_document: Callable[[DocumentOutcome], None] | None,
    ) -> list[DocumentOutcome]:
        outcomes: list[DocumentOutcome] = []
        try:
            for outcome in self._run(targets):
                outcomes.append(outcome)
                if on_document:
                    on_document(outcome)
        except BaseException:
            self._close("interrupted")
            raise
        self._close("finished")
        return outcomes

    def _run(self, targets: list[_Target | DocumentOutcome]) -> Iterator[DocumentOutcome]:
        for target in targets:
            self._file_no += 1
            if isinstance(target, DocumentOutcome):
                yield self._record(target, self._file_no)
                continue
            read = _read(target, self._options.max_bytes)
            if isinstance(read, DocumentOutcome):
                yield self._record(read, self._file_no, target.stored)
                continue
            path, data = read
            executor = self._get_executor()
            while executor.in_flight >= executor.capacity:
                yield from self._finish(executor.completed(_POLL_S))
            job = Job(file_no=self._file_no, path=path, sha256=target.stored.document_id, data=data)
            self._pending[job.file_no] = target.stored
            executor.submit(job)
        while self._executor is not None and self._executor.in_flight:
            yield from self._finish(self._executor.completed(_POLL_S))

    def _get_executor(self) -> Executor:
        if self._executor is None:
            worker_count = self._options.worker_count()
            self._executor = LocalExecutor(worker_count, self._options.limits, self._settings)
        return self._executor

    def _finish(self, results: list[tuple[Job, WorkResult]]) -> Iterator[DocumentOutcome]:
        for job, result in results:
            stored = self._pending.pop(job.file_no)
            with self._writer.session() as conn:  # the rows and their run record together
                outcome = self._record(
                    self._replace(conn, job, result, stored), job.file_no, stored, conn
                )
            yield outcome

    def _replace(
        self,
        conn: duckdb.DuckDBPyConnection,
        job: Job,
        result: WorkResult,
        stored: StoredDocument,
    ) -> DocumentOutcome:
        """The new reading in place of the old rows; a failed one keeps them."""
        path, doc_id = str(job.path), stored.document_id
        if isinstance(result, WorkFailed):
            return DocumentOutcome(path, "failed", doc_id, reason=result.reason)
        # An organization or year the document does not print was given to ingest (or read
        # by an older kmplan): kept, as ingest's --organization / --fiscal-year would.
        document = with_given(result.document, stored.organization, stored.fiscal_year)
        made = Provenance(
            kmplan_version=__version__,
            parser_fingerprint=parser_fingerprint(),
            source_path=str(job.path.absolute()),
        )
        try:
            changes = replace_document(conn, document, made)
        except InvalidDocumentError as exc:
            reason = str(exc).removeprefix(f"{document.meta.source_file}: ")
            return DocumentOutcome(path, "failed", doc_id, reason=reason)
        status: ReprocessStatus = "reprocessed" if changes.any else "unchanged"
        return DocumentOutcome(path, status, doc_id, changes=changes)

    def _record(
        self,
        outcome: DocumentOutcome,
        file_no: int,
        stored: StoredDocument | None = None,
        conn: duckdb.DuckDBPyConnection | None = None,
    ) -> DocumentOutcome:
        record = ReprocessRecord(
            file_no=file_no,
            status=outcome.status,
            document_id=outcome.document_id,
            path=outcome.path,
            error=outcome.reason,
            changes=outcome.changes,
            old_kmplan_version=stored.kmplan_version if stored else None,
            old_parser_fingerprint=stored.parser_fingerprint if stored else None,
        )
        if conn is not None:
            record_document(conn, self.run_id, record, __version__)
        else:
            with self._writer.session() as session:
                record_document(session, self.run_id, record, __version__)
        return outcome

    def _close(self, status: str) -> None:
        if self._executor is not None:
            self._executor.close(cancel=status != "finished")
            self._executor = None
        try:
            with self._writer.session() as conn:
                finish_run(conn, self.run_id, status)
        except duckdb.Error:
            pass  # the run stays 'running': it ends like a killed run
