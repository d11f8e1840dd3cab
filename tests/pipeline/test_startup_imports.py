"""Read commands start fast: `kmplan --help`, query, runs, export, compare, departments and
report run without importing the PDF readers, Thai NLP, the OCR stack or the worker pools
(issue 14), nor pydantic (their option values are read plainly: plain_values.py);
openpyxl only for `export --format xlsx`.

Each command runs in a fresh interpreter (as `kmplan` does), which then lists the modules
it imported; an import inside a test process would see what earlier tests loaded.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

# The packages that only ingest and inspect need, by top-level name.
INGEST_ONLY = (
    "pdfplumber",
    "pdfminer",
    "pythainlp",
    "cv2",
    "tesserocr",
    "pytesseract",
    "pypdfium2",
    "numpy",
    "pebble",
    "dask",
    "distributed",
)
# Runs the app as the console script does, then writes the names of the modules it loaded.
RUN_AND_LIST = """
import json, sys
from pipeline.cli import app
out, args = sys.argv[1], sys.argv[2:]
try:
    app(args=args, prog_name="kmplan")
except SystemExit as exit:
    code = exit.code
else:
    code = 0
with open(out, "w", encoding="utf-8") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""


def loaded_by(args: list[str], tmp_path: Path) -> tuple[int, set[str]]:
    """The exit code of `kmplan ARGS` and the top-level packages it imported."""
    listing = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, str(listing), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listing.is_file(), done.stderr
    result = json.loads(listing.read_text(encoding="utf-8"))
    return int(result["code"] or 0), {name.split(".")[0] for name in result["modules"]}


@pytest.fixture(scope="module")
def db(years_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("startup") / "years.duckdb"
    shutil.copy(years_db, copy)
    return copy


READ_COMMANDS = {
    "help": ["--help"],
    "query": ["query", "select count(*) from activity_rows"],
    "runs": ["runs"],
    "export-jsonl": ["export", "-f", "jsonl", "-o", "{out}/rows.jsonl"],
    "export-csv": ["export", "-f", "csv", "--year", "2566"],
    "export-parquet": ["export", "-f", "parquet", "-o", "{out}/rows.parquet"],
    "compare": ["compare", "--org", "อบจ.ตาก"],
    "departments": ["departments"],
    "report": ["report", "--org", "อบจ.ตาก", "-o", "{out}/report.html"],
}


@pytest.mark.parametrize("name", sorted(READ_COMMANDS))
def test_read_commands_leave_the_ingest_stack_alone(name: str, db: Path, tmp_path: Path) -> None:
    args = [arg.format(out=tmp_path) for arg in READ_COMMANDS[name]]
    if name != "help":
        args += ["--db", str(db)]
    code, loaded = loaded_by(args, tmp_path)
    assert code == 0
    assert "duckdb" in loaded or name == "help"  # the command did run
    assert sorted(loaded.intersection(INGEST_ONLY)) == []
    assert "openpyxl" not in loaded
    assert "pydantic" not in loaded


def test_help_imports_no_warehouse(tmp_path: Path) -> None:
    _, loaded = loaded_by(["--help"], tmp_path)
    assert "duckdb" not in loaded and "openpyxl" not in loaded


def test_xlsx_export_loads_openpyxl_and_nothing_of_ingest(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plans.xlsx"
    code, loaded = loaded_by(["export", "-f", "xlsx", "-o", str(out), "--db", str(db)], tmp_path)
    assert code == 0 and out.is_file()
    assert "openpyxl" in loaded
    # openpyxl imports numpy itself when it is installed (openpyxl/compat/numbers.py).
    assert sorted(loaded.intersection(INGEST_ONLY) - {"numpy"}) == []
