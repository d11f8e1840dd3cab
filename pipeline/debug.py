"""--debug: an expected failure shows its traceback as well as its one-line error."""

from __future__ import annotations

import sys
import traceback

_state = {"on": False}


def enable(on: bool) -> None:
    _state["on"] = on


def show_traceback() -> None:
    """Print the exception being handled (if any) to stderr when --debug is on."""
    if _state["on"] and sys.exc_info()[0] is not None:
        traceback.print_exc(file=sys.stderr)
