"""Shared fixtures of the reliability tests: a small warehouse, the CLI, small file systems."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

from ..conftest import ROOT
from ..pipeline.batch_support import make_mini

runner = CliRunner()


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def errors(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("error:")]


def cli(*args: str, env: dict[str, str] | None = None) -> Run:
    """The command in this process; an exception other than an exit is a test failure."""
    result = runner.invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"kmplan {' '.join(args)} raised {result.exception!r}")
    return Run(result.exit_code, result.stdout, result.stderr)


def kmplan(*args: str, timeout: float = 60, env: dict[str, str] | None = None) -> Run:
    """The command in its own process (for what could hang, or reads real stdout)."""
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    return Run(done.returncode, done.stdout, done.stderr)


def one_line_error(run: Run, *needles: str, code: int = 1) -> str:
    """The run failed with exactly one `error:` line holding every needle, no traceback."""
    assert run.code == code, (run.code, run.out, run.err)
    assert "Traceback" not in run.out + run.err, run.err
    assert len(run.errors) == 1, run.err
    for needle in needles:
        assert needle in run.errors[0], (needle, run.errors[0])
    return run.errors[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def mini_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mini(tmp_path_factory.mktemp("mini") / "mini.pdf")


@pytest.fixture(scope="session")
def mini_db_master(tmp_path_factory: pytest.TempPathFactory, mini_pdf: Path) -> Path:
    db = tmp_path_factory.mktemp("minidb") / "w.duckdb"
    run = cli("ingest", str(mini_pdf), "--db", str(db), "--workers", "1")
    assert run.code == 0, run.err
    return db


@pytest.fixture
def mini_db(tmp_path: Path, mini_db_master: Path) -> Path:
    """A warehouse of the mini sample (1 plan, 7 rows) of the test's own."""
    db = tmp_path / "w.duckdb"
    shutil.copy(mini_db_master, db)
    return db


def _mount_tmpfs(folder: Path, size: str, read_only: bool = False) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    folder.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB file system of the test's own (unmounted afterwards)."""
    folder = tmp_path / "small"
    _mount_tmpfs(folder, "2m")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """tmpfs("6m"): a file system of that size of the test's own (unmounted afterwards)."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        folder = tmp_path / f"fs{len(mounted)}"
        _mount_tmpfs(folder, size)
        mounted.append(folder)
        return folder

    try:
        yield mount
    finally:
        for folder in mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def room_for_one_warehouse(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB file system: a new warehouse (about 2 MB) fits, its first checkpoint after
    a load (blocks of 256 kB for every table) does not."""
    folder = tmp_path / "four"
    _mount_tmpfs(folder, "4m")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def read_only_fs(tmp_path: Path) -> Iterator[Path]:
    """A read-only file system (root ignores file modes, so a mount is the honest way)."""
    folder = tmp_path / "ro"
    _mount_tmpfs(folder, "1m", read_only=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def read_only_db(tmp_path: Path, mini_db_master: Path) -> Iterator[Path]:
    """The mini warehouse on a file system mounted read-only."""
    folder = tmp_path / "rodb"
    _mount_tmpfs(folder, "8m")
    try:
        shutil.copy(mini_db_master, folder / "w.duckdb")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder / "w.duckdb"
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Fill the file system of `folder` to the last byte."""
    for name, chunk in (("ballast", 65536), ("ballast2", 1)):
        try:
            with (folder / name).open("wb", buffering=0) as stream:
                while True:
                    stream.write(b"\0" * chunk)
        except OSError:
            pass
