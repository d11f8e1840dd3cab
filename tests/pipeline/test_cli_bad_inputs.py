"""Bad files: one-line error naming the file and reason, non-zero exit, other rows untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from typer.testing import CliRunner

from pipeline.cli import app

from ..conftest import BORN_DIGITAL, SAMPLES

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    data = BORN_DIGITAL.read_bytes()
    files = {
        "empty": folder / "empty.pdf",
        "truncated": folder / "truncated.pdf",
        "encrypted": folder / "encrypted.pdf",
        "not-pdf": folder / "letter.pdf",
        "no-tables": folder / "memo-only.pdf",
        "unrenderable": folder / "scan-without-catalog.pdf",
    }
    files["empty"].write_bytes(b"")
    files["truncated"].write_bytes(data[: len(data) // 2])
    files["not-pdf"].write_text("ประกาศ แผนการจัดการความรู้\nthis is a text file\n", encoding="utf-8")
    with pikepdf.open(BORN_DIGITAL) as pdf:
        pdf.save(files["encrypted"], encryption=pikepdf.Encryption(user="secret", owner="owner"))
        del pdf.pages[2:]
        pdf.save(files["no-tables"])
    # A scan whose catalog object is gone: pdfminer repairs it and finds the pages, PDFium
    # refuses to open it, so the page that needs OCR cannot be rendered.
    scan = (SAMPLES / "sci-faculty-km-plan-2566-sideways-scan.pdf").read_bytes()
    catalog = re.search(rb"\d+ 0 obj\s*<<[^>]*/Type\s*/Catalog.*?endobj", scan, re.DOTALL)
    assert catalog is not None
    files["unrenderable"].write_bytes(scan[: catalog.start()] + scan[catalog.end() :])
    return files


REASONS = {
    "empty": "empty file",
    "truncated": "truncated",
    "encrypted": "encrypted",
    "not-pdf": "not a PDF",
    "no-tables": "no KM action-plan table",
    "unrenderable": "page 1 cannot be rendered for OCR",
}


@pytest.mark.parametrize("kind", sorted(REASONS))
def test_bad_file_fails_alone_and_leaves_rows(
    kind: str, bad_files: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    code, _, _ = _run("ingest", str(BORN_DIGITAL), "--db", str(db))
    assert code == 0
    before = tmp_path / "before.jsonl"
    assert _run("export", "--format", "jsonl", "--out", str(before), "--db", str(db))[0] == 0

    code, out, err = _run("ingest", str(bad_files[kind]), "--db", str(db))

    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert str(bad_files[kind]) in errors[0] and REASONS[kind] in errors[0]
    assert "Traceback" not in out + err
    after = tmp_path / "after.jsonl"
    assert _run("export", "--format", "jsonl", "--out", str(after), "--db", str(db))[0] == 0
    assert after.read_bytes() == before.read_bytes()


def test_batch_goes_on_past_bad_files(bad_files: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    paths = [str(bad_files["empty"]), str(BORN_DIGITAL), str(bad_files["encrypted"])]
    code, out, err = _run("ingest", *paths, "--db", str(db))
    assert code == 1
    assert "1 ingested, 0 already present, 2 failed; 63 new rows" in out
    assert err.count("error:") == 2


def test_reingest_changes_nothing_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert _run("ingest", str(BORN_DIGITAL), "--db", str(db))[0] == 0
    first = tmp_path / "a.jsonl"
    _run("export", "--format", "jsonl", "--out", str(first), "--db", str(db))
    code, out, _ = _run("ingest", str(BORN_DIGITAL), "--db", str(db))
    assert code == 0
    assert "already in the warehouse, nothing changed" in out
    assert "0 ingested, 1 already present, 0 failed" in out
    second = tmp_path / "b.jsonl"
    _run("export", "--format", "jsonl", "--out", str(second), "--db", str(db))
    assert first.read_bytes() == second.read_bytes()


def test_missing_path_and_missing_warehouse(tmp_path: Path) -> None:
    code, _, err = _run("ingest", str(tmp_path / "nope.pdf"), "--db", str(tmp_path / "w.duckdb"))
    assert code == 1 and "nope.pdf: no such file" in err
    code, _, err = _run("export", "--format", "jsonl", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and err.startswith("error:") and len(err.strip().splitlines()) == 1


def test_page_without_mediabox_is_a_one_line_failure(tmp_path: Path) -> None:
    bad = tmp_path / "no-mediabox.pdf"
    with pikepdf.open(BORN_DIGITAL) as pdf:
        for page in pdf.pages:
            if "/MediaBox" in page.obj:
                del page.obj["/MediaBox"]
        if "/MediaBox" in pdf.Root.Pages:
            del pdf.Root.Pages["/MediaBox"]
        pdf.save(bad)
    code, out, err = _run("ingest", str(bad), "--db", str(tmp_path / "w.duckdb"))
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {bad}: damaged PDF: page tree unreadable ('NoneType' object is not iterable)"
    ]
    assert "Traceback" not in out + err
