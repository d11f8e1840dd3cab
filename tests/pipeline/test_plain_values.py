"""The plain option values read without pydantic (pipeline/commands/plain_values.py) are
what Typer's own check makes of them, on every option of every command; what it is not
sure of, and every error, is Typer's to say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer._click import Context
from typer._click.exceptions import BadParameter

from pipeline.cli import app
from pipeline.commands import plain_values

from .batch_support import run_cli

# What a user may type for an option, or what a default is.
VALUES: list[Any] = [
    None, "", "0", "7", "-3", "0.05", "1.5", "60.0", " 5 ", "1_000", "1e3", "abc", "2566",
    "9999", "csv", "CSV", "jsonl", "table", "local", "kmplan.duckdb", "-", "อบจ.ตาก",
    3, 0, 2.5, True, Path("kmplan.duckdb"), ("2565", "2566"), ["x"], ("1.5",), (),
]  # fmt: skip


def _parameters() -> list[tuple[str, Any, Any]]:
    root = typer.main.get_command(app)
    found = []

    def walk(command: Any, name: str) -> None:
        ctx = Context(command, info_name=name)
        for param in [*command.params, command.get_help_option(ctx)]:
            found.append((f"{name} {param.name}", param, ctx))
        for sub_name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{name} {sub_name}")

    walk(root, "kmplan")
    return found


PARAMETERS = _parameters()


def _typer_reading(value: Any, param: Any, ctx: Context) -> Any:
    param._runtime_param = None
    try:
        return ("value", param.get_runtime_param().coerce(value, param=param, ctx=ctx))
    except BadParameter:
        return ("error", None)


@pytest.mark.parametrize(("name", "param", "ctx"), PARAMETERS, ids=[p[0] for p in PARAMETERS])
def test_plain_readings_are_typers(name: str, param: Any, ctx: Context) -> None:
    read = 0
    for value in VALUES:
        try:
            ours = plain_values.read_value(value, param, ctx)
        except plain_values._Unsure:
            continue
        kind, theirs = _typer_reading(value, param, ctx)
        assert kind == "value", (name, value)
        assert (ours, type(ours)) == (theirs, type(theirs)), (name, value)
        read += 1
    assert read > 0, name  # the default, at least, is read plainly


def test_a_bad_value_gets_typers_message(tmp_path: Path) -> None:
    db = str(tmp_path / "none.duckdb")
    code, _, err = run_cli("query", "select 1", "--db", db, "--timeout", "0")
    assert code == 2
    assert "Invalid value for '--timeout'" in err and "greater than or equal to 0.1" in err
    code, _, err = run_cli("query", "select 1", "--db", db, "--max-rows", "many")
    assert code == 2 and "Invalid value for '--max-rows'" in err
    code, _, err = run_cli("export", "--format", "pdf", "--db", db)
    assert code == 2 and "Invalid value for '--format'" in err
