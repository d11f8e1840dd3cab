"""The benchmark corpus (benchmarks/make_corpus.py): distinct documents whose organization,
fiscal year and departments kmplan reads back exactly as the generator's manifest says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from benchmarks import make_corpus as mc

from .batch_support import export_jsonl, run_cli

DOCUMENTS = 3
BASES = 2  # documents 1 and 3 share a base: departments alike, year/province/digits not


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is needed to render the corpus bases")
    tmp = tmp_path_factory.mktemp("corpus")
    folder = tmp / "plans"
    mc.build_corpus(DOCUMENTS, folder, seed=7, bases=BASES, cache=tmp / "cache")
    lines = (folder / mc.MANIFEST).read_text(encoding="utf-8").splitlines()
    return folder, [json.loads(line) for line in lines]


def test_manifest_lists_distinct_documents(
    corpus: tuple[Path, list[dict[str, Any]]],
) -> None:
    folder, manifest = corpus
    assert [m["file"] for m in manifest] == [f"km-plan-{i:05d}.pdf" for i in range(1, 4)]
    assert sorted(p.name for p in folder.glob("*.pdf")) == [m["file"] for m in manifest]
    assert len({m["sha256"] for m in manifest}) == DOCUMENTS
    facts = {(m["organization"], m["fiscal_year"], m["reference_no"]) for m in manifest}
    assert len(facts) == DOCUMENTS  # the content differs too, not only the bytes
    first, second, third = (tuple(m["departments"]) for m in manifest)
    assert first == third != second
    assert len(set(first)) == len(first) == 9


def test_corpus_reads_back_as_the_manifest_says(
    corpus: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, manifest = corpus
    db = tmp_path / "w.duckdb"
    code, out, err = run_cli("ingest", str(folder), "--db", str(db), "--workers", "2")
    assert code == 0, err
    assert f"{DOCUMENTS} ingested, 0 already present, 0 failed; {DOCUMENTS * 63} new rows" in out
    rows = [json.loads(line) for line in export_jsonl(db, tmp_path / "rows.jsonl").splitlines()]

    read: dict[str, dict[str, Any]] = {}
    for row in rows:
        doc = read.setdefault(row["source_file"], {"departments": []})
        for field in ("document_id", "organization", "fiscal_year", "announced_on", "reference_no"):
            doc[field] = row[field]
        departments = doc["departments"]
        if not departments or departments[-1] != row["department"]:
            departments.append(row["department"])
    assert sorted(read) == [m["file"] for m in manifest]
    for written in manifest:
        got = read[str(written["file"])]
        expected = {
            "document_id": written["sha256"],
            "organization": written["organization"],
            "fiscal_year": written["fiscal_year"],
            "announced_on": written["announced_on"],
            "reference_no": written["reference_no"],
            "departments": written["departments"],
        }
        assert got == expected, written["file"]


def test_department_substitution_keeps_a_lost_parenthesis() -> None:
    assert mc._rename("องค์การบริหารส่วนจังหวัดตาก (กองคลัง)", "กองช่าง") == (
        "องค์การบริหารส่วนจังหวัดตาก (กองช่าง)"
    )
    assert mc._rename("องค์การบริหารส่วนจังหวัดตาก (สำนักงานส่งเสริมวิสาหกิจ", "กองช่าง") == (
        "องค์การบริหารส่วนจังหวัดตาก (กองช่าง"
    )
