"""Extract stage: PDF pages to raw plan tables, header lines and memo metadata."""

from extract.document import extract_document
from extract.errors import ExtractError
from extract.models import RawDocument
from extract.pdf_file import read_bytes, sha256_of
from extract.settings import ExtractSettings

__all__ = [
    "ExtractError",
    "ExtractSettings",
    "RawDocument",
    "extract_document",
    "read_bytes",
    "sha256_of",
]
