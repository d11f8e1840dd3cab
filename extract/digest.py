"""A file's identity: the SHA-256 of its bytes. Apart from pdf_file.py so that the calling
process of a batch hashes files without loading the PDF readers."""

from __future__ import annotations

import hashlib


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
