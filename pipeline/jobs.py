"""A file on its way through a worker, and what comes back: shared by the calling process
and the workers. Light on purpose: the calling process imports it without the PDF readers.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from extract.vocab.codes import FailureReason
from normalize.models import NormalizedDocument

FailureKind = Literal["rejected", "timeout", "out-of-memory", "crashed"]


@dataclass
class Job:
    """One file on its way through a worker. `data` is dropped once the worker has it."""

    file_no: int
    path: Path
    sha256: str
    data: bytes | None
    submitted_at: float = field(default_factory=time.time)


class WorkDone(BaseModel):
    document: NormalizedDocument
    seconds: float


class WorkFailed(BaseModel):
    reason: str  # one line
    kind: FailureKind
    seconds: float = 0.0


WorkResult = WorkDone | WorkFailed


def died_reason(exit_code: int | None) -> str:
    """A worker process that ended while it read a file (killed by the system, a crash
    in a C library), as one line."""
    return FailureReason.WORKER_DIED.say(exit_code=exit_code)


def crash_reason(exc: BaseException) -> str:
    """A bug, as one line; the batch goes on without this file."""
    text = str(exc).strip().splitlines()
    detail = f": {text[0][:160]}" if text else ""
    return FailureReason.INTERNAL_ERROR.say(error=type(exc).__name__, detail=detail)
