"""Shared helpers of the tests/test_batch_*.py files: small, fast variants of the sample."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from typer.testing import CliRunner

from pipeline.cli import app

from ..conftest import BORN_DIGITAL

MINI_PAGES = 8  # memo, announcement, Part 1 and the first department plan: 1 plan, 7 rows
runner = CliRunner()


def run_cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def make_mini(path: Path) -> Path:
    """The sample cut to its first pages: a valid plan that reads in about a second."""
    with pikepdf.open(BORN_DIGITAL) as pdf:
        del pdf.pages[MINI_PAGES:]
        pdf.save(path)
    return path


def variant(mini: Path, out: Path, n: int) -> Path:
    """A copy with different bytes (so a different sha256) and the same content."""
    out.write_bytes(mini.read_bytes() + f"%kmplan test variant {n}\n".encode())
    return out


def make_variants(folder: Path, count: int, mini: Path | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    mini = mini or make_mini(folder.parent / f"{folder.name}-mini.pdf")
    return [variant(mini, folder / f"plan-{n:02d}.pdf", n) for n in range(1, count + 1)]


def make_hanging_pdf(path: Path, rects: int = 200_000) -> Path:
    """One page of `rects` tiny filled rectangles: pdfplumber's table finder takes minutes."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    ops = b"".join(b"%d %d 2 2 re f\n" % (i % 500, (i // 500) % 800) for i in range(rects))
    pdf.pages[0].Contents = pdf.make_stream(ops)
    pdf.save(path, compress_streams=True)
    return path


def export_jsonl(db: Path, out: Path) -> bytes:
    code, _, err = run_cli("export", "--format", "jsonl", "--out", str(out), "--db", str(db))
    assert code == 0, err
    return out.read_bytes()
