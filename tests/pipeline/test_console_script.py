"""The console script builds only the command it runs: the same help, output and errors as
the whole app, for a command, a group, a global option first, a typo and no arguments."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

KMPLAN = Path(sys.executable).with_name("kmplan")
WHOLE = [sys.executable, "-c", "from pipeline.cli import app; app(prog_name='kmplan')"]


@pytest.mark.parametrize(
    "args",
    [
        ["query", "--help"],
        ["departments", "list", "--help"],
        ["audit", "--bogus"],
        ["--wait", "0", "query", "select 1", "--db", "missing.duckdb"],
        ["querry", "x"],
        [],
    ],
)
def test_one_command_app_answers_like_the_whole_app(args: list[str], tmp_path: Path) -> None:
    def run(command: list[str]) -> tuple[int, str, str]:
        done = subprocess.run([*command, *args], capture_output=True, text=True, cwd=tmp_path)
        return done.returncode, done.stdout, done.stderr

    assert run([str(KMPLAN)]) == run(WHOLE)


def test_the_one_command_app_runs_the_command(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    from warehouse.connection import open_warehouse

    open_warehouse(db).close()  # a new, empty warehouse
    done = subprocess.run(
        [str(KMPLAN), "query", "select 40 + 2 as answer", "--db", str(db), "--format", "csv"],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout) == (0, "answer\n42\n"), done.stderr
