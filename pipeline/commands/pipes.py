"""A reader that stops early (`kmplan export -f jsonl | head -1`) ends a command quietly.

Python ignores SIGPIPE, so a write to a closed pipe raises BrokenPipeError, and the last
flush when the interpreter exits would complain again. A command wrapped here stops at
the failed write (query stops its query), prints nothing more, and exits with 141, the
status a shell reports for a Unix tool ended by SIGPIPE (128 + 13): `set -o pipefail`
scripts see the same as with `yes | head -1`.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

CLOSED_PIPE_EXIT = 141

P = ParamSpec("P")
R = TypeVar("R")


def ends_quietly_on_closed_pipe(command: Callable[P, R]) -> Callable[P, R]:
    """`command` (a typer command) ending with exit 141 and no message when standard
    output is a pipe its reader closed. Its parameters stay visible to typer."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            result = command(*args, **kwargs)
            sys.stdout.flush()  # what is still buffered fails here, not at exit
        except BrokenPipeError:
            _discard_stdout()
            raise typer.Exit(CLOSED_PIPE_EXIT) from None
        return result

    return run


def _discard_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so the flush at exit succeeds."""
    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (a test's captured output)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fileno)
    finally:
        os.close(devnull)
