"""ingest(): files and folders in, a RunReport out; one bad file never stops the batch.

Extraction and normalization run in worker processes (or Dask tasks); the calling process
is the warehouse's only writer and loads each finished document in one transaction, in
order of completion. Memory is bounded by the number of documents in flight, not by the
size of the batch: the file list is streamed and at most `executor.capacity` files are out.

The warehouse is open for writing only in short sessions (warehouse.writer): to start the
run, to load a document or a few finished together, to finish the run; readers get in
between (files are looked up in the set of known documents read at the start).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, TypedDict

import duckdb

from extract import ExtractSettings, sha256_of
from normalize.fingerprint import parser_fingerprint
from normalize.given import with_given
from pipeline import __version__
from pipeline.guards import Limits, default_workers
from pipeline.inputs import (
    DEFAULT_MAX_BYTES,
    InputError,
    NoInputError,
    Rejected,
    iter_inputs,
    read_input,
)
from pipeline.outcomes import FileOutcome, RunReport, Status
from pipeline.solo_start import solo_run
from pipeline.workers import Executor, Job, LocalExecutor, WorkDone, WorkFailed, WorkResult
from warehouse import InvalidDocumentError, WarehouseError, load_document
from warehouse.faults import guarded
from warehouse.runs import FileRecord, finish_run, record_file, start_run
from warehouse.writer import Writer, known_documents

ExecutorName = Literal["local", "dask"]
_POLL_S = 0.5
_GROUP = 3  # documents finished together are loaded in one write session, this many at most
_MAX_PENDING = 64  # run records of files not loaded wait for the next session, this many


@dataclass(frozen=True)
class IngestOptions:
    """How to run a batch: where the work runs, and the per-file guards."""

    workers: int | None = None  # local worker processes; None = number of cores
    executor: ExecutorName = "local"
    scheduler: str | None = None  # Dask scheduler address, e.g. tcp://10.0.0.5:8786
    limits: Limits = field(default_factory=Limits)
    # For a folder of one organization's files: the organization and year of documents
    # that print none (normalize.given.with_given); printed values always win.
    organization: str | None = None
    fiscal_year: int | None = None
    max_bytes: int = DEFAULT_MAX_BYTES  # larger files fail before they are read

    def worker_count(self) -> int:
        """The local worker processes: as asked, but never more than the cores (each worker
        holds a document and its memory limit; more only crowd the same cores)."""
        cores = default_workers()
        return min(self.workers, cores) if self.workers and self.workers > 0 else cores


def iter_pdfs(paths: Iterable[Path]) -> Iterator[Path | FileOutcome]:
    """Each PDF below the given paths (folders searched recursively, sorted; only regular
    files: pipeline.inputs); a missing or special path given comes out as a failed
    FileOutcome, a special *.pdf inside a folder as a skipped one."""
    for item in iter_inputs(paths):
        if isinstance(item, Rejected):
            status: Status = "failed" if item.fatal else "skipped"
            yield FileOutcome(path=str(item.path), status=status, reason=item.reason)
        else:
            yield item


def count_pdfs(paths: Iterable[Path]) -> int:
    """How many files ingest() will look at (for a progress bar's total)."""
    return sum(1 for _ in iter_pdfs(paths))


def make_executor(
    options: IngestOptions, settings: ExtractSettings, files: int | None = None
) -> Executor:
    """Where the work runs. `files`: at most how many new files the run still has. Fewer
    than the pool has workers (one file, say) go to one worker started at once."""
    if options.executor == "dask":
        from pipeline.dask_executor import DaskExecutor, ExecutorSetupError

        if not options.scheduler:
            raise ExecutorSetupError("--executor dask needs --scheduler ADDRESS")
        return DaskExecutor(options.scheduler, options.limits, settings)
    if files is not None and solo_run(files, options.worker_count()):
        from pipeline.solo import SoloExecutor

        return SoloExecutor(options.limits, settings)
    return LocalExecutor(options.worker_count(), options.limits, settings)


def ingest(
    paths: Iterable[Path],
    db_path: Path,
    settings: ExtractSettings | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
    *,
    options: IngestOptions | None = None,
) -> RunReport:
    """Ingest every PDF below `paths` into the warehouse at `db_path`.

    Raises WarehouseError (e.g. WarehouseBusyError) when the warehouse cannot be opened for
    writing (after the wait of warehouse.locking.patience: at the start, or between two
    loads), and ExecutorSetupError when the Dask cluster cannot be reached; every problem
    with a single file is a failed FileOutcome instead.
    """
    settings = settings or ExtractSettings()
    options = options or IngestOptions()
    paths = list(paths)
    items = _inputs(paths)
    start = time.perf_counter()
    with guarded(db_path):  # a full disk or a damaged file: one line, the run resumable
        writer = Writer(db_path)
        try:
            batch = _Batch(writer, settings, options, [str(p) for p in paths])
            outcomes = _run_batch(batch, items, on_file)
        finally:
            writer.close()
    return RunReport(outcomes=outcomes, run_id=batch.run_id, seconds=time.perf_counter() - start)


def _inputs(paths: list[Path]) -> list[Path | FileOutcome]:
    """What the run will look at; NoInputError (before the warehouse is opened) when that
    is nothing: no PDF in the folders given, or only files that are skipped."""
    items = list(iter_pdfs(paths))
    if not any(isinstance(i, Path) or i.status != "skipped" for i in items):
        shown = " ".join(str(p) for p in paths) or "(none)"
        raise NoInputError(
            f"no PDF files in {shown} (folders are searched for *.pdf); nothing was ingested"
        )
    return items


def _run_batch(
    batch: _Batch, items: list[Path | FileOutcome], on_file: Callable[[FileOutcome], None] | None
) -> list[FileOutcome]:
    outcomes: list[FileOutcome] = []
    try:
        for outcome in batch.run(items):
            outcomes.append(outcome)
            if on_file:
                on_file(outcome)
    except BaseException:
        batch.close(status="interrupted")
        raise
    batch.close(status="finished")
    return outcomes


class _Identity(TypedDict):
    """What names a file's outcome, typed so FileOutcome(**identity, ...) is checked."""

    path: str
    document_id: str


class _Batch:
    """One run: reads and hashes files, sends new ones to the executor, loads results."""

    def __init__(
        self,
        writer: Writer,
        settings: ExtractSettings,
        options: IngestOptions,
        inputs: list[str],
    ) -> None:
        self._writer = writer
        self._settings = settings
        self._options = options
        self._executor: Executor | None = None
        if options.executor != "local":  # a cluster that cannot be reached fails up front
            self._executor = make_executor(options, settings)
        self._file_no = 0
        self._files_left = 0  # the files of the run still to read after the current one
        # sha256 -> later files with the same bytes, settled when the first one finishes
        self._duplicates: dict[str, list[Job]] = {}
        self._pending: list[FileRecord] = []  # run records not written yet
        with writer.session() as conn:
            self.run_id = start_run(
                conn,
                inputs=inputs,
                executor=options.executor,
                workers=options.worker_count() if options.executor == "local" else None,
                kmplan_version=__version__,
            )
            self._known = known_documents(conn)  # sha256 of the documents held

    def run(self, items: list[Path | FileOutcome]) -> Iterator[FileOutcome]:
        self._files_left = sum(isinstance(item, Path) for item in items)
        for item in items:
            if isinstance(item, FileOutcome) and item.status == "skipped":
                yield item  # not a file of the run: nothing was read
                continue
            self._file_no += 1
            if isinstance(item, FileOutcome):
                yield self._record(item, self._file_no)
                continue
            job_or_outcome = self._prepare(item, self._file_no)
            self._files_left -= 1
            if isinstance(job_or_outcome, FileOutcome):
                yield self._record(job_or_outcome, self._file_no)
                if len(self._pending) >= _MAX_PENDING:
                    with self._writer.session() as conn:
                        self._write(conn)
                continue
            yield from self._send(job_or_outcome)
        while self._executor is not None and self._executor.in_flight:
            yield from self._finish(self._executor.completed(_POLL_S))

    def _prepare(self, path: Path, file_no: int) -> Job | FileOutcome:
        try:
            data = read_input(path, self._options.max_bytes)
        except InputError as exc:
            return FileOutcome(path=str(path), status="failed", reason=str(exc))
        sha = sha256_of(data)
        if sha in self._known:
            return FileOutcome(path=str(path), status="already-present", document_id=sha)
        return Job(file_no=file_no, path=path, sha256=sha, data=data)

    def _send(self, job: Job) -> Iterator[FileOutcome]:
        if job.sha256 in self._duplicates:  # the same bytes are in flight already
            job.data = None
            self._duplicates[job.sha256].append(job)
            return
        executor = self._get_executor()
        while executor.in_flight >= executor.capacity:
            yield from self._finish(executor.completed(_POLL_S))
        self._duplicates[job.sha256] = []
        executor.submit(job)

    def _get_executor(self) -> Executor:
        if self._executor is None:  # started on the first new file: reruns stay instant
            files = self._files_left + 1
            self._executor = make_executor(self._options, self._settings, files)
        return self._executor

    def _finish(self, results: list[tuple[Job, WorkResult]]) -> Iterator[FileOutcome]:
        """Load finished documents a few at a time, each in its own transaction, in one
        write session with the pending records; the outcomes come out after it closed."""
        for at in range(0, len(results), _GROUP):
            group = results[at : at + _GROUP]
            if not any(isinstance(result, WorkDone) for _, result in group):
                yield from self._settle(None, group)
                continue
            with self._writer.session() as conn:
                outcomes = list(self._settle(conn, group))
                self._write(conn)
            yield from outcomes

    def _settle(
        self, conn: duckdb.DuckDBPyConnection | None, group: list[tuple[Job, WorkResult]]
    ) -> Iterator[FileOutcome]:
        for job, result in group:
            outcome, record = self._load(conn, job, result)
            if outcome.status != "failed":
                self._known.add(job.sha256)
            yield self._record(outcome, job.file_no, record)
            for twin in self._duplicates.pop(job.sha256, []):
                yield self._record(_twin_outcome(twin, outcome), twin.file_no)

    def _load(
        self, conn: duckdb.DuckDBPyConnection | None, job: Job, result: WorkResult
    ) -> tuple[FileOutcome, FileRecord]:
        base = _Identity(path=str(job.path), document_id=job.sha256)
        if isinstance(result, WorkFailed):
            outcome = FileOutcome(**base, status="failed", reason=result.reason)
            return outcome, _file_record(outcome, job, work_seconds=result.seconds or None)
        assert conn is not None  # _finish opens a session for every group with a document
        return self._load_done(conn, job, result, base)

    def _load_done(
        self, conn: duckdb.DuckDBPyConnection, job: Job, result: WorkDone, base: _Identity
    ) -> tuple[FileOutcome, FileRecord]:
        start = time.perf_counter()
        given = self._options
        document = with_given(result.document, given.organization, given.fiscal_year)
        try:
            loaded = load_document(
                conn,
                document,
                kmplan_version=__version__,
                parser_fingerprint=parser_fingerprint(),
                source_path=str(job.path.absolute()),
            )
        except InvalidDocumentError as exc:
            # The outcome names the file already (its full path).
            reason = str(exc).removeprefix(f"{result.document.meta.source_file}: ")
            outcome = FileOutcome(**base, status="failed", reason=reason)
            return outcome, _file_record(outcome, job, work_seconds=result.seconds)
        load_s = time.perf_counter() - start
        outcome = FileOutcome(
            **base,
            status="ingested" if loaded.status == "loaded" else "already-present",
            pages=result.document.meta.page_count,
            plans=loaded.plans,
            activities=loaded.activities,
            warnings=loaded.warnings,
            seconds=result.seconds + load_s,
        )
        return outcome, _file_record(outcome, job, work_seconds=result.seconds, load_s=load_s)

    def _record(
        self, outcome: FileOutcome, file_no: int, record: FileRecord | None = None
    ) -> FileOutcome:
        """Keep the run record of `outcome`, written with the next write session."""
        record = record or FileRecord(
            file_no=file_no,
            path=outcome.path,
            status=outcome.status,
            sha256=outcome.document_id,
            error=outcome.reason,
        )
        self._pending.append(record)
        return outcome

    def _write(self, conn: duckdb.DuckDBPyConnection) -> None:
        for record in self._pending:
            record_file(conn, self.run_id, record, __version__)
        self._pending.clear()

    def close(self, status: str) -> None:
        """Stop the executor; write the pending records and the run's end. A run that
        finished is checkpointed here: DuckDB's checkpoint on close ignores a full disk,
        and the run would end 'finished' on a warehouse that lives on in its WAL only."""
        if self._executor is not None:
            self._executor.close(cancel=status != "finished")
            self._executor = None
        try:
            with self._writer.session() as conn:
                self._write(conn)
                finish_run(conn, self.run_id, status)
                if status == "finished":
                    conn.execute("CHECKPOINT")
        except (duckdb.Error, WarehouseError):
            if status == "finished":  # else the run stays 'running', like a killed run
                raise


def _file_record(
    outcome: FileOutcome,
    job: Job,
    *,
    work_seconds: float | None = None,
    load_s: float | None = None,
) -> FileRecord:
    return FileRecord(
        file_no=job.file_no,
        path=outcome.path,
        status=outcome.status,
        sha256=job.sha256,
        error=outcome.reason,
        pages=outcome.pages,
        activities=outcome.activities if outcome.status == "ingested" else 0,
        warnings=outcome.warnings if outcome.status == "ingested" else 0,
        work_seconds=work_seconds,
        load_seconds=load_s,
        started_at=datetime.fromtimestamp(job.submitted_at, UTC).replace(tzinfo=None),
    )


def _twin_outcome(twin: Job, first: FileOutcome) -> FileOutcome:
    """A file with the same bytes as one just processed: present now, or failed alike."""
    if first.status == "failed":
        return FileOutcome(
            path=str(twin.path), status="failed", reason=first.reason, document_id=twin.sha256
        )
    return FileOutcome(path=str(twin.path), status="already-present", document_id=twin.sha256)
