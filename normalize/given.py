"""What the user gave `kmplan ingest` (--organization, --fiscal-year) for documents that
print none: the last source of normalize/sources.py, applied in the calling process when
a document is loaded. Apart from sources.py so that the calling process does not load the
PDF readers and PyThaiNLP with it."""

from __future__ import annotations

from extract.vocab.codes import WarningCode
from normalize.models import NormalizedDocument

# Field -> the warning its absence records (normalize/document.py).
MISSING_CODES = {
    "organization": WarningCode.ORGANIZATION_MISSING,
    "fiscal_year": WarningCode.FISCAL_YEAR_MISSING,
}


def with_given(
    doc: NormalizedDocument, organization: str | None = None, year: int | None = None
) -> NormalizedDocument:
    """`doc` with what the user gave ingest filled in where the document prints nothing:
    the value, its source "option", and the field's missing-warning dropped."""
    update: dict[str, object] = {}
    filled: set[str] = set()
    if organization and doc.meta.organization is None:
        update["organization"] = organization
        filled.add("organization")
    if year is not None and doc.meta.fiscal_year is None:
        update["fiscal_year"] = year
        filled.add("fiscal_year")
    if not filled:
        return doc
    codes = {MISSING_CODES[field] for field in filled}
    return doc.model_copy(
        update={
            "meta": doc.meta.model_copy(update=update),
            "warnings": [w for w in doc.warnings if w.code not in codes],
            "sources": {**doc.sources, **dict.fromkeys(filled, "option")},
        }
    )
