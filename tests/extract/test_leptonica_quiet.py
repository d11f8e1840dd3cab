"""Leptonica's notes on damaged scans stay off stderr, where kmplan prints one line a file."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

# A box at negative coordinates: Leptonica prints "Error in boxCreate: ..." to stderr.
_COMPLAIN = """
import ctypes, ctypes.util, sys
lib = ctypes.CDLL(ctypes.util.find_library("lept"))
if len(sys.argv) > 1:
    from extract.ocr.tesseract import quiet_leptonica
    assert quiet_leptonica()
lib.boxCreate.restype = ctypes.c_void_p
lib.boxCreate(-5, -5, 0, 0)
"""


@pytest.mark.skipif(ctypes.util.find_library("lept") is None, reason="Leptonica is not installed")
def test_leptonica_notes_are_silenced_once_ocr_loads() -> None:
    def stderr(*args: str) -> str:
        run = [sys.executable, "-c", _COMPLAIN, *args]
        return subprocess.run(run, capture_output=True, text=True, check=True).stderr

    assert "Error in boxCreate" in stderr()  # the note the fuzzer saw between result lines
    assert stderr("quiet") == ""
