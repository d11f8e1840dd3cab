"""Expected extraction failures: each carries a one-line reason a user can act on."""

from __future__ import annotations


class ExtractError(Exception):
    """A file that cannot be read as a KM action plan. The message is the reason."""


class NotAPdfError(ExtractError):
    pass


class EncryptedPdfError(ExtractError):
    pass


class DamagedPdfError(ExtractError):
    pass


class NoPlanTablesError(ExtractError):
    pass


class OcrUnavailableError(ExtractError):
    """A page needs OCR and Tesseract (or its Thai model) is not installed."""
