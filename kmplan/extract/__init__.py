"""Extract stage: PDF pages to raw plan tables, header lines and memo metadata."""

from kmplan.extract.document import extract_document, read_bytes, sha256_of
from kmplan.extract.errors import ExtractError
from kmplan.extract.models import RawDocument
from kmplan.extract.settings import ExtractSettings

__all__ = [
    "ExtractError",
    "ExtractSettings",
    "RawDocument",
    "extract_document",
    "read_bytes",
    "sha256_of",
]
