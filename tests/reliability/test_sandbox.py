"""A crafted warehouse cannot read local files: every connection to a warehouse is sandboxed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from .conftest import cli, digest, one_line_error

SECRET = "TOP-SECRET-4242"
TAK = "องค์การบริหารส่วนจังหวัดตาก"


def craft(db: Path, secret: Path) -> None:
    """Views of the same names and columns whose text columns read `secret`."""
    read = f"(SELECT content FROM read_text('{secret}'))"
    with duckdb.connect(str(db)) as conn:
        for view, column in (
            ("activity_rows", "source_file"),
            ("plan_keys", "source_file"),
            ("year_documents", "organization"),
            ("department_keys", "spellings"),
            ("ingest_run_summary", "executor"),
        ):
            conn.execute(f"CREATE TABLE {view}_copy AS SELECT * FROM {view}")
            conn.execute(
                f"CREATE OR REPLACE VIEW {view} AS "
                f"SELECT * REPLACE ({read} AS {column}) FROM {view}_copy"
            )


@pytest.fixture
def crafted(mini_db: Path, tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    craft(mini_db, secret)
    return mini_db


# Groups of commands; each group holds one that read local files through the views before.
COMMANDS: dict[str, list[tuple[str, ...]]] = {
    "export-csv": [("export", "-f", "csv"), ("query", "SELECT * FROM activity_rows")],
    "export-jsonl-filtered": [("export", "-f", "jsonl", "--org", TAK), ("departments",)],
    "export-parquet": [("export", "-f", "parquet", "--out", "{tmp}/rows.parquet")],
    "export-xlsx": [("export", "-f", "xlsx", "--out", "{tmp}/rows.xlsx")],
    "compare": [("compare",)],
    "report": [("report", "--org", TAK, "--out", "{tmp}/r.html")],
    "runs": [("runs",)],
}
# a user's query names the query (its own file access is refused the same way)
QUERY_PATH = {"query"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_crafted_view_cannot_read_local_files(crafted: Path, tmp_path: Path, name: str) -> None:
    before = digest(crafted)
    for command in COMMANDS[name]:
        args = [arg.replace("{tmp}", str(tmp_path)) for arg in command]
        run = cli(*args, "--db", str(crafted))
        written = "".join(
            p.read_bytes().decode("utf-8", "replace")
            for p in tmp_path.rglob("*")
            if p.is_file() and p.name != "secret.txt" and p.suffix != ".duckdb"
        )
        assert SECRET not in run.out + run.err + written, args
        needle = "query failed" if args[0] in QUERY_PATH else "outside itself"
        one_line_error(run, needle, "secret.txt")
        assert digest(crafted) == before


def test_debug_shows_the_traceback(crafted: Path) -> None:
    run = cli("--debug", "export", "-f", "csv", "--db", str(crafted))
    assert run.code == 1
    assert "Traceback" in run.err and "PermissionException" in run.err
    assert run.errors and "outside itself" in run.errors[-1]
