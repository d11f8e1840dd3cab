"""The parser fingerprint: which extraction and normalization made a document's rows.

A hash of the code and data that turn a PDF into rows (every file of the extract and
normalize packages: modules, JSON vocabularies, glyph tables) and of the versions of the
libraries that read the PDF and the Thai text. A hash rather than a hand-bumped
PARSER_VERSION constant because nobody forgets to bump it: any change to a rule, a
vocabulary or a reader library gives a new fingerprint, and `kmplan reprocess` re-reads
the documents made with another one. A change that turns out not to alter any row costs
one re-read that reports "nothing changed"; a forgotten bump would cost wrong rows kept.

Not hashed: the Tesseract engine and its language data (a program outside Python, asked
for its version only when a page is OCRed) and the options ingest was given (--ocr).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

PACKAGES = ("extract", "normalize")
# The distributions whose output becomes rows: PDF text and tables, rendering for OCR,
# Thai word segmentation and its dictionary.
LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "pythainlp")
_SKIP_DIRS = {"__pycache__"}
_SKIP_SUFFIXES = {".pyc", ".pyo"}


@cache
def parser_fingerprint() -> str:
    """`sha256:` and the first 16 hex digits of the hash; computed once per process."""
    return fingerprint_of({package: _package_root(package) for package in PACKAGES}, LIBRARIES)


def fingerprint_of(roots: Mapping[str, Path], libraries: Sequence[str]) -> str:
    """The fingerprint of the files below each package root and the libraries' versions."""
    digest = hashlib.sha256()
    for package, root in roots.items():
        for path in _files(root):
            digest.update(f"{package}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    for library in libraries:
        digest.update(f"{library}=={_version(library)}\0".encode())
    return f"sha256:{digest.hexdigest()[:16]}"


def _package_root(name: str) -> Path:
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {name} is not installed as a folder")
    return Path(next(iter(spec.submodule_search_locations)))


def _files(root: Path) -> list[Path]:
    """Every regular file below `root` but compiled bytecode, in a stable order."""
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix not in _SKIP_SUFFIXES
        and not _SKIP_DIRS.intersection(path.relative_to(root).parts)
    )


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "absent"
