"""Preloaded by the fork server of the local executor (see workers._worker_context).

The fork server imports modules by name only; importing this one runs the warm-up there,
once, instead of in every worker.
"""

from __future__ import annotations

from pipeline.workers import warm_up

warm_up()
