"""Guards: a file that would hang extraction is stopped by the time limit; page limit."""

from __future__ import annotations

import time
from pathlib import Path

from .batch_support import make_hanging_pdf, make_mini, run_cli


def test_hanging_pdf_is_stopped_and_the_rest_loads(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    make_hanging_pdf(folder / "a-endless.pdf")
    make_mini(folder / "b-good.pdf")
    db = tmp_path / "w.duckdb"

    start = time.monotonic()
    code, out, err = run_cli(
        "ingest", str(folder), "--db", str(db), "--timeout", "10", "--workers", "2"
    )
    elapsed = time.monotonic() - start

    assert code == 1
    assert err.splitlines() == [f"error: {folder / 'a-endless.pdf'}: timed out after 10 s"]
    assert f"ok:    {folder / 'b-good.pdf'}: 1 plan, 7 rows" in out
    assert "1 ingested, 0 already present, 1 failed; 7 new rows" in out
    assert elapsed < 60  # the hanging file alone takes minutes


def test_page_limit(tmp_path: Path) -> None:
    mini = make_mini(tmp_path / "mini.pdf")
    code, _, err = run_cli(
        "ingest", str(mini), "--db", str(tmp_path / "w.duckdb"), "--max-pages", "5"
    )
    assert code == 1
    assert err.strip() == f"error: {mini}: too many pages (8 > limit 5)"
