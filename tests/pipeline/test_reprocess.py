"""`kmplan reprocess`: documents an older kmplan made are read again, their rows replaced in
one transaction, what changed reported; user merges and aliases survive.

The warehouse holds the 2-page sample samples/sci-faculty-km-plan-2566.pdf (3 rows, truth
in its .truth.jsonl). An "older kmplan" is simulated by setting the document's version and
fingerprint back and altering its rows as a worse parser would have stored them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from normalize.fingerprint import parser_fingerprint
from pipeline import __version__

from ..conftest import SAMPLES, read_jsonl
from .batch_support import run_cli

SAMPLE = SAMPLES / "sci-faculty-km-plan-2566.pdf"
TRUTH = read_jsonl(SAMPLES / "sci-faculty-km-plan-2566.truth.jsonl")
ROW_FIELDS = ("seq", "activity", "budget_baht", "target_group", "responsible", "period_text")


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample ingested by this kmplan; tests copy it (see `warehouse`)."""
    folder = tmp_path_factory.mktemp("reprocess-master")
    db = folder / "w.duckdb"
    code, _, err = run_cli("ingest", str(SAMPLE), "--db", str(db), "--workers", "1")
    assert code == 0, err
    return db


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    """This test's own copy of the sample, where the warehouse says it was loaded from."""
    path = tmp_path / "in" / SAMPLE.name
    path.parent.mkdir()
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture
def warehouse(master: Path, pdf: Path, tmp_path: Path) -> Path:
    db = tmp_path / "w.duckdb"
    shutil.copy(master, db)
    with duckdb.connect(str(db)) as conn:
        conn.execute("UPDATE documents SET source_path = ?", [str(pdf)])
    return db


def make_older(db: Path) -> None:
    """The rows as an older kmplan stored them: row 1 misread, row 3 missed, a bogus row."""
    with duckdb.connect(str(db)) as conn:
        conn.execute("UPDATE documents SET kmplan_version = '0.0.1', parser_fingerprint = NULL")
        conn.execute("UPDATE activities SET activity = 'misread', budget_baht = 1 WHERE row_no = 1")
        conn.execute("DELETE FROM activities WHERE row_no = 3")
        conn.execute(
            "INSERT INTO activities BY NAME SELECT * REPLACE (99 AS row_no, 99 AS seq) "
            "FROM activities WHERE row_no = 2"
        )


def rows(db: Path) -> list[dict[str, object]]:
    with duckdb.connect(str(db), read_only=True) as conn:
        cursor = conn.execute(
            f"SELECT {', '.join(ROW_FIELDS)} FROM activities ORDER BY plan_no, row_no"
        )
        return [dict(zip(ROW_FIELDS, row, strict=True)) for row in cursor.fetchall()]


