"""A real faculty quality-improvement plan (../shared/realworld), whose tables read as a plan
but that nothing calls a KM plan, is refused in one line naming its title and recorded so
in the warehouse's registry; the KM plan beside it in the batch is loaded."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from extract.vocab.codes import FailureReason

from ..conftest import SHARED
from .batch_support import make_mini, run_cli

QUALITY = SHARED / "realworld" / "pua-plan-quality-improvement-2559.pdf"
REASON = (
    "not a KM action plan: no KM title and no KM step in its tables "
    "(its title: 'แผนพัฒนาคุณภาพ ระดับคณะ')"
)


@pytest.mark.skipif(not QUALITY.is_file(), reason="../shared/realworld is not present")
def test_a_real_quality_plan_is_refused_with_its_title(tmp_path: Path) -> None:
    mini = make_mini(tmp_path / "km-plan.pdf")
    db = tmp_path / "w.duckdb"
    code, out, err = run_cli("ingest", str(QUALITY), str(mini), "--db", str(db))
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {QUALITY}: {REASON}"]
    assert REASON == FailureReason.NOT_KM_PLAN.say(seen=" (its title: 'แผนพัฒนาคุณภาพ ระดับคณะ')")
    assert f"ok:    {mini}" in out + err
    with duckdb.connect(str(db), read_only=True) as con:
        registry = con.execute(
            "select status, error from ingest_run_files where path = ?", [str(QUALITY)]
        ).fetchall()
        documents = con.execute("select source_file from documents").fetchall()
    assert registry == [("failed", REASON)]
    assert documents == [("km-plan.pdf",)]
