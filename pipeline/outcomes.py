"""What a batch reports: one FileOutcome a file, and the RunReport of the whole run."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Status = Literal["ingested", "already-present", "failed", "skipped"]


class FileOutcome(BaseModel):
    path: str
    status: Status
    reason: str | None = None
    document_id: str | None = None
    pages: int = 0
    plans: int = 0
    activities: int = 0
    warnings: int = 0
    seconds: float = 0.0  # extract + normalize + load


class RunReport(BaseModel):
    outcomes: list[FileOutcome]
    run_id: str | None = None
    seconds: float = 0.0

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def activities(self) -> int:
        return sum(o.activities for o in self.outcomes if o.status == "ingested")

    @property
    def warnings(self) -> int:
        return sum(o.warnings for o in self.outcomes if o.status == "ingested")

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outcomes if o.status == "ingested")

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0