def provenance(db: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(
            "SELECT kmplan_version, parser_fingerprint, source_path, source_file FROM documents"
        ).fetchall()


def truth() -> list[dict[str, object]]:
    return [{name: row[name] for name in ROW_FIELDS} for row in TRUTH]


def test_older_rows_are_replaced_by_the_truth(warehouse: Path, pdf: Path) -> None:
    assert rows(warehouse) == truth()  # this kmplan reads the sample right
    make_older(warehouse)
    assert rows(warehouse) != truth()
    code, out, err = run_cli("reprocess", "--db", str(warehouse), "--workers", "1")
    assert code == 0, err
    line = next(line for line in out.splitlines() if line.startswith("ok:"))
    changed = "1 row added, 1 removed, 1 changed; 2 fields changed (activity, budget_baht)"
    assert line == f"ok:    {pdf}: {changed}"
    assert "1 reprocessed, 0 unchanged, 0 skipped, 0 failed" in out
    assert rows(warehouse) == truth()
    assert provenance(warehouse) == [(__version__, parser_fingerprint(), str(pdf), SAMPLE.name)]
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        run = conn.execute(
            "SELECT r.command, r.status, f.status, f.rows_added, f.rows_removed, "
            "f.fields_changed, f.old_kmplan_version FROM ingest_runs AS r "
            "JOIN reprocess_run_files AS f USING (run_id)"
        ).fetchall()
    assert run == [("reprocess", "finished", "reprocessed", 1, 1, 2, "0.0.1")]


def test_a_second_run_has_nothing_to_do(warehouse: Path) -> None:
    make_older(warehouse)
    assert run_cli("reprocess", "--db", str(warehouse), "--workers", "1")[0] == 0
    code, out, err = run_cli("reprocess", "--db", str(warehouse))
    assert (code, err) == (0, "")
    assert out.startswith("nothing to reprocess in")
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        runs = conn.execute("SELECT count(*) FROM ingest_runs WHERE command = 'reprocess'")
        assert runs.fetchone() == (1,)


def test_a_document_of_this_kmplan_is_left_alone_but_all_reads_it(warehouse: Path) -> None:
    code, out, _ = run_cli("reprocess", "--db", str(warehouse))
    assert code == 0 and out.startswith("nothing to reprocess")
    code, out, err = run_cli("reprocess", "--all", "--db", str(warehouse), "--workers", "1")
    assert code == 0, err
    assert "same:" in out and "0 reprocessed, 1 unchanged" in out
    assert rows(warehouse) == truth()


def test_a_changed_fingerprint_alone_selects_the_document(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("UPDATE documents SET parser_fingerprint = 'sha256:0000000000000000'")
    code, out, err = run_cli("reprocess", "--older-than-version", "--db", str(warehouse))
    assert code == 0, err
    assert "0 reprocessed, 1 unchanged" in out
    assert provenance(warehouse)[0][1] == parser_fingerprint()


def test_a_document_made_by_a_newer_kmplan_is_left_alone(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("UPDATE documents SET kmplan_version = '99.0.0', parser_fingerprint = 'x'")
    code, out, _ = run_cli("reprocess", "--db", str(warehouse))
    assert code == 0 and out.startswith("nothing to reprocess")


def test_a_moved_file_is_skipped_then_found_by_its_new_path(
    warehouse: Path, pdf: Path, tmp_path: Path
) -> None:
    make_older(warehouse)
    moved = tmp_path / "elsewhere" / "renamed.pdf"
    moved.parent.mkdir()
    pdf.rename(moved)
    code, out, err = run_cli("reprocess", "--db", str(warehouse))
    assert (code, err) == (0, "")
    assert f"skip:  {pdf}: moved or changed since it was loaded; give its new path" in out
    assert "0 reprocessed, 0 unchanged, 1 skipped, 0 failed" in out
    assert rows(warehouse) != truth()
    code, out, err = run_cli("reprocess", str(moved), "--db", str(warehouse), "--workers", "1")
    assert code == 0, err
    assert f"ok:    {moved}: 1 row added, 1 removed" in out
    assert "source_file" in out  # the document's file name changed with the move
    assert rows(warehouse) == truth()
    assert provenance(warehouse)[0][2:] == (str(moved), "renamed.pdf")


def test_a_changed_file_is_refused_and_nothing_changes(warehouse: Path, pdf: Path) -> None:
    make_older(warehouse)
    before = rows(warehouse)
    pdf.write_bytes(SAMPLE.read_bytes() + b"%edited\n")
    code, out, _ = run_cli("reprocess", "--db", str(warehouse))
    assert code == 0
    assert f"skip:  {pdf}: moved or changed since it was loaded" in out
    code, out, err = run_cli("reprocess", str(pdf), "--db", str(warehouse))
    assert code == 1
    assert err.strip() == (f"error: {pdf}: not in the warehouse; load it with: kmplan ingest {pdf}")
    assert rows(warehouse) == before
    assert provenance(warehouse)[0][0] == "0.0.1"


def test_a_failed_reading_keeps_the_old_rows(warehouse: Path, pdf: Path) -> None:
    make_older(warehouse)
    before = rows(warehouse)
    code, out, err = run_cli("reprocess", "--db", str(warehouse), "--max-pages", "1")
    assert code == 1
    assert err.startswith(f"error: {pdf}: ") and err.strip().endswith("its old rows are kept")
    assert "page" in err and len(err.splitlines()) == 1
    assert "0 reprocessed, 0 unchanged, 0 skipped, 1 failed" in out
    assert rows(warehouse) == before
    assert provenance(warehouse)[0][0] == "0.0.1"
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        failed = conn.execute("SELECT status, error FROM reprocess_run_files").fetchone()
    assert failed is not None and failed[0] == "failed" and "page" in str(failed[1])
    code, out, _ = run_cli("runs", "--db", str(warehouse))
    assert code == 0
    assert out.splitlines()[2].split()[1:2] == ["reprocess"]
    assert f"{pdf}  {failed[1]}" in out  # the run's failed files


def test_a_document_loaded_before_source_paths_is_read_from_its_run_path(
    warehouse: Path, pdf: Path
) -> None:
    make_older(warehouse)
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("UPDATE documents SET source_path = NULL")
        conn.execute("UPDATE ingest_run_files SET path = ?", [str(pdf)])
    code, out, err = run_cli("reprocess", "--db", str(warehouse), "--workers", "1")
    assert code == 0, err
    assert f"ok:    {pdf}: 1 row added" in out
    assert rows(warehouse) == truth()
    assert provenance(warehouse)[0][2] == str(pdf)


def test_user_aliases_survive(warehouse: Path) -> None:
    """A user's own key for a department (and its organization key) apply to the new rows."""
    make_older(warehouse)
    department = str(TRUTH[0]["department"])
    code, _, err = run_cli(
        "departments", "split", department, "--key", "science-faculty", "--db", str(warehouse)
    )
    assert code == 0, err
    assert run_cli("reprocess", "--db", str(warehouse), "--workers", "1")[0] == 0
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        keys = conn.execute("SELECT DISTINCT department_key FROM plan_keys").fetchall()
        users = conn.execute(
            "SELECT spelling, department_key FROM department_aliases WHERE source = 'user'"
        ).fetchall()
    assert keys == [("science-faculty",)]
    assert users == [(department, "science-faculty")]


def test_a_department_merge_survives(warehouse: Path) -> None:
    """The sample's department merged into another key of its organization (a spelling of
    another year) by `kmplan departments merge`: the new rows map to the merged key."""
    make_older(warehouse)
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute(
            "INSERT INTO department_aliases SELECT organization_key, 'คณะวิทย์ฯ', 'คณะวิทย์ฯ', "
            "'science', 'auto', assigned_at FROM department_aliases"
        )
        row = conn.execute("SELECT DISTINCT department_key FROM plan_keys").fetchone()
    assert row is not None and row[0] != "science"
    code, out, err = run_cli("departments", "merge", "science", str(row[0]), "--db", str(warehouse))
    assert code == 0 and "1 spelling moved" in out, err
    assert run_cli("reprocess", "--db", str(warehouse), "--workers", "1")[0] == 0
    assert rows(warehouse) == truth()
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        keys = conn.execute("SELECT DISTINCT department_key FROM plan_keys").fetchall()
        sources = conn.execute(
            "SELECT source, count(*) FROM department_aliases GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    assert keys == [("science",)]
    assert sources == [("auto", 1), ("user", 1)]


def test_one_line_errors_for_a_missing_warehouse_or_file(warehouse: Path, tmp_path: Path) -> None:
    missing = tmp_path / "typo.duckdb"
    code, _, err = run_cli("reprocess", "--db", str(missing))
    assert code == 1 and err == f"error: no warehouse at {missing}; run kmplan ingest first\n"
    assert not missing.exists()
    gone = tmp_path / "gone.pdf"
    code, out, err = run_cli("reprocess", str(gone), "--db", str(warehouse))
    assert code == 1 and err.startswith(f"error: {gone}: ") and len(err.splitlines()) == 1
    assert "0 reprocessed, 0 unchanged, 0 skipped, 1 failed" in out


def test_a_file_name_with_control_characters_prints_one_line(
    warehouse: Path, tmp_path: Path
) -> None:
    make_older(warehouse)
    evil = tmp_path / "evil\nok:    fake\x1b[2J.pdf"
    shutil.copy(SAMPLE, evil)
    code, out, err = run_cli("reprocess", str(evil), "--db", str(warehouse), "--workers", "1")
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.startswith("ok:")]
    assert len(lines) == 1 and "evil\\nok:    fake\\x1b[2J.pdf: 1 row added" in lines[0]


def test_options_that_exclude_each_other(warehouse: Path, pdf: Path) -> None:
    for args in (("--all", str(pdf)), ("--all", "--older-than-version")):
        code, _, err = run_cli("reprocess", *args, "--db", str(warehouse))
        assert code == 1 and err.startswith("error: --all reads every document")
    code, _, err = run_cli("reprocess", "--older-than-version", str(pdf), "--db", str(warehouse))
    assert code == 1 and err.startswith("error: give either --older-than-version or PATH")
