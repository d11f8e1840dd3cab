"""Extract stage: PDF pages to raw plan tables, header lines and memo metadata.

The names below are imported from their modules on first use, not with the package, so
that importing a light part of extract (its settings, its vocabularies) does not load
the PDF readers and the OCR stack: `kmplan --help` and the read commands start fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extract.digest import sha256_of
    from extract.document import extract_document
    from extract.errors import ExtractError
    from extract.models import RawDocument
    from extract.pdf_file import read_bytes
    from extract.settings import ExtractSettings

_HOME = {
    "ExtractError": "errors",
    "ExtractSettings": "settings",
    "RawDocument": "models",
    "extract_document": "document",
    "read_bytes": "pdf_file",
    "sha256_of": "digest",
}
__all__ = [
    "ExtractError",
    "ExtractSettings",
    "RawDocument",
    "extract_document",
    "read_bytes",
    "sha256_of",
]


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    return getattr(import_module(f"extract.{home}"), name)
