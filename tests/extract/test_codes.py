"""The registry of warning codes and failure reasons (extract/vocab/codes.py): complete,
used, documented, enforced, and every warning code triggered by some test."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from extract.models import ExtractIssue
from extract.vocab.codes import FailureReason, WarningCode, codes_markdown
from extract.vocab.families import families
from normalize.models import Warning

from ..conftest import ROOT

TESTS = ROOT / "tests"
PACKAGES = ("extract", "normalize", "warehouse", "pipeline")
DOC = ROOT / "docs" / "warning-codes.md"


def test_the_committed_doc_is_the_generated_one() -> None:
    assert DOC.read_text(encoding="utf-8") == codes_markdown(), (
        "docs/warning-codes.md is stale: run .venv/bin/python scripts/gen_warning_codes.py"
    )


def test_the_doc_lists_every_code_and_reason_once() -> None:
    doc = codes_markdown()
    for member in [*WarningCode, *FailureReason]:
        assert doc.count(f"| `{member.value}` |") == 1, member


@pytest.mark.parametrize("registry", [WarningCode, FailureReason])
def test_codes_are_stable_kebab_case_strings_with_a_meaning(
    registry: type[WarningCode] | type[FailureReason],
) -> None:
    for member in registry:
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", member.value), member
        assert member == member.value and str(member) == member.value and f"{member}" == member
        assert member.meaning and member.meaning == member.meaning.strip()


def test_an_unregistered_code_fails_validation() -> None:
    with pytest.raises(ValidationError):
        ExtractIssue(code="header-unmatched", message="column 9 has no name", page=3)
    with pytest.raises(ValidationError):
        Warning(code="period-unparsable", message="typo of a registered code")
    assert Warning(code="period-unparsed", message="m").code is WarningCode.PERIOD_UNPARSED


def test_mypy_refuses_a_code_that_is_not_a_registry_member(tmp_path: Path) -> None:
    # pyproject's [tool.pydantic-mypy] init_typed makes model constructors typed.
    # A module name of its own: mypy's cache would answer for an earlier "emitter".
    snippet = tmp_path / f"emitter_{uuid.uuid4().hex}.py"
    snippet.write_text(
        "from extract.models import ExtractIssue\n"
        "from extract.vocab.codes import WarningCode\n"
        "from normalize.models import Warning\n"
        'ExtractIssue(code="header-unmatched", message="m")\n'
        'Warning(code="period-unparsed", message="m")\n'
        'Warning(code=WarningCode.PERIOD_UNPARSED, message="m")\n',
        encoding="utf-8",
    )
    mypy = Path(sys.executable).parent / "mypy"
    done = subprocess.run(
        [str(mypy), "--config-file", str(ROOT / "pyproject.toml"), str(snippet)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    flagged = sorted(
        int(line.split(":")[1])
        for line in done.stdout.splitlines()
        if line.startswith(f"{snippet}:") and 'expected "WarningCode"' in line
    )
    assert flagged == [4, 5], done.stdout


def test_a_warning_takes_its_field_from_the_registry() -> None:
    warning = Warning.of(WarningCode.BUDGET_UNPARSED, "m", page=2, plan_no=1, seq=3)
    assert (warning.field, warning.page, warning.plan_no, warning.seq) == ("budget_baht", 2, 1, 3)
    assert Warning.of(WarningCode.PAGE_ROTATED, "m", page=1).field is None


def test_every_row_field_of_a_family_has_an_unresolved_code() -> None:
    fields = {fam.row_field for fam in families() if fam.row_field}
    assert fields == {"step", "element"}
    assert {WarningCode(f"{field}-unresolved").field for field in fields} == fields


def test_failure_lines_read_exactly_as_before() -> None:
    # The printed reasons are part of the CLI's output and of ingest_run_files.error.
    assert FailureReason.EMPTY_FILE.say() == "empty file"
    assert FailureReason.TRUNCATED_PDF.say() == "truncated PDF (no %%EOF at the end of the file)"
    assert FailureReason.DAMAGED_PDF.say(detail="x") == "damaged PDF (x)"
    assert FailureReason.TIMEOUT.say(seconds=10.0) == "timed out after 10 s"
    assert FailureReason.TIMEOUT.say(seconds=2.5) == "timed out after 2.5 s"
    assert FailureReason.OUT_OF_MEMORY.say(limit="") == "out of memory"
    assert FailureReason.TOO_MANY_PAGES.say(count=8, limit=5) == "too many pages (8 > limit 5)"


def _source_files() -> Iterator[Path]:
    for package in PACKAGES:
        yield from (ROOT / package).rglob("*.py")


@pytest.mark.parametrize("registry", [WarningCode, FailureReason])
def test_every_registered_member_is_emitted_somewhere(
    registry: type[WarningCode] | type[FailureReason],
) -> None:
    """A member no module of the four packages names (as Registry.NAME) is dead: remove
    it, or emit it. step/element-unresolved are named in normalize/activity.py too."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in _source_files() if p.name != "codes.py")
    unused = [m.value for m in registry if f"{registry.__name__}.{m.name}" not in text]
    assert unused == []


