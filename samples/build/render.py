"""Printing a sample: LibreOffice renders the .docx, pikepdf pins what changes per run, and
the first style whose rendered layout passes its checks is kept.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pikepdf

from .docx_kit import Style

PDF_DATE = "D:20231011090000+07'00'"
XMP_DATE = "2023-10-11T09:00:00+07:00"


def render_pdf(docx_path: Path, workdir: Path) -> Path:
    """``docx_path`` printed by LibreOffice to a PDF of the same name, tagged as Word's are."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    profile = (workdir / "lo-profile").as_uri()
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        # Tagged, as Word exports by default: a space at a line wrap then stays in the
        # text layer; an untagged LibreOffice export drops a wrap space that overflows.
        'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}',
        "--outdir",
        str(workdir),
        str(docx_path),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    pdf_path = docx_path.with_suffix(".pdf")
    if not pdf_path.exists():
        raise SystemExit(f"LibreOffice wrote no PDF for {docx_path}")
    return pdf_path


def pin_metadata(source: Path, target: Path) -> None:
    """Fixed dates and a content-derived ID, so the same input gives the same bytes."""
    with pikepdf.open(source) as pdf:
        pin(pdf, target)


def pin(pdf: pikepdf.Pdf, target: Path, pdf_date: str = PDF_DATE, xmp_date: str = XMP_DATE) -> None:
    """Save `pdf` to `target` with the given dates and a content-derived ID."""
    for key in ("/ID", "/DocChecksum"):  # LibreOffice makes both new on every export
        if key in pdf.trailer:
            del pdf.trailer[key]
    pdf.docinfo["/CreationDate"] = pdf_date
    pdf.docinfo["/ModDate"] = pdf_date
    if "/Metadata" in pdf.Root:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                if key in meta:
                    meta[key] = xmp_date
    pdf.save(target, deterministic_id=True)


def render_docx(write_docx: Callable[[Path], None], workdir: Path, stem: str) -> Path:
    """Write ``stem``.docx in ``workdir`` with ``write_docx``, render it and pin it."""
    docx_path = workdir / f"{stem}.docx"
    write_docx(docx_path)
    pinned = workdir / "pinned.pdf"
    pin_metadata(render_pdf(docx_path, workdir), pinned)
    return pinned


Attempt = Callable[[Style, Path], tuple[Path, list[str]]]


def first_fit(
    name: str,
    attempts: Sequence[Style],
    attempt: Attempt,
    target: Path,
    report: Callable[[str], None] = print,
) -> Style:
    """Copy to ``target`` the PDF of the first style whose layout has no problems.

    ``attempt(style, workdir)`` builds the PDF in a scratch folder and returns it with the
    problems its checks found. When no style fits, the build stops with every failure."""
    failures: list[str] = []
    for style in attempts:
        with tempfile.TemporaryDirectory(prefix=f"kmplan-{name}-") as tmp:
            pdf, problems = attempt(style, Path(tmp))
            if not problems:
                shutil.copyfile(pdf, target)
                return style
        failures.append(f"{style}: " + "; ".join(problems[:12]))
        report(f"{name}: {style} does not fit: {len(problems)} problems, {problems[:4]}")
    raise SystemExit(f"{name}: no style fits the layout:\n" + "\n".join(failures))
