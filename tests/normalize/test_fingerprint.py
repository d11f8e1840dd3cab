"""The parser fingerprint changes with the parser's code, vocabularies and reader libraries,
and with nothing else."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from normalize.fingerprint import LIBRARIES, fingerprint_of, parser_fingerprint

from ..conftest import ROOT


def test_the_running_parser_has_a_stable_fingerprint() -> None:
    assert re.fullmatch(r"sha256:[0-9a-f]{16}", parser_fingerprint())
    roots = {"extract": ROOT / "extract", "normalize": ROOT / "normalize"}
    assert fingerprint_of(roots, LIBRARIES) == parser_fingerprint()


def test_it_changes_with_code_and_vocabularies_not_with_bytecode(tmp_path: Path) -> None:
    root = tmp_path / "extract"
    shutil.copytree(ROOT / "extract", root, ignore=shutil.ignore_patterns("__pycache__"))
    roots = {"extract": root}
    first = fingerprint_of(roots, LIBRARIES)
    cache = root / "vocab" / "__pycache__"
    cache.mkdir()
    (cache / "steps.cpython-311.pyc").write_bytes(b"\0compiled")
    assert fingerprint_of(roots, LIBRARIES) == first
    steps = root / "vocab" / "steps.json"
    steps.write_text(steps.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = fingerprint_of(roots, LIBRARIES)
    assert second != first
    (root / "vocab" / "new_rule.py").write_text("RULE = 1\n", encoding="utf-8")
    assert fingerprint_of(roots, LIBRARIES) not in (first, second)


def test_it_changes_with_a_reader_library() -> None:
    roots = {"normalize": ROOT / "normalize"}
    assert fingerprint_of(roots, LIBRARIES) != fingerprint_of(roots, ("pdfplumber", "duckdb"))