def test_no_code_is_a_bare_string_at_an_emit_site() -> None:
    """Emitters name codes through the registry: no `code="..."` literal in the packages."""
    literal = re.compile(r"""\bcode\s*=\s*f?["']""")
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in _source_files()
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if literal.search(line)
    ]
    assert offenders == []


# ------------------------------------------------------------ every code has a test
#
# How "asserted by a test" is decided (on the syntax tree, nothing is run):
# - files: every tests/**/test_*.py except this file (it names every code by enumerating
#   the registry, which proves nothing about triggering them);
# - where: inside a function named test_* (its body and its decorators, so a code in a
#   pytest.mark.parametrize list counts), in a function that holds an assert statement;
# - what: a string constant equal to the code (e.g. "rows-merged"), or the attribute
#   WarningCode.NAME;
# - except when negated: a mention under `not`, `not in`, `!=` or `is not` (e.g.
#   `assert "page-rotated" not in codes`) asserts that the code is absent, so it does not
#   count.
# It cannot tell whether the test feeds real input that triggers the code: that is for
# review; it does catch a code that no test mentions positively at all.

_NEGATING = (ast.NotIn, ast.NotEq, ast.IsNot)


def _positive_mentions(node: ast.AST, negated: bool = False) -> Iterator[str]:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        negated = True
    if isinstance(node, ast.Compare) and any(isinstance(op, _NEGATING) for op in node.ops):
        negated = True
    if not negated:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == WarningCode.__name__
        ):
            yield f"{WarningCode.__name__}.{node.attr}"
    for child in ast.iter_child_nodes(node):
        yield from _positive_mentions(child, negated)


def _asserted_mentions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not node.name.startswith("test_"):
            continue
        if not any(isinstance(n, ast.Assert) for n in ast.walk(node)):
            continue
        found.update(_positive_mentions(node))
    return found


def asserted_codes(tests: Path) -> set[WarningCode]:
    me = Path(__file__).resolve()
    mentions: set[str] = set()
    for path in sorted(tests.rglob("test_*.py")):
        if path.resolve() != me:
            mentions |= _asserted_mentions(path)
    return {
        code
        for code in WarningCode
        if code.value in mentions or f"{WarningCode.__name__}.{code.name}" in mentions
    }


def test_every_warning_code_is_asserted_by_a_test() -> None:
    missing = sorted(code.value for code in set(WarningCode) - asserted_codes(TESTS))
    assert missing == [], f"no test asserts these warning codes: {missing}"


def test_the_coverage_check_ignores_negations_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "test_a.py").write_text(
        "def test_x():\n"
        "    codes = run()\n"
        "    assert 'ocr-no-text' not in codes\n"
        "    assert not [c for c in codes if c == 'rows-merged']\n"
        "    assert WarningCode.SEQ_UNPARSED in codes\n"
        "def helper():\n"
        "    assert 'budget-unparsed' in run()\n"
        "def test_y():\n"
        "    expected = 'period-unparsed'\n",
        encoding="utf-8",
    )
    (tmp_path / "data.py").write_text("def test_z():\n    assert 'page-rotated'\n")
    assert asserted_codes(tmp_path) == {WarningCode.SEQ_UNPARSED}
