"""Command-line values of the plain kinds read without pydantic: a read command starts
about as fast as DuckDB (issue 14).

Typer (0.2x and later) checks every value a command gets through a pydantic TypeAdapter,
and importing pydantic for that costs more than half of DuckDB's own start, which is all a
`kmplan query` needs. A value of a plain kind, well formed, is read here as Typer reads
it: text; a whole number or a decimal in plain digits within the option's bounds; a path
(Typer's own path check); a choice (Typer's own choice check); a list of these. Anything
else, and every value that is not well formed, goes to Typer's own check, which also
words the error: what a user sees never differs.

Typer versions without per-value checks (before 0.2x) have nothing to replace: install()
leaves them alone. Tests compare these readings with Typer's on every option of every
command (tests/pipeline/test_plain_values.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

_INT = re.compile(r"-?[0-9]{1,18}")
_DECIMAL = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?")


class _Unsure(Exception):
    """This value is Typer's to check."""


def _number(value: Any, kind: type, info: Any) -> int | float:
    if isinstance(value, bool) or getattr(info, "clamp", False):
        raise _Unsure
    if isinstance(value, str):
        if not (_INT if kind is int else _DECIMAL).fullmatch(value):
            raise _Unsure
        number: int | float = kind(value)
    elif isinstance(value, int | float) and (kind is float or isinstance(value, int)):
        number = kind(value)
    else:
        raise _Unsure
    low, high = getattr(info, "min", None), getattr(info, "max", None)
    if (low is not None and number < low) or (high is not None and number > high):
        raise _Unsure  # Typer says why
    return number


def _typer_check(name: str) -> Any:
    """One of Typer's own value checks that need no pydantic (typer._param_types)."""
    try:
        from typer import _param_types
    except ImportError as exc:  # another Typer: its own checks do all
        raise _Unsure from exc
    check = getattr(_param_types, name, None)
    if check is None:
        raise _Unsure
    return check


def _path(value: Any, info: Any, param: Any, ctx: Any) -> Any:
    coerce_cli_path = _typer_check("coerce_cli_path")
    if getattr(info, "path_type", None) is not None or value == "":
        raise _Unsure
    if isinstance(value, str):
        value = Path(value)  # as pydantic's Path check makes it, before Typer's checks
    if not isinstance(value, Path):
        raise _Unsure
    try:
        return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    except Exception as exc:  # a path that fails a check: Typer's own message
        raise _Unsure from exc


def _choice(value: Any, kind: type[Enum], info: Any, ctx: Any) -> Any:
    coerce_cli_choice = _typer_check("coerce_cli_choice")
    try:
        return coerce_cli_choice(
            value, choices=tuple(kind), case_sensitive=info.case_sensitive, ctx=ctx
        )
    except ValueError as exc:
        raise _Unsure from exc


def _one(value: Any, kind: Any, param: Any, ctx: Any) -> Any:
    info = param.type_descriptor.parameter_info
    if getattr(info, "parser", None) is not None:
        raise _Unsure
    if kind is str and isinstance(value, str):
        return value
    if kind is int or kind is float:
        return _number(value, kind, info)
    if kind is Path:
        return _path(value, info, param, ctx)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _choice(value, kind, info, ctx)
    raise _Unsure


def read_value(value: Any, param: Any, ctx: Any) -> Any:
    """`value` as Typer would make it for `param`; _Unsure when that is Typer's to say."""
    kind = param.type_descriptor.annotation
    many = param.multiple or param.nargs == -1
    if value is None:
        return () if many else None
    if get_origin(kind) is list:
        if not many or not isinstance(value, list | tuple):
            raise _Unsure
        [item] = get_args(kind)
        return [_one(v, item, param, ctx) for v in value]
    if many:
        raise _Unsure
    return _one(value, kind, param, ctx)


class _PlainValues:
    """Stands in for Typer's per-parameter check (its RuntimeParam) until a value needs
    Typer's own: then that one is built, kept and used from then on."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return read_value(value, param, ctx)
        except _Unsure:
            param._runtime_param = None
            return param.get_runtime_param().coerce(value, param=param, ctx=ctx)


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def _plain(param: Any) -> Any:
    typer_checks = hasattr(param, "get_runtime_param") and hasattr(param, "type_descriptor")
    if typer_checks and getattr(param, "_runtime_param", False) is None:
        param._runtime_param = _PlainValues()
    return param


def install(command: Any) -> None:
    """Read the plain values of `command` and its subcommands without pydantic."""
    for each in _commands(command):
        for param in each.params:
            _plain(param)
        # --help is made on first use (and kept): read plainly too.
        make_help = each.get_help_option
        each.get_help_option = lambda ctx, make=make_help: _plain(make(ctx))
