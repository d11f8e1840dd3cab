"""The per-document work a worker process runs: extract + normalize, expected failures as
a WorkFailed. Worker processes (the pool's fork server, the solo worker, Dask workers)
import this module; the calling process never needs to, so it does not load the PDF
readers or PyThaiNLP (pipeline/workers.py holds the types both sides share).
"""

from __future__ import annotations

import time
from pathlib import Path

from extract import ExtractError, ExtractSettings, extract_document
from extract.vocab.codes import FailureReason
from normalize.document import normalize_document
from pipeline.guards import memory_reason
from pipeline.jobs import WorkDone, WorkFailed, WorkResult


def process_document(path: str, data: bytes, settings: ExtractSettings) -> WorkResult:
    """Extract and normalize one document; expected failures come back as WorkFailed."""
    start = time.perf_counter()
    try:
        raw = extract_document(Path(path), settings, data=data)
        doc = normalize_document(raw)
    except ExtractError as exc:
        return WorkFailed(reason=str(exc), kind="rejected", seconds=time.perf_counter() - start)
    except MemoryError:
        return WorkFailed(reason=memory_reason(None), kind="out-of-memory")
    except RecursionError:
        reason = FailureReason.DAMAGED_PDF.say(detail="objects nested too deeply")
        return WorkFailed(reason=reason, kind="rejected")
    return WorkDone(document=doc, seconds=time.perf_counter() - start)
